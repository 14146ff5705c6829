"""What a text or a message is: for `poortwachter inspect`, /api/inspect and /api/mail (the task panes).

Both go through the checker's own reading code (plugin.readers, plugin.recognize.classify), so
a document is recognised here exactly as in `poortwachter check`.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import re
from dataclasses import replace
from email.message import EmailMessage
from email.utils import format_datetime

from plugin.documents.minimum_content import missing_parts
from plugin.errors import NotFound, UsageError
from plugin.recognize.classify import classify
from plugin.core.doctypes import DOC_TYPES
from plugin.core.language import detect_language
from plugin.core.dates import DateError, parse_date
from pathlib import Path

from plugin.readers import Extracted, Limits, parts, read_path
from plugin.readers.guarded import read_bytes_guarded
from plugin.documents import privacy_guard
from plugin.workbook.load import Case, Workbook

MAX_ATTACHMENTS = 20
POSTED_LIMITS = Limits()   # what the readers allow a dossier file, per posted file
_UNSAFE_NAME = re.compile(r"[/\\\x00-\x1f\x7f-\x9f\u2028\u2029]")


def find_medical_terms(text: str, case: Case | None = None) -> list[dict]:
    """Every diagnosis or other medical word with its character offsets: the AVG guard itself.

    With a case, its employer, job and people's names are not read as health statements, as
    when a document is generated (plugin.documents.privacy_guard).
    """
    from plugin.core.privacy import find_terms

    exempt, work = ((), ()) if case is None else (privacy_guard.exempt_values(case), privacy_guard.work_values(case))
    return [{"term": hit.term, "start": hit.start, "end": hit.end, "group": hit.group}
            for hit in find_terms(text, exempt, work)]


def inspect_text(text: object, doc_type: object = None, case: Case | None = None, name: str | None = None) -> dict:
    """Which document a text is, which parts of its minimum content (WVP.md) it seems to lack, and
    every medical word in it. name: the file name, when the text came from a file (it is evidence)."""
    if not isinstance(text, str):
        raise UsageError("geef de tekst van het document (text)")
    if doc_type is not None and doc_type not in DOC_TYPES:
        raise UsageError(f"onbekend documenttype: {doc_type} (kies uit {', '.join(DOC_TYPES)})")
    found = classify(Extracted(name=name or "", kind="txt", text=text), path_name=name)
    kind = doc_type or found.type
    language = found.language if text.strip() else "nl"
    return {"type": kind, "language": language, "date": found.date.isoformat() if found.date else None,
            "missing": [{"part": p.id, "label": p.label(language)} for p in missing_parts(kind, text)],
            "medical_terms": find_medical_terms(text, case)}


def _message(data: dict) -> bytes:
    """The fields of a mail (as an add-in sees them), without its attachments, as one .eml."""
    message = EmailMessage()
    for key, header in (("subject", "Subject"), ("from", "From")):
        value = data.get(key) or ""
        if not isinstance(value, str):
            raise UsageError(f"{key} moet tekst zijn")
        message[header] = " ".join(value.split())
    when = data.get("date")
    if when:
        try:
            day = dt.datetime.fromisoformat(str(when).replace("Z", "+00:00"))
        except ValueError:
            try:
                parsed = parse_date(str(when))
            except DateError:
                raise UsageError(f"date {when!r} is geen datum (gebruik JJJJ-MM-DD)") from None
            day = dt.datetime.combine(parsed, dt.time(12)) if parsed else None
        if day is not None:
            message["Date"] = format_datetime(day if day.tzinfo else day.replace(tzinfo=dt.timezone.utc))
    body = data.get("body") or ""
    if not isinstance(body, str):
        raise UsageError("body moet tekst zijn")
    message.set_content(body)
    return message.as_bytes()


def _attachments(data: dict) -> list[tuple[str, bytes]]:
    """(name, bytes) of each posted attachment; UsageError for a list that is not one."""
    attachments = data.get("attachments") or []
    if not isinstance(attachments, list) or len(attachments) > MAX_ATTACHMENTS:
        raise UsageError(f"attachments: een lijst van hoogstens {MAX_ATTACHMENTS} bijlagen")
    result = []
    for item in attachments:
        if not isinstance(item, dict) or not isinstance(item.get("name"), str):
            raise UsageError("elke bijlage heeft een name en content_base64")
        try:
            content = base64.b64decode(item.get("content_base64") or "", validate=True)
        except (binascii.Error, ValueError):
            raise UsageError(f"bijlage {item['name']!r}: content_base64 is geen geldige base64") from None
        result.append((attachment_name(item["name"]), content))
    return result


def attachment_name(name: str) -> str:
    """An attachment's name as a label: no path, no line break or other control character (a name
    is put in a MIME header, where a line break would start a header of its own)."""
    return _UNSAFE_NAME.sub("_", name).strip() or "bijlage"


def _documents(item: Extracted, lang: str) -> list[dict]:
    """Each part the checker recognises: type, date and why (the checker's own words)."""
    from plugin.recognize.classify import explain

    result = []
    for label, part in parts(item):
        if part.problem is not None:
            continue
        found = classify(part, path_name=label.rsplit("/", 1)[-1] if label else None)
        if found.type is None:
            continue
        why = explain(found.why, lang) or found.evidence
        result.append({"type": found.type, "date": found.date.isoformat() if found.date else None,
                       "why": f"{'bijlage' if lang == 'nl' else 'attachment'} {label}: {why}" if label else why,
                       "attachment": label or None})
    return result


def _tie(keys, item: Extracted, text: str) -> tuple[str | None, str | None, list[str]]:
    """(case, how, candidates) by the mailbox scan's own rule (scan.tie_cases): the case number or the
    full name in the message, else in its attachments. A mail that names two or more cases is tied to
    none of them (candidates lists them all); a surname alone ties nothing (candidates: its cases)."""
    from plugin.mail.mailboxes.scan import attachment_text, tie_cases

    ties = tie_cases(keys, text, lambda: attachment_text(item))
    if len(ties) == 1:
        case, how = next(iter(ties.items()))
        return case, how, []
    if ties:
        return None, None, list(ties)
    return None, None, [key.id for key in keys if key.names_surname(text)]


def tie_mail(workbook: Workbook | None, data: object, lang: str = "nl") -> dict:
    """Which case a message belongs to and what evidence it and its attachments are.

    The message and each attachment are read on their own, in the readers' worker processes under
    their time and memory limits (plugin.readers.read_bytes_guarded): an attachment that anyone
    can e-mail to the bureau runs through every reader, and one that is too big or too slow for
    them (a regular expression gone cubic holds the interpreter lock, which threads cannot
    escape) is listed as unreadable while the rest is tied and recognised, and the server keeps
    answering everyone else meanwhile."""
    if not isinstance(data, dict):
        raise UsageError("stuur een JSON-object met subject, from, date, body en attachments")
    message = read_bytes_guarded("bericht.eml", _message(data), POSTED_LIMITS)
    nested = replace(POSTED_LIMITS, max_depth=max(0, POSTED_LIMITS.max_depth - 1))   # one level below the mail
    attachments = tuple(read_bytes_guarded(name, content, nested) for name, content in _attachments(data))
    item = replace(message, attachments=message.attachments + attachments)
    result = tie_message(workbook, item, lang)
    result["unreadable"] = [{"attachment": part.name, "problem": part.problem} for part in attachments
                            if part.problem is not None]
    return result


def tie_message(workbook: Workbook | None, item: Extracted, lang: str = "nl") -> dict:
    """tie_mail for a message already read (an .eml or .msg file)."""
    from plugin.mail.mailboxes.scan import case_keys

    text = f"{item.mail.subject if item.mail else ''}\n{item.text}"
    case, tied_by, candidates = _tie(case_keys(workbook.cases.values() if workbook else []), item, text)
    return {"case": case, "tied_by": tied_by, "candidates": candidates, "documents": _documents(item, lang),
            "language": detect_language(text)}


def inspect_file(path: Path, workbook: Workbook | None = None, case_id: str | None = None,
                 lang: str = "nl") -> dict:
    """`poortwachter inspect FILE`: a message is tied to its case as /api/mail does; any other file is
    inspected as /api/inspect does with its text (and its name as evidence)."""
    case = None
    if case_id is not None:
        case = workbook.cases.get(case_id) if workbook is not None else None
        if case is None:
            raise NotFound(f"casus niet gevonden: {case_id}")
    if not path.is_file():
        raise UsageError(f"bestand niet gevonden: {path}")
    item = read_path(path)
    if item.problem:
        raise UsageError(f"{path.name} is niet te lezen: {item.problem}")
    if item.mail is not None:
        result = tie_message(workbook, item, lang)
        result["medical_terms"] = find_medical_terms(f"{item.mail.subject}\n{item.text}", case)
        return result
    return inspect_text(item.text, None, case, path.name)
