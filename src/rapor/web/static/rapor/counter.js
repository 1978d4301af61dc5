/* Character counters for text boxes with a limit (comments, notes): a box with
   data-counter="ID" and maxlength updates the element #ID with "n / max". Without JavaScript
   the element keeps its server-rendered text (the limit), and maxlength still holds. Works for
   boxes that htmx swaps in later (event delegation). */
(function () {
  function update(box) {
    var out = document.getElementById(box.dataset.counter);
    var max = parseInt(box.getAttribute("maxlength"), 10);
    if (!out || !max) return;
    var n = box.value.length;
    out.textContent = out.dataset.template.replace("{n}", n).replace("{max}", max);
    out.classList.toggle("text-danger", n >= max);
  }
  document.addEventListener("input", function (e) {
    if (e.target.dataset && e.target.dataset.counter) update(e.target);
  });
  function all() {
    document.querySelectorAll("[data-counter]").forEach(update);
  }
  document.addEventListener("DOMContentLoaded", all);
  document.addEventListener("htmx:afterSettle", all);
})();
