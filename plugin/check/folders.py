"""Which folder under the dossiers root belongs to which case, and who a folder without a case is.

A folder belongs to a case by the case's recorded dossier folder (column Dossiermap), else by
the case number as a whole word in the folder name. A folder no case claims is still checked:
its identity and first sick day come from its documents (`dossier_facts`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

from plugin.check.scan import DossierDocument
from plugin.core.case_facts import CaseFacts
from plugin.core.terms import phrase_pattern
from plugin.output import safe_case_id


def subfolders(root: Path) -> list[Path]:
    return sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))


def loose_files(root: Path) -> list[Path]:
    """Files lying next to the case folders (not in any case's folder)."""
    return [p for p in root.iterdir() if p.is_file() and not p.name.startswith((".", "~$"))]


def match_folders(root: Path, cases: Iterable[CaseFacts],
                  folders: list[Path] | None = None) -> tuple[dict[str, Path], list[Path]]:
    """Case id -> its folder (by the recorded folder, else the case number in the name), and the rest."""
    folders = subfolders(root) if folders is None else folders
    cases = list(cases)
    by_name = {p.name.casefold().strip(): p for p in folders}
    matched: dict[str, Path] = {}
    used: set[Path] = set()
    for case in cases:
        wanted = case.dossier_folder
        if wanted:
            folder = by_name.get(Path(wanted).name.casefold()) or (root / wanted if (root / wanted).is_dir() else None)
            if folder is not None:
                matched[case.case_id] = folder
                used.add(folder)
    # a number that cannot be a folder name as typed (2025/001) is found by the name the
    # generator and the app give its folder, "2025_001 Naam (3f9a2c)": before the plain
    # number, so case 2025_001 never takes the folder of 2025/001
    for case in cases:
        written = safe_case_id(case.case_id)
        if case.case_id in matched or written == case.case_id:
            continue
        code = written[-8:]
        for folder in folders:
            if folder not in used and code in folder.name:
                matched[case.case_id] = folder
                used.add(folder)
                break
    for case in cases:
        if case.case_id in matched:
            continue
        pattern = phrase_pattern((case.case_id,))
        for folder in folders:
            if folder not in used and pattern.search(folder.name):
                matched[case.case_id] = folder
                used.add(folder)
                break
    return matched, [f for f in folders if f not in used]


def names_a_case(folder: Path, cases: Iterable[CaseFacts]) -> bool:
    """Is this folder itself the dossier of a known case (rather than a folder of dossiers)?"""
    name = folder.resolve().name
    return any(c.dossier_folder.casefold() == name.casefold() or phrase_pattern((c.case_id,)).search(name)
               for c in cases)


def dossier_facts(folder_name: str, documents: Sequence[DossierDocument]) -> CaseFacts:
    """The facts of a dossier no workbook row describes: case number, employee and first sick
    day as its documents (and the folder name) state them."""
    ids = Counter(d.case_id for d in documents if d.case_id)
    match = re.search(r"\d{2,4}[-/]\d{1,5}|\d{4,}", folder_name)
    case_id = ids.most_common(1)[0][0] if ids else (match.group(0) if match else folder_name)
    employee = re.sub(r"\s+", " ", phrase_pattern((case_id,)).sub("", folder_name)).strip(" -_") or folder_name
    sick = Counter(d.first_sick_day for d in documents if d.first_sick_day).most_common(1)
    return CaseFacts(case_id=case_id, first_sick_day=sick[0][0] if sick else None, employee=employee,
                     in_workbook=False)
