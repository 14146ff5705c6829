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
from pathlib import Path

from plugin.documents.generate import case_folder as generated_case_folder
from plugin.errors import Conflict, NotFound, OutputExists, Refused, UsageError
from plugin.output import safe_name, write_atomic
from plugin.services.evidence import SCAN_LOCK, scan_cache
from plugin.services.sources import Sources
from plugin.workbook.load import Workbook

RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}
_BAD = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
MAX_NAME = 150


def check_name(name: object) -> str:
    """The name as given when it is a plain, safe file name; UsageError otherwise."""
    if not isinstance(name, str) or not name.strip():
        raise UsageError("geef een bestandsnaam (name)")
    if name != name.strip() or name.endswith((".", " ")):
        raise UsageError(f"ongeldige bestandsnaam {name!r}: geen spatie of punt aan het begin of eind")
    if _BAD.search(name) or name in (".", ".."):
        raise UsageError(f"ongeldige bestandsnaam {name!r}: alleen een naam, geen map of pad "
                            "(geen / \\ : * ? \" < > | of stuurtekens)")
    if name.startswith((".", "~$")):
        raise UsageError(f"ongeldige bestandsnaam {name!r}: geen verborgen of tijdelijk bestand")
    if name.split(".")[0].strip().lower() in RESERVED:
        raise UsageError(f"ongeldige bestandsnaam {name!r}: gereserveerde naam in Windows")
    if len(name) > MAX_NAME:
        raise UsageError(f"bestandsnaam te lang (meer dan {MAX_NAME} tekens)")
    return name


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
    path = folder / name
    if path.is_symlink():
        raise Conflict(f"bestaat al: {name}")
    try:
        write_atomic(path, data)
    except OutputExists:
        raise Conflict(f"bestaat al in het dossier: {name}; kies een andere naam") from None
    return path
