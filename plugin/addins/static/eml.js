/* A message rebuilt as .eml (RFC 5322 + MIME) from what Outlook's item gives, for hosts
 * without item.getAsFileAsync (Mailbox 1.14). The text body and the attachments are kept
 * byte for byte; the headers that prove when and from whom are kept too. */
"use strict";

/**
 * @typedef {{displayName?: string, emailAddress?: string}} EmlPerson
 * @typedef {{from?: EmlPerson, to?: EmlPerson[], cc?: EmlPerson[], subject?: string, date?: Date|string|number,
 *            messageId?: string, body?: string}} EmlFields
 * @typedef {{name: string, contentType?: string, base64: string}} EmlAttachment
 */

/**
 * The message as RFC 5322 text.
 * @type {(fields: EmlFields, attachments?: EmlAttachment[]) => string}
 */
PW.buildEml = (function () {
  var CRLF = "\r\n";

  /** @param {string} text */
  function ascii(text) { return /^[\x20-\x7e]*$/.test(text); }
  /* RFC 2047 encoded-word for a header value that is not plain ASCII. */
  /** @param {string|undefined} text */
  function header(text) {
    text = String(text || "").replace(/[\r\n]+/g, " ");
    return ascii(text) ? text : "=?UTF-8?B?" + PW.textToBase64(text) + "?=";
  }
  /** @param {EmlPerson|undefined} person */
  function address(person) {
    if (!person) return "";
    var mail = person.emailAddress || "";
    var name = person.displayName || "";
    if (!name || name === mail) return mail;
    return (ascii(name) ? '"' + name.replace(/["\\]/g, "") + '"' : header(name)) + " <" + mail + ">";
  }
  /** @param {string} base64 */
  function lines(base64) { return base64.replace(/(.{76})/g, "$1" + CRLF); }
  /** @param {Date|string|number|undefined} value */
  function rfcDate(value) {
    var d = value instanceof Date ? value : new Date(value || Date.now());
    var days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
    var months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    var pad = PW.pad;
    return days[d.getUTCDay()] + ", " + pad(d.getUTCDate()) + " " + months[d.getUTCMonth()] + " " + d.getUTCFullYear() +
      " " + pad(d.getUTCHours()) + ":" + pad(d.getUTCMinutes()) + ":" + pad(d.getUTCSeconds()) + " +0000";
  }
  /** @param {string} name */
  function quotedName(name) {
    return ascii(name) ? '"' + name.replace(/["\\]/g, "_") + '"' : header(name);
  }

  return function (fields, attachments) {
    var boundary = "=_poortwachter_" + Math.random().toString(36).slice(2) + Date.now().toString(36);
    var head = [];
    head.push("From: " + address(fields.from));
    var to = fields.to || [], cc = fields.cc || [];
    if (to.length) head.push("To: " + to.map(address).join(", "));
    if (cc.length) head.push("Cc: " + cc.map(address).join(", "));
    head.push("Subject: " + header(fields.subject || ""));
    head.push("Date: " + rfcDate(fields.date));
    if (fields.messageId) head.push("Message-ID: " + fields.messageId.replace(/[\r\n]/g, ""));
    head.push("MIME-Version: 1.0");
    head.push("X-Poortwachter: rebuilt from Outlook item fields");
    head.push('Content-Type: multipart/mixed; boundary="' + boundary + '"');
    var parts = [head.join(CRLF), "", "This is a multi-part message in MIME format.", ""];
    parts.push("--" + boundary);
    parts.push("Content-Type: text/plain; charset=utf-8");
    parts.push("Content-Transfer-Encoding: base64", "");
    parts.push(lines(PW.textToBase64(fields.body || "")));
    (attachments || []).forEach(function (a) {
      parts.push("--" + boundary);
      parts.push("Content-Type: " + (a.contentType || "application/octet-stream").replace(/[\r\n;].*$/, "") +
                 "; name=" + quotedName(a.name));
      parts.push("Content-Disposition: attachment; filename*=UTF-8''" + encodeURIComponent(a.name).replace(/['()*]/g, function (c) {
        return "%" + c.charCodeAt(0).toString(16).toUpperCase(); }));
      parts.push("Content-Transfer-Encoding: base64", "");
      parts.push(lines(a.base64));
    });
    parts.push("--" + boundary + "--", "");
    return parts.join(CRLF);
  };
})();
