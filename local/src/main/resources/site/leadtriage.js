/*!
 * leadtriage behaviour snippet: tells leadtriage which pages a known lead views, so that interest
 * counts towards the lead's score (page views, pricing views, downloads). No cookies, no framework.
 *
 *   <script src="https://YOUR-SITE/leadtriage.js" data-api="https://YOUR-API" defer></script>
 *
 * - It only reports for visitors who filled a leadtriage form: the form's answer carries a token,
 *   which the page keeps in localStorage under "leadtriage.token" (the sample form does this).
 * - A pricing page says so with <html data-leadtriage-page="pricing"> (or its path contains /pricing).
 *   Any other page may name its kind the same way (careers, support, docs, ...): its page view carries that
 *   category, and the model may score it apart, negatively too (a careers page visitor is probably a job seeker).
 * - A download link says so with data-leadtriage="download" on the <a>; the download reported is of the
 *   address the link opens (each resource counts once towards the score), not of the page it is on.
 * Reports go with navigator.sendBeacon as text/plain JSON: no CORS preflight, and they survive the
 * page being closed.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  var api = ((script && script.getAttribute("data-api")) || "").replace(/\/$/, "");
  var TOKEN_KEY = "leadtriage.token";

  function token() {
    try {
      return window.localStorage.getItem(TOKEN_KEY) || window.sessionStorage.getItem(TOKEN_KEY);
    } catch (e) {
      return null; // storage blocked: stay silent
    }
  }

  // An http(s) address without its query string or fragment: they may carry personal data (or a token).
  function withoutQuery(href) {
    try {
      var url = new URL(href, location.origin + location.pathname);
      return /^https?:$/.test(url.protocol) ? url.origin + url.pathname : null;
    } catch (e) {
      return null;
    }
  }

  // `url`: what the signal is about, the page itself when not given; `category`: the page's kind, for a page view.
  function send(type, url, category) {
    var t = token();
    if (!t || !navigator.sendBeacon) {
      return false;
    }
    var payload = JSON.stringify({
      type: type,
      _token: t,
      url: (url && withoutQuery(url)) || location.origin + location.pathname,
      category: category || undefined,
      eventId: self.crypto && crypto.randomUUID ? crypto.randomUUID() : undefined
    });
    return navigator.sendBeacon(api + "/v1/events", new Blob([payload], { type: "text/plain;charset=UTF-8" }));
  }

  var page = (document.documentElement.getAttribute("data-leadtriage-page") || "").trim().toLowerCase();
  var pricing = page === "pricing" || /\/pricing(\/|\.html|$)/.test(location.pathname);
  // Only a slug is a category the API takes; anything else is sent as a plain page view rather than refused.
  send(pricing ? "pricing_page_view" : "page_view", null, !pricing && /^[a-z0-9][a-z0-9-]{0,62}$/.test(page) ? page : null);

  document.addEventListener("click", function (event) {
    var link = event.target && event.target.closest ? event.target.closest("a[data-leadtriage='download']") : null;
    if (link) {
      send("resource_download", typeof link.href === "string" ? link.href : link.getAttribute("href"));
    }
  });

  window.leadtriage = { send: send, tokenKey: TOKEN_KEY };
})();
