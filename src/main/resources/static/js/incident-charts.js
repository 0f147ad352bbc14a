// Incident analysis: monthly reports stacked by level, and the Pareto of categories with its
// cumulative share.
(function () {
  function draw() {
    var holder = document.getElementById('incident-charts');
    if (!holder || !window.echarts) {
      return;
    }
    var data = JSON.parse(holder.getAttribute('data-chart'));
    var trend = window.echarts.init(document.getElementById('incident-trend'), null, { renderer: 'svg' });
    trend.setOption({
      animation: false, tooltip: { trigger: 'axis' }, legend: { top: 0 },
      grid: { left: 40, right: 16, top: 32, bottom: 32 },
      xAxis: { type: 'category', data: data.months }, yAxis: { type: 'value', minInterval: 1 },
      series: Object.keys(data.levels).map(function (name) {
        return { name: name, type: 'bar', stack: 'levels', data: data.levels[name] };
      })
    });
    var total = data.counts.reduce(function (a, b) { return a + b; }, 0);
    var running = 0;
    var cumulative = data.counts.map(function (n) { running += n; return total ? Math.round(running * 1000 / total) / 10 : 0; });
    var pareto = window.echarts.init(document.getElementById('incident-pareto'), null, { renderer: 'svg' });
    pareto.setOption({
      animation: false, tooltip: { trigger: 'axis' },
      grid: { left: 40, right: 48, top: 24, bottom: 80 },
      xAxis: { type: 'category', data: data.categories, axisLabel: { rotate: 40, interval: 0 } },
      yAxis: [{ type: 'value', minInterval: 1 }, { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } }],
      series: [
        { type: 'bar', data: data.counts, itemStyle: { color: '#0d6efd' } },
        { name: data.cumulativeLabel, type: 'line', yAxisIndex: 1, data: cumulative, itemStyle: { color: '#dc3545' } }
      ]
    });
    window.addEventListener('resize', function () { trend.resize(); pareto.resize(); });
    holder.setAttribute('data-rendered', 'true');
  }
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', draw);
  } else {
    draw();
  }
})();
