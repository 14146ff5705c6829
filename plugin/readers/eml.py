"""E-mail (.eml, RFC 822): headers, body text, and attachments read recursively."""

from __future__ import annotations

import datetime as dt
import email
import re
import email.utils
from dataclasses import replace
from email import policy
from email.message import EmailMessage, Message
from typing import Callable

from .model import (TOO_DEEP, Extracted, Limits, MailMeta, bounded, child_name, failed, suffix_of, take_item,
                    unread_attachments)
from .sniff import SUFFIX_KINDS
from .text import decode, html_to_text

Recurse = Callable[[str, bytes, int], Extracted]


# Python's mail parser recurses once per nested part; this many structural headers
# (multipart/..., message/...) is far deeper than Limits.max_depth ever reads.
MAX_STRUCTURE = 40
MAX_NESTING = 40   # multiparts open at once (a mail with a forward in a forward has about 8)
MAX_HEADER = 8_192   # characters of one header value that are parsed (200 recipients take about 8,000)
_NESTING = re.compile(rb'(?m)^--([^\r\n]{1,202})|(?i:boundary)\s*=\s*(?:"([^"\r\n]{1,200})"|([^\s;"]{1,200}))')
_STRUCTURE = re.compile(rb"(?im)^content-type:[ \t]*(?:multipart|message)/")
_DELIMITER = re.compile(rb"(?m)^--([^\r\n]{1,200})")
# One pattern per spelling, without (?i): a literal start lets the regex skip through 50 MB quickly.
_BOUNDARY = [re.compile(word + rb'\s*=\s*(?:"([^"\r\n]{1,200})"|([^\s;"]{1,200}))')
             for word in (b"oundary", b"OUNDARY", b"(?i)boundary")]


def read(name: str, data: bytes, limits: Limits, depth: int, recurse: Recurse) -> Extracted:
    """Parse and read a message; hostile shapes are cut before parsing, and the cut is reported.

    Too many parts (870,000 tiny attachments) would cost gigabytes in the parser: the bytes
    are cut after the part that the limits will read anyway. A forward nested hundreds of
    levels deep overflows the parser's recursion: it is parsed again, cut below the
    outermost levels. Multiparts nested deeper than MAX_NESTING are cut before parsing: the
    parser tests every line against the boundary of every open level, so 200 levels over a
    million short lines took minutes.
    """
    data, notes = _cap_parts(data, limits)
    data, nested_too_deep = _cap_nesting(data)
    if nested_too_deep:
        notes.append(f"delen te diep in elkaar genest: alleen de buitenste {MAX_NESTING} lagen gelezen")
    try:
        result = from_message(name, _parse(data), limits, depth, recurse)
    except RecursionError:
        result = from_message(name, _parse(_cap_structure(data)), limits, depth, recurse)
        notes.append(f"doorgestuurde berichten te diep genest: alleen de buitenste lagen gelezen "
                     f"(grens {limits.max_depth} niveaus bijlagen)")
    if result.limited and not notes:
        notes.append(result.limited)
    return replace(result, limited="; ".join(dict.fromkeys(notes)) or None)


class _BoundedPolicy(policy.EmailPolicy):
    """policy.default, but a header value is cut to MAX_HEADER characters before it is parsed:
    the header parser is quadratic on encoded words and address lists (8,000 encoded words in
    one Subject took a second, a megabyte of them minutes). A real header is far shorter."""

    def header_fetch_parse(self, name, value):
        if isinstance(value, str) and len(value) > MAX_HEADER:
            value = value[:MAX_HEADER]
        if not isinstance(value, str) or name.lower() not in _STRUCTURAL:
            return super().header_fetch_parse(name, value)
        key = (name, value)
        header = _PARSED.get(key)
        if header is None:
            if len(_PARSED) >= _PARSED_MAX:
                _PARSED.clear()
            header = _PARSED[key] = super().header_fetch_parse(name, value)
        return header


# The MIME headers are parsed again on every look (get_body, iter_attachments, get_filename and
# get_content each ask for Content-Type and Content-Disposition): two thirds of a mail's read.
# A parsed header is an immutable str with its parameters, the same for the same name and
# value, so the structural ones are kept (at most _PARSED_MAX, in this process's memory only;
# never Subject, From or To).
_STRUCTURAL = frozenset({"content-type", "content-transfer-encoding", "content-disposition", "mime-version"})
_PARSED: dict[tuple[str, str], object] = {}
_PARSED_MAX = 512


_POLICY = _BoundedPolicy()


def _parse(data: bytes) -> EmailMessage:
    message = email.message_from_bytes(data, policy=_POLICY)
    assert isinstance(message, EmailMessage)
    return message


def _cap_parts(data: bytes, limits: Limits) -> tuple[bytes, list[str]]:
    """Cut the message after the MIME parts that the limits can ever need.

    Only delimiter lines of a boundary the message declares count, so a long text full of
    '-----' lines is never cut.
    """
    keep = 2 * limits.max_items_per_file + 20
    if data.count(b"\n--") < keep:
        return data, []
    boundaries = {m.group(1) or m.group(2) for pattern in _BOUNDARY[:2] for m in pattern.finditer(data)}
    if not boundaries:   # an odd spelling such as 'BoUnDaRy': the slow case-blind search
        boundaries = {m.group(1) or m.group(2) for m in _BOUNDARY[2].finditer(data)}
    count, cut = 0, None
    for match in _DELIMITER.finditer(data):
        token = match.group(1).rstrip()
        if token in boundaries or token[:-2] in boundaries:   # '--b' opens a part, '--b--' closes
            count += 1
            if count > keep:
                cut = match.start()
                break
    if cut is None:
        return data, []
    if len(boundaries) <= 1000:   # roughly how many there were, for the note (counted in C, not line by line)
        count = min(data.count(b"\n--"), sum(data.count(b"\n--" + boundary) for boundary in boundaries))
    return data[:cut], [f"bericht met ongeveer {count:_} delen (bijlagen, doorgestuurde berichten); alleen het "
                        f"begin gelezen (grens {limits.max_attachments} bijlagen per bericht)".replace("_", ".")]


def _cap_nesting(data: bytes) -> tuple[bytes, bool]:
    """The message cut where a multipart would open past MAX_NESTING levels; (data, whether it was cut).

    One pass: a declared boundary opens a level, its closing delimiter ('--b--') closes it and
    every level opened inside it, a delimiter of an outer level closes the inner ones."""
    if data.lower().count(b"boundary") <= MAX_NESTING:   # cannot be deeper than its declarations
        return data, False
    stack: list[bytes] = []
    where: dict[bytes, int] = {}
    for match in _NESTING.finditer(data):
        delimiter, declared = match.group(1), match.group(2) or match.group(3)
        if declared is not None:
            if declared in where:
                continue
            if len(stack) >= MAX_NESTING:
                return data[:data.rfind(b"\n", 0, match.start()) + 1], True
            where[declared] = len(stack)
            stack.append(declared)
            continue
        token = delimiter.rstrip()
        closing = token.endswith(b"--") and token[:-2] in where
        level = where.get(token[:-2] if closing else token)
        if level is None:
            continue
        keep = level if closing else level + 1
        for gone in stack[keep:]:
            del where[gone]
        del stack[keep:]
    return data, False


def _cap_structure(data: bytes) -> bytes:
    for number, match in enumerate(_STRUCTURE.finditer(data), start=1):
        if number > MAX_STRUCTURE:
            return data[:match.start()]
    return data


def from_message(name: str, message: EmailMessage, limits: Limits, depth: int,
                 recurse: Recurse) -> Extracted:
    meta = MailMeta(subject=_header(message, "Subject"), sender=_header(message, "From"),
                    recipients=_recipients(message), date=_date(_header(message, "Date")))
    attachments = []
    parts = _attachments(message)
    limited = None
    for index, part in enumerate(parts, start=1):
        if index > limits.max_attachments or not take_item(recurse):
            limited = unread_attachments(len(parts) - index + 1, len(parts), limits)
            break
        attachments.append(_attachment(name, index, part, limits, depth, recurse))
    return Extracted(name=name, kind="eml", text=bounded(_body(message, limits), limits),
                     mail=meta, attachments=tuple(attachments), limited=limited)


def _header(message: Message, key: str) -> str:
    try:
        value = message.get(key)
        return " ".join(str(value).split()) if value is not None else ""
    except Exception:  # noqa: BLE001 - the header parser chokes on some malformed headers
        raw = next((v for k, v in message.raw_items() if k.lower() == key.lower()), "")
        return " ".join(str(raw)[:MAX_HEADER].split())


def _recipients(message: Message) -> tuple[str, ...]:
    values = [_header(message, key) for key in ("To", "Cc")]
    pairs = email.utils.getaddresses([v for v in values if v])
    return tuple(f"{n} <{a}>" if n and a else n or a for n, a in pairs if n or a)


def parse_mail_date(value: str) -> dt.date | None:
    if not value:
        return None
    try:
        return email.utils.parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


_date = parse_mail_date


def _body(message: EmailMessage, limits: Limits) -> str:
    try:
        part = message.get_body(preferencelist=("plain", "html"))
    except Exception:  # noqa: BLE001 - malformed MIME structure
        part = None
    if part is None:
        return ""
    try:
        content = part.get_content()
    except Exception:  # noqa: BLE001 - unknown charset, broken transfer encoding
        content = decode(part.get_payload(decode=True) or b"")
    if not isinstance(content, str):
        content = decode(content) if isinstance(content, bytes) else ""
    content = content[: limits.max_text_chars * 4]
    if part.get_content_subtype() == "html":
        return html_to_text(content)
    return content.replace("\r\n", "\n").strip()


def _attachments(message: EmailMessage) -> list[EmailMessage]:
    try:
        return list(message.iter_attachments())
    except Exception:  # noqa: BLE001 - malformed multipart
        return []


def _attachment(outer: str, index: int, part: EmailMessage, limits: Limits, depth: int,
                recurse: Recurse) -> Extracted:
    is_message = part.get_content_type() == "message/rfc822"
    try:
        filename = part.get_filename()
    except Exception:  # noqa: BLE001
        filename = None
    if not filename and is_message:
        filename = f"{_header(_inner(part) or part, 'Subject') or 'bijlage'}.eml"
    name = child_name(outer, filename, f"bijlage{index}")
    if depth + 1 > limits.max_depth:
        return failed(name, SUFFIX_KINDS.get(suffix_of(name), "unknown"), TOO_DEEP)
    if is_message:
        inner = _inner(part)
        if inner is not None:
            return from_message(name, inner, limits, depth + 1, recurse)
    try:
        payload = part.get_payload(decode=True) or b""
    except Exception:  # noqa: BLE001 - broken base64 and friends
        payload = b""
    return recurse(name, payload, depth + 1)


def _inner(part: EmailMessage) -> EmailMessage | None:
    payload = part.get_payload()
    if isinstance(payload, list) and payload and isinstance(payload[0], EmailMessage):
        return payload[0]
    return None
