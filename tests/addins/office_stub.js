/* The host side of Office for the tests: what Word or Outlook would give the pane, laid over
 * Microsoft's real office.js (served from the npm package @microsoft/office-js).
 *
 * Injected with page.add_init_script before the pane loads; it waits for office.js's own
 * script to finish (its load event, which fires before the next script runs) and then adds
 * only what a host adds: the host in Office.onReady's answer, Office.context's host parts
 * (displayLanguage, requirements, document, mailbox) and the Word namespace. Everything else
 * the pane touches (Office.onReady's timing, Office.AsyncResultStatus, Office.CoercionType,
 * Office.EventType, history.replaceState set to null) is office.js's own.
 * Every call the pane makes is recorded in window.__calls, so a test can assert what the pane
 * asked Word or Outlook to do. window.__officeConfig (set by the test first) gives host,
 * language, texts and files; without it nothing is added (a plain browser).
 */
(function () {
  "use strict";
  var OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
  var cfg = window.__officeConfig || null;
  var calls = window.__calls = { insert: [], select: [], properties: [], getFile: [], attachments: [], getAsFile: 0, search: [] };
  window.__officeInfo = null;   // what office.js's own onReady answered
  if (!cfg) return;

  var later = function (fn) { setTimeout(fn, 0); };
  var doc = { text: cfg.bodyText || "", properties: Object.assign({}, cfg.properties || {}) };
  window.__setBodyText = function (text) { doc.text = text; };
  var selectionHandlers = [];
  window.__fireSelectionChanged = function () { selectionHandlers.forEach(function (h) { h({}); }); };

  function occurrences(term) {
    var found = [], hay = doc.text.toLowerCase(), needle = term.toLowerCase(), at = hay.indexOf(needle);
    while (needle && at >= 0) { found.push(at); at = hay.indexOf(needle, at + needle.length); }
    return found;
  }
  function range(term, index) { return { select: function () { calls.select.push({ term: term, index: index }); } }; }

  /* Word's JavaScript API (WordApi), as far as the pane uses it. */
  var Word = {
    InsertLocation: { start: "Start", end: "End", replace: "Replace" },
    run: function (batch) {
      var body = {
        text: null,
        load: function () { body.text = doc.text; return body; },
        insertFileFromBase64: function (base64, location) {
          if (["Start", "End", "Replace"].indexOf(location) < 0) throw new Error("InvalidArgument: " + location);
          calls.insert.push({ base64: base64, location: location });
        },
        search: function (term, options) {
          calls.search.push({ term: term, options: options || null });
          var hits = occurrences(term);
          var collection = {
            items: [],
            load: function () { collection.items = hits.map(function (_, i) { return range(term, i); }); return collection; },
            getFirst: function () { return range(term, 0); }
          };
          return collection;
        }
      };
      var custom = {
        items: [],
        load: function () { custom.items = Object.keys(doc.properties).map(function (k) { return { key: k, value: doc.properties[k] }; }); },
        add: function (key, value) { doc.properties[key] = value; calls.properties.push({ key: key, value: value }); }
      };
      var ctx = { document: { body: body, properties: { customProperties: custom } }, sync: function () { return Promise.resolve(); } };
      return Promise.resolve().then(function () { return batch(ctx); });
    }
  };

  var fileBytes = cfg.fileBase64 ? Array.prototype.map.call(atob(cfg.fileBase64), function (c) { return c.charCodeAt(0); }) : [];
  var mailboxVersion = cfg.mailboxVersion || "1.8";
  var newer = function (have, want) {
    var a = have.split(".").map(Number), b = want.split(".").map(Number);
    return a[0] > b[0] || (a[0] === b[0] && (a[1] || 0) >= (b[1] || 0));
  };

  function install() {
    var Office = window.Office;
    if (!Office || typeof Office.onReady !== "function" || window.__hostInstalled) return;
    window.__hostInstalled = true;
    wrapOnReady(Office);
  }

  function makeItem(Office, ok) {
    var item = null;
    if (cfg.item) {
      var m = cfg.item;
      item = {
        subject: m.subject, from: m.from, sender: m.from, to: m.to || [], cc: m.cc || [],
        dateTimeCreated: new Date(m.date), internetMessageId: m.messageId,
        attachments: (m.attachments || []).map(function (a, i) {
          return { id: "att" + i, name: a.name, contentType: a.contentType, size: a.size || atob(a.base64).length,
                   attachmentType: "file", isInline: false };
        }),
        body: { getAsync: function (type, cb) {
          if (type !== Office.CoercionType.Text) throw new Error("the pane asked for " + type);
          later(function () { cb(ok(m.body)); });
        } },
        getAttachmentContentAsync: function (id, cb) {
          calls.attachments.push(id);
          var a = m.attachments[Number(id.slice(3))];
          later(function () { cb(ok({ format: "base64", content: a.base64 })); });
        }
      };
      if (newer(mailboxVersion, "1.14")) {
        item.getAsFileAsync = function (cb) { calls.getAsFile += 1; later(function () { cb(ok(m.emlBase64)); }); };
      }
    }
    return item;
  }

  function wrapOnReady(Office) {
    /* The host answers onReady: office.js's own promise first (its timing, its addin info; by then it
     * has made Office.context), then the host's parts of the context and the host's name. */
    var realOnReady = Office.onReady;
    Office.onReady = function (callback) {
      return realOnReady.call(Office).then(function (info) {
        window.__officeInfo = info;
        fillContext(Office);
        var hosted = { host: cfg.host, platform: "PC", addin: info && info.addin };
        if (callback) callback(hosted);
        return hosted;
      });
    };
    if (cfg.host === "Word") window.Word = Word;
    /* Office.FileType comes with a host's own script, not with office.js. */
    Office.FileType = Office.FileType || { Compressed: "compressed", Text: "text", Pdf: "pdf" };
  }

  function fillContext(Office) {
    if (window.__contextFilled) return;
    window.__contextFilled = true;
    var ok = function (value) { return { status: Office.AsyncResultStatus.Succeeded, value: value }; };
    var context = Office.context;
    var item = makeItem(Office, ok);
    context.displayLanguage = cfg.displayLanguage || "nl-NL";
    context.requirements = { isSetSupported: function (name, version) {
      if (name === "Mailbox") return cfg.host === "Outlook" && newer(mailboxVersion, version || "1.1");
      return cfg.host === "Word" && name === "WordApi";
    } };
    context.document = {
      addHandlerAsync: function (type, handler, cb) {
        if (type !== Office.EventType.DocumentSelectionChanged) throw new Error("unexpected event " + type);
        selectionHandlers.push(handler);
        if (cb) cb(ok());
      },
      getFileAsync: function (type, options, cb) {
        calls.getFile.push({ type: type, sliceSize: options && options.sliceSize });
        var size = cfg.sliceSize || 1000, count = Math.max(1, Math.ceil(fileBytes.length / size));
        var file = {
          size: fileBytes.length, sliceCount: count,
          getSliceAsync: function (i, done) { later(function () { done(ok({ data: fileBytes.slice(i * size, (i + 1) * size), index: i })); }); },
          closeAsync: function (done) { if (done) done(ok()); }
        };
        later(function () { cb(ok(file)); });
      }
    };
    context.mailbox = item ? { item: item } : undefined;
  }

  /* A script's load event does not bubble, but the capture phase sees it on the document. */
  document.addEventListener("load", function (event) {
    if (event.target && event.target.src === OFFICE_JS) install();
  }, true);
})();
