"""The one interface every mailbox backend offers, and the header/text helpers they share.

A scan asks a mailbox for cheap things first (folder names, headers, a server-side text
search) and downloads whole messages only for the candidates it found that way.
"""

from __future__ import annotations

import datetime as dt
import email.errors
import email.header
import re
from dataclasses import dataclass
from email import policy
from email.message import Message
from email.parser import BytesHeaderParser
from typing import Iterable, Iterator, Protocol, runtime_checkable

from plugin.core.terms import phrase_pattern
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

    def search(self, terms: list[str], folder: str | None = None, within: set[str] | None = None,
               subject_terms: Iterable[str] = ()) -> set[str]:
        """Ids of messages whose subject or text contains any term, or whose subject contains
        any subject term (case-insensitive); `within` (backends with `inventory`) limits it.

        The server does this where it can, so it may over-match (substrings, other headers);
        the scan confirms every hit on the fetched message. Never under-matches on purpose.

        A backend may also offer `inventory(folder) -> (epoch, {id: version})`, a cheap list of
        the folder's messages, so a scan with a state fetches only new ones (state.py)."""

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
    """Subject plus the decoded text parts of an RFC 822 message.

    The MIME tree is split on its boundaries by hand so that attachments (most of the bytes
    of a mailbox) are never fed through the email parser or decoded."""
    end = header_end(data)
    head = _HEADERS.parsebytes(data[:end])
    pieces = [header_text(head, "Subject")]
    for part, body in _text_parts(head, data[end:], 0):
        part.set_payload(body.decode("ascii", "surrogateescape"))
        payload = part.get_payload(decode=True) or b""
        charset = part.get_content_charset()
        try:
            text = payload.decode(charset) if charset else decode(payload)
        except (LookupError, UnicodeError):
            text = decode(payload)
        pieces.append(html_to_text(text) if part.get_content_subtype() == "html" else text)
    return "\n".join(pieces)


_HEADERS = BytesHeaderParser(policy=policy.compat32)
MAX_MIME_DEPTH = 10


def _text_parts(head: Message, body: bytes, depth: int) -> Iterator[tuple[Message, bytes]]:
    if str(head.get("Content-Disposition", "")).lower().startswith("attachment"):
        return
    maintype = head.get_content_maintype()
    if maintype == "text":
        yield head, body
    elif maintype == "multipart" and depth < MAX_MIME_DEPTH:
        boundary = head.get_boundary()
        if not boundary:
            return
        for part in _split_parts(body, b"--" + boundary.encode("utf-8", "replace")):
            if part.startswith((b"\r\n", b"\n")):  # a part without headers
                yield from _text_parts(Message(), part.lstrip(b"\r\n"), depth + 1)
                continue
            split = header_end(part)
            yield from _text_parts(_HEADERS.parsebytes(part[:split]), part[split:], depth + 1)


def _split_parts(body: bytes, delimiter: bytes) -> Iterator[bytes]:
    """The parts between '--boundary' lines (bytes.find: far faster than a regex over base64)."""
    start, position = None, 0
    while True:
        found = body.find(delimiter, position)
        if found < 0:
            if start is not None:  # no closing delimiter: the rest is the last part
                yield body[start:]
            return
        position = found + len(delimiter)
        if found and body[found - 1:found] != b"\n":
            continue  # not at the start of a line
        if start is not None:
            end = found - (2 if body[found - 2:found] == b"\r\n" else 1)
            yield body[start:max(start, end)]
        if body.startswith(b"--", position):
            return
        line_end = body.find(b"\n", position)
        start = len(body) if line_end < 0 else line_end + 1


class TermMatcher:
    """Does a raw RFC 822 message name any of the terms in its subject or text parts?

    When no term occurs in the lower-cased raw bytes and nothing is encoded (base64,
    quoted-printable, =?..?= headers), the decoded text cannot hold a term either: such a
    message is rejected without parsing. Otherwise the text parts are decoded and searched."""

    ENCODED = (b"base64", b"quoted-printable", b"=?")

    def __init__(self, terms: Iterable[str]):
        terms = [t for t in terms if t.split()]
        self.pattern = phrase_pattern(terms)
        self.raw: re.Pattern[bytes] | None = None  # None: a term is not ASCII, bytes cannot be case-folded
        if all(t.isascii() for t in terms):
            alternatives = sorted({rb"\s+".join(re.escape(w.lower().encode()) for w in t.split()) for t in terms})
            self.raw = re.compile(b"|".join(alternatives) if alternatives else rb"(?!x)x")

    def matches(self, data: bytes) -> bool:
        if self.raw is not None:
            lower = data.lower()
            if not any(marker in lower for marker in self.ENCODED) and not self.raw.search(lower):
                return False
        text = searchable_text(data)
        if self.raw is not None and not self.raw.search(text.lower().encode("utf-8", "replace")):
            return False
        return self.pattern.search(text) is not None


def scrub(text: str, *secrets: str | None) -> str:
    """A message with every secret replaced, for errors that quote a server or library."""
    for value in secrets:
        if value:
            text = text.replace(value, "***")
    return text


def local_date(moment: dt.datetime | None) -> dt.date | None:
    """The Dutch calendar date of a server timestamp (Graph and EWS report UTC)."""
    if moment is None:
        return None
    if moment.tzinfo is not None:
        try:
            from zoneinfo import ZoneInfo

            moment = moment.astimezone(ZoneInfo("Europe/Amsterdam"))
        except (ImportError, LookupError, ValueError):  # no time zone data on this machine
            pass
    return dt.date(moment.year, moment.month, moment.day)  # a plain date, not a library subclass
