/*
 * form.js: the leadtriage forms post with fetch, show errors next to their fields, and the two
 * steps of get-started switch without a page load. Without JavaScript the forms still post.
 *   index.html   #step1, #step2; step 2 is shown for ?step=2&token=…
 *   survey.html  #survey, opened as survey.html?survey=follow-up&token=…
 * Each form posts JSON to its own action: to embed it elsewhere, make the action absolute.
 * Step 2 and the survey ask the API which questions this lead has not answered yet (GET <action>/questions) and show
 * only those, drawing the model's own questions the page does not have; without an answer they show all of theirs.
 */
(function () {
  "use strict";

  var TOKEN_KEY = "leadtriage.token"; // the continuation token, kept for the behaviour snippet
  var SOURCE_FIELDS = ["utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content"];
  var params = new URLSearchParams(location.search);
  var statusBox = document.getElementById("form-status");

  // ---- Small helpers

  function uuid() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    // No randomUUID on plain http (other than localhost): a v4 UUID by hand.
    var b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 15) | 64;
    b[8] = (b[8] & 63) | 128;
    var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join("");
    return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
  }

  function remember(token) {
    try { if (token) localStorage.setItem(TOKEN_KEY, token); else localStorage.removeItem(TOKEN_KEY); } catch (e) { /* storage off */ }
  }

  function recalled() {
    try { return localStorage.getItem(TOKEN_KEY) || ""; } catch (e) { return ""; }
  }

  // One line of text, as the API accepts it: no control characters, at most `max` characters.
  function clean(value, max) {
    return (value || "").replace(/[\u0000-\u001f\u007f]/g, " ").trim().slice(0, max);
  }

  function set(form, name, value) {
    var field = form.elements.namedItem(name);
    if (field && value) field.value = value;
  }

  // A value the server did not fill in is still the literal template placeholder.
  function tokenIn(form) {
    var value = form.elements.namedItem("_token").value;
    return /^\{\{.*\}\}$/.test(value) ? "" : value;
  }

  // Follows a `next.url` from the API, only if it is a web address.
  function go(url, fallback) {
    location.assign(/^(https?:\/\/|\/)/.test(url || "") ? url : fallback);
  }

  function setStatus(kind, text) {
    statusBox.className = kind ? "status is-" + kind : "";
    statusBox.textContent = text || "";
  }

  function busy(form, on) {
    var button = form.querySelector("[type=submit]");
    if (on) {
      button.dataset.label = button.textContent;
      button.textContent = "Sending…";
    } else if (button.dataset.label) {
      button.textContent = button.dataset.label;
    }
    button.disabled = on;
    form.setAttribute("aria-busy", String(on));
  }

  // ---- Field errors

  function clearError(control) {
    var slot = control && control.name && document.getElementById("error-" + control.name);
    if (!slot) return;
    slot.textContent = "";
    control.removeAttribute("aria-invalid");
    if (control.getAttribute("aria-describedby") === slot.id) control.removeAttribute("aria-describedby");
  }

  function clearErrors(form) {
    Array.prototype.forEach.call(form.elements, clearError);
  }

  // Hidden fields have no label on the page; an error about one still names it in words, never by its key.
  var HIDDEN_LABELS = { _token: "Form session", submissionId: "Submission id", pageUrl: "Page", referrer: "Referrer",
    timezone: "Time zone", utm_source: "Campaign source", utm_medium: "Campaign medium", utm_campaign: "Campaign name",
    utm_term: "Campaign term", utm_content: "Campaign content" };

  function words(name) {
    var spaced = name.replace(/^_+/, "").replace(/([a-z0-9])([A-Z])/g, "$1 $2").replace(/[_-]+/g, " ").toLowerCase();
    return spaced.charAt(0).toUpperCase() + spaced.slice(1);
  }

  // The API says "is required"; next to the field that reads "Company is required".
  function sentence(control, name, message) {
    if (!/^[a-z]/.test(message)) return message;
    var label = control && (control.getAttribute("data-label") || (control.labels && control.labels[0] && control.labels[0].firstChild.textContent.trim()));
    return (label || HIDDEN_LABELS[name] || words(name)) + " " + message + (/[.!?]$/.test(message) ? "" : ".");
  }

  // Puts each error.fields[name] next to its field; errors about hidden fields go in the status.
  function showErrors(form, error) {
    var fields = error.fields || {};
    var rest = [];
    var first = null;
    Object.keys(fields).forEach(function (name) {
      var control = form.elements.namedItem(name);
      var slot = document.getElementById("error-" + name);
      var text = sentence(control, name, String(fields[name]));
      if (control && slot && control.type !== "hidden") {
        slot.textContent = text;
        control.setAttribute("aria-invalid", "true");
        control.setAttribute("aria-describedby", slot.id);
        first = first || control;
      } else {
        rest.push(text);
      }
    });
    setStatus("error", [error.message || "Please check the form and try again."].concat(rest).join(" "));
    if (first) first.focus();
  }

  // ---- Posting

  // Posts the form's non-empty fields as JSON. Resolves to {status, data}; status 0: no answer.
  function post(form, url) {
    var body = {};
    new FormData(form).forEach(function (value, name) {
      if (typeof value === "string" && value.trim() !== "") body[name] = value;
    });
    clearErrors(form);
    setStatus("", "");
    busy(form, true);
    return fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json", "Accept": "application/json" },
      body: JSON.stringify(body),
      credentials: "omit"
    }).then(function (res) {
      return res.json().catch(function () { return {}; }).then(function (data) {
        return { status: res.status, data: data || {} };
      });
    }, function () {
      return { status: 0, data: {} };
    });
  }

  // Shows why a post failed. Returns true when the token was refused (an expired link).
  function failed(form, result, expiredText) {
    var error = result.data.error || { message: result.data.message };
    busy(form, false);
    if (result.status === 429 || result.status === 503) {
      setStatus("error", "Please try again in a moment.");
    } else if (result.status === 403 && error.code === "invalid_token") {
      setStatus("error", expiredText);
      return true;
    } else if (result.status >= 400 && result.status < 500) {
      showErrors(form, error);
    } else if (result.status === 0) {
      setStatus("error", "We could not reach the server. Check your connection and try again.");
    } else {
      setStatus("error", "Something went wrong on our side. Please try again in a moment.");
    }
    return false;
  }

  function actionUrl(form) {
    return new URL(form.getAttribute("action"), location.href).href;
  }

  function prepare(form) {
    set(form, "submissionId", uuid()); // one id per form: a retried post is the same submission
    form.addEventListener("input", function (e) { clearError(e.target); });
  }

  // ---- Progressive profiling: ask only what the lead has not told us yet

  function fieldOf(control) {
    return control.closest ? control.closest(".field") : null;
  }

  // One question as the API describes it: a labelled control and its error slot (text only, never markup).
  // `marked`: the form marks its optional questions (a survey whose questions are all optional does not).
  function draw(q, marked) {
    var div = document.createElement("div");
    div.className = "field";
    div.setAttribute("data-asked", "");
    var label = document.createElement("label");
    label.htmlFor = q.field;
    label.appendChild(document.createTextNode(q.label + " "));
    if (q.required || marked) {
      var hint = document.createElement("span");
      hint.className = q.required ? "req" : "optional";
      hint.textContent = q.required ? "*" : "(optional)";
      label.appendChild(hint);
    }
    var control;
    if (q.type === "choice" || q.type === "yes_no") {
      control = document.createElement("select");
      control.appendChild(new Option("Choose…", ""));
      (q.options || []).forEach(function (o) { control.appendChild(new Option(o.label, o.value)); });
    } else if (q.type === "long_text") {
      control = document.createElement("textarea");
      control.rows = 3;
    } else {
      control = document.createElement("input");
      control.type = q.type === "number" ? "number" : "text";
      if (q.type === "number") {
        control.inputMode = "numeric";
        control.step = "1";
        if (q.min != null) control.min = String(q.min);
        if (q.max != null) control.max = String(q.max);
      }
    }
    if (q.maxLength) control.maxLength = q.maxLength;
    control.id = q.field;
    control.name = q.field;
    control.required = !!q.required;
    control.setAttribute("data-label", q.label);
    var error = document.createElement("p");
    error.className = "field-error";
    error.id = "error-" + q.field;
    div.appendChild(label);
    div.appendChild(control);
    div.appendChild(error);
    return div;
  }

  // Shows the form's questions the API names and hides (and leaves unposted) the others; draws those it lacks.
  function askOnly(form, questions) {
    var asked = {};
    questions.forEach(function (q) { asked[q.field] = q; });
    Array.prototype.forEach.call(form.querySelectorAll(".field"), function (div) {
      var control = div.querySelector("input:not([type=hidden]), select, textarea");
      if (!control || !control.name) return;
      var ask = Object.prototype.hasOwnProperty.call(asked, control.name);
      div.hidden = !ask;
      control.disabled = !ask;
      if (ask) delete asked[control.name];
    });
    Array.prototype.forEach.call(form.querySelectorAll(".grid-2"), function (grid) {
      grid.hidden = !grid.querySelector(".field:not([hidden])");
    });
    var before = form.querySelector("input[type=hidden]") || form.querySelector("[type=submit]");
    var marked = form.querySelector(".optional") !== null;
    questions.forEach(function (q) {
      if (asked[q.field]) form.insertBefore(draw(q, marked), before);
    });
    if (!questions.length) {
      var survey = form.id === "survey";
      var note = document.createElement("p");
      note.className = "form-intro";
      note.id = form.id + "-all-known";
      note.textContent = survey ? "You have answered all our questions already. Thank you!"
        : "We have everything we need. Press Finish to send your request.";
      form.insertBefore(note, before);
      if (survey) form.querySelector("[type=submit]").hidden = true;
    }
  }

  // Asks GET <action>/questions with the lead's token; on any failure the form keeps all its questions.
  function profile(form, token, query) {
    if (!token || !window.fetch) return;
    form.setAttribute("aria-busy", "true");
    fetch(actionUrl(form).replace(/\/$/, "") + "/questions" + (query || ""), {
      headers: { "Accept": "application/json", "Authorization": "Bearer " + token },
      credentials: "omit"
    }).then(function (res) {
      return res.ok ? res.json() : null;
    }).then(function (data) {
      if (data && data.pooled && Array.isArray(data.questions)) askOnly(form, data.questions);
    }, function () { /* no answer: ask everything */ }).then(function () {
      form.setAttribute("aria-busy", "false");
      form.setAttribute("data-profiled", "");
    });
  }

  // ---- The two-step get-started form (index.html)

  function twoStep(step1, step2) {
    prepare(step1);
    prepare(step2);

    // Where the visit came from, sent with step 1. The token never goes into pageUrl.
    var page = new URL(location.href);
    page.searchParams.delete("token");
    page.hash = "";
    if (page.href.length <= 2048) set(step1, "pageUrl", page.href);
    if (/^https?:/.test(document.referrer) && document.referrer.length <= 2048) set(step1, "referrer", document.referrer);
    try { set(step1, "timezone", Intl.DateTimeFormat().resolvedOptions().timeZone); } catch (e) { /* no Intl */ }
    SOURCE_FIELDS.forEach(function (name) { set(step1, name, clean(params.get(name), 200)); });

    function show(step) {
      step1.hidden = step !== 1;
      step2.hidden = step !== 2;
      (step === 1 ? step1 : step2).querySelector("h2").focus();
    }

    // Arrived at /?step=2&token=… (after a plain post, or from the "finish your request" email).
    var token = params.get("token") || tokenIn(step2) || (params.get("step") === "2" ? recalled() : "");
    step2.elements.namedItem("_token").value = token;
    if (params.get("step") === "2" && token) {
      remember(token);
      step1.hidden = true;
      step2.hidden = false;
      profile(step2, token, "?step=2");
    } else {
      step1.hidden = false;
      step2.hidden = true;
    }

    step1.addEventListener("submit", function (e) {
      e.preventDefault();
      post(step1, actionUrl(step1)).then(function (result) {
        var data = result.data;
        if (result.status < 200 || result.status > 299) return failed(step1, result, "Please reload the page and try again.");
        remember(data.token);
        var next = data.next || {};
        if (next.action === "step2") {
          busy(step1, false);
          step2.elements.namedItem("_token").value = data.token || "";
          setStatus("ok", "Thanks! One more step and you are done.");
          profile(step2, data.token, "?step=2");
          show(2);
        } else {
          go(next.url, "/thank-you.html"); // book_meeting or thank_you
        }
      });
    });

    step2.addEventListener("submit", function (e) {
      e.preventDefault();
      post(step2, actionUrl(step2)).then(function (result) {
        if (result.status < 200 || result.status > 299) {
          if (failed(step2, result, "This link has expired. Please fill in this first step again; we kept your other answers.")) {
            remember("");
            show(1);
          }
          return;
        }
        remember(result.data.token);
        go((result.data.next || {}).url, "/thank-you.html");
      });
    });
  }

  // ---- The follow-up survey (survey.html)

  function survey(form) {
    prepare(form);
    var id = params.get("survey");
    if (id && /^[a-z0-9][a-z0-9-]{0,63}$/.test(id)) {
      form.setAttribute("action", form.getAttribute("action").replace(/[^/]+$/, id));
    }
    var token = params.get("token") || tokenIn(form);
    form.elements.namedItem("_token").value = token;
    if (!token) setStatus("error", "This link is incomplete. Please open the survey from the link in our email.");
    profile(form, token, "");

    form.addEventListener("submit", function (e) {
      e.preventDefault();
      post(form, actionUrl(form)).then(function (result) {
        if (result.status < 200 || result.status > 299) {
          failed(form, result, "This link has expired. Please use the link in our most recent email, or simply reply to it.");
          return;
        }
        go((result.data.next || {}).url, "/survey-thanks.html");
      });
    });
  }

  var step1 = document.getElementById("step1");
  var step2 = document.getElementById("step2");
  var surveyForm = document.getElementById("survey");
  if (step1 && step2) twoStep(step1, step2);
  if (surveyForm) survey(surveyForm);
})();
