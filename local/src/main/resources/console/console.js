/*
 * The local console's script (served at /_local/console.js; the page's CSP allows no inline script):
 * every <time datetime="…"> shown in the viewer's time zone to the second, and the "Run the dispatcher"
 * button posting without leaving the page.
 */
(function () {
  "use strict";
  var format = new Intl.DateTimeFormat(undefined, { year: "numeric", month: "short", day: "numeric",
    hour: "2-digit", minute: "2-digit", second: "2-digit", timeZoneName: "short" });
  Array.prototype.forEach.call(document.querySelectorAll("time[datetime]"), function (t) {
    var at = new Date(t.getAttribute("datetime"));
    if (!isNaN(at.getTime())) {
      t.title = t.getAttribute("datetime");
      t.textContent = format.format(at);
    }
  });
  var dispatch = document.getElementById("dispatch");
  if (dispatch) {
    dispatch.addEventListener("submit", function (e) {
      e.preventDefault();
      fetch(dispatch.action, { method: "POST" }).then(function () { location.reload(); });
    });
  }
})();
