// Charts of the overview: score against execution rate, and the grade distribution.
// Tooltips are HTML: every figure and name from the data goes through encodeHTML,
// so a goal named "<img onerror=...>" shows as text.
(function () {
  var text = echarts.format.encodeHTML;
  var data = JSON.parse(document.getElementById("charts-data").textContent);
  var scatter = echarts.init(document.getElementById("chart-scatter"));
  scatter.setOption({
    tooltip: { formatter: function (p) { return text(String(p.data[2])) + "<br>执行率 " + text(String(p.data[0])) + "%，得分 " + text(String(p.data[1])); } },
    xAxis: { name: "执行率%", nameLocation: "middle", nameGap: 28, min: 0, max: 110 }, yAxis: { name: "得分", min: 0, max: 100 },
    series: [{ type: "scatter", symbolSize: 14, data: data.scatter }],
  });
  var grades = echarts.init(document.getElementById("chart-grades"));
  grades.setOption({ tooltip: {}, series: [{ type: "pie", radius: "65%", data: data.grades, label: { formatter: "{b}：{c}" } }] });
})();
