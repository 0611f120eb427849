// ECharts for the results pages: ranking bar, category radar, judges' score distribution (box plot).
(function () {
  function read(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }
  function chart(id) {
    var node = document.getElementById(id);
    return node && window.echarts ? echarts.init(node) : null;
  }
  var data = read("chart-data") || {};
  var radarData = read("radar-data") || data.radar;

  var ranking = chart("chart-ranking");
  if (ranking && data.ranking) {
    var rows = data.ranking.slice().reverse();
    ranking.setOption({
      grid: { left: 80, right: 40, top: 10, bottom: 30 },
      // Bars start at 0: a cut axis makes a 2-point gap look like a county doing half as well.
      xAxis: { type: "value", min: 0 },
      yAxis: { type: "category", data: rows.map(function (r) { return r.name; }) },
      tooltip: {},
      series: [{ type: "bar", data: rows.map(function (r) {
        return { value: Number(r.value), itemStyle: { color: r.vetoed ? "#9aa5b1" : "#1d4ed8" } };
      }), label: { show: true, position: "right" } }]
    });
  }

  var radar = chart("chart-radar");
  if (radar && radarData && radarData.series.length) {
    radar.setOption({
      legend: { bottom: 0, type: "scroll" },
      tooltip: {},
      // Category names run to eleven characters; wrapped they stay inside a narrow card.
      radar: { indicator: radarData.indicators, radius: "58%", center: ["50%", "48%"],
        axisName: { color: "#52606d", lineHeight: 16, formatter: function (name) { return name.replace(/(.{6})(?=.)/g, "$1\n"); } } },
      series: [{ type: "radar", data: radarData.series.map(function (s) {
        return { name: s.name, value: s.value.map(Number) };
      }) }]
    });
  }

  var judges = chart("chart-judges");
  if (judges && data.judges && data.judges.length) {
    judges.setOption({
      grid: { left: 50, right: 20, top: 10, bottom: 90 },
      tooltip: {},
      xAxis: { type: "category", data: data.judges.map(function (j) { return j.name; }), axisLabel: { rotate: 40 } },
      yAxis: { type: "value", scale: true },
      series: [{ type: "boxplot", data: data.judges.map(function (j) { return j.box.map(Number); }) }]
    });
  }
  window.addEventListener("resize", function () {
    [ranking, radar, judges].forEach(function (c) { if (c) { c.resize(); } });
  });
})();
