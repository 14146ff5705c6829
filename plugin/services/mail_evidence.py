"""Mailbox evidence as dossier documents, so the checker treats mail like any other file.

Only type, dates and a reference (mailbox, folder, date, subject) are kept; a subject that
itself carries a medical term is not copied into the report (AVG).
"""

from __future__ import annotations

from pathlib import Path

from plugin.core.dates import format_date
from plugin.check.run import match_folders
from plugin.check.scan import DossierDocument
from plugin.mail.mailboxes.open import open_mailbox
from plugin.mail.mailboxes.scan import MailEvidence, Unassigned, scan_mailbox
from plugin.mail.mailboxes.state import MailState
from plugin.core.privacy import medical_terms
from plugin.workbook.load import Workbook


def _reference(uri: str, item: MailEvidence) -> str:
    subject = item.subject if not medical_terms(item.subject) else "[onderwerp weggelaten: medische term]"
    when = format_date(item.message_date, style="short") if item.message_date else "?"
    return f"mail {uri} › {item.folder} › {when} › {subject}"


def as_document(uri: str, item: MailEvidence) -> DossierDocument:
    reference = _reference(uri, item)
    attachment = item.evidence.split("/", 1)[1] if "/" in item.evidence else None
    path = reference + (f" › {attachment}" if attachment else "")
    return DossierDocument(path, item.doc_type, item.date, "mail", "content" if item.date else None,
                           item.language, item.case_id, reference=reference, why=item.why, issuer=item.issuer,
                           statements=item.statements)


def unassigned_documents(uri: str, unassigned: list[Unassigned]) -> dict[str, list[DossierDocument]]:
    """A message naming only a surname several cases share: a note for each of those cases."""
    result: dict[str, list[DossierDocument]] = {}
    for item in unassigned:
        subject = item.subject if not medical_terms(item.subject) else "[onderwerp weggelaten: medische term]"
        when = format_date(item.message_date, style="short") if item.message_date else "?"
        reference = f"mail {uri} › {item.folder} › {when} › {subject}"
        note = (f"Mail noemt alleen de achternaam '{item.surname}', die bij meer casussen hoort "
                f"({', '.join(item.case_ids)}): niet toegekend. Zet het casusnummer of de volledige naam in het "
                f"onderwerp, of leg de mail in de map van de casus.")
        for case_id in item.case_ids:
            result.setdefault(case_id, []).append(DossierDocument(reference, None, None, "mail", None, "nl",
                                                                  reference=reference, note=note,
                                                                  why=f"niet toegekend: achternaam '{item.surname}'"))
    return result


def mailbox_documents(uris: list[str], workbook: Workbook | None, dossiers: Path | None,
                      profiles: Path | None = None,
                      state: MailState | None = None) -> dict[str, list[DossierDocument]]:
    """Scan each mailbox for the workbook's cases (or, without a workbook, the dossier folders)."""
    if workbook is not None:
        cases = list(workbook.cases.values())
    elif dossiers is None:
        cases = []
    else:
        _, folders = match_folders(dossiers, None)
        cases = [(folder.name, "", folder.name) for folder in folders]
    result: dict[str, list[DossierDocument]] = {}
    for uri in uris:
        mailbox = open_mailbox(uri, profiles)
        try:
            found = scan_mailbox(mailbox, cases, state=state, uri=uri)
            for case_id, items in found.items():
                result.setdefault(case_id, []).extend(as_document(uri, item) for item in items)
            for case_id, notes in unassigned_documents(uri, found.unassigned).items():
                result.setdefault(case_id, []).extend(notes)
        finally:
            mailbox.close()
    return result
