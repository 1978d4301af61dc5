/* The dashboard's charts: read the JSON data island #dashboard-data (no inline script, for the
   Content Security Policy) and draw them with the vendored Chart.js. Colours come with labels,
   dashed lines and a data table beside each chart, so nothing depends on colour alone. */
(function () {
  function draw() {
    var island = document.getElementById("dashboard-data");
    if (!island || typeof Chart === "undefined") return;
    var data = JSON.parse(island.textContent);
    var lang = document.documentElement.lang || "id";
    var fmt = new Intl.NumberFormat(lang === "en" ? "en" : "id-ID", {
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
    });
    // long names on two or three lines, so that a phone shows them whole
    var wrap = function (text, width) {
      var lines = [], line = "";
      text.split(" ").forEach(function (word) {
        if (line && (line + " " + word).length > width) { lines.push(line); line = word; }
        else line = line ? line + " " + word : word;
      });
      if (line) lines.push(line);
      return lines;
    };
    var narrow = window.matchMedia("(max-width: 575.98px)").matches;
    Chart.defaults.font.size = 13;
    Chart.defaults.maintainAspectRatio = false;
    // drawn at once: a projector, a printout or a screenshot shows the real figures, never a
    // line still rising from zero (and nobody who asked for reduced motion gets any)
    Chart.defaults.animation = false;
    var bars = document.getElementById("chart-bars");
    if (bars) {
      new Chart(bars, {
        type: "bar",
        data: {
          labels: data.bars.labels.map(function (l) { return wrap(l, narrow ? 14 : 24); }),
          datasets: [
            { label: bars.dataset.score, data: data.bars.score, backgroundColor: "#1f5f8b" },
            {
              label: bars.dataset.weight,
              data: data.bars.weight,
              backgroundColor: "rgba(31,95,139,0.15)",
              borderColor: "#1f5f8b",
              borderWidth: 1,
            },
          ],
        },
        options: {
          indexAxis: "y",
          scales: { x: { beginAtZero: true }, y: { ticks: { autoSkip: false } } },
          plugins: {
            tooltip: { callbacks: { label: function (c) { return c.dataset.label + ": " + fmt.format(c.raw); } } },
          },
        },
      });
    }
    var trend = document.getElementById("chart-trend");
    if (trend) {
      var n = data.trend.days.length;
      var flat = function (v) { var a = []; for (var i = 0; i < n; i++) a.push(v); return a; };
      var sets = [
        { label: trend.dataset.index, data: data.trend.index, borderColor: "#1f5f8b", backgroundColor: "#1f5f8b", pointRadius: n > 40 ? 0 : 2, tension: 0.2 },
        { label: trend.dataset.verified, data: data.trend.verified, borderColor: "#146c43", backgroundColor: "#146c43", borderDash: [2, 3], pointRadius: 0, tension: 0.2 },
      ];
      if (data.trend.last_year !== null) {
        sets.push({ label: trend.dataset.lastYear, data: flat(data.trend.last_year), borderColor: "#6c757d", borderDash: [8, 4], pointRadius: 0 });
      }
      if (data.trend.target !== null) {
        sets.push({ label: trend.dataset.target, data: flat(data.trend.target), borderColor: "#d9480f", borderDash: [3, 3], pointRadius: 0 });
      }
      var day = new Intl.DateTimeFormat(lang === "en" ? "en" : "id-ID", { day: "numeric", month: "short" });
      new Chart(trend, {
        type: "line",
        data: {
          labels: data.trend.days.map(function (d) { return day.format(new Date(d + "T00:00:00")); }),
          datasets: sets,
        },
        options: {
          scales: { x: { ticks: { maxTicksLimit: narrow ? 4 : 8, maxRotation: 0 } } },
          plugins: {
            tooltip: { callbacks: { label: function (c) { return c.dataset.label + ": " + fmt.format(c.raw); } } },
          },
        },
      });
    }
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", draw);
  else draw();
})();
