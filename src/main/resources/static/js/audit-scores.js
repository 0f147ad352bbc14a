// Audit scores: one line per department, the mean inspection score of each month (gaps where none).
(function () {
  function draw() {
    var holder = document.getElementById('audit-score-chart');
    if (!holder || !window.echarts) {
      return;
    }
    var data = JSON.parse(holder.getAttribute('data-chart'));
    var chart = window.echarts.init(document.getElementById('audit-score-trend'), null, { renderer: 'svg' });
    chart.setOption({
      animation: false, tooltip: { trigger: 'axis' }, legend: { top: 0, type: 'scroll' },
      grid: { left: 48, right: 16, top: 40, bottom: 32 },
      xAxis: { type: 'category', data: data.months },
      yAxis: { type: 'value', min: 0, max: 100, name: data.unit },
      series: Object.keys(data.series).map(function (name) {
        return { name: name, type: 'line', connectNulls: false, data: data.series[name] };
      })
    });
    window.addEventListener('resize', function () { chart.resize(); });
    holder.setAttribute('data-rendered', 'true');
  }
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', draw);
  } else {
    draw();
  }
})();
