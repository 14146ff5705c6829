"""The records every reader returns, the limits they obey, and the Dutch problem texts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import PurePosixPath


@dataclass(frozen=True)
class MailMeta:
    subject: str
    sender: str
    recipients: tuple[str, ...]
    date: dt.date | None


@dataclass(frozen=True)
class Extracted:
    name: str                    # file name, or "outer.eml/attachment.pdf" for attachments
    kind: str                    # 'docx','pdf','eml','msg','xlsx','txt' or 'unknown'
    text: str                    # plain text, at most Limits.max_text_chars
    properties: dict[str, str] = field(default_factory=dict)  # docx custom properties
    mail: MailMeta | None = None
    attachments: tuple["Extracted", ...] = ()
    problem: str | None = None   # None when fine; else a short Dutch reason
    limited: str | None = None   # read only in part (a limit was reached): what was not read, Dutch
    ocr_pages: int = 0           # pages (or images) whose text came from OCR, not a text layer
    # True when the problem says nothing about the file itself: the read ran out of time, its
    # worker was killed, or an outside program (Tesseract, LibreOffice) failed or timed out.
    # Another run may read the file fine, so a cache (scan cache, mail state) must never keep
    # such a result as the file's answer; see `has_transient` for a file with attachments.
    transient: bool = False


@dataclass(frozen=True)
class Limits:
    """Bounds that keep one hostile or broken file from stalling a scan of thousands.

    Past a limit a file is never silently dropped: it is refused with a `problem`, or read
    in part with `limited` saying what was left unread (README, section Grenzen).
    """

    max_file_bytes: int = 50 * 2**20          # bigger files are not opened
    max_unzipped_bytes: int = 200 * 2**20     # .docx/.xlsx: all parts together, unpacked
    max_zip_ratio: int = 200
    max_text_chars: int = 200_000
    max_depth: int = 3                        # attachments inside attachments
    max_pdf_pages: int = 200                  # pages read from the start of a PDF
    max_pdf_sample_pages: int = 50            # then, without text so far, pages sampled from the rest
    max_pdf_stream_bytes: int = 8 * 2**20     # one PDF content stream, unpacked (PDFium needs ~15x that)
    max_pdf_inflated_bytes: int = 512 * 2**20  # all of a PDF's text-bearing streams, unpacked
    max_attachments: int = 100                # attachments read per message
    max_items_per_file: int = 250             # file plus all attachments at every depth
    max_findings_per_file: int = 25           # unreadable/unrecognised parts listed per file; the rest summed up
    # Enforced by readers/guarded.py around a whole file (with its attachments), in a worker
    # process that is killed past them: no reader bug or pathological input can hang or
    # exhaust the check or the server.
    max_seconds: float = 120.0                # wall-clock time per file; OCR and LibreOffice stop earlier
    max_memory_bytes: int = 1 << 30           # address space a worker may add while reading one file
    max_rtf_bytes: int = 16 * 2**20           # an RTF body (a .msg's compressed RTF unpacked, a .rtf) read
    max_ocr_pixels: int = 20_000_000          # one page or photo handed to OCR (A4 at 200 dpi: 3.9 million)
    max_xlsx_strings_bytes: int = 16 * 2**20  # an .xlsx's shared-strings part, unpacked (openpyxl reads it whole)


# Problem texts, in the user's words (Dutch). Keep them short: they end up in report tables.
ENCRYPTED = "versleuteld (wachtwoord)"
NO_TEXT_LAYER = "geen tekstlaag (gescande PDF?)"
CORRUPT = "beschadigd bestand"
ZIP_BOMB = "zip-bom: uitgepakt groter dan de grens"
TOO_DEEP = "bijlage te diep genest"
PDF_BOMB = "PDF-bom: een tekststroom pakt uit tot meer dan de grens"
TOO_HARD = "te groot of te traag om te lezen"


def too_slow(seconds: float) -> str:
    return f"{TOO_HARD} (meer dan {seconds:g} seconden)"


def too_much_memory(limit: int) -> str:
    return f"{TOO_HARD} (meer dan {_mb(limit)} MB geheugen)"


def reader_failed(error: BaseException | str) -> str:
    """A reader stopped with an error the file caused (a bug or a shape we did not foresee)."""
    name = error if isinstance(error, str) else type(error).__name__
    return f"{TOO_HARD} (de lezer stopte met een fout: {name})"


def worker_died(code: int | None) -> str:
    return f"{TOO_HARD} (het leesproces stopte onverwacht{f', code {code}' if code is not None else ''})"


def too_large(size: int, limit: int) -> str:
    return f"te groot ({_mb(size)} MB, grens {_mb(limit)} MB)"


def unknown_type(suffix: str) -> str:
    return f"onbekend bestandstype ({suffix or 'geen extensie'})"


def old_office(suffix: str) -> str:
    target = ".xlsx" if suffix in (".xls", ".xlt") else ".docx"
    kind = "Excel" if target == ".xlsx" else "Word"
    return f"oud {kind}-formaat ({suffix}): sla op als {target}"


def _mb(size: int) -> int:
    return max(1, round(size / 2**20))


def suffix_of(name: str) -> str:
    """The lower-case extension of the last path component ('' when there is none)."""
    return PurePosixPath(name.replace("\\", "/")).suffix.lower()


def failed(name: str, kind: str, problem: str, transient: bool = False) -> Extracted:
    return Extracted(name=name, kind=kind, text="", problem=problem, transient=transient)


def has_transient(item: Extracted) -> bool:
    """Is this file's result, or any attachment's, only true for this run (Extracted.transient)?"""
    return item.transient or any(has_transient(part) for part in item.attachments)


def parts(item: Extracted, label: str = "") -> Iterator[tuple[str, Extracted]]:
    """The item and its attachments, depth first, each with its label: the attachments' own
    names joined by '/' under `label` ('fwd.eml/att.pdf'). The one walk over a file's parts
    (the check, the mailbox scan, inspect and the folder-name confirmation all use it)."""
    yield label, item
    prefix = item.name + "/"
    for attachment in item.attachments:   # the reader names one 'outer.eml/inner.eml/own name'
        own = attachment.name[len(prefix):] if attachment.name.startswith(prefix) else attachment.name
        yield from parts(attachment, f"{label}/{own}" if label else own)


def bounded(text: str, limits: Limits) -> str:
    return text if len(text) <= limits.max_text_chars else text[: limits.max_text_chars]


def take_item(recurse: object) -> bool:
    """One more item for this file's budget (Limits.max_items_per_file), when the reader keeps one."""
    take = getattr(recurse, "take", None)
    return take() if take is not None else True


def unread_attachments(unread: int, total: int, limits: Limits) -> str:
    return (f"{unread} van {total} bijlagen niet gelezen (grens {limits.max_attachments} bijlagen per bericht, "
            f"{limits.max_items_per_file} per bestand)")


def child_name(outer: str, inner: str | None, fallback: str) -> str:
    """'outer.eml/inner.pdf'; slashes in the attachment's own name cannot fake a path."""
    clean = (inner or "").replace("/", "_").replace("\\", "_").strip() or fallback
    return f"{outer}/{clean}"
