"""The checks a message passes right before it is sent; a failed check refuses that message only.

1. Recipient: the To is the `E-mail werkgever` of this case's own row, the address the
   ledger row was planned for, and the message has no other recipient.
2. Attachment: the .docx carries the custom property Casusnummer of this case (so a
   report of case A can never be mailed to the employer of case B, even when someone
   copied a file into the wrong folder).
3. Privacy (AVG): no diagnosis or other medical term anywhere in the attachment (body,
   headers, footers, notes, text boxes, comments, tracked insertions and deletions,
   document and custom properties: a report the bureau edited in Word is read whole), the
   subject or the body. The same guard as `generate` (plugin.documents.privacy_guard):
   employer, job and adviser names from the case's row are not health statements.
"""

from __future__ import annotations

import io
import zipfile
from email.message import EmailMessage
from email.utils import getaddresses

from plugin.documents.docprops import read_docx_properties
from plugin.mail.mailout.ledger import Entry
from plugin.mail.mailout.message import MailText
from plugin.core.privacy import describe
from plugin.documents.docx_text import READ_ERRORS, docx_parts
from plugin.documents.privacy_guard import RULE, document_hits
from plugin.mail.mailout.report import Attachment
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


def check_privacy(case: Case, attachment: Attachment, mail: MailText) -> None:
    try:
        parts = docx_parts(attachment.data)
    except READ_ERRORS as exc:
        raise Refused(f"tekst van bijlage {attachment.name} niet leesbaar ({type(exc).__name__}: {exc})") from None
    in_document = document_hits(case, parts)
    in_mail = document_hits(case, [("onderwerp", mail.subject), ("tekst", mail.body)])
    places = []
    if in_document:
        places.append(f"in bijlage {attachment.name}: {describe(in_document)}")
    if in_mail:
        places.append(f"in onderwerp of tekst van de mail: {describe(in_mail)}")
    if places:
        raise Refused(f"medische term(en) in een bericht voor de werkgever ({RULE}) " + "; ".join(places))


def check_all(case: Case, entry: Entry, message: EmailMessage, attachment: Attachment, mail: MailText) -> None:
    check_recipient(case, entry, message)
    check_attachment(case, attachment)
    check_privacy(case, attachment, mail)
