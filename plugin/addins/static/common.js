/* Poortwachter task panes: what Word and Outlook panes share. Plain ES5, no framework, no build:
 * type-checked against Microsoft's @types/office-js by the tests (TypeScript checkJs), so the
 * JSDoc types below are checked, not decoration.
 * - language: Dutch unless Office's display language is English;
 * - where the pane runs: inside Word or Outlook it connects; anywhere else it says so and offers nothing;
 * - the connect step: the token of `poortwachter serve`, kept in this pane's localStorage;
 * - the API client (Authorization: Bearer TOKEN, same origin only);
 * - a case's verdict and deadlines as both panes show them;
 * - small helpers: DOM building without innerHTML, base64, dates.
 * PW is the one global; every property is declared here at the top level (TypeScript reads
 * `PW.name = ...` statements as its members), eml.js adds PW.buildEml.
 */
"use strict";

/**
 * @typedef {{type: string, title: string, title_en: string}} DocChoice
 * @typedef {{choices: DocChoice[], types: Object<string, string[]>, labels: Object<string, string[]>,
 *            milestones: Object<string, string>, evaluation_types: string[],
 *            words?: Object<string, Object<string, string>>}} PaneConfig
 * @typedef {{message: string}} Problem
 * @typedef {{title: string, code?: string, due: string|null}} NextMilestone
 * @typedef {{case: string, employee?: string, employer?: string, week?: number|null, status?: string|null,
 *            status_text?: string, in_workbook?: boolean, next?: NextMilestone|null, problems?: Problem[]}} CaseRow
 * @typedef {{code: string, milestone: string, due: string|null, done?: string|null, status: string,
 *            status_text?: string}} Milestone
 * @typedef {{after: string, due: string, done?: string|null, status: string, status_text?: string}} EvaluationWindow
 * @typedef {{milestones?: Milestone[], evaluations?: EvaluationWindow[]}} Calendar
 * @typedef {{code?: string, title: string, due: string|null, state: string, state_text?: string, severity?: string|null,
 *            rule?: string|null}} VerdictItem
 * @typedef {{error?: number, warning?: number, info?: number}} VerdictCounts
 * @typedef {{status: string, status_text?: string, in_workbook?: boolean, basis?: string, basis_text?: string,
 *            week?: number|null, counts?: VerdictCounts, items?: VerdictItem[], next?: VerdictItem|null}} Verdict
 * @typedef {CaseRow & {calendar?: Calendar|null, verdict?: Verdict|null}} CaseDetail
 * @typedef {{title: string, due: string, status: string, text: string, rule: string|null}} Deadline
 * @typedef {{binary?: boolean, quiet401?: boolean}} ApiOptions
 * @typedef {Object<string, any>} Json
 */

/** The task panes' shared code and state (the page's one global). */
var PW = {};

/** @type {"nl"|"en"} */
PW.lang = "nl";
/** @type {Object<string, string>} */
PW.strings = {};
/** @type {string|null} the token of `poortwachter serve`; null while not connected (or a session cookie) */
PW.token = null;
/** @type {PaneConfig} what the library says about document types (the page's JSON block) */
PW.config = { choices: [], types: {}, labels: {}, milestones: {}, evaluation_types: [] };
/** @type {string|null} the server's "today" (fixed with --as-of), for what is still ahead */
PW.asOf = null;
/** @type {((cases: CaseRow[]) => unknown)|null} the pane's start once connected */
PW.onConnected = null;

PW.TOKEN_KEY = "poortwachter.token";


/** Office's display language decides: English when it is English, else Dutch. @returns {"nl"|"en"} */
PW.pickLanguage = function () {
  var display = "";
  try { display = (window.Office && Office.context && Office.context.displayLanguage) || ""; } catch (e) { display = ""; }
  return /^en/i.test(display) ? "en" : "nl";
};

/** @param {string} key @returns {string} */
PW.t = function (key) { var s = PW.strings[key]; return s === undefined ? key : s; };

/** "{n} te laat" with values filled in. @param {string} text @param {Object<string, string|number>} values */
PW.fill = function (text, values) {
  return text.replace(/\{(\w+)\}/g, function (_, /** @type {string} */ k) {
    return values[k] === undefined ? "" : String(values[k]);
  });
};

/**
 * An element with attributes (text, className, on<event>, others as attributes) and, after them, any
 * number of children (nodes or strings; null is skipped). Never innerHTML.
 * @param {string} tag
 * @param {Object<string, any>} [attrs]
 * @returns {HTMLElement}
 */
PW.el = function (tag, attrs) {
  var node = document.createElement(tag);
  var given = attrs || {};
  Object.keys(given).forEach(function (k) {
    var value = given[k];
    if (k === "text") node.textContent = value;
    else if (k === "className") node.className = value;
    else if (k.slice(0, 2) === "on") node.addEventListener(k.slice(2), value);
    else if (value !== null && value !== undefined && value !== false) node.setAttribute(k, value);
  });
  for (var i = 2; i < arguments.length; i++) {
    var child = arguments[i];
    if (child === null || child === undefined) continue;
    node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return node;
};

/** The page's element with this id; a missing one is a bug in the page, said at once. @param {string} id */
PW.$ = function (id) {
  var node = document.getElementById(id);
  if (!node) throw new Error("#" + id + " ontbreekt op de pagina");
  return node;
};
/** @param {string} id @returns {HTMLInputElement} */
PW.input = function (id) {
  var node = PW.$(id);
  if (!(node instanceof HTMLInputElement)) throw new Error("#" + id + " is geen invoerveld");
  return node;
};
/** @param {string} id @returns {HTMLSelectElement} */
PW.select = function (id) {
  var node = PW.$(id);
  if (!(node instanceof HTMLSelectElement)) throw new Error("#" + id + " is geen keuzelijst");
  return node;
};
/** @param {string} id @returns {HTMLButtonElement} */
PW.button = function (id) {
  var node = PW.$(id);
  if (!(node instanceof HTMLButtonElement)) throw new Error("#" + id + " is geen knop");
  return node;
};
/** @template {Node} T @param {T} node @returns {T} */
PW.clear = function (node) { while (node.firstChild) node.removeChild(node.firstChild); return node; };

/** @param {string} id @param {string} [message] @param {string} [kind] "error", "warning" or "success" */
PW.show = function (id, message, kind) {
  var box = PW.$(id);
  box.className = "pw-message" + (kind ? " " + kind : "");
  box.textContent = message || "";
};

PW.translatePage = function () {
  document.documentElement.lang = PW.lang;
  Array.prototype.forEach.call(document.querySelectorAll("[data-i18n]"), function (/** @type {Element} */ node) {
    node.textContent = PW.t(node.getAttribute("data-i18n") || "");
  });
};

/** Dates: the API speaks ISO (2025-03-14); people read 14-03-2025 (nl) or 14 Mar 2025 (en). @param {string|null|undefined} iso */
PW.date = function (iso) {
  if (!iso) return "\u2014";
  var m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  if (PW.lang === "nl") return m[3] + "-" + m[2] + "-" + m[1];
  var months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  return parseInt(m[3], 10) + " " + months[parseInt(m[2], 10) - 1] + " " + m[1];
};
/** @param {number} n */
PW.pad = function (n) { return (n < 10 ? "0" : "") + n; };
/** A date (or anything Date takes) as jjjj-mm-dd in local time; null when it is no date. @param {Date|string|number} value */
PW.isoDate = function (value) {
  var d = value instanceof Date ? value : new Date(value);
  if (isNaN(d.getTime())) return null;
  return d.getFullYear() + "-" + PW.pad(d.getMonth() + 1) + "-" + PW.pad(d.getDate());
};
/** @returns {string} */
PW.today = function () { return /** @type {string} */ (PW.isoDate(new Date())); };

/** @param {Uint8Array} bytes */
PW.bytesToBase64 = function (bytes) {
  var chunks = [];
  for (var i = 0; i < bytes.length; i += 0x8000) {
    chunks.push(String.fromCharCode.apply(null, Array.prototype.slice.call(bytes.subarray(i, i + 0x8000))));
  }
  return btoa(chunks.join(""));
};
/** @param {string} text */
PW.textToBase64 = function (text) { return PW.bytesToBase64(new TextEncoder().encode(text)); };

/** A file name that the dossier endpoint accepts and Windows can store. @param {string} text */
PW.fileName = function (text) {
  return text.replace(/[<>:"/\\|?*\u0000-\u001f\u007f]/g, "_").replace(/\s+/g, " ").trim()
    .replace(/^[.~$ ]+/, "").replace(/[. ]+$/, "").slice(0, 140);
};

/* ---- the API ---- */

/**
 * What the server refused, with its status and its own words (plain ES5: no `class`, see modernEnough).
 * @constructor
 * @param {number} status
 * @param {string} message
 * @param {Json} [details]
 */
PW.ApiError = function (status, message, details) {
  this.name = "ApiError";
  this.status = status;
  this.message = message;
  this.details = details || {};
};
PW.ApiError.prototype = Object.create(Error.prototype);

/**
 * One call to the local API. JSON in and out, or the Response itself with options.binary.
 * @param {string} method
 * @param {string} path
 * @param {Json} [body]
 * @param {ApiOptions} [options]
 * @returns {Promise<any>}
 */
PW.api = function (method, path, body, options) {
  var opts = options || {};
  /** @type {Object<string, string>} */
  var headers = { "Accept": opts.binary ? "*/*" : "application/json" };
  if (PW.token) headers["Authorization"] = "Bearer " + PW.token;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  /* Titles and status words in the pane's language (the server speaks nl and en). */
  path += (path.indexOf("?") < 0 ? "?" : "&") + "lang=" + PW.lang;
  return fetch(path, { method: method, headers: headers, credentials: "same-origin", cache: "no-store",
                       body: body === undefined ? undefined : JSON.stringify(body) })
    .catch(function () { throw new PW.ApiError(0, PW.t("connect_offline")); })
    .then(function (response) {
      if (response.ok) return opts.binary ? response : response.json();
      return response.text().then(function (text) {
        /** @type {Json} */
        var data = {};
        try { data = JSON.parse(text); } catch (e) { data = { error: text || response.statusText }; }
        if (response.status === 401 && !opts.quiet401) PW.needConnect(PW.t("connect_wrong"));
        throw new PW.ApiError(response.status, data.error || data.message || response.statusText, data);
      });
    });
};

/** @param {unknown} err */
PW.errorText = function (err) {
  var message = err instanceof Error || err instanceof PW.ApiError ? err.message : String(err);
  return PW.t("error_prefix") + message;
};

/* ---- the connect step ---- */

/** @returns {string|null} */
PW.storedToken = function () {
  try { return window.localStorage.getItem(PW.TOKEN_KEY); } catch (e) { return null; }
};
/** @param {string|null} token */
PW.storeToken = function (token) {
  try {
    if (token) window.localStorage.setItem(PW.TOKEN_KEY, token); else window.localStorage.removeItem(PW.TOKEN_KEY);
  } catch (e) { /* storage blocked: the token lives for this pane only */ }
};

/**
 * #token=... (never sent to the server) or ?token=...: taken once and removed from the address at once,
 * keeping whatever else the address holds (Office on the web passes its own parameters there).
 * office.js sets history.replaceState to null (Office does not want add-ins to navigate), so the
 * History prototype's own method is called.
 * @returns {string|null}
 */
PW.takeTokenFromAddress = function () {
  var hash = new URLSearchParams((window.location.hash || "").replace(/^#/, ""));
  var query = new URLSearchParams(window.location.search || "");
  var found = hash.get("token") || query.get("token");
  if (!found) return null;
  hash.delete("token");
  query.delete("token");
  var rest = query.toString(), after = hash.toString();
  var address = window.location.pathname + (rest ? "?" + rest : "") + (after ? "#" + after : "");
  try {
    History.prototype.replaceState.call(window.history, window.history.state, "", address);
  } catch (e) {
    window.location.hash = after;   // at least the token leaves the address bar
  }
  return found;
};

/** @param {string} [message] */
PW.needConnect = function (message) {
  PW.$("pw-connect").classList.remove("pw-hidden");
  PW.$("pw-app").classList.add("pw-hidden");
  PW.$("pw-status").textContent = "";
  PW.$("pw-status").className = "pw-status";
  PW.show("pw-connect-msg", message || "", message ? "error" : "");
};

PW.connected = function () {
  PW.$("pw-connect").classList.add("pw-hidden");
  PW.$("pw-app").classList.remove("pw-hidden");
  PW.$("pw-status").textContent = PW.t("connected");
  PW.$("pw-status").className = "pw-status ok";
};

/**
 * Try the token (or a session cookie from ?token=): GET /api/cases answers 200 only when it is right.
 * @param {string|null} token
 * @returns {Promise<boolean>}
 */
PW.tryConnect = function (token) {
  PW.token = token || null;
  return PW.api("GET", "/api/cases", undefined, { quiet401: true }).then(function (/** @type {CaseRow[]} */ cases) {
    if (token) PW.storeToken(token);
    PW.connected();
    return PW.api("GET", "/api/workbook").then(function (/** @type {Json} */ info) { PW.asOf = info.as_of || null; },
                                               function () {})
      .then(function () { if (PW.onConnected) PW.onConnected(cases); return true; });
  }, function (/** @type {PW.ApiError} */ err) {
    if (err.status === 401) { if (token) PW.storeToken(null); PW.needConnect(token ? PW.t("connect_wrong") : ""); }
    else {
      /* The token was not refused (the server is down, or its workbook cannot be read): keep it. */
      if (token && err.status) PW.storeToken(token);
      PW.needConnect(err.message);
    }
    return false;
  });
};

/** @param {Event} [event] */
PW.forget = function (event) {
  if (event) event.preventDefault();
  PW.storeToken(null);
  PW.token = null;
  PW.needConnect("");
};

/** Fill a <select> with the cases: "2025-001 — Fatima el Amrani". @param {HTMLSelectElement} select @param {CaseRow[]} cases @param {string|null} [chosen] */
PW.fillCases = function (select, cases, chosen) {
  /* A dossier folder without a workbook row is listed by the server, but nothing can be made or saved for it. */
  cases = cases.filter(function (c) { return c.in_workbook !== false; });
  PW.clear(select);
  select.appendChild(PW.el("option", { value: "", text: PW.t("choose_case") }));
  cases.forEach(function (c) {
    select.appendChild(PW.el("option", { value: c.case, text: c.case + " \u2014 " + (c.employee || "") }));
  });
  if (chosen) select.value = chosen;
};

/** @param {string|null|undefined} status @param {string} text */
PW.statusBadge = function (status, text) {
  /** @type {Object<string, string>} */
  var classes = { overdue: "late", late: "late", due_soon: "soon", soon: "soon", done: "ok", ok: "ok",
                  workbook_error: "late" };
  return PW.el("span", { className: "pw-badge " + (classes[status || ""] || ""), text: text });
};

/* ---- deadlines and the verdict ---- */

/** @param {string|null} a @param {string|null} b */
PW.byDue = function (a, b) {
  if (a === b) return 0;
  if (!a) return 1;   // no date: last
  if (!b) return -1;
  return a < b ? -1 : 1;
};

/** Every open or late item of the verdict, earliest first. @param {Verdict} verdict @returns {VerdictItem[]} */
PW.verdictItems = function (verdict) {
  var open = { late: 1, soon: 1, open: 1 };
  return (verdict.items || []).filter(function (item) { return open.hasOwnProperty(item.state); })
    .slice().sort(function (a, b) { return PW.byDue(a.due, b.due); });
};

/**
 * A case's deadlines still to meet, earliest first. With the server's verdict: every open or late
 * item of it. Without (an older server): open milestones and evaluations from the calendar, at most count.
 * @param {CaseDetail|null} detail
 * @param {number} [count]
 * @returns {Deadline[]}
 */
PW.nextDeadlines = function (detail, count) {
  if (detail && detail.verdict) {
    return PW.verdictItems(detail.verdict).map(function (item) {
      return { title: item.title, due: item.due || "", status: item.state, text: item.state_text || PW.t("state_" + item.state),
               rule: item.rule || null };
    });
  }
  var cal = (detail && detail.calendar) || {};
  var open = { overdue: 1, due_soon: 1, open: 1 };
  /* Milestones the workbook does not track (re-integratieverslag, end of the waiting time)
   * are still deadlines ahead: shown from the server's "today" on, with their own status. */
  var asOf = PW.asOf || PW.today();
  /** @type {Deadline[]} */
  var items = [];
  (cal.milestones || []).forEach(function (m) {
    if (m.due && (open.hasOwnProperty(m.status) || (m.status === "not_tracked" && m.due >= asOf))) {
      items.push({ title: m.milestone, due: m.due, status: m.status, text: m.status_text || m.status, rule: null });
    }
  });
  (cal.evaluations || []).forEach(function (g) {
    if (!g.done && open.hasOwnProperty(g.status)) {
      items.push({ title: PW.t("evaluation"), due: g.due, status: g.status, text: g.status_text || g.status, rule: null });
    }
  });
  items.sort(function (a, b) { return PW.byDue(a.due, b.due); });
  return items.slice(0, count || 5);
};

/** "3 fouten · 1 waarschuwing", or "geen bevindingen". @param {VerdictCounts|undefined} counts */
PW.countsText = function (counts) {
  var c = counts || {};
  /** @type {string[]} */
  var parts = [];
  [["error", c.error], ["warning", c.warning], ["info", c.info]].forEach(function (pair) {
    var n = Number(pair[1] || 0);
    if (n > 0) parts.push(n + " " + PW.t("count_" + pair[0] + (n === 1 ? "" : "s")));
  });
  return parts.length ? parts.join(" \u00b7 ") : PW.t("count_none");
};

/**
 * The verdict at a glance: its status, the findings' counts, how many items are late, and, when
 * no dossier was looked at, that it rests on the workbook alone.
 * @param {Verdict} verdict
 */
PW.verdictSummary = function (verdict) {
  var late = PW.verdictItems(verdict).filter(function (item) { return item.state === "late"; }).length;
  var box = PW.el("div", { className: "pw-verdict" },
    PW.el("div", { className: "pw-verdict-line" },
      PW.statusBadge(verdict.status, verdict.status_text || PW.t("status_" + verdict.status)),
      PW.el("span", { className: "pw-verdict-counts", text: PW.countsText(verdict.counts) }),
      late ? PW.el("span", { className: "pw-badge late pw-late-count", text: PW.fill(PW.t("late_count"), { n: late }) }) : null));
  if (verdict.basis === "workbook" && verdict.basis_text) {
    box.appendChild(PW.el("p", { className: "pw-muted pw-basis", text: verdict.basis_text }));
  }
  return box;
};

/** Deadlines as list rows: title (and rule), date, state. @param {HTMLElement} list @param {Deadline[]} items */
PW.deadlineRows = function (list, items) {
  PW.clear(list);
  if (!items.length) list.appendChild(PW.el("li", { className: "pw-muted", text: PW.t("deadlines_none") }));
  items.forEach(function (d) {
    list.appendChild(PW.el("li", { "data-state": d.status },
      PW.el("span", { className: "pw-grow", text: d.title },
            d.rule ? PW.el("span", { className: "pw-muted pw-rule", text: " " + d.rule }) : null),
      PW.el("span", { className: "pw-nowrap", text: PW.date(d.due) }),
      PW.statusBadge(d.status, d.text || d.status)));
  });
};

/** @param {CaseDetail|null} detail @param {string} docType @returns {Milestone|null} */
PW.milestoneFor = function (detail, docType) {
  var code = PW.config.milestones[docType];
  var cal = (detail && detail.calendar) || {};
  if (!code) return null;
  return (cal.milestones || []).filter(function (m) { return m.code === code; })[0] || null;
};

/** @param {string|null|undefined} type */
PW.typeTitle = function (type) {
  var t = type ? PW.config.types[type] : null;
  return t ? t[PW.lang === "en" ? 1 : 0] : (type || PW.t("unknown"));
};

/* Office 2016/2019 on Windows show add-ins in Internet Explorer 11, which lacks what the panes
 * use (fetch, Promise, TextEncoder). The check runs before anything else uses them. */
PW.modernEnough = function () {
  var w = /** @type {Object<string, unknown>} */ (/** @type {unknown} */ (window));
  return !!(w.fetch && w.Promise && w.TextEncoder && w.URLSearchParams && Object.assign);
};
PW.OLD_BROWSER = {
  nl: "Deze Office-versie toont invoegtoepassingen met Internet Explorer; daarin werkt Poortwachter niet. " +
      "Gebruik Microsoft 365 of Office 2021 (of nieuwer), of Word en Outlook op het web.",
  en: "This Office version shows add-ins in Internet Explorer, where Poortwachter does not work. " +
      "Use Microsoft 365 or Office 2021 (or newer), or Word and Outlook on the web."
};

/**
 * Not inside Word or Outlook (office.js says host null, or it never loaded): say so plainly, offer
 * no connect form and keep no token.
 * @param {boolean} officeLoaded
 */
PW.outsideOffice = function (officeLoaded) {
  PW.$("pw-connect").classList.add("pw-hidden");
  PW.button("pw-connect-button").disabled = true;
  PW.$("pw-app").classList.add("pw-hidden");
  PW.$("pw-outside").classList.remove("pw-hidden");
  PW.$("pw-outside-text").textContent = PW.t(officeLoaded ? "no_office" : "no_office_js");
};

/**
 * Start a pane: take the token out of the address, wait for Office, pick the language; inside
 * Word or Outlook connect, elsewhere say that the pane belongs there.
 * @param {(cases: CaseRow[]) => unknown} init the pane's start once connected
 */
PW.start = function (init) {
  var modern = PW.modernEnough();
  var fromAddress = modern ? PW.takeTokenFromAddress() : null;
  /** @param {string|null} host @param {boolean} officeLoaded */
  var go = function (host, officeLoaded) {
    PW.lang = PW.pickLanguage();
    if (!modern) {
      var box = PW.$("pw-connect");
      box.className = "";
      box.textContent = PW.OLD_BROWSER[PW.lang];
      return;
    }
    try { PW.config = JSON.parse(PW.$("pw-config").textContent || "{}"); } catch (e) { /* keep the empty config */ }
    /* Every word comes from the server's one catalogue (plugin/core/words.py), in the page's config. */
    PW.strings = Object.assign({}, (PW.config.words || {})[PW.lang] || {});
    PW.translatePage();
    if (!host) { PW.outsideOffice(officeLoaded); return; }
    PW.onConnected = init;
    var button = PW.button("pw-connect-button");
    button.disabled = false;
    button.addEventListener("click", function () {
      /* The token, or the whole link `serve` printed (…/?token=TOKEN): both work. */
      var value = PW.input("pw-token").value.trim();
      var inLink = /[?#&]token=([^&#\s]+)/.exec(value);
      if (inLink) value = decodeURIComponent(inLink[1]);
      if (value) PW.tryConnect(value);
    });
    PW.$("pw-forget").addEventListener("click", PW.forget);
    PW.tryConnect(fromAddress || PW.storedToken());
  };
  if (window.Office && typeof Office.onReady === "function") {
    Office.onReady(function (info) { go(info && info.host ? String(info.host) : null, true); });
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { go(null, false); });
  } else {
    go(null, false);
  }
};
