"""Find dossier evidence in a mailbox: which messages and attachments belong to which case.

A message is a candidate when it names a case number, an employee's full name or only the
surname ("Plan van aanpak El Amrani getekend"), or sits in a per-case folder (named after the
case number, the Dossiermap or the employee). Only candidates are downloaded. A candidate is
tied to a case when the case number or the full name is found in the message or in any of its
attachments (read recursively), or by its folder. A message that names only a surname that
two or more cases share, and says nothing else, is never guessed: it is returned in
`MailScan.unassigned` with all those case numbers, for an info finding. Each tied message is
read with plugin.readers and classified with plugin.recognize.classify, the code that reads
dossier files.

Privacy (AVG): the result holds document type, dates, subject and a reference to the
message, never body or attachment text, so no medical content is copied out of the mailbox.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import time
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator, Sequence

from plugin.recognize.classify import classify
from plugin.recognize.statements import Statement, extract as extract_statements
from plugin.core.names import PARTICLES, core_surname, names_surname, surname, surname_of  # noqa: F401 (re-exported)
from plugin.core.terms import contains_phrase
from plugin.readers import Extracted, Limits, parts
from plugin.readers.guarded import read_bytes_guarded

from .base import OLE_MAGIC, Mailbox, MessageRef
from .state import REREAD, Known, MailState

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class MailEvidence:
    case_id: str
    doc_type: str                # an id from plugin.core.doctypes.DOC_TYPES
    date: dt.date | None         # the document's own date, else the message's date
    evidence: str                # 'mail' (the message itself) or 'mail/<attachment name>'
    language: str                # 'nl' or 'en'
    tied_by: str                 # 'casusnummer', 'naam' or 'map' (in an attachment: 'bijlage: naam', ...)
    folder: str                  # --- the reference: where to find the message again
    message_id: str              # IMAP UID, Graph/EWS item id, Maildir key, mbox index or file name
    subject: str
    message_date: dt.date | None
    why: str = ""                # why it counts, in the user's words (plugin.recognize.classify)
    issuer: str | None = None    # "UWV" for UWV's letters and mails
    statements: tuple[Statement, ...] = ()   # a reason or "no return in own organisation" it states


@dataclass(frozen=True)
class Unassigned:
    """A message that names only a surname several cases share: reported, never guessed."""

    surname: str
    case_ids: tuple[str, ...]
    folder: str
    message_id: str
    subject: str
    message_date: dt.date | None


class MailScan(dict):
    """Case id -> its MailEvidence list (a dict, as before), plus the unassigned messages."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.unassigned: list[Unassigned] = []


@dataclass(frozen=True)
class CaseKey:
    """What ties mail to a case. Build from plugin.workbook.load.Case or a (id, name, folder) tuple."""

    id: str
    name: str
    folder: str = ""             # the Dossiermap, '' when none

    @property
    def surname(self) -> str:
        """The surname without particles, '' when the name has one word (then it is no surname)."""
        return surname(self.name)

    def tie(self, text: str) -> str | None:
        if contains_phrase(text, self.id):
            return "casusnummer"
        if self.name and contains_phrase(text, self.name):
            return "naam"
        return None

    def names_surname(self, text: str) -> bool:
        return names_surname(text, self.name)

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
                 limits: Limits = Limits(), state: "MailState | None" = None, uri: str = "") -> MailScan:
    """Evidence per case id (every case gets a list, maybe empty): by folder, then message date.

    `folders` limits the scan (default: every folder of the mailbox). Server errors raise
    MailError; a message that cannot be read is classified by what is left (subject, names).
    Messages naming only a surname shared by several cases are in the result's `unassigned`.
    `state` (with the mailbox's `uri`): what earlier scans found per message; a backend with an
    `inventory` (or `changes` since a stored sync cursor) then has only its new messages searched
    and fetched (state.py).
    """
    keys = case_keys(cases)
    found = MailScan({key.id: [] for key in keys})
    seen: set[tuple] = set()
    terms = [t for key in keys for t in (key.id, key.name) if t]
    surnames = sorted({key.surname for key in keys if key.surname})  # searched in subjects only
    inventory = getattr(mailbox, "inventory", None) if state is not None else None
    changes = getattr(mailbox, "changes", None) if state is not None else None
    if changes is not None:
        inventory = None
    if inventory is not None or changes is not None:
        from .state import cases_key

        state.begin(uri, cases_key(keys))
    for folder in (mailbox.folders() if folders is None else folders):
        owners = [key for key in keys if key.owns_folder(folder)]
        cursor = None
        if changes is not None:
            epoch, current, cursor, known = _since_cursor(changes, state, uri, folder)
        elif inventory is not None:
            epoch, current = inventory(folder)
            known = state.known(uri, folder, epoch)
        else:  # no inventory: every candidate of the folder is read
            for ref in _candidates(mailbox, folder, owners, terms, surnames, None):
                _emit(found, seen, _message_results(mailbox, ref, keys, owners, limits))
            continue
        # new, changed, or stored without its text (a medical word in it: state.REREAD) is read
        fresh = {msg_id for msg_id, version in current.items()
                 if msg_id not in known or known[msg_id].version != version or known[msg_id].results is REREAD}
        entries = {msg_id: known[msg_id] for msg_id in current if msg_id not in fresh}
        for ref in _candidates(mailbox, folder, owners, terms, surnames, fresh) if fresh else ():
            entries[ref.id] = Known(current[ref.id], ref.date,
                                    _to_json(_message_results(mailbox, ref, keys, owners, limits)))
        for msg_id in fresh - set(entries):  # new, but not a candidate: nothing to find in it
            entries[msg_id] = Known(current[msg_id], None, [])
        log.debug("map %s: %d berichten, %d nieuw of gewijzigd", folder, len(current), len(fresh))
        if fresh or len(entries) != len(known):  # something new, changed or gone: store the folder anew
            state.replace_folder(uri, folder, epoch, entries, cursor)
        elif cursor is not None:
            state.save_cursor(uri, folder, epoch, cursor)
        for _, entry in sorted(entries.items(), key=lambda pair: (pair[1].sort_date or dt.date.min, pair[0])):
            _emit(found, seen, _from_json(entry.results))
    return found


def _since_cursor(changes, state: MailState, uri: str, folder: str) -> tuple[str, dict, str, dict]:
    """(epoch, every message id -> version, the new cursor, what is stored) from a sync cursor.

    A complete listing (no cursor yet, or the server reset its sync state) starts a new epoch, so
    nothing stored is trusted: a full scan. Otherwise the stored folder plus the changes."""
    stored = state.cursor(uri, folder)
    delta = changes(folder, stored[1] if stored else None)
    if delta.complete or stored is None:
        return f"sync-{time.time_ns()}", dict(delta.changed), delta.cursor, {}
    known = state.known(uri, folder, stored[0])
    current = {msg_id: entry.version for msg_id, entry in known.items() if msg_id not in delta.removed}
    current.update(delta.changed)
    return stored[0], current, delta.cursor, known


def _candidates(mailbox: Mailbox, folder: str, owners: list[CaseKey], terms: list[str], surnames: list[str],
                within: set[str] | None) -> list[MessageRef]:
    """The folder's candidate messages (all of a per-case folder), oldest first; `within` limits them.

    A candidate names a case number or full name anywhere, or a surname in its subject."""
    if owners:
        refs = list(mailbox.headers(folder, sorted(within) if within is not None else None))
    else:
        if not terms:
            return []
        extra: dict = {"within": within} if within is not None else {}
        if surnames:
            extra["subject_terms"] = surnames
        ids = set(mailbox.search(terms, folder, **extra))
        ids = ids & within if within is not None else ids
        refs = list(mailbox.headers(folder, sorted(ids))) if ids else []
    refs.sort(key=lambda ref: (ref.date or dt.date.min, ref.id))
    log.debug("map %s: %d kandidaten", folder, len(refs))
    return refs


def _message_results(mailbox: Mailbox, ref: MessageRef, keys: list[CaseKey], owners: list[CaseKey],
                     limits: Limits) -> list:
    """What one candidate message is: its evidence per tied case, or a shared-surname note."""
    data = mailbox.fetch(ref)
    item = read_bytes_guarded("bericht.msg" if data.startswith(OLE_MAGIC) else "bericht.eml", data, limits)
    ties = _ties(keys, owners, ref, item)
    results: list = []
    if not ties:
        results += _shared_surname(keys, ref, item)
    for case_id, how in ties.items():
        results += list(_evidence(case_id, how, ref, item))
    return results


def _emit(found: MailScan, seen: set[tuple], results: list) -> None:
    for result in results:
        if isinstance(result, Unassigned):
            found.unassigned.append(result)
            continue
        unique = (result.case_id, result.doc_type, result.date, result.evidence, result.subject,
                  result.message_date)
        if unique not in seen:  # the same message copied into two folders
            seen.add(unique)
            found[result.case_id].append(result)


def _to_json(results: list) -> list:
    rows = []
    for result in results:
        row = dataclasses.asdict(result)
        if isinstance(result, MailEvidence):
            row["statements"] = [statement.as_dict() for statement in result.statements]
        for name, value in row.items():
            if isinstance(value, dt.date):
                row[name] = value.isoformat()
            elif isinstance(value, tuple):
                row[name] = list(value)
        rows.append(["unassigned" if isinstance(result, Unassigned) else "evidence", row])
    return rows


def _from_json(rows: list) -> list:
    results = []
    for kind, row in rows:
        for name in ("date", "message_date"):
            if row.get(name):
                row[name] = dt.date.fromisoformat(row[name])
        if kind == "unassigned":
            row["case_ids"] = tuple(row["case_ids"])
            results.append(Unassigned(**row))
        else:
            row["statements"] = tuple(Statement.from_dict(s) for s in row.get("statements", ()))
            results.append(MailEvidence(**row))
    return results


def _message_text(ref: MessageRef, item: Extracted) -> str:
    return f"{item.mail.subject if item.mail else ref.subject}\n{item.text}"


def _ties(keys: list[CaseKey], owners: list[CaseKey], ref: MessageRef, item: Extracted) -> dict[str, str]:
    return tie_cases(keys, _message_text(ref, item), lambda: attachment_text(item), owners)


def tie_cases(keys: Sequence[CaseKey], text: str, attachments: Callable[[], str],
              owners: Sequence[CaseKey] = ()) -> dict[str, str]:
    """The one rule that ties a mail to cases, wherever the mail comes from (this scan, the Outlook
    pane's POST /api/mail, `poortwachter inspect`): case id -> how, for every case it names.

    By folder ('map', the owners), by the case number or the full name in the subject or text,
    else in an attachment ('bijlage: casusnummer'). `attachments` gives the attachments' text;
    it is asked only when the message itself does not name a case. A surname alone ties
    nothing (see _shared_surname). A mail that names two cases is tied to both here; a caller
    that must pick one case (the pane) picks none and lists both."""
    ties = {key.id: "map" for key in owners}
    attachment_text: str | None = None
    for key in keys:
        if key.id in ties:
            continue
        how = key.tie(text)
        if how is None:
            if attachment_text is None:  # read the attachments' text only when the message itself says nothing
                attachment_text = attachments()
            how = key.tie(attachment_text)
            how = f"bijlage: {how}" if how else None
        if how:
            ties[key.id] = how
    return ties


def attachment_text(item: Extracted) -> str:
    """The text of every attachment of a message, at every depth."""
    return "\n".join(part.text for label, part in parts(item, "mail") if label != "mail")


def _shared_surname(keys: list[CaseKey], ref: MessageRef, item: Extracted) -> list[Unassigned]:
    """An untied message naming a surname of two or more cases: report it with all their numbers."""
    text = _message_text(ref, item)
    by_surname: dict[str, list[str]] = {}
    for key in keys:
        if key.names_surname(text):
            by_surname.setdefault(key.surname.casefold(), []).append(key.id)
    notes = []
    for case_ids in by_surname.values():
        if len(case_ids) > 1:
            shown = next(k.surname for k in keys if k.id == case_ids[0])
            notes.append(Unassigned(shown, tuple(case_ids), ref.folder, ref.id,
                                    item.mail.subject if item.mail and item.mail.subject else ref.subject,
                                    ref.date or (item.mail.date if item.mail else None)))
    return notes


def _evidence(case_id: str, how: str, ref: MessageRef, item: Extracted) -> Iterator[MailEvidence]:
    subject = item.mail.subject if item.mail and item.mail.subject else ref.subject
    message_date = ref.date or (item.mail.date if item.mail else None)
    for label, part in parts(item, "mail"):
        result = classify(part)
        if result.type is None:
            continue
        date = result.date or message_date
        yield MailEvidence(case_id=case_id, doc_type=result.type, date=date,
                           evidence=label, language=result.language, tied_by=how, folder=ref.folder,
                           message_id=ref.id, subject=subject, message_date=message_date, why=result.why,
                           issuer=result.issuer, statements=extract_statements(part.text, result.type, date))


