"""Save an uploaded file into a case's dossier folder, and nowhere else.

A name from a request is a file name, not a path: '..', '/', '\\', a drive letter, control
characters, Windows' reserved names (CON, NUL, COM1, ...), hidden files and Office lock
files are refused. The case folder must lie inside the dossier root after resolving links
(a symlinked folder pointing elsewhere is refused), and an existing file is never
overwritten (write_atomic links the finished file into place, which fails if one exists).
"""

from __future__ import annotations

import base64
import binascii
import re
import sys
from pathlib import Path

from plugin.documents.generate import case_folder as generated_case_folder
from plugin.errors import Conflict, NotFound, OutputExists, Refused, UsageError
from plugin.output import safe_name, write_atomic
from plugin.services.evidence import SCAN_LOCK, scan_cache
from plugin.services.sources import Sources
from plugin.workbook.load import Workbook

RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}
_BAD = re.compile(r'[<>:"/\\|?*]')
# C0 and C1 controls and DEL; the bidi controls that make 'gpj.exe' look like 'exe.jpg' (U+202A-U+202E
# embeddings and overrides, U+2066-U+2069 isolates, U+200E/U+200F and U+061C marks).
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
MAX_NAME_BYTES = 255     # one name, in UTF-8: the limit of ext4, NTFS (in UTF-16 units), APFS
MAX_PATH_BYTES = 4095    # the whole path (Linux PATH_MAX less the final NUL)
MAX_PATH_CHARS_WINDOWS = 259   # Windows MAX_PATH, which Explorer and Office still keep to


def check_name(name: object) -> str:
    """The name as given when it is a plain, safe file name; UsageError otherwise."""
    if not isinstance(name, str) or not name.strip():
        raise UsageError("geef een bestandsnaam (name)")
    try:
        size = len(name.encode("utf-8"))
    except UnicodeEncodeError:
        raise UsageError("ongeldige bestandsnaam: geen geldige Unicode") from None
    shown = repr(name[:80]) + ("…" if len(name) > 80 else "")
    if _CONTROL.search(name):
        raise UsageError(f"ongeldige bestandsnaam {shown}: geen stuurtekens of tekens die de leesrichting omkeren")
    if size > MAX_NAME_BYTES:
        raise UsageError(f"bestandsnaam te lang: {size} bytes in UTF-8, hoogstens {MAX_NAME_BYTES} "
                         "(letters met accenten tellen dubbel)")
    if name != name.strip() or name.endswith((".", " ")):
        raise UsageError(f"ongeldige bestandsnaam {shown}: geen spatie of punt aan het begin of eind")
    if _BAD.search(name) or name in (".", ".."):
        raise UsageError(f"ongeldige bestandsnaam {shown}: alleen een naam, geen map of pad "
                         "(geen / \\ : * ? \" < > |)")
    if name.startswith((".", "~$")):
        raise UsageError(f"ongeldige bestandsnaam {shown}: geen verborgen of tijdelijk bestand")
    if name.split(".")[0].strip().lower() in RESERVED:
        raise UsageError(f"ongeldige bestandsnaam {shown}: gereserveerde naam in Windows")
    return name


def check_path(path: Path) -> Path:
    """The whole path within what the file system (and on Windows, Explorer and Office) can open."""
    text = str(path)
    if len(text.encode("utf-8", "surrogateescape")) > MAX_PATH_BYTES or (
            sys.platform == "win32" and len(text) > MAX_PATH_CHARS_WINDOWS):
        raise UsageError(f"het pad wordt te lang ({len(text)} tekens): kies een kortere bestandsnaam")
    return path


def decode(content_base64: object) -> bytes:
    if not isinstance(content_base64, str):
        raise UsageError("content_base64 ontbreekt")
    try:
        return base64.b64decode(content_base64, validate=True)
    except (binascii.Error, ValueError):
        raise UsageError("content_base64 is geen geldige base64") from None


def target_folder(root: Path, workbook: Workbook, case_id: str) -> Path:
    """The case's folder (existing, else <Dossiermap> or the generator's '<Casusnummer> <Naam>'), inside root."""
    case = workbook.cases.get(case_id)
    if case is None:
        raise NotFound(f"casus niet gevonden: {case_id}")
    folder = existing_folder(root, workbook, case_id)
    if folder is None:
        wanted = (case["dossiermap"] or "").strip()
        folder = root / (safe_name(Path(wanted).name) if wanted else generated_case_folder(case))
    real_root = root.resolve()
    resolved = folder.resolve()
    if resolved.parent != real_root and real_root not in resolved.parents:
        raise Refused(f"de dossiermap van casus {case_id} ligt buiten {root} (snelkoppeling?); geweigerd")
    return folder


def existing_folder(root: Path, workbook: Workbook, case_id: str) -> Path | None:
    """The case's dossier folder as the check finds it (Dossiermap, case number, confirmed surname)."""
    from plugin.check.run import match_folders

    with SCAN_LOCK:
        notes: list[str] = []
        with scan_cache(Sources(workbook, root), notes) as cache:
            matched, _ = match_folders(root, workbook, cache=cache)
    return matched.get(case_id)


def save(root: Path | None, workbook: Workbook, case_id: str, name: object, content_base64: object) -> Path:
    """Write the uploaded file into the case's dossier folder under its own name, never overwriting."""
    if root is None or not Path(root).is_dir():
        raise Conflict("geen dossiermap: start de app met --dossiers MAP (één submap per casus)")
    name = check_name(name)
    data = decode(content_base64)
    folder = target_folder(Path(root), workbook, case_id)
    path = check_path(folder / name)
    if path.is_symlink():
        raise Conflict(f"bestaat al: {name}")
    try:
        write_atomic(path, data)
    except OutputExists:
        raise Conflict(f"bestaat al in het dossier: {name}; kies een andere naam") from None
    except OSError as exc:   # a name the file system refuses after all (its own length or character rules)
        raise UsageError(f"kan {name!r} niet opslaan in {folder.name}: {exc.strerror or type(exc).__name__}") from None
    return path
