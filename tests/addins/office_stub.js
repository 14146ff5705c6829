/* A stand-in for office.js (Office, Word, Office.context.mailbox) in the tests, injected with
 * page.add_init_script before the pane loads. It records every call the pane makes into
 * window.__calls, so a test can assert what the pane asked Word or Outlook to do.
 * window.__officeConfig (set by the test first) gives host, language, texts and files. */
(function () {
  "use strict";
  var cfg = window.__officeConfig || {};
  var calls = window.__calls = { insert: [], select: [], properties: [], getFile: [], attachments: [], getAsFile: 0, search: [] };
  var ok = function (value) { return { status: "succeeded", value: value }; };
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

  var Word = {
    InsertLocation: { start: "Start", end: "End", replace: "Replace" },
    run: function (batch) {
      var body = {
        text: null,
        load: function () { body.text = doc.text; return body; },
        insertFileFromBase64: function (base64, location) { calls.insert.push({ base64: base64, location: location }); },
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
      body: { getAsync: function (type, cb) { later(function () { cb(ok(m.body)); }); } },
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

  window.Word = cfg.host === "Word" ? Word : undefined;
  window.Office = {
    AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
    FileType: { Compressed: "compressed", Text: "text", Pdf: "pdf" },
    CoercionType: { Text: "text", Html: "html" },
    EventType: { DocumentSelectionChanged: "documentSelectionChanged" },
    onReady: function (cb) {
      var info = { host: cfg.host, platform: "PC" };
      return new Promise(function (resolve) { later(function () { if (cb) cb(info); resolve(info); }); });
    },
    context: {
      displayLanguage: cfg.displayLanguage || "nl-NL",
      requirements: { isSetSupported: function (name, version) {
        if (name === "Mailbox") return newer(mailboxVersion, version || "1.1");
        return name === "WordApi";
      } },
      document: {
        addHandlerAsync: function (type, handler, cb) { selectionHandlers.push(handler); if (cb) cb(ok()); },
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
      },
      mailbox: item ? { item: item } : undefined
    }
  };
})();
