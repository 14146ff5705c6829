"""One-off documents are made once: which of them a case already has.

A probleemanalyse, plan van aanpak, trajectplan, eerstejaarsevaluatie or eindrapportage is
written once per waiting time (Regeling procesgang arts. 2, 4 and 6; a new waiting time after a
gap of four weeks or more needs its own, WVP033). A second run on a later day must not add a
second plan dated that day next to the first: to UWV two plans of action with different dates
look like a backdated or rewritten dossier. So before planning one, the generator looks for one
of that type in the case's output folder (by our document properties Documenttype and
Casusnummer, else by the file name we write) and, when dossiers are given, in the case's dossier
as the dossier check recognised it (plugin.services.generation supplies that).
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from plugin.core.dates import format_date
from plugin.documents.docprops import read_docx_properties
from plugin.documents.horizon import waiting_time_start
from plugin.workbook.load import Case

ONE_OFF_DOCS = ("probleemanalyse", "plan-van-aanpak", "trajectplan", "eerstejaarsevaluatie", "eindrapportage")
OUTPUT, DOSSIER = "uitvoermap", "dossier"
_NAME = re.compile(r"(\d{4}-\d{2}-\d{2}) (.+?)(?: \(\d+\))?\.docx", re.IGNORECASE)


@dataclass(frozen=True)
class Made:
    """A document of a case found where it is kept."""

    doc: str
    date: dt.date | None
    where: str            # OUTPUT or DOSSIER
    name: str             # the file name (output folder) or the path within the dossiers
    path: Path | None = None

    def describe(self) -> str:
        dated = format_date(self.date, style="short") if self.date else "zonder datum"
        place = "in de uitvoermap" if self.where == OUTPUT else "in het dossier"
        return f"{place}: {self.name} ({dated})"


def in_output_folder(folder: Path, case_id: str, labels: Mapping[str, str]) -> list[Made]:
    """The one-off documents in a case's output folder. Ours carry Documenttype and Casusnummer;
    a file without them counts by the name we give it ('2025-03-03 Plan van aanpak.docx');
    labels: a file label (nl or en, any case) -> its document type."""
    if not folder.is_dir() or folder.is_symlink():
        return []
    lowered = {label.casefold(): doc for label, doc in labels.items()}
    found = []
    for path in sorted(folder.glob("*.docx")):
        if path.name.startswith(("~$", ".")) or path.is_symlink() or not path.is_file():
            continue
        made = _ours(path, case_id) or _by_name(path, lowered)
        if made is not None and made.doc in ONE_OFF_DOCS:
            found.append(made)
    return found


def _ours(path: Path, case_id: str) -> Made | None:
    try:
        properties = read_docx_properties(path)
    except (OSError, zipfile.BadZipFile, KeyError, ValueError):
        return None
    kind = properties.get("Documenttype")
    if not kind:
        return None
    if properties.get("Casusnummer") != case_id:
        return Made("", None, OUTPUT, path.name, path)   # another case's document: not this one's
    try:
        date = dt.date.fromisoformat(properties.get("Documentdatum", ""))
    except ValueError:
        date = None
    return Made(kind, date, OUTPUT, path.name, path)


def _by_name(path: Path, labels: Mapping[str, str]) -> Made | None:
    match = _NAME.fullmatch(path.name)
    if not match or match[2].casefold() not in labels:
        return None
    try:
        date = dt.date.fromisoformat(match[1])
    except ValueError:
        return None
    return Made(labels[match[2].casefold()], date, OUTPUT, path.name, path)


def earlier_copy(case: Case, doc: str, date: dt.date, made: Iterable[Made]) -> Made | None:
    """A document of this one-off type the case already has for the waiting time `date` falls in
    (the earliest, output folder first), or None. A document without a date counts unless the
    case had an earlier waiting time, when it cannot be placed."""
    start = waiting_time_start(case, date)
    restarted = start > case["eerste_ziektedag"] if case["eerste_ziektedag"] else False
    candidates = []
    for item in made:
        if item.doc != doc:
            continue
        if item.date is None:
            if not restarted:
                candidates.append(item)
        elif waiting_time_start(case, item.date) == start and item.date >= start:
            candidates.append(item)
    candidates.sort(key=lambda m: (m.where != OUTPUT, m.date or dt.date.min))
    return candidates[0] if candidates else None
