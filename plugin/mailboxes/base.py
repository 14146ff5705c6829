"""The one interface every mailbox backend offers, and the header/text helpers they share.

A scan asks a mailbox for cheap things first (folder names, headers, a server-side text
search) and downloads whole messages only for the candidates it found that way.
"""

from __future__ import annotations

import datetime as dt
import email.errors
import email.header
import ipaddress
import re
from dataclasses import dataclass
from email import policy
from email.message import Message
from email.parser import BytesHeaderParser, BytesParser
from typing import Iterable, Iterator, Protocol, runtime_checkable

from plugin.readers.eml import parse_mail_date
from plugin.readers.text import decode, html_to_text

HEADER_FIELDS = ("Subject", "From", "Date", "Message-ID")
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass(frozen=True)
class MessageRef:
    """Where a message lives and what its envelope says; never any of its content."""

    folder: str
    id: str                 # IMAP UID, Graph/EWS item id, Maildir key, mbox index or file name
    subject: str
    sender: str
    date: dt.date | None
    size: int | None


@runtime_checkable
class Mailbox(Protocol):
    def folders(self) -> list[str]:
        """Every folder that can hold messages, by its full name ('Casussen/2025-001')."""

    def headers(self, folder: str | None = None, ids: Iterable[str] | None = None) -> Iterator[MessageRef]:
        """Envelope data of a folder (default: the mailbox's own folder), paged; `ids` limits it."""

    def search(self, terms: list[str], folder: str | None = None) -> set[str]:
        """Ids of messages whose subject or text contains any term (case-insensitive).

        The server does this where it can, so it may over-match (substrings, other headers);
        the scan confirms every hit on the fetched message. Never under-matches on purpose."""

    def fetch(self, ref: MessageRef) -> bytes:
        """The whole message as the server holds it (RFC 822; an Outlook .msg file as is)."""

    def close(self) -> None: ...


def ref_from_header_bytes(folder: str, msg_id: str, data: bytes, size: int | None) -> MessageRef:
    """A MessageRef from the header block of a message (the body, if present, is ignored)."""
    head = BytesHeaderParser(policy=policy.compat32).parsebytes(data[: header_end(data)])
    return MessageRef(folder=folder, id=msg_id, subject=header_text(head, "Subject"),
                      sender=header_text(head, "From"), date=parse_mail_date(header_text(head, "Date")),
                      size=size)


def header_end(data: bytes) -> int:
    """Offset just past the blank line that ends the header block (len(data) if none)."""
    ends = [i for i in (data.find(b"\r\n\r\n"), data.find(b"\n\n")) if i >= 0]
    if not ends:
        return len(data)
    end = min(ends)
    return end + (4 if data[end:end + 4] == b"\r\n\r\n" else 2)


def header_text(message: Message, key: str) -> str:
    value = message.get(key)
    if value is None:
        return ""
    try:
        text = str(email.header.make_header(email.header.decode_header(str(value))))
    except (UnicodeError, LookupError, email.errors.HeaderParseError):
        text = str(value)
    return " ".join(text.split())


def searchable_text(data: bytes) -> str:
    """Subject plus the decoded text parts of an RFC 822 message; attachments are skipped."""
    message = BytesParser(policy=policy.compat32).parsebytes(data)
    pieces = [header_text(message, "Subject")]
    for part in message.walk():
        if part.get_content_maintype() != "text" or part.get("Content-Disposition", "").lower().startswith(
                "attachment"):
            continue
        payload = part.get_payload(decode=True) or b""
        charset = part.get_content_charset()
        try:
            text = payload.decode(charset) if charset else decode(payload)
        except (LookupError, UnicodeError):
            text = decode(payload)
        pieces.append(html_to_text(text) if part.get_content_subtype() == "html" else text)
    return "\n".join(pieces)


def terms_pattern(terms: Iterable[str]) -> re.Pattern[str]:
    """Any of the terms as whole word(s), case-insensitive; any whitespace between words."""
    alternatives = sorted({r"\s+".join(map(re.escape, t.split())) for t in terms if t.strip()}, key=len, reverse=True)
    if not alternatives:
        return re.compile(r"(?!x)x")
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)", re.IGNORECASE)


def is_loopback(host: str) -> bool:
    if host.lower() in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def scrub(text: str, *secrets: str | None) -> str:
    """A message with every secret replaced, for errors that quote a server or library."""
    for value in secrets:
        if value:
            text = text.replace(value, "***")
    return text
