/* Poortwachter task panes: what Word and Outlook panes share. Plain JS, no framework.
 * - language: Dutch unless Office's display language is English;
 * - the connect step: the token of `poortwachter serve`, kept in this pane's localStorage;
 * - the API client (Authorization: Bearer TOKEN, same origin only);
 * - small helpers: DOM building without innerHTML, base64, dates.
 */
(function () {
  "use strict";
  var TOKEN_KEY = "poortwachter.token";
  var COMMON = {
    nl: {
      connect_title: "Verbinden met Poortwachter",
      connect_intro: "Start Poortwachter op deze computer met \u201cpoortwachter serve WERKMAP --https\u201d. " +
        "Het venster toont een link met ?token=; plak die link (of alleen het token erin) hieronder. " +
        "Dit taakvenster onthoudt het op deze computer tot de server een nieuw token krijgt.",
      connect_label: "Token", connect_button: "Verbinden", connect_wrong: "Dit token klopt niet (of de server is opnieuw gestart met een nieuw token).",
      connect_offline: "Poortwachter is niet bereikbaar. Draait \u201cpoortwachter serve --https\u201d op deze computer?",
      connected: "Verbonden", disconnect: "Verbinding vergeten",
      no_office: "Dit venster werkt in Word of Outlook. Laad de invoegtoepassing daar (zie de README).",
      case_label: "Casus", choose_case: "\u2014 kies een casus \u2014", busy: "Bezig\u2026",
      error_prefix: "Fout: ", unknown: "onbekend", none: "geen", week: "week",
      status_late: "te laat", status_soon: "binnenkort", status_ok: "op schema", status_closed: "gesloten"
    },
    en: {
      connect_title: "Connect to Poortwachter",
      connect_intro: "Start Poortwachter on this computer with \u201cpoortwachter serve WORKBOOK --https\u201d. " +
        "Its window shows a link with ?token=; paste that link (or just the token in it) below. " +
        "This pane keeps it on this computer until the server gets a new token.",
      connect_label: "Token", connect_button: "Connect", connect_wrong: "This token is not right (or the server restarted with a new token).",
      connect_offline: "Poortwachter cannot be reached. Is \u201cpoortwachter serve --https\u201d running on this computer?",
      connected: "Connected", disconnect: "Forget connection",
      no_office: "This pane works inside Word or Outlook. Load the add-in there (see the README).",
      case_label: "Case", choose_case: "\u2014 choose a case \u2014", busy: "Working\u2026",
      error_prefix: "Error: ", unknown: "unknown", none: "none", week: "week",
      status_late: "late", status_soon: "due soon", status_ok: "on track", status_closed: "closed"
    }
  };

  var PW = { lang: "nl", strings: COMMON.nl, token: null, config: {} };

  PW.pickLanguage = function () {
    var display = "";
    try { display = (window.Office && Office.context && Office.context.displayLanguage) || ""; } catch (e) { display = ""; }
    return /^en/i.test(display) ? "en" : "nl";
  };

  PW.t = function (key) { var s = PW.strings[key]; return s === undefined ? key : s; };

  PW.el = function (tag, attrs) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k];
      else if (k === "className") node.className = attrs[k];
      else if (k.slice(0, 2) === "on") node.addEventListener(k.slice(2), attrs[k]);
      else if (attrs[k] !== null && attrs[k] !== undefined && attrs[k] !== false) node.setAttribute(k, attrs[k]);
    });
    for (var i = 2; i < arguments.length; i++) {
      var child = arguments[i];
      if (child === null || child === undefined) continue;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return node;
  };
  PW.$ = function (id) { return document.getElementById(id); };
  PW.clear = function (node) { while (node.firstChild) node.removeChild(node.firstChild); return node; };

  PW.show = function (id, message, kind) {
    var box = PW.$(id);
    box.className = "pw-message" + (kind ? " " + kind : "");
    box.textContent = message || "";
  };

  PW.translatePage = function () {
    document.documentElement.lang = PW.lang;
    Array.prototype.forEach.call(document.querySelectorAll("[data-i18n]"), function (node) {
      node.textContent = PW.t(node.getAttribute("data-i18n"));
    });
    Array.prototype.forEach.call(document.querySelectorAll("[data-i18n-placeholder]"), function (node) {
      node.setAttribute("placeholder", PW.t(node.getAttribute("data-i18n-placeholder")));
    });
  };

  /* Dates: the API speaks ISO (2025-03-14); people read 14-03-2025 (nl) or 14 Mar 2025 (en). */
  PW.date = function (iso) {
    if (!iso) return "\u2014";
    var m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
    if (!m) return iso;
    if (PW.lang === "nl") return m[3] + "-" + m[2] + "-" + m[1];
    var months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    return parseInt(m[3], 10) + " " + months[parseInt(m[2], 10) - 1] + " " + m[1];
  };
  PW.today = function () {
    var d = new Date();
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  };
  PW.isoDate = function (value) {
    var d = value instanceof Date ? value : new Date(value);
    if (isNaN(d.getTime())) return null;
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  };

  PW.bytesToBase64 = function (bytes) {
    var chunks = [];
    for (var i = 0; i < bytes.length; i += 0x8000) {
      chunks.push(String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000)));
    }
    return btoa(chunks.join(""));
  };
  PW.textToBase64 = function (text) { return PW.bytesToBase64(new TextEncoder().encode(text)); };

  /* A file name that the dossier endpoint accepts and Windows can store. */
  PW.fileName = function (text) {
    return text.replace(/[<>:"/\\|?*\u0000-\u001f\u007f]/g, "_").replace(/\s+/g, " ").trim()
      .replace(/^[.~$ ]+/, "").replace(/[. ]+$/, "").slice(0, 140);
  };

  /* ---- the API ---- */
  function ApiError(status, message, details) { this.status = status; this.message = message; this.details = details || {}; }
  ApiError.prototype = Object.create(Error.prototype);
  PW.ApiError = ApiError;

  PW.api = function (method, path, body, options) {
    options = options || {};
    var headers = { "Accept": options.binary ? "*/*" : "application/json" };
    if (PW.token) headers["Authorization"] = "Bearer " + PW.token;
    if (body !== undefined) headers["Content-Type"] = "application/json";
    /* Titles and status words in the pane's language (the server speaks nl and en). */
    path += (path.indexOf("?") < 0 ? "?" : "&") + "lang=" + PW.lang;
    return fetch(path, { method: method, headers: headers, credentials: "same-origin", cache: "no-store",
                         body: body === undefined ? undefined : JSON.stringify(body) })
      .catch(function () { throw new ApiError(0, PW.t("connect_offline")); })
      .then(function (response) {
        if (response.ok) return options.binary ? response : response.json();
        return response.text().then(function (text) {
          var data = {};
          try { data = JSON.parse(text); } catch (e) { data = { error: text || response.statusText }; }
          if (response.status === 401 && !options.quiet401) PW.needConnect(PW.t("connect_wrong"));
          throw new ApiError(response.status, data.error || data.message || response.statusText, data);
        });
      });
  };

  PW.errorText = function (err) {
    return PW.t("error_prefix") + ((err && err.message) || String(err));
  };

  /* ---- the connect step ---- */
  function readStoredToken() {
    try { return window.localStorage.getItem(TOKEN_KEY); } catch (e) { return null; }
  }
  function storeToken(token) {
    try {
      if (token) window.localStorage.setItem(TOKEN_KEY, token); else window.localStorage.removeItem(TOKEN_KEY);
    } catch (e) { /* storage blocked: the token lives for this pane only */ }
  }
  /* #token=... (never sent to the server) or ?token=...; taken once and removed from the address. */
  function tokenFromAddress() {
    var found = null;
    var hash = new URLSearchParams((window.location.hash || "").replace(/^#/, ""));
    var query = new URLSearchParams(window.location.search || "");
    found = hash.get("token") || query.get("token");
    if (found && window.history && history.replaceState) {
      query.delete("token");
      var rest = query.toString();
      history.replaceState(null, "", window.location.pathname + (rest ? "?" + rest : ""));
    }
    return found;
  }

  var onConnected = null;
  PW.needConnect = function (message) {
    PW.$("pw-connect").classList.remove("pw-hidden");
    PW.$("pw-app").classList.add("pw-hidden");
    PW.$("pw-status").textContent = "";
    PW.$("pw-status").className = "pw-status";
    PW.show("pw-connect-msg", message || "", message ? "error" : "");
  };

  function connected() {
    PW.$("pw-connect").classList.add("pw-hidden");
    PW.$("pw-app").classList.remove("pw-hidden");
    PW.$("pw-status").textContent = PW.t("connected");
    PW.$("pw-status").className = "pw-status ok";
  }

  /* Try the token (or a session cookie from ?token=): GET /api/cases answers 200 only when it is right. */
  PW.tryConnect = function (token) {
    PW.token = token || null;
    return PW.api("GET", "/api/cases", undefined, { quiet401: true }).then(function (cases) {
      if (token) storeToken(token);
      connected();
      /* The server's "today" (it may be fixed with --as-of) for what is still ahead. */
      return PW.api("GET", "/api/workbook").then(function (info) { PW.asOf = info.as_of || null; }, function () {})
        .then(function () { onConnected(cases); return true; });
    }, function (err) {
      if (err.status === 401) { if (token) storeToken(null); PW.needConnect(token ? PW.t("connect_wrong") : ""); }
      else {
        /* The token was not refused (the server is down, or its workbook cannot be read): keep it. */
        if (token && err.status) storeToken(token);
        PW.needConnect(err.message);
      }
      return false;
    });
  };

  PW.forget = function (event) {
    if (event && event.preventDefault) event.preventDefault();
    storeToken(null);
    PW.token = null;
    PW.needConnect("");
  };

  /* Fill a <select> with the cases: "2025-001 — Fatima el Amrani". */
  PW.fillCases = function (select, cases, chosen) {
    /* A dossier folder without a workbook row is a case in the list, but nothing can be made or saved for it. */
    cases = cases.filter(function (c) { return c.in_workbook !== false; });
    PW.clear(select);
    select.appendChild(PW.el("option", { value: "", text: PW.t("choose_case") }));
    cases.forEach(function (c) {
      select.appendChild(PW.el("option", { value: c.case, text: c.case + " \u2014 " + (c.employee || "") }));
    });
    if (chosen) select.value = chosen;
  };

  PW.statusBadge = function (status, text) {
    var cls = { overdue: "late", late: "late", due_soon: "soon", soon: "soon", done: "ok", ok: "ok" }[status] || "";
    return PW.el("span", { className: "pw-badge " + cls, text: text });
  };

  /* Open milestones and evaluations of a case (GET /api/cases/{case}), earliest first. */
  PW.nextDeadlines = function (detail, count) {
    var cal = (detail && (detail.calendar || detail)) || {};
    var open = { overdue: 1, due_soon: 1, open: 1 };
    /* Milestones the workbook does not track (re-integratieverslag, end of the waiting time)
     * are still deadlines ahead: shown from the server's "today" on, with their own status. */
    var asOf = PW.asOf || PW.today();
    var items = (cal.milestones || []).filter(function (m) {
      return m.due && (open[m.status] || (m.status === "not_tracked" && m.due >= asOf));
    })
      .map(function (m) { return { title: m.milestone, due: m.due, status: m.status, text: m.status_text }; });
    (cal.evaluations || []).forEach(function (g) {
      if (!g.done && open[g.status]) items.push({ title: PW.lang === "en" ? "Evaluation" : "Evaluatie", due: g.due,
                                                  status: g.status, text: g.status_text });
    });
    items.sort(function (a, b) { return a.due < b.due ? -1 : a.due > b.due ? 1 : 0; });
    return items.slice(0, count || 5);
  };

  PW.milestoneFor = function (detail, docType) {
    var code = (PW.config.milestones || {})[docType];
    var cal = (detail && (detail.calendar || detail)) || {};
    if (!code) return null;
    return (cal.milestones || []).filter(function (m) { return m.code === code; })[0] || null;
  };

  PW.typeTitle = function (type) {
    var t = (PW.config.types || {})[type];
    return t ? t[PW.lang === "en" ? 1 : 0] : (type || PW.t("unknown"));
  };

  /* Office 2016/2019 on Windows show add-ins in Internet Explorer 11, which lacks what the panes
   * use (fetch, Promise, TextEncoder). The files are plain ES5 so that this check still runs there. */
  PW.modernEnough = function () {
    return !!(window.fetch && window.Promise && window.TextEncoder && window.URLSearchParams && Object.assign);
  };
  var OLD_BROWSER = {
    nl: "Deze Office-versie toont invoegtoepassingen met Internet Explorer; daarin werkt Poortwachter niet. " +
        "Gebruik Microsoft 365 of Office 2021 (of nieuwer), of Word en Outlook op het web.",
    en: "This Office version shows add-ins in Internet Explorer, where Poortwachter does not work. " +
        "Use Microsoft 365 or Office 2021 (or newer), or Word and Outlook on the web."
  };

  /* Start a pane: wait for Office, pick the language, then connect. */
  PW.start = function (strings, init) {
    var go = function (hasOffice) {
      PW.lang = PW.pickLanguage();
      if (!PW.modernEnough()) {
        document.getElementById("pw-connect").className = "";
        document.getElementById("pw-connect").innerText = OLD_BROWSER[PW.lang];
        return;
      }
      PW.strings = Object.assign({}, COMMON[PW.lang], strings[PW.lang]);
      try { PW.config = JSON.parse(PW.$("pw-config").textContent); } catch (e) { PW.config = {}; }
      PW.translatePage();
      if (!hasOffice) { PW.needConnect(PW.t("no_office")); return; }
      onConnected = init;
      PW.$("pw-connect-button").addEventListener("click", function () {
        /* The token, or the whole link `serve` printed (…/?token=TOKEN): both work. */
        var value = PW.$("pw-token").value.trim();
        var inLink = /[?#&]token=([^&#\s]+)/.exec(value);
        if (inLink) value = decodeURIComponent(inLink[1]);
        if (value) PW.tryConnect(value);
      });
      PW.$("pw-forget").addEventListener("click", PW.forget);
      PW.tryConnect(tokenFromAddress() || readStoredToken());
    };
    if (window.Office && typeof Office.onReady === "function") {
      Office.onReady(function (info) { go(!!(info && info.host)); });
    } else {
      document.addEventListener("DOMContentLoaded", function () { go(false); });
    }
  };

  window.PW = PW;
})();
