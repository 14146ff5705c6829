"""The e-mail itself: subject, body and signature from the bureau's text templates, plus MIME.

The texts live in mailbox/<taal>/maandrapportage.txt and mailbox/<taal>/handtekening.txt
(copy the folder and pass --mail-templates to use your own). Format, on purpose plain:

    # lines starting with # at the top are notes for whoever edits the file
    Onderwerp: Maandrapportage {{ maand }}: {{ casus.naam_werknemer }}
    <empty line>
    the body, with {{ variables }} and {% if %} as in the Word templates

They render in the same kind of sandbox as the Word templates (no Python internals, a
misspelt variable is an error naming the file), without HTML/XML escaping: it is plain text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from email.message import EmailMessage
from email.policy import SMTP
from email.headerregistry import Address
from email.utils import formatdate, getaddresses
from pathlib import Path

from jinja2 import TemplateError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from plugin.core.dates import MONTHS_EN, MONTHS_NL
from plugin.documents.sandbox import sandbox
from plugin.errors import MailError, TemplateProblem
from plugin.workbook.cells import CellError, email_address

MAIL_FILE = "maandrapportage.txt"
SIGNATURE_FILE = "handtekening.txt"
_SUBJECT = re.compile(r"^(onderwerp|subject)\s*:\s*(.*)$", re.IGNORECASE)


@dataclass(frozen=True)
class MailText:
    subject: str
    body: str


def _environment(lang: str, autoescape: bool = False) -> ImmutableSandboxedEnvironment:
    """The sandbox mail texts render in; autoescape for an HTML body (the deadline signals)."""
    return sandbox(lang, autoescape=autoescape, keep_trailing_newline=False, trim_blocks=True, lstrip_blocks=True)


def month_name(year: int, month: int, lang: str) -> str:
    names = MONTHS_NL if lang == "nl" else [m.capitalize() for m in MONTHS_EN]
    return f"{names[month - 1]} {year}"


def _split(path: Path) -> tuple[str, str]:
    try:
        lines = path.read_text(encoding="utf-8").replace("\r\n", "\n").split("\n")
    except OSError as exc:
        raise TemplateProblem(str(path), f"mailtekst niet leesbaar: {exc}") from None
    while lines and (lines[0].startswith("#") or not lines[0].strip()):
        lines.pop(0)
    match = _SUBJECT.match(lines[0]) if lines else None
    if not match:
        raise TemplateProblem(str(path), "de eerste regel (na de #-regels) moet 'Onderwerp: ...' of "
                                         "'Subject: ...' zijn")
    return match.group(2).strip(), "\n".join(lines[1:]).strip("\n")


def render_source(env: ImmutableSandboxedEnvironment, path: Path, source: str, context: dict) -> str:
    try:
        return env.from_string(source).render(context)
    except TemplateError as exc:
        raise TemplateProblem(str(path), f"fout in mailtekst: {exc}") from None


environment = _environment


def render_mail(folder: Path, lang: str, context: dict, name: str = MAIL_FILE,
                signature: str | None = SIGNATURE_FILE) -> MailText:
    """Subject and body (with signature) for one case; raises TemplateProblem naming the file.

    name: the text's file in folder/<lang>/ (the deadline signals use their own); signature:
    the signature's file, None for none."""
    env = _environment(lang)
    path = folder / lang / name
    subject_source, body_source = _split(path)
    subject = " ".join(render_source(env, path, subject_source, context).split())   # one line: no header injection
    body = render_source(env, path, body_source, context).strip("\n")
    signature_path = folder / lang / signature if signature else None
    if signature_path is not None and signature_path.is_file():
        source = signature_path.read_text(encoding="utf-8")
        signature = render_source(env, signature_path, source, context).strip("\n")
        if signature:
            body += "\n\n-- \n" + signature
    if not subject:
        raise TemplateProblem(str(path), "het onderwerp is leeg")
    return MailText(subject, body + "\n")


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def parse_sender(text: str) -> str:
    """The sender (--from or a profile's 'from'): exactly one address, optionally with a name.

    Raises MailError (exit 2) for a line break (header injection), two addresses, or an
    address the workbook check would refuse too (cells.email_address: IDNA domains are
    converted, accented local parts refused).
    """
    if _CONTROL.search(text or ""):
        raise MailError(f"afzender {text!r} bevat een regeleinde of stuurteken; geef één adres op, "
                        "bv. 'Bureau <info@bureau.nl>'")
    pairs = [(n, a) for n, a in getaddresses([text or ""]) if n or a]
    if len(pairs) != 1 or not pairs[0][1]:
        raise MailError(f"afzender {text!r}: geef precies één adres op, bv. 'Bureau <info@bureau.nl>'")
    name, address = pairs[0]
    try:
        address = email_address(address, local_domain=True)   # the outbox default is ...@localhost
    except CellError as exc:
        raise MailError(f"afzender {text!r}: {exc}") from None
    return str(Address(display_name=name, addr_spec=address)) if name else address


def build_message(sender: str, recipient: str, mail: MailText, message_id: str, lang: str,
                  attachments: list[tuple[str, bytes, str]], case_id: str, month: str) -> EmailMessage:
    """attachments: (file name, data, MIME type). The To is exactly one address: the case's employer."""
    message = EmailMessage(policy=SMTP)
    message["From"] = parse_sender(sender)
    message["To"] = recipient
    message["Subject"] = mail.subject
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = message_id
    message["X-Poortwachter-Casus"] = case_id
    message["X-Poortwachter-Maand"] = month
    message.set_content(mail.body, charset="utf-8")
    for name, data, mime in attachments:
        maintype, _, subtype = mime.partition("/")
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    message["Content-Language"] = lang   # after the parts: set_content() drops Content-* headers
    return message


def sender_domain(sender: str) -> str:
    match = re.search(r"@([A-Za-z0-9.-]+)", sender)
    return match.group(1) if match else "poortwachter.invalid"
