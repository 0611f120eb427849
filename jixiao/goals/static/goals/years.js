// A unit's years side by side: execution rate and department-wide score.
(function () {
  var data = JSON.parse(document.getElementById("years-data").textContent);
  var chart = echarts.init(document.getElementById("chart-years"));
  chart.setOption({
    tooltip: { trigger: "axis" }, legend: { data: ["预算执行率 %", "自评得分"] },
    xAxis: { type: "category", data: data.years }, yAxis: { type: "value", min: 0, max: 110 },
    series: [
      { name: "预算执行率 %", type: "bar", data: data.rates },
      { name: "自评得分", type: "bar", data: data.scores },
    ],
  });
})();
