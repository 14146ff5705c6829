/* The Word task pane: a new document from the case, the live check (type, missing parts,
 * WVP dates, diagnosis terms) and saving into the case's dossier. The server does the work
 * (the same library as the CLI); this file only moves text and bytes between Word and it. */
(function () {
  "use strict";
  var fill = PW.fill;

  /**
   * @typedef {{part?: string, label?: string}} MissingPart
   * @typedef {{term: string, start: number, end: number}} TermHit
   * @typedef {{type: string|null, language?: string, date: string|null, missing?: MissingPart[],
   *            medical_terms?: TermHit[]}} Inspected
   * @typedef {{cases: CaseRow[], details: Object<string, Promise<CaseDetail|null>>, inspected: Inspected|null,
   *            lastText: string|null, timer: number|undefined, checking: boolean, ownType: string|null,
   *            ownDate: string|null, started: boolean}} WordState
   */
  /** @type {WordState} */
  var state = { cases: [], details: {}, inspected: null, lastText: null, timer: undefined, checking: false,
                ownType: null, ownDate: null, started: false };
  /** @typedef {"End"|"Start"|"Replace"} Where where insertFileFromBase64 may put a document in the body */
  /** @type {Where[]} the values of the #location choices (no `Word` here: outside Word it does not exist) */
  var LOCATIONS = ["End", "Start", "Replace"];

  /* ---- Word ---- */
  /** @returns {Promise<string>} */
  function readBody() {
    return Word.run(function (ctx) {
      var body = ctx.document.body;
      body.load("text");
      return ctx.sync().then(function () { return body.text; });
    });
  }
  /** @param {string} name @returns {Promise<string|null>} */
  function readProperty(name) {
    return Word.run(function (ctx) {
      var props = ctx.document.properties.customProperties;
      props.load("items");
      return ctx.sync().then(function () {
        var hit = props.items.filter(function (p) { return p.key === name; })[0];
        return hit ? String(hit.value) : null;
      });
    }).catch(function () { return null; });
  }
  /** @param {string} base64 @param {Where} location */
  function insertDocument(base64, location) {
    return Word.run(function (ctx) {
      ctx.document.body.insertFileFromBase64(base64, location);
      return ctx.sync();
    });
  }
  /** @param {string} term @param {number} occurrence */
  function selectTerm(term, occurrence) {
    return Word.run(function (ctx) {
      var results = ctx.document.body.search(term, { matchCase: false });
      if (!occurrence) {
        results.getFirst().select();
        return ctx.sync();
      }
      results.load("items");
      return ctx.sync().then(function () {
        var items = results.items;
        if (items.length) items[Math.min(occurrence, items.length - 1)].select();
        return ctx.sync();
      });
    });
  }
  /** @param {Object<string, string>} values */
  function setProperties(values) {
    return Word.run(function (ctx) {
      var props = ctx.document.properties.customProperties;
      Object.keys(values).forEach(function (k) { if (values[k]) props.add(k, values[k]); });
      return ctx.sync();
    });
  }
  /** The whole .docx as Word has it, in slices (Office.FileType.Compressed). @returns {Promise<Uint8Array>} */
  function readFile() {
    return new Promise(function (resolve, reject) {
      Office.context.document.getFileAsync(Office.FileType.Compressed, { sliceSize: 4194304 }, function (result) {
        if (result.status !== Office.AsyncResultStatus.Succeeded) { reject(result.error); return; }
        var file = result.value, count = file.sliceCount, total = 0;
        /** @type {Uint8Array[]} */
        var parts = [];
        /** @param {number} i */
        var next = function (i) {
          file.getSliceAsync(i, function (slice) {
            if (slice.status !== Office.AsyncResultStatus.Succeeded) { file.closeAsync(); reject(slice.error); return; }
            var data = new Uint8Array(slice.value.data);
            parts[i] = data; total += data.length;
            if (i + 1 < count) { next(i + 1); return; }
            file.closeAsync();
            var bytes = new Uint8Array(total), offset = 0;
            parts.forEach(function (p) { bytes.set(p, offset); offset += p.length; });
            resolve(bytes);
          });
        };
        next(0);
      });
    });
  }

  /* ---- the case ---- */
  function chosenCase() { return PW.select("case").value; }
  /** @param {string} id @returns {Promise<CaseDetail|null>} */
  function caseDetail(id) {
    if (!id) return Promise.resolve(null);
    if (!state.details[id]) {
      state.details[id] = PW.api("GET", "/api/cases/" + encodeURIComponent(id))
        .catch(function () { delete state.details[id]; return null; });
    }
    return state.details[id];
  }
  /* The case line: employer and week at once; its status and deadlines once the case's verdict is
   * there (GET /api/cases/{case}), or, from a server without a verdict, the cases list's status. */
  function showCaseInfo() {
    var id = chosenCase();
    var row = state.cases.filter(function (c) { return c.case === id; })[0];
    var info = PW.clear(PW.$("case-info"));
    var box = PW.clear(PW.$("case-verdict"));
    if (!row) return;
    var words = [row.employer || ""];
    if (row.week) words.push(fill(PW.t("case_week"), { week: row.week }));
    var line = PW.el("span", { text: words.filter(Boolean).join(" \u00b7 ") });
    info.appendChild(line);
    (row.problems || []).slice(0, 3).forEach(function (p) {   // a row the workbook blocks: say where
      info.appendChild(PW.el("div", { className: "pw-error-line", text: p.message }));
    });
    if (row.problems && row.problems.length) return;
    caseDetail(id).then(function (detail) {
      if (id !== chosenCase()) return;   // another case was chosen meanwhile
      var verdict = detail && detail.verdict;
      if (verdict) { showVerdict(box, verdict); return; }
      if (row.next) line.textContent += " \u00b7 " + fill(PW.t("next_label"), { milestone: row.next.title, due: PW.date(row.next.due) });
      if (row.status) {
        info.insertBefore(PW.statusBadge(row.status, row.status_text || PW.t("status_" + row.status)), line.nextSibling);
        info.insertBefore(document.createTextNode(" "), line.nextSibling);
      }
    });
  }
  /** @param {HTMLElement} box @param {Verdict} verdict */
  function showVerdict(box, verdict) {
    box.appendChild(PW.verdictSummary(verdict));
    var items = PW.nextDeadlines({ case: chosenCase(), verdict: verdict });
    if (!items.length) return;
    var list = PW.el("ul", { className: "pw-list", id: "case-deadlines" });
    PW.deadlineRows(list, items);
    var late = items.filter(function (d) { return d.status === "late"; }).length;
    box.appendChild(PW.el("details", { className: "pw-details", open: late ? "open" : null },
                          PW.el("summary", { text: PW.fill(PW.t("deadlines_open"), { n: items.length }) }), list));
  }

  /* ---- Nieuw document ---- */
  /** @param {boolean} force */
  function generate(force) {
    var id = chosenCase();
    if (!id) { PW.show("generate-msg", PW.t("pick_case"), "warning"); return; }
    var type = PW.select("doctype").value;
    var location = LOCATIONS.filter(function (l) { return l === PW.select("location").value; })[0] || "End";
    PW.show("generate-msg", PW.t("busy"));
    PW.$("generate-force").classList.add("pw-hidden");
    var name = "";
    /** @type {string[]} */
    var notes = [];
    PW.api("POST", "/api/cases/" + encodeURIComponent(id) + "/documents", { type: type, force: !!force }, { binary: true })
      .then(function (/** @type {Response} */ response) {
        var disposition = response.headers.get("Content-Disposition") || "";
        var m = /filename\*=UTF-8''([^;]+)|filename="?([^";]+)"?/i.exec(disposition);
        name = m ? decodeURIComponent(m[1] || m[2]) : type + ".docx";
        /* What to know about it (dated today, made after its deadline): a JSON list of texts. */
        try { notes = JSON.parse(decodeURIComponent(response.headers.get("X-Poortwachter-Notes") || "[]")); } catch (e) { notes = []; }
        return response.arrayBuffer();
      })
      .then(function (buffer) { return insertDocument(PW.bytesToBase64(new Uint8Array(buffer)), location); })
      .then(function () {
        var said = fill(PW.t("inserted"), { name: name });
        PW.show("generate-msg", notes.length ? said + " " + notes.join(" ") : said, notes.length ? "warning" : "success");
        state.lastText = null;
        scheduleCheck(300);
      })
      .catch(function (/** @type {PW.ApiError} */ err) {
        PW.show("generate-msg", PW.errorText(err), "error");
        if (err.status === 409) PW.$("generate-force").classList.remove("pw-hidden");
      });
  }

  /* ---- Controleer dit document ---- */
  /** @param {number} [delay] */
  function scheduleCheck(delay) {
    clearTimeout(state.timer);
    state.timer = window.setTimeout(function () { check(false); }, delay === undefined ? 1200 : delay);
  }
  /** @param {boolean} forced @returns {Promise<void>} */
  function check(forced) {
    if (state.checking) { scheduleCheck(); return Promise.resolve(); }
    state.checking = true;
    return readBody().then(function (text) {
      if (!forced && text === state.lastText) return null;
      state.lastText = text;
      return PW.api("POST", "/api/inspect", { text: text }).then(function (/** @type {Inspected} */ result) {
        state.inspected = result;
        render(result, text);
        suggestName();
      });
    }).catch(function (err) {
      PW.show("check-msg", PW.errorText(err), "error");
    }).then(function () { state.checking = false; });
  }

  /** @param {Inspected} result @param {string} text */
  function render(result, text) {
    PW.show("check-msg", "");
    PW.$("fact-type").textContent = result.type ? PW.typeTitle(result.type) : PW.t("unknown");
    PW.$("fact-date").textContent = PW.date(result.date);
    PW.$("fact-language").textContent = PW.t("lang_" + (result.language || "nl"));
    var time = new Date();
    PW.$("check-state").textContent = fill(PW.t("checked_at"), { time: PW.pad(time.getHours()) + ":" + PW.pad(time.getMinutes()) });

    var terms = PW.clear(PW.$("terms"));
    var list = result.medical_terms || [];
    PW.$("terms-intro").textContent = list.length ? PW.t("terms_some") : "";
    if (!list.length) terms.appendChild(PW.el("p", { className: "pw-ok-line", text: PW.t("terms_none") }));
    /** @type {Object<string, number>} */
    var seen = {};
    list.forEach(function (hit) {
      /* The words as written (offsets are the server's); the server's term when they do not fit. */
      var word = text ? text.slice(hit.start, hit.end) : "";
      if (!word.trim() || /[\r\n]/.test(word)) word = hit.term;
      var key = word.toLowerCase();
      var occurrence = seen[key] || 0;
      seen[key] = occurrence + 1;
      terms.appendChild(PW.el("button", {
        className: "pw-term", text: word, title: word, "data-term": word, "data-occurrence": String(occurrence),
        onclick: function () {
          selectTerm(word, occurrence).catch(function (err) { PW.show("check-msg", PW.errorText(err), "error"); });
        } }));
    });

    var missing = PW.clear(PW.$("missing"));
    if (!result.type) missing.appendChild(PW.el("li", { text: PW.t("missing_unknown") }));
    else if (!(result.missing || []).length) missing.appendChild(PW.el("li", { className: "pw-ok-line", text: PW.t("missing_none") }));
    (result.missing || []).forEach(function (part) {
      missing.appendChild(PW.el("li", {}, PW.el("span", { className: "pw-badge soon", text: "!" }),
                                PW.el("span", { className: "pw-grow", text: part.label || part.part || String(part) })));
    });
    renderCalendar(result);
  }

  /** @param {Inspected} result */
  function renderCalendar(result) {
    var id = chosenCase();
    if (!id) { PW.show("check-calendar", PW.t("cal_no_case")); return; }
    if (!state.details[id]) PW.show("check-calendar", PW.t("busy"));
    caseDetail(id).then(function (detail) {
      if (id !== chosenCase() || result !== state.inspected) return;  // something newer is on screen
      var m = detail && result.type ? PW.milestoneFor(detail, result.type) : null;
      var isEvaluation = PW.config.evaluation_types.indexOf(result.type || "") >= 0;
      if (!m && isEvaluation && detail) { renderEvaluation(detail, result); return; }
      if (!m) { PW.show("check-calendar", result.type ? PW.t("cal_none") : ""); return; }
      var line = fill(PW.t("cal_due"), { milestone: m.milestone, due: PW.date(m.due) });
      if (m.done) line += fill(PW.t("cal_done"), { done: PW.date(m.done) });
      if (result.date) line += fill(PW.t("cal_doc"), { date: PW.date(result.date) });
      var late = !!(result.date && m.due && result.date > m.due);
      if (late) line += PW.t("cal_late");
      PW.show("check-calendar", line + (m.status_text ? " (" + m.status_text + ")" : ""), late ? "warning" : "");
    });
  }

  /** An evaluation: the 6-week window (computed by the server's calendar) this document falls in.
   * @param {CaseDetail} detail @param {Inspected} result */
  function renderEvaluation(detail, result) {
    var windows = (detail.calendar && detail.calendar.evaluations) || [];
    var when = result.date;
    var hit = windows.filter(function (g) { return when ? g.due >= when : !g.done; })[0];
    if (!hit) { PW.show("check-calendar", PW.t("cal_none")); return; }
    var line = fill(PW.t("cal_eval"), { after: PW.date(hit.after), due: PW.date(hit.due) });
    if (hit.done) line += fill(PW.t("cal_done"), { done: PW.date(hit.done) });
    if (when) line += fill(PW.t("cal_doc"), { date: PW.date(when) });
    PW.show("check-calendar", line + (hit.status_text ? " (" + hit.status_text + ")" : ""));
  }

  /* ---- Opslaan in dossier ---- */
  function docDate() { return (state.inspected && state.inspected.date) || state.ownDate || PW.today(); }
  function docType() { return (state.inspected && state.inspected.type) || state.ownType || null; }
  function suggestName() {
    var field = PW.input("save-name");
    if (field.dataset.edited) return;
    var type = docType();
    var labels = type ? PW.config.labels[type] : null;
    var english = !!state.inspected && state.inspected.language === "en";
    var label = labels ? labels[english ? 1 : 0] : "Document";
    field.value = PW.fileName(docDate() + " " + label) + ".docx";  // our convention: <jjjj-mm-dd> <Document>.docx
  }
  function save() {
    var id = chosenCase();
    if (!id) { PW.show("save-msg", PW.t("pick_case"), "warning"); return; }
    var name = PW.input("save-name").value.trim();
    if (!/\.docx$/i.test(name)) name += ".docx";
    PW.show("save-msg", PW.t("save_reading"));
    setProperties({ Casusnummer: id, Documenttype: docType() || "", Documentdatum: docDate() })
      .then(readFile)
      .then(function (bytes) {
        return PW.api("POST", "/api/cases/" + encodeURIComponent(id) + "/dossier",
                      { name: name, content_base64: PW.bytesToBase64(bytes) });
      })
      .then(function (/** @type {{path: string}} */ answer) { PW.show("save-msg", fill(PW.t("saved"), { path: answer.path }), "success"); })
      .catch(function (err) { PW.show("save-msg", PW.errorText(err), "error"); });
  }

  /* ---- tabs ---- */
  /** @param {string} name */
  function selectTab(name) {
    ["new", "check", "save"].forEach(function (tab) {
      PW.$("tab-" + tab).setAttribute("aria-selected", String(tab === name));
      PW.$("panel-" + tab).classList.toggle("pw-hidden", tab !== name);
    });
    if (name === "check") check(true);
    if (name === "save") check(false).then(suggestName);
  }

  /** @param {CaseRow[]} cases */
  function init(cases) {
    state.cases = cases || [];
    var types = PW.clear(PW.select("doctype"));
    PW.config.choices.forEach(function (c) {
      types.appendChild(PW.el("option", { value: c.type, text: PW.lang === "en" ? c.title_en : c.title }));
    });
    readProperty("Casusnummer").then(function (own) {
      PW.fillCases(PW.select("case"), state.cases, own);
      showCaseInfo();
    });
    /* A document Poortwachter made knows its own type and date (document properties). */
    readProperty("Documenttype").then(function (type) { state.ownType = type; });
    readProperty("Documentdatum").then(function (day) { state.ownDate = /^\d{4}-\d{2}-\d{2}$/.test(day || "") ? day : null; });
    readBody().then(function (text) { if (!text.trim()) PW.select("location").value = "Replace"; })
      .catch(function () {});
    if (state.started) return;
    state.started = true;
    PW.$("case").addEventListener("change", function () { showCaseInfo(); if (state.inspected) renderCalendar(state.inspected); });
    PW.$("generate").addEventListener("click", function () { generate(false); });
    PW.$("generate-force").addEventListener("click", function () { generate(true); });
    PW.$("recheck").addEventListener("click", function () { check(true); });
    PW.$("save").addEventListener("click", save);
    PW.$("save-name").addEventListener("input", function () { PW.input("save-name").dataset.edited = "1"; });
    ["new", "check", "save"].forEach(function (tab) {
      PW.$("tab-" + tab).addEventListener("click", function () { selectTab(tab); });
    });
    /* Live: Word reports selection changes while the user types; check after a pause. */
    try {
      Office.context.document.addHandlerAsync(Office.EventType.DocumentSelectionChanged, function () { scheduleCheck(); });
    } catch (e) { /* older hosts: the button still works */ }
  }

  PW.start(init);
})();
