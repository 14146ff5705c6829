"""The checks a message passes right before it is sent; a failed check refuses that message only.

1. Recipient: the To is the `E-mail werkgever` of this case's own row, the address the
   ledger row was planned for, and the message has no other recipient.
2. Attachment: the .docx carries the custom property Casusnummer of this case (so a
   report of case A can never be mailed to the employer of case B, even when someone
   copied a file into the wrong folder).
3. Privacy (AVG): no diagnosis or other medical term in the document text, the subject or
   the body. Words the bureau's own template states ("bevat geen diagnose") are allowed,
   as in `generate`; anything that came from case data is not.
"""

from __future__ import annotations

import io
import zipfile
from collections import Counter
from email.message import EmailMessage
from email.utils import getaddresses

from plugin.documents.docprops import read_docx_properties
from plugin.mail.mailout.ledger import Entry
from plugin.mail.mailout.message import MailText
from plugin.mail.mailout.report import Attachment, docx_text
from plugin.core.privacy import count_terms
from plugin.workbook.load import Case


class Refused(Exception):
    """This message must not be sent; str() says why, in the user's words."""


def check_recipient(case: Case, entry: Entry, message: EmailMessage) -> None:
    expected = (case["email_werkgever"] or "").strip()
    to = [address for _, address in getaddresses(message.get_all("To", []))]
    others = [h for h in ("Cc", "Bcc") if message.get_all(h)]
    if not expected:
        raise Refused("geen e-mailadres werkgever in de rij van deze casus")
    if entry.case_id != case.id:
        raise Refused(f"logboekregel hoort bij casus {entry.case_id}, niet bij {case.id}")
    if entry.recipient.lower() != expected.lower():
        raise Refused(f"adres in het logboek ({entry.recipient}) wijkt af van E-mail werkgever ({expected})")
    if [a.lower() for a in to] != [expected.lower()] or others:
        raise Refused(f"het bericht gaat naar {', '.join(to) or 'niemand'}; alleen {expected} is toegestaan")


def check_attachment(case: Case, attachment: Attachment) -> None:
    try:
        properties = read_docx_properties(io.BytesIO(attachment.data))
    except (zipfile.BadZipFile, OSError, KeyError) as exc:
        raise Refused(f"bijlage {attachment.name} is geen leesbaar Word-bestand ({exc})") from None
    owner = properties.get("Casusnummer")
    if not owner:
        raise Refused(f"bijlage {attachment.name} heeft geen documenteigenschap Casusnummer; "
                      "maak het document opnieuw met Poortwachter")
    if owner != case.id:
        raise Refused(f"bijlage {attachment.path} hoort bij casus {owner}, niet bij casus {case.id}")


def check_privacy(attachment: Attachment, mail: MailText) -> None:
    try:
        text = docx_text(attachment.data)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError) as exc:
        raise Refused(f"tekst van bijlage {attachment.name} niet leesbaar ({exc})") from None
    in_document = _terms(count_terms(text), attachment.allowed_terms)
    in_mail = _terms(count_terms(mail.subject + "\n" + mail.body), mail.allowed_terms)
    places = []
    if in_document:
        places.append(f"in bijlage {attachment.name}: {', '.join(repr(t) for t in in_document)}")
    if in_mail:
        places.append(f"in onderwerp of tekst van de mail: {', '.join(repr(t) for t in in_mail)}")
    if places:
        raise Refused("medische term(en) in een bericht voor de werkgever (AVG: alleen functionele beperkingen, "
                      "nooit een diagnose) " + "; ".join(places))


def _terms(found: Counter, allowed: Counter) -> list[str]:
    return sorted(found - allowed)


def check_all(case: Case, entry: Entry, message: EmailMessage, attachment: Attachment, mail: MailText) -> None:
    check_recipient(case, entry, message)
    check_attachment(case, attachment)
    check_privacy(attachment, mail)
