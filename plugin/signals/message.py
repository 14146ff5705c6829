"""The signal as an e-mail: subject, plain text and HTML from the bureau's own templates.

The texts live beside the mail-out's: mailbox/<taal>/signaal.txt (first line the subject, then
the plain text) and mailbox/<taal>/signaal.html (the HTML body). They render in the mail-out's
sandbox (plugin.mail.mailout.message); the HTML one escapes every value, so a name such as
`Jansen & Zn <BV>` cannot become markup. Copy the folder and pass --mail-templates.
"""

from __future__ import annotations

import datetime as dt
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import formatdate
from html.parser import HTMLParser
from pathlib import Path

from plugin.core.words import word
from plugin.errors import TemplateProblem
from plugin.mail.mailout.message import MailText, environment, parse_sender, render_mail, render_source
from plugin.signals.plan import Signal

TEXT_FILE = "signaal.txt"
HTML_FILE = "signaal.html"


def context(signal: Signal) -> dict:
    """What the signal's templates may use (documented at the top of mailbox/nl/signaal.txt)."""
    lang = signal.recipient.lang
    return {
        "casemanager": signal.recipient.name,
        "week": {"code": signal.week.key, "nummer": signal.week.week, "jaar": signal.week.year,
                 "van": signal.week.monday, "tot": signal.week.sunday},
        "vandaag": signal.as_of,
        "weken": signal.weeks,
        "tot": signal.as_of + dt.timedelta(weeks=signal.weeks),
        "alleen_werkmap": signal.basis == "workbook",
        "basis_tekst": word(f"basis_{signal.basis}", lang),
        "aantal_te_laat": signal.late,
        "aantal_komend": signal.due,
        "casussen": [{
            "casusnummer": c.case_id, "naam_werknemer": c.employee, "werkgever": c.employer,
            "status": word(f"status_{c.status}", lang), "week": c.week, "dossier": c.dossier,
            "dossier_link": Path(c.dossier).as_uri() if c.dossier and Path(c.dossier).is_absolute() else None,
            "opmerking": c.note,
            "punten": [{
                "naam": i.title, "uiterlijk": i.due, "week": i.week, "toestand": i.state,
                "toestand_tekst": word("signal_today", lang) if i.due == signal.as_of and i.state != "late"
                else word(f"item_{i.state}", lang),
                "vandaag": i.due == signal.as_of, "grondslag": i.basis, "praktijk": i.practice,
                "regel": i.rule, "melding": i.message, "ernst": i.severity,
            } for i in c.items],
        } for c in signal.cases],
    }


def render_signal(folder: Path, signal: Signal) -> tuple[MailText, str]:
    """(subject and plain text, HTML body) in the recipient's language."""
    lang = signal.recipient.lang
    values = context(signal)
    mail = render_mail(folder, lang, values, name=TEXT_FILE, signature=None)
    path = folder / lang / HTML_FILE
    try:
        source = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise TemplateProblem(str(path), f"mailtekst niet leesbaar: {exc}") from None
    html = render_source(environment(lang, autoescape=True), path, source, values)
    return mail, html


def build_signal_message(sender: str, signal: Signal, mail: MailText, html: str, message_id: str,
                         again: bool = False) -> EmailMessage:
    """multipart/alternative (text, HTML) to the one casemanager; no attachment."""
    message = EmailMessage(policy=SMTP)
    message["From"] = parse_sender(sender)
    message["To"] = signal.recipient.address
    message["Subject"] = mail.subject
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = message_id
    message["X-Poortwachter-Casemanager"] = signal.recipient.key
    message["X-Poortwachter-Week"] = signal.week.key
    if again:
        message["X-Poortwachter-Opnieuw"] = "1"
    message.set_content(mail.body, charset="utf-8")
    message.add_alternative(html, subtype="html", charset="utf-8")
    message["Content-Language"] = signal.recipient.lang
    return message


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def handle_starttag(self, tag, attrs) -> None:
        self.parts.append("\n")
        self.parts += [value for name, value in attrs if name in ("title", "alt") and value]


def html_text(html: str) -> str:
    """The words an HTML body shows (and its titles and links), for the AVG guard."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    return " ".join(parser.parts)
