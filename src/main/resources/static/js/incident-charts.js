// Incident analysis: monthly reports stacked by level, the control chart of monthly counts (signals
// in red, a runs signal colours the centre line), and the Pareto of categories with its cumulative share.
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
    var control = null;
    var spc = data.spc;
    var controlElement = document.getElementById('incident-control');
    if (spc && controlElement) {
      control = window.echarts.init(controlElement, null, { renderer: 'svg' });
      var limit = function (name, values) {
        return { name: name, type: 'line', data: values, symbol: 'none', step: 'middle',
          lineStyle: { color: '#6c757d', type: 'dashed', width: 1.5 }, itemStyle: { color: '#6c757d' } };
      };
      control.setOption({
        animation: false, tooltip: { trigger: 'axis' }, legend: { top: 0 },
        grid: { left: 48, right: 16, top: 32, bottom: 32 },
        xAxis: { type: 'category', data: data.months }, yAxis: { type: 'value', scale: false },
        series: [
          { name: spc.valueLabel, type: 'line', data: spc.values, symbolSize: 7, itemStyle: { color: '#0d6efd' },
            markPoint: spc.signals.length ? {
              symbol: 'circle', symbolSize: 13, itemStyle: { color: '#dc3545' }, label: { show: false },
              data: spc.signals.map(function (i) { return { name: spc.signalLabel, coord: [i, spc.values[i]] }; })
            } : undefined },
          // a runs signal (a shift or too few crossings) colours the centre line
          { name: spc.centreLabel, type: 'line', data: spc.centre, symbol: 'none', step: 'middle',
            lineStyle: { color: spc.runsSignal ? '#fd7e14' : '#198754', width: spc.runsSignal ? 2.5 : 1.5 },
            itemStyle: { color: spc.runsSignal ? '#fd7e14' : '#198754' } },
          limit(spc.limitLabel, spc.upper),
          limit(spc.limitLabel, spc.lower)
        ]
      });
    }
    window.addEventListener('resize', function () { trend.resize(); pareto.resize(); if (control) { control.resize(); } });
    holder.setAttribute('data-rendered', 'true');
  }
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', draw);
  } else {
    draw();
  }
})();
