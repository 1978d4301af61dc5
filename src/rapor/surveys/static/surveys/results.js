/* The SKM trend chart: IKM (line) and respondents (bars) per period. Reads its data from the
   JSON data island #trend-data (no inline script: the page may forbid them). Without JavaScript
   the table under the chart says the same. */
(function () {
  "use strict";
  var island = document.getElementById("trend-data");
  var canvas = document.getElementById("trend-chart");
  if (!island || !canvas || !window.Chart) { return; }
  var data = JSON.parse(island.textContent);
  new window.Chart(canvas, {
    data: {
      labels: data.labels,
      datasets: [
        { type: "line", label: data.label_ikm, data: data.ikm, yAxisID: "ikm", borderColor: "#1f5f8b",
          backgroundColor: "#1f5f8b", spanGaps: false, tension: 0.2, pointRadius: 4 },
        { type: "bar", label: data.label_n, data: data.respondents, yAxisID: "n",
          backgroundColor: "rgba(108, 117, 125, 0.35)", borderColor: "#6c757d", borderWidth: 1 }
      ]
    },
    options: {
      maintainAspectRatio: false,
      animation: false,
      interaction: { mode: "index", intersect: false },
      scales: {
        ikm: { position: "left", min: 25, max: 100, title: { display: true, text: data.label_ikm } },
        n: { position: "right", beginAtZero: true, grid: { drawOnChartArea: false },
             title: { display: true, text: data.label_n } }
      }
    }
  });
})();
