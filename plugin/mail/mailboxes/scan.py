"""Find dossier evidence in a mailbox: which messages and attachments belong to which case.

A message belongs to a case when its subject or body names the case number or the
employee's full name (whole words, any case), or when it sits in a per-case folder: a folder
whose name holds the case number, the Dossiermap or the employee's name. Only such candidate
messages are downloaded; each is read with plugin.readers and classified with
plugin.check.classify, the same code that reads dossier files.

Privacy (AVG): the result holds document type, dates, subject and a reference to the
message, never body or attachment text, so no medical content is copied out of the mailbox.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import Iterable, Iterator, Sequence

from plugin.check.classify import classify
from plugin.core.terms import contains_phrase
from plugin.readers import Extracted, Limits, read_bytes

from .base import OLE_MAGIC, Mailbox, MessageRef

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class MailEvidence:
    case_id: str
    doc_type: str                # an id from plugin.core.doctypes.DOC_TYPES
    date: dt.date | None         # the document's own date, else the message's date
    evidence: str                # 'mail' (the message itself) or 'mail/<attachment name>'
    language: str                # 'nl' or 'en'
    tied_by: str                 # 'casusnummer', 'naam' or 'map'
    folder: str                  # --- the reference: where to find the message again
    message_id: str              # IMAP UID, Graph/EWS item id, Maildir key, mbox index or file name
    subject: str
    message_date: dt.date | None
    why: str = ""                # why it counts, in the user's words (plugin.check.classify)
    issuer: str | None = None    # "UWV" for UWV's letters and mails


@dataclass(frozen=True)
class CaseKey:
    """What ties mail to a case. Build from plugin.workbook.load.Case or a (id, name, folder) tuple."""

    id: str
    name: str
    folder: str = ""             # the Dossiermap, '' when none

    def tie(self, text: str) -> str | None:
        if contains_phrase(text, self.id):
            return "casusnummer"
        if self.name and contains_phrase(text, self.name):
            return "naam"
        return None

    def owns_folder(self, folder: str) -> bool:
        if self.folder and self.folder.casefold() in folder.casefold():
            return True
        return self.tie(folder) is not None


def case_keys(cases: Iterable) -> list[CaseKey]:
    """plugin.workbook.load.Case objects or (case_id, employee_name, folder_name) tuples."""
    keys = []
    for case in cases:
        if isinstance(case, CaseKey):
            keys.append(case)
        elif isinstance(case, (tuple, list)):
            keys.append(CaseKey(str(case[0]), str(case[1] or ""), str(case[2] or "") if len(case) > 2 else ""))
        else:
            keys.append(CaseKey(case.id, case.name or "", case["dossiermap"] or ""))
    return keys


def scan_mailbox(mailbox: Mailbox, cases: Iterable, folders: Sequence[str] | None = None,
                 limits: Limits = Limits()) -> dict[str, list[MailEvidence]]:
    """Evidence per case id (every case gets a list, maybe empty): by folder, then message date.

    `folders` limits the scan (default: every folder of the mailbox). Server errors raise
    MailError; a message that cannot be read is classified by what is left (subject, names).
    """
    keys = case_keys(cases)
    found: dict[str, list[MailEvidence]] = {key.id: [] for key in keys}
    seen: set[tuple] = set()
    terms = [t for key in keys for t in (key.id, key.name) if t]
    for folder in (mailbox.folders() if folders is None else folders):
        owners = [key for key in keys if key.owns_folder(folder)]
        if owners:
            refs = list(mailbox.headers(folder))
        else:
            ids = mailbox.search(terms, folder) if terms else set()
            refs = list(mailbox.headers(folder, sorted(ids))) if ids else []
        refs.sort(key=lambda ref: (ref.date or dt.date.min, ref.id))
        log.debug("map %s: %d kandidaten", folder, len(refs))
        for ref in refs:
            data = mailbox.fetch(ref)
            item = read_bytes("bericht.msg" if data.startswith(OLE_MAGIC) else "bericht.eml", data, limits)
            text = f"{item.mail.subject if item.mail else ref.subject}\n{item.text}"
            ties = {key.id: "map" for key in owners}
            for key in keys:
                how = key.tie(text)
                if how and key.id not in ties:
                    ties[key.id] = how
            for case_id, how in ties.items():
                for evidence in _evidence(case_id, how, ref, item):
                    unique = (case_id, evidence.doc_type, evidence.date, evidence.evidence, evidence.subject,
                              evidence.message_date)
                    if unique not in seen:  # the same message copied into two folders
                        seen.add(unique)
                        found[case_id].append(evidence)
    return found


def _evidence(case_id: str, how: str, ref: MessageRef, item: Extracted) -> Iterator[MailEvidence]:
    subject = item.mail.subject if item.mail and item.mail.subject else ref.subject
    message_date = ref.date or (item.mail.date if item.mail else None)
    for label, part in _parts(item):
        result = classify(part)
        if result.type is None:
            continue
        yield MailEvidence(case_id=case_id, doc_type=result.type, date=result.date or message_date,
                           evidence=label, language=result.language, tied_by=how, folder=ref.folder,
                           message_id=ref.id, subject=subject, message_date=message_date, why=result.why,
                           issuer=result.issuer)


def _parts(item: Extracted, label: str = "mail") -> Iterator[tuple[str, Extracted]]:
    """The message and its attachments, recursively, with 'mail/att.pdf'-style labels."""
    yield label, item
    for attachment in item.attachments:
        own = attachment.name[len(item.name) + 1:] if attachment.name.startswith(item.name + "/") else attachment.name
        yield from _parts(attachment, f"{label}/{own}")
