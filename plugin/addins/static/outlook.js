/* The Outlook task pane (read mode): which case this message belongs to and why, what it
 * proves and what that does to the case's deadlines, saving it and chosen attachments into
 * the case's dossier, and the case's next deadlines. The server decides all of that
 * (POST /api/mail, GET /api/cases/{case}); this file gathers the message and shows answers. */
(function () {
  "use strict";
  var MAX_ATTACHMENT = 10 * 1024 * 1024;  // UWV's upload limit; the server's body limit is larger
  var MAIL_BUDGET = 18 * 1024 * 1024;     // base64 characters sent to /api/mail (the server takes 25 MB)
  var fill = PW.fill;

  /**
   * @typedef {{id: string, name: string, contentType: string, size: number, base64: string|null, note: string|null}} Attachment
   * @typedef {{type: string|null, date: string|null, why?: string, attachment: string|null}} MailDocument
   * @typedef {{case: string|null, tied_by: string|null, candidates?: string[], documents: MailDocument[]}} MailAnswer
   * @typedef {{medical_terms?: {start: number, end: number}[]}} InspectAnswer
   * @typedef {{cases: CaseRow[], mail: MailAnswer|null, attachments: Attachment[], body: string,
   *            unsafe: Object<number, boolean>, started: boolean}} OutlookState
   */
  /** @type {OutlookState} */
  var state = { cases: [], mail: null, attachments: [], body: "", unsafe: {}, started: false };

  /* ---- reading the item ---- */
  /** The message being read (the manifest's rule: a message in read mode). */
  function item() { return /** @type {Office.MessageRead} */ (Office.context.mailbox.item); }
  /**
   * @template T
   * @param {(done: (result: Office.AsyncResult<T>) => void) => void} call
   * @returns {Promise<T>}
   */
  function asPromise(call) {
    return new Promise(function (resolve, reject) {
      call(function (result) {
        if (result.status === Office.AsyncResultStatus.Succeeded) resolve(result.value);
        else reject(result.error || new Error("Office"));
      });
    });
  }
  /** @returns {Promise<string>} */
  function readBody() {
    return asPromise(function (/** @type {(result: Office.AsyncResult<string>) => void} */ done) {
      item().body.getAsync(Office.CoercionType.Text, done);
    });
  }
  /** @param {string} version */
  function supports(version) {
    try { return Office.context.requirements.isSetSupported("Mailbox", version); } catch (e) { return false; }
  }
  /** File attachments with their content (Mailbox 1.8); the others are listed but not sent. @returns {Promise<Attachment[]>} */
  function readAttachments() {
    var list = (item().attachments || []).filter(function (a) {
      return !a.isInline && String(a.attachmentType || "file") === "file";
    });
    var canRead = supports("1.8") && typeof item().getAttachmentContentAsync === "function";
    return Promise.all(list.map(function (a) {
      /** @type {Attachment} */
      var entry = { id: a.id, name: a.name, contentType: a.contentType, size: a.size, base64: null, note: null };
      if (!canRead) { entry.note = PW.t("attachment_skipped"); return entry; }
      if (a.size > MAX_ATTACHMENT) { entry.note = fill(PW.t("attachment_big"), { size: Math.round(a.size / 1048576) }); return entry; }
      return asPromise(function (/** @type {(result: Office.AsyncResult<Office.AttachmentContent>) => void} */ done) {
        item().getAttachmentContentAsync(a.id, done);
      }).then(function (content) {
        if (String(content.format) === "base64") entry.base64 = content.content;
        else entry.note = PW.t("attachment_skipped");
        return entry;
      }, function () { entry.note = PW.t("attachment_skipped"); return entry; });
    }));
  }
  function sender() {
    var from = item().from || item().sender || {};
    return from.displayName && from.emailAddress ? from.displayName + " <" + from.emailAddress + ">" : (from.emailAddress || "");
  }
  /** @returns {Date} */
  function messageDate() {
    var created = item().dateTimeCreated;
    return created instanceof Date ? created : new Date(created || Date.now());
  }

  /* ---- the case and why ---- */
  function chosenCase() { return (state.mail && state.mail.case) || PW.select("case").value; }
  /** @param {string} id @returns {Promise<CaseDetail|null>} */
  function caseDetail(id) {
    return id ? PW.api("GET", "/api/cases/" + encodeURIComponent(id)).catch(function () { return null; }) : Promise.resolve(null);
  }
  function showCase() {
    var mail = state.mail;
    var line = PW.clear(PW.$("case-line"));
    if (mail && mail.case) {
      var tied = mail.case;
      var row = state.cases.filter(function (c) { return c.case === tied; })[0] || { case: tied };
      line.appendChild(PW.el("strong", { text: tied }));
      line.appendChild(document.createTextNode(" \u2014 " + (row.employee || "") + (row.employer ? " (" + row.employer + ")" : "")));
      var key = "tied_" + mail.tied_by;
      PW.$("case-why").textContent = PW.strings[key] ? PW.t(key) : fill(PW.t("tied_other"), { how: mail.tied_by || "" });
      PW.$("case-pick").classList.add("pw-hidden");
    } else {
      PW.$("case-why").textContent = PW.t("untied");
      PW.$("case-pick").classList.remove("pw-hidden");
    }
  }

  /** @param {CaseDetail|null} detail */
  function showEvidence(detail) {
    var list = PW.clear(PW.$("evidence"));
    var docs = (state.mail && state.mail.documents) || [];
    if (!docs.length) list.appendChild(PW.el("li", { className: "pw-muted", text: PW.t("evidence_none") }));
    docs.forEach(function (doc) {
      var what = PW.typeTitle(doc.type) + (doc.date ? " \u00b7 " + PW.date(doc.date) : "");
      /* The server's "why" names the attachment already ("bijlage X.pdf: bestandsnaam"). */
      var source = doc.why || doc.attachment || PW.t("evidence_message");
      var text = PW.el("div", { className: "pw-grow" },
        PW.el("div", { className: "pw-strong", text: what }),
        PW.el("div", { className: "pw-muted", text: source }));
      var m = detail && doc.type ? PW.milestoneFor(detail, doc.type) : null;
      var effect = PW.el("div", { className: "pw-muted" });
      if (m && doc.date) {
        var late = !!(m.due && doc.date > m.due);
        effect.textContent = fill(PW.t("effect_done"), { milestone: m.milestone, date: PW.date(doc.date) }) +
          (m.due ? fill(PW.t("effect_due"), { due: PW.date(m.due) }) : "") + " ";
        effect.appendChild(PW.statusBadge(late ? "late" : "ok", PW.t(late ? "effect_late" : "effect_in_time")));
        text.appendChild(effect);
      } else if (detail && !m) {
        effect.textContent = PW.t("effect_none");
        text.appendChild(effect);
      }
      list.appendChild(PW.el("li", {}, text));
    });
  }

  /* The case's verdict (status, counts, every open or late item) when the server gives one; else the
   * calendar's next deadlines; for a case the workbook blocks, where the error is. */
  /** @param {CaseDetail|null} detail */
  function showDeadlines(detail) {
    var list = PW.clear(PW.$("deadlines"));
    var summary = PW.clear(PW.$("verdict"));
    if (!chosenCase()) { list.appendChild(PW.el("li", { className: "pw-muted", text: PW.t("deadlines_no_case") })); return; }
    if (detail && detail.verdict) summary.appendChild(PW.verdictSummary(detail.verdict));
    if (detail && !detail.calendar && (detail.problems || []).length) {  // the workbook blocks this case
      (detail.problems || []).slice(0, 3).forEach(function (p) {
        list.appendChild(PW.el("li", { className: "pw-error-line", text: p.message }));
      });
      return;
    }
    PW.deadlineRows(list, PW.nextDeadlines(detail, 5));
  }

  /* Case and evidence show at once; the calendar (deadlines, effects) follows when it arrives. */
  function refreshCase() {
    showCase();
    showEvidence(null);
    var id = chosenCase();
    if (id) {
      PW.clear(PW.$("verdict"));
      PW.clear(PW.$("deadlines")).appendChild(PW.el("li", { className: "pw-muted", text: PW.t("busy") }));
    } else showDeadlines(null);
    return caseDetail(id).then(function (detail) {
      if (id !== chosenCase()) return;  // the user chose another case meanwhile
      showEvidence(detail);
      showDeadlines(detail);
    });
  }

  /* ---- saving ---- */
  /** @param {string|null} attachmentName */
  function evidenceFor(attachmentName) {
    return ((state.mail && state.mail.documents) || []).filter(function (d) { return d.attachment === attachmentName && d.type; })[0];
  }
  /** @param {string|null} type */
  function labelOf(type) {
    var labels = type ? PW.config.labels[type] : null;
    return labels ? labels[0] : null;
  }
  /* AVG: a subject or attachment name that names a diagnosis stays out of the dossier's file names
   * (they show up in check reports). state.unsafe[i]: line i of [subject, names...] has a term. */
  function messageName() {
    var day = PW.isoDate(messageDate()) || PW.today();
    var own = evidenceFor(null);
    var label = (own && labelOf(own.type)) || PW.t("mail_label");
    var subject = state.unsafe[0] ? "" : (item().subject || "");
    return PW.fileName(day + " " + label + (subject ? " - " + subject : "")).slice(0, 140) + ".eml";
  }
  /** @param {Attachment} a @param {number} index */
  function attachmentName(a, index) {
    var ext = (/\.[A-Za-z0-9]{1,8}$/.exec(a.name) || [""])[0];
    var doc = evidenceFor(a.name);
    var day = (doc && doc.date) || PW.isoDate(messageDate()) || PW.today();
    var label = doc ? labelOf(doc.type) : null;
    if (label) return PW.fileName(day + " " + label) + ext;  // <jjjj-mm-dd> <Document>.pdf
    if (state.unsafe[index + 1]) return PW.fileName(day + " " + PW.t("attachment_label") + " " + (index + 1)) + ext;
    return /^\d{4}-\d{2}-\d{2}/.test(a.name) ? PW.fileName(a.name) : PW.fileName(day + " " + a.name);
  }
  /** Which of the lines has a diagnosis term, by the server's offsets. Unknown (no answer): all of them.
   * @param {string[]} lines @param {InspectAnswer|null} answer */
  function unsafeLines(lines, answer) {
    /** @type {Object<number, boolean>} */
    var unsafe = {};
    var start = 0;
    var bounds = lines.map(function (line) { var b = [start, start + line.length]; start += line.length + 1; return b; });
    if (!answer) { lines.forEach(function (_, i) { unsafe[i] = true; }); return unsafe; }
    (answer.medical_terms || []).forEach(function (hit) {
      bounds.forEach(function (b, i) { if (hit.start < b[1] && hit.end > b[0]) unsafe[i] = true; });
    });
    return unsafe;
  }

  function nameLines() {
    return [String(item().subject || "").replace(/[\r\n]+/g, " ")].concat(state.attachments.map(function (a) {
      return String(a.name || "").replace(/[\r\n]+/g, " ");
    }));
  }

  function showSaveChoices() {
    var box = PW.clear(PW.$("save-items"));
    box.appendChild(PW.el("label", { className: "pw-check" }, PW.el("input", { type: "checkbox", id: "save-message", checked: "checked" }),
                          PW.el("span", {}, PW.t("save_message"), PW.el("br"), PW.el("span", { className: "pw-muted", id: "name-message", text: messageName() }))));
    state.attachments.forEach(function (a, i) {
      var input = PW.el("input", { type: "checkbox", id: "save-att-" + i, "data-name": a.name,
                                   checked: evidenceFor(a.name) && a.base64 ? "checked" : null, disabled: a.base64 ? null : "disabled" });
      box.appendChild(PW.el("label", { className: "pw-check" }, input,
                            PW.el("span", {}, a.name, PW.el("br"),
                                  PW.el("span", { className: "pw-muted", text: a.base64 ? "\u2192 " + attachmentName(a, i) : a.note }))));
    });
  }

  /** The message as base64: the original (Mailbox 1.14), else rebuilt from the item. @returns {Promise<string>} */
  function messageBase64() {
    var it = item();
    if (supports("1.14") && typeof it.getAsFileAsync === "function") {
      return asPromise(function (/** @type {(result: Office.AsyncResult<string>) => void} */ done) { it.getAsFileAsync(done); });
    }
    PW.show("save-msg", PW.t("save_rebuilt"));
    /** @type {EmlAttachment[]} */
    var attached = [];
    state.attachments.forEach(function (a) {
      if (a.base64) attached.push({ name: a.name, contentType: a.contentType, base64: a.base64 });
    });
    var eml = PW.buildEml({ from: it.from || it.sender, to: it.to || [], cc: it.cc || [], subject: it.subject,
                            date: messageDate(), messageId: it.internetMessageId, body: state.body }, attached);
    return Promise.resolve(PW.textToBase64(eml));
  }

  function save() {
    var id = chosenCase();
    var results = PW.clear(PW.$("save-results"));
    PW.show("save-msg", "");
    if (!id) { PW.show("save-msg", PW.t("save_pick_case"), "warning"); return Promise.resolve(); }
    /** @type {(() => Promise<string[]>)[]} each gives [file name, base64] */
    var jobs = [];
    if (PW.input("save-message").checked) jobs.push(function () { return messageBase64().then(function (b64) { return [messageName(), b64]; }); });
    state.attachments.forEach(function (a, i) {
      var content = a.base64;
      if (!PW.input("save-att-" + i).checked || !content) return;
      var pair = [attachmentName(a, i), content];
      jobs.push(function () { return Promise.resolve(pair); });
    });
    /** @type {Object<string, boolean>} */
    var used = {};
    /** Two attachments proving the same thing on one day: "(2)". @param {string} name */
    var unique = function (name) {
      var base = name.replace(/(\.[^.]*)?$/, ""), ext = name.slice(base.length), n = 2, candidate = name;
      while (used[candidate.toLowerCase()]) { candidate = base + " (" + n + ")" + ext; n += 1; }
      used[candidate.toLowerCase()] = true;
      return candidate;
    };
    if (!jobs.length) { PW.show("save-msg", PW.t("save_nothing"), "warning"); return Promise.resolve(); }
    /* One after the other: each answer (saved, or the server's refusal) shows on its own line. */
    return jobs.reduce(function (/** @type {Promise<void>} */ chain, job) {
      return chain.then(job).then(function (pair) {
        var name = unique(pair[0]);
        return PW.api("POST", "/api/cases/" + encodeURIComponent(id) + "/dossier", { name: name, content_base64: pair[1] })
          .then(function (/** @type {{path: string}} */ answer) {
            results.appendChild(PW.el("li", { className: "pw-ok-line", text: fill(PW.t("saved"), { path: answer.path }) }));
          }, function (/** @type {PW.ApiError} */ err) {
            results.appendChild(PW.el("li", { className: "pw-error-line", text: name + ": " + err.message }));
          });
      });
    }, Promise.resolve());
  }

  /* ---- start ---- */
  /** @param {CaseRow[]} cases */
  function init(cases) {
    state.cases = cases || [];
    PW.fillCases(PW.select("case"), state.cases, "");
    PW.show("mail-msg", PW.t("reading"));
    if (!state.started) {
      state.started = true;
      PW.$("case").addEventListener("change", refreshCase);
      PW.$("save").addEventListener("click", save);
    }
    var it = item();
    return Promise.all([readBody().catch(function () { return ""; }), readAttachments()]).then(function (got) {
      state.body = got[0] || "";
      state.attachments = got[1];
      /* What fits the server's limits (20 attachments, 25 MB a request) goes along to be recognised;
       * every attachment can still be saved on its own. */
      var budget = MAIL_BUDGET;
      /** @type {{name: string, content_base64: string}[]} */
      var sent = [];
      state.attachments.forEach(function (a) {
        if (a.base64 && sent.length < 20 && a.base64.length <= budget) {
          budget -= a.base64.length;
          sent.push({ name: a.name, content_base64: a.base64 });
        }
      });
      var payload = { subject: it.subject || "", from: sender(), date: messageDate().toISOString(), body: state.body,
                      attachments: sent };
      return Promise.all([PW.api("POST", "/api/mail", payload),
                          PW.api("POST", "/api/inspect", { text: nameLines().join("\n") }).catch(function () { return null; })]);
    }).then(function (answers) {
      state.mail = answers[0];
      state.unsafe = unsafeLines(nameLines(), answers[1]);  // no answer: leave every name out (fail safe)
      PW.show("mail-msg", "");
      showSaveChoices();
      return refreshCase();
    }).catch(function (err) { PW.show("mail-msg", PW.errorText(err), "error"); });
  }

  PW.start(init);
})();
