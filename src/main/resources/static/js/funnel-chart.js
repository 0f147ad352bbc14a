// Draws the funnel plot: departments as points (value against denominator), the pooled target and
// the 95% and 99.8% limits; points outside the limits are drawn in red.
(function () {
  function draw() {
    var element = document.getElementById('funnel-chart');
    if (!element || !window.echarts) {
      return;
    }
    var data = JSON.parse(element.getAttribute('data-chart'));
    function curve(index) { return data.curve.map(function (c) { return [c[0], c[index]]; }); }
    var chart = window.echarts.init(element, null, { renderer: 'svg' });
    chart.setOption({
      animation: false,
      tooltip: { trigger: 'item', formatter: function (p) { return p.data[2] ? p.data[2] + ': ' + p.data[1].toFixed(2) : ''; } },
      grid: { left: 56, right: 16, top: 24, bottom: 40 },
      xAxis: { type: 'value', scale: true },
      yAxis: { type: 'value', scale: true, name: data.unit },
      series: [
        { type: 'scatter', symbolSize: 9, data: data.points,
          itemStyle: { color: function (p) { return p.data[3] === 'WITHIN' ? '#0d6efd' : '#dc3545'; } } },
        { type: 'line', symbol: 'none', data: data.curve.map(function (c) { return [c[0], data.target]; }), lineStyle: { color: '#198754' } },
        { type: 'line', symbol: 'none', data: curve(1), lineStyle: { color: '#6c757d', type: 'dashed' } },
        { type: 'line', symbol: 'none', data: curve(2), lineStyle: { color: '#6c757d', type: 'dashed' } },
        { type: 'line', symbol: 'none', data: curve(3), lineStyle: { color: '#212529' } },
        { type: 'line', symbol: 'none', data: curve(4), lineStyle: { color: '#212529' } }
      ]
    });
    window.addEventListener('resize', function () { chart.resize(); });
    element.setAttribute('data-rendered', 'true');
  }
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', draw);
  } else {
    draw();
  }
})();
