// Draws the indicator chart from the JSON the page carries in data-chart: monthly values, the
// centre line and control limits when the SPC analysis gave them, signals in red, the target.
(function () {
  function draw() {
    var element = document.getElementById('indicator-chart');
    if (!element || !window.echarts || element.getAttribute('data-rendered') === 'true') {
      return;
    }
    var data = JSON.parse(element.getAttribute('data-chart'));
    var series = [{
      name: data.valueLabel || 'value', type: 'line', data: data.values, symbolSize: 7,
      itemStyle: { color: '#0d6efd' },
      markPoint: data.signalPoints && data.signalPoints.length ? {
        symbol: 'circle', symbolSize: 12, itemStyle: { color: '#dc3545' },
        label: { show: false },
        data: data.signalPoints.map(function (i) { return { coord: [i, data.values[i]] }; })
      } : undefined
    }];
    function line(name, values, color, dashed) {
      if (values) {
        series.push({ name: name, type: 'line', data: values, symbol: 'none', step: 'middle',
          lineStyle: { color: color, type: dashed ? 'dashed' : 'solid', width: 1.5 }, itemStyle: { color: color } });
      }
    }
    line(data.centerLabel, data.centerLine, '#198754', false);
    line(data.limitLabel, data.ucl, '#6c757d', true);
    line(data.limitLabel, data.lcl, '#6c757d', true);
    if (data.target !== null && data.target !== undefined) {
      line(data.targetLabel, data.values.map(function () { return data.target; }), '#fd7e14', true);
    }
    var chart = window.echarts.init(element, null, { renderer: 'svg' });
    chart.setOption({
      animation: false,
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 48, right: 16, top: 32, bottom: 32 },
      xAxis: { type: 'category', data: data.labels },
      yAxis: { type: 'value', scale: true, name: data.unit },
      series: series
    });
    window.addEventListener('resize', function () { chart.resize(); });
    element.setAttribute('data-rendered', 'true');
  }
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', draw);
  } else {
    draw();
  }
  // a chart that arrives in an htmx fragment (an action's verification panel) is drawn when it lands
  document.addEventListener('htmx:afterSettle', draw);
})();
