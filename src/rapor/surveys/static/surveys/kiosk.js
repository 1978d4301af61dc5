/* Kiosk mode of the SKM survey: a tablet at the MPP takes one respondent after another.

   How this works: a submission is never sent straight from the form. It is first written to a
   queue in localStorage with an id made here (a UUID), the form is cleared for the next
   respondent, and the queue is then sent in order, one item at a time. An item leaves the queue
   only when the server says it is stored (201) or was stored already (200: the same id came
   before, e.g. the reply to an earlier try was lost with the network). A network error or a
   rate limit (429) keeps it for a later try (on the browser's "online" event and on a timer);
   a refusal (400) moves it to a second list kept on the tablet and shown to the staff, never
   thrown away. So a network drop loses nothing, and the server's unique id means nothing is
   stored twice. No library, no inline script (the page may forbid them). */
(function () {
  "use strict";
  var form = document.querySelector("form[data-kiosk]");
  if (!form || !window.localStorage || !window.fetch) {
    return; // without them the form posts normally and the thank-you page comes back here
  }
  var QUEUE = "rapor.skm.queue." + form.getAttribute("data-kiosk");
  var REFUSED = "rapor.skm.refused." + form.getAttribute("data-kiosk");
  var minSeconds = Number(form.getAttribute("data-min-seconds") || "0");
  var messages = form.querySelector(".hidden-messages");
  var status = document.getElementById("kiosk-status");
  var thanks = document.getElementById("kiosk-thanks");
  var loadedAt = Date.now();
  var started = null; // the first answer of the current respondent
  var sending = false;
  var timer = null;

  function uuid4() {
    var b = new Uint8Array(16);
    window.crypto.getRandomValues(b); // also on plain http, where randomUUID is missing
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    var h = Array.prototype.map.call(b, function (x) { return (x + 0x100).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }
  function read(key) {
    try { return JSON.parse(localStorage.getItem(key) || "[]"); } catch (e) { return []; }
  }
  function write(key, list) { localStorage.setItem(key, JSON.stringify(list)); }
  function message(name, n) {
    return (messages.getAttribute("data-" + name) || "").replace("%(n)s", String(n));
  }
  function showStatus() {
    var waiting = read(QUEUE).length;
    var refused = read(REFUSED).length;
    var parts = [];
    if (waiting) { parts.push(message("waiting", waiting)); }
    if (refused) { parts.push(message("refused", refused)); }
    status.textContent = parts.join(" ");
  }
  function remove(id) {
    write(QUEUE, read(QUEUE).filter(function (item) { return item.id !== id; }));
  }
  function later(ms) {
    sending = false;
    clearTimeout(timer);
    timer = setTimeout(send, ms);
    showStatus();
  }
  function send() {
    var queue = read(QUEUE);
    if (sending || !queue.length) { showStatus(); return; }
    sending = true;
    var item = queue[0];
    fetch(form.action, {
      method: "POST",
      body: item.body,
      headers: { "Accept": "application/json", "Content-Type": "application/x-www-form-urlencoded" },
      credentials: "same-origin"
    }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (j) { return { code: r.status, body: j }; });
    }).then(function (res) {
      if (res.code === 201 || res.code === 200) {
        remove(item.id);
        sending = false;
        send();
      } else if (res.code === 429) {
        later(Math.max(5, Number(res.body.retry_after) || 60) * 1000);
      } else if (res.code === 400) {
        remove(item.id);
        var refused = read(REFUSED);
        refused.push({ id: item.id, body: item.body, reason: res.body.reason || "" });
        write(REFUSED, refused);
        sending = false;
        send();
      } else {
        later(15000); // the server is in trouble: try again later
      }
    }).catch(function () {
      later(5000); // no network: keep the item, try again
    });
  }
  function checked(name) { return form.querySelector("input[name='" + name + "']:checked"); }
  function problem() {
    var service = form.querySelector("input[name='layanan']");
    if (service && service.type === "radio" && !checked("layanan")) { return message("service"); }
    var answered = form.querySelectorAll(".scale input:checked").length;
    if (!answered) { return message("empty"); }
    if (started === null || (Date.now() - started) / 1000 < minSeconds) { return message("too-fast"); }
    return "";
  }
  form.addEventListener("change", function () { if (started === null) { started = Date.now(); } });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var trouble = problem();
    if (trouble) { status.textContent = trouble; window.scrollTo(0, 0); return; }
    var data = new URLSearchParams(new FormData(form));
    var id = uuid4();
    data.set("id", id);
    data.set("elapsed", String(Date.now() - started));
    var queue = read(QUEUE);
    queue.push({ id: id, body: data.toString() });
    write(QUEUE, queue); // stored on the tablet before anything else happens
    form.reset();
    started = null;
    window.scrollTo(0, 0);
    thanks.hidden = false;
    setTimeout(function () {
      thanks.hidden = true;
      // a page open for more than 12 hours fetches a fresh ticket when nothing is waiting
      if (Date.now() - loadedAt > 12 * 3600 * 1000 && !read(QUEUE).length && navigator.onLine) {
        window.location.reload();
      }
    }, 4000);
    send();
  });
  window.addEventListener("online", function () { clearTimeout(timer); sending = false; send(); });
  setInterval(function () { if (!sending) { send(); } }, 30000);
  send(); // whatever an earlier page left in the queue
})();
