/* Rapor's few behaviours, bound by data attributes (the Content-Security-Policy allows no inline
   script, so no onchange="..." in the templates). Delegated from the document, so they work on
   content htmx swaps in too.
   - data-rapor-section on a <select>: go to the chosen section of the Lembar Kerja.
   - data-rapor-check-all="SELECTOR" on a checkbox: tick or untick every matching checkbox.
   - data-rapor-filter="SELECTOR" on a search field: hide the matching rows without the text. */
(function () {
  "use strict";
  document.addEventListener("change", function (event) {
    var el = event.target;
    if (el.matches("select[data-rapor-section]")) {
      location.search = "?section=" + encodeURIComponent(el.value);
    } else if (el.matches("input[data-rapor-check-all]")) {
      document.querySelectorAll(el.dataset.raporCheckAll).forEach(function (box) {
        box.checked = el.checked;
      });
    }
  });
  document.addEventListener("input", function (event) {
    var el = event.target;
    if (!el.matches("input[data-rapor-filter]")) return;
    var text = el.value.toLowerCase();
    document.querySelectorAll(el.dataset.raporFilter).forEach(function (row) {
      row.hidden = !row.textContent.toLowerCase().includes(text);
    });
  });
})();
