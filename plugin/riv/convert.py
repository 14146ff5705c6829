"""Every source of the dossier as PDF pages.

- PDF: as it is (checked that it opens; an encrypted one that needs a password cannot be used).
- Word, OpenDocument, RTF, old .doc/.xls: LibreOffice headless, ONE process for the whole batch
  (`soffice --convert-to pdf f1 f2 ...`: its start costs seconds, a document a fraction), with
  a private profile so it never waits on the user's open LibreOffice.
- E-mail (.eml, .msg): a printable page with its headers and text, then each attachment
  converted in turn (attachments of attachments too, within the readers' limits).
- Images: one page each (every frame of a TIFF); .xlsx: each sheet as a readable table; text files as text.

What LibreOffice made is cached by the SHA-256 of the source's bytes in the user's cache folder
(`<cache>/riv-pdf/`, like plugin/readers/convert.py), so a second build converts only new or
changed files. The cache holds copies of dossier documents: it is made readable by the user only.
A source that cannot be converted comes back with its problem (a gap on the cover), never a crash.
"""

from __future__ import annotations

import hashlib
import io
import os
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from plugin.core.words import word
from plugin.readers.convert import soffice, user_cache_dir
from plugin.readers.dispatch import Recurser, read_bytes
from plugin.readers.model import CORRUPT, ENCRYPTED, Extracted, Limits, suffix_of, too_large, unknown_type
from plugin.readers.sniff import SUFFIX_KINDS, magic_kind
from plugin.riv import render

CACHE_VERSION = "1"
OFFICE_SUFFIXES = {".docx", ".docm", ".dotx", ".doc", ".dot", ".odt", ".rtf", ".xls", ".xlt", ".ods", ".wpd"}
LO_START_SECONDS = 60
LO_SECONDS_PER_FILE = 30
NO_OFFICE = "LibreOffice (soffice) is niet geïnstalleerd"


@dataclass
class Piece:
    """One converted document, or an attachment inside one; its children follow it in the PDF."""

    title: str
    pdf: bytes | None = None
    problem: str | None = None
    children: list["Piece"] = field(default_factory=list)
    office: str | None = None        # waiting for LibreOffice: the SHA-256 of the source

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class Stats:
    office_converted: int = 0        # files LibreOffice converted in this build
    office_cached: int = 0           # files taken from the cache
    office_seconds: float = 0.0      # time spent in LibreOffice
    office_processes: int = 0


class _Capture(Recurser):
    """The readers' walk through a message (within their limits), keeping each attachment's bytes by
    its name instead of reading it: the attachment is converted on its own (no OCR of its text here)."""

    def __init__(self, limits: Limits):
        super().__init__(limits)
        self.data: dict[str, bytes] = {}

    def __call__(self, name: str, data: bytes, depth: int) -> Extracted:
        self.data[name] = data
        return Extracted(name=name, kind="unknown", text="")


class Converter:
    """Converts a batch: prepare() every source, then run() LibreOffice once for all that need it."""

    def __init__(self, cache_dir: Path | None = None, lang: str = "nl", limits: Limits = Limits()):
        self.cache_dir = cache_dir or user_cache_dir() / "riv-pdf"
        self.lang = lang
        self.limits = limits
        self.stats = Stats()
        self._office: dict[str, tuple[bytes, str]] = {}    # sha -> (bytes, suffix), waiting for LibreOffice

    # --- one source -------------------------------------------------------------------------
    def prepare(self, name: str, data: bytes) -> Piece:
        """A Piece for the file `name` with these bytes; LibreOffice's part waits for run()."""
        title = name.rsplit("/", 1)[-1]
        if len(data) > self.limits.max_file_bytes:
            return Piece(title, problem=too_large(len(data), self.limits.max_file_bytes))
        suffix = suffix_of(name)
        magic = magic_kind(data)
        kind = SUFFIX_KINDS.get(suffix, "unknown")
        try:
            if magic == "pdf":
                return self._pdf(title, data)
            if magic == "image":
                return Piece(title, render.image_pages(_frames(data)))
            if kind in ("eml", "msg") or magic == "rfc822" or (magic == "ole" and suffix == ".msg"):
                return self._mail(name, data)
            if magic == "zip" and kind == "xlsx":
                return Piece(title, self._sheet(data))
            if suffix in OFFICE_SUFFIXES or magic == "rtf":
                return self._queue(title, data, suffix if suffix in OFFICE_SUFFIXES else ".rtf")
            if kind == "txt":
                return Piece(title, render.text_page(title, data.decode("utf-8", "replace")))
        except Exception:  # noqa: BLE001 - a damaged file must not stop the whole RIV: it becomes a gap
            return Piece(title, problem=CORRUPT)
        return Piece(title, problem=unknown_type(suffix))

    def _pdf(self, title: str, data: bytes) -> Piece:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError

        try:
            reader = PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted and not reader.decrypt(""):
                return Piece(title, problem=ENCRYPTED)
            if len(reader.pages) == 0:
                return Piece(title, problem=CORRUPT)
        except (PdfReadError, ValueError, KeyError, TypeError, OSError, RecursionError):
            return Piece(title, problem=CORRUPT)
        return Piece(title, data)

    def _queue(self, title: str, data: bytes, suffix: str) -> Piece:
        sha = hashlib.sha256(CACHE_VERSION.encode() + data).hexdigest()
        self._office.setdefault(sha, (data, suffix))
        return Piece(title, office=sha)

    def _sheet(self, data: bytes) -> bytes:
        import openpyxl

        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheets = []
        try:
            for sheet in book.worksheets:
                rows, cut = [], 0
                for row in sheet.iter_rows(values_only=True):
                    values = ["" if v is None else _cell(v) for v in row[:render.MAX_TABLE_COLUMNS]]
                    if not any(values):
                        continue
                    if len(rows) >= render.MAX_TABLE_ROWS:
                        cut += 1
                        continue
                    rows.append(values)
                sheets.append((sheet.title, rows, cut))
        finally:
            book.close()
        return render.table_pages(sheets, word("riv_sheet", self.lang), word("riv_rows_cut", self.lang))

    def _mail(self, name: str, data: bytes) -> Piece:
        capture = _Capture(self.limits)
        item = read_bytes(name, data, self.limits, 0, capture)
        if item.problem or item.mail is None:
            return Piece(name.rsplit("/", 1)[-1], problem=item.problem or CORRUPT)
        return self._message(item, capture.data)

    def _message(self, item, data: dict[str, bytes]) -> Piece:
        lang, meta = self.lang, item.mail
        headers = [(word("riv_mail_from", lang), meta.sender), (word("riv_mail_to", lang), ", ".join(meta.recipients)),
                   (word("riv_mail_date", lang), meta.date.strftime("%d-%m-%Y") if meta.date else ""),
                   (word("riv_mail_subject", lang), meta.subject)]
        names = [a.name.rsplit("/", 1)[-1] for a in item.attachments]
        page = render.mail_page(word("riv_mail_title", lang), headers, item.text, names,
                                word("riv_mail_attachments", lang))
        piece = Piece(item.name.rsplit("/", 1)[-1], page)
        for attachment in item.attachments:
            if attachment.mail is not None:                     # a forwarded message inside the message
                piece.children.append(self._message(attachment, data))
            elif attachment.name in data:
                piece.children.append(self.prepare(attachment.name, data[attachment.name]))
            else:
                piece.children.append(Piece(attachment.name.rsplit("/", 1)[-1], problem=attachment.problem or CORRUPT))
        return piece

    # --- the batch --------------------------------------------------------------------------
    def run(self, pieces: list[Piece]) -> None:
        """Convert what waits for LibreOffice (cached ones from the cache), in one process, and fill the pieces."""
        done: dict[str, bytes] = {}
        todo = {}
        for sha, (data, suffix) in self._office.items():
            cached = self._cached(sha)
            if cached is not None:
                done[sha] = cached
                self.stats.office_cached += 1
            else:
                todo[sha] = (data, suffix)
        problem = None
        if todo:
            problem = self._soffice(todo, done)
        for piece in (p for top in pieces for p in top.walk()):
            if piece.office is None:
                continue
            if piece.office in done:
                piece.pdf = done[piece.office]
            else:
                piece.problem = problem or CORRUPT
            piece.office = None
        self._office.clear()

    def _soffice(self, todo: dict[str, tuple[bytes, str]], done: dict[str, bytes]) -> str | None:
        program = soffice()
        if program is None:
            return NO_OFFICE
        started = time.perf_counter()
        with tempfile.TemporaryDirectory(prefix="poortwachter-riv-") as tmp:
            folder = Path(tmp)
            inputs = []
            for sha, (data, suffix) in todo.items():
                path = folder / f"{sha}{suffix}"
                path.write_bytes(data)
                inputs.append(str(path))
            command = [program, f"-env:UserInstallation={(folder / 'profiel').as_uri()}", "--headless",
                       "--norestore", "--convert-to", "pdf", "--outdir", str(folder / "pdf"), *inputs]
            timeout = LO_START_SECONDS + LO_SECONDS_PER_FILE * len(inputs)
            try:
                subprocess.run(command, capture_output=True, timeout=timeout, stdin=subprocess.DEVNULL, check=False)
                problem = None
            except subprocess.TimeoutExpired:
                problem = f"LibreOffice reageerde niet binnen {timeout} s"
            except OSError as exc:
                problem = f"LibreOffice start niet ({exc.strerror or exc})"
            self.stats.office_processes += 1
            for sha in todo:
                result = folder / "pdf" / f"{sha}.pdf"
                if result.is_file() and result.stat().st_size > 0:
                    done[sha] = result.read_bytes()
                    self._store(sha, done[sha])
                    self.stats.office_converted += 1
        self.stats.office_seconds += time.perf_counter() - started
        return problem

    def _cached(self, sha: str) -> bytes | None:
        try:
            return (self.cache_dir / f"{sha}.pdf").read_bytes()
        except OSError:
            return None

    def _store(self, sha: str, pdf: bytes) -> None:
        """Atomically, in a folder only this user can read; a cache that cannot be written only costs time."""
        try:
            self.cache_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
            handle, temporary = tempfile.mkstemp(dir=self.cache_dir, suffix=".tmp")
            with os.fdopen(handle, "wb") as out:
                out.write(pdf)
            os.replace(temporary, self.cache_dir / f"{sha}.pdf")
        except OSError:
            pass


def _frames(data: bytes) -> list:
    from PIL import Image, ImageSequence

    image = Image.open(io.BytesIO(data))
    frames = []
    for frame in ImageSequence.Iterator(image):
        frames.append(frame.convert("RGB"))
        if len(frames) >= 200:
            break
    return frames


def _cell(value) -> str:
    import datetime as dt

    if isinstance(value, dt.datetime):
        return value.strftime("%d-%m-%Y") if value.time() == dt.time() else value.strftime("%d-%m-%Y %H:%M")
    if isinstance(value, dt.date):
        return value.strftime("%d-%m-%Y")
    return str(value)
