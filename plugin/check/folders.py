"""Which folder under the dossiers root belongs to which case, and who a folder without a case is.

A folder belongs to a case by the case's recorded dossier folder (column Dossiermap), else by
the case number as a whole word in the folder name. Then, by surname (`tie_by_surname`): a
folder still unclaimed whose name names the surname of exactly one workbook case ("El Amrani",
"Dossier F. el Amrani") is a candidate, and is tied to that case only when its documents
confirm it: a document property Casusnummer, or the case number or full name in a file name or
in a file's text; never when its documents carry another case number (the same person's
earlier case). A surname two cases share is never guessed: the folder stays unclaimed and
both cases get an info note naming both case numbers. A folder no case claims is still checked:
its identity and first sick day come from its documents (`dossier_facts`).

The text test reads the candidate folder's files only when properties and names said nothing.
Its answer is kept in the scan cache (check/cache.py `mentions`) keyed by the file's content
hash and a hash of the phrase searched (case number or full name), never by the case list and
never with any text: so it stays right when the workbook changes (another phrase is another
key), a re-check of an unchanged tree opens no file, and no name is stored in plain text.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path

from plugin.check.scan import DossierDocument
from plugin.core.case_facts import CaseFacts
from plugin.core.names import names_surname, surname
from plugin.core.terms import contains_phrase, phrase_pattern
from plugin.readers import parts
from plugin.readers.guarded import read_path_guarded
from plugin.output import safe_case_id


def subfolders(root: Path) -> list[Path]:
    """The case folders: not hidden, links to folders included, in Path order."""
    return [root / name for name in sorted(_names(root, _is_dir), key=os.path.normcase) if not name.startswith(".")]


def loose_files(root: Path) -> list[Path]:
    """Files lying next to the case folders (not in any case's folder)."""
    return [root / name for name in _names(root, _is_file) if not name.startswith((".", "~$"))]


def _names(root: Path, wanted) -> list[str]:
    """The names of root's entries that `wanted` takes, from one scandir (the entry's type comes
    with the listing: no stat per folder, as Path.iterdir + is_dir would make)."""
    with os.scandir(root) as entries:
        return [entry.name for entry in entries if wanted(entry)]


def _is_dir(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()   # follows a link, as Path.is_dir
    except OSError:
        return False


def _is_file(entry: os.DirEntry) -> bool:
    try:
        return entry.is_file()
    except OSError:
        return False


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
    named = phrase_pattern((case_id,)).sub("", folder_name) if _may_name(folder_name, case_id) else folder_name
    employee = re.sub(r"\s+", " ", named).strip(" -_") or folder_name
    sick = Counter(d.first_sick_day for d in documents if d.first_sick_day).most_common(1)
    return CaseFacts(case_id=case_id, first_sick_day=sick[0][0] if sick else None, employee=employee,
                     in_workbook=False)


def _may_name(text: str, phrase: str) -> bool:
    """Can phrase_pattern((phrase,)) match in text? False when no occurrence of its first word
    stands as a word of its own: then no pattern is compiled (one per folder costs a re-check
    of 1,600 folders a third of a second)."""
    words = phrase.split()
    if not words:
        return False
    haystack, needle = text.casefold(), words[0].casefold()
    start = haystack.find(needle)
    while start >= 0:
        end = start + len(needle)
        if (start == 0 or not haystack[start - 1].isalnum()) and (end >= len(haystack) or not haystack[end].isalnum()):
            return True
        start = haystack.find(needle, start + 1)
    return False


Mentions = Callable[[Path, tuple[str, ...]], set[str]]   # (file, phrases) -> the phrases its text holds


def text_mentions(path: Path, phrases: tuple[str, ...]) -> set[str]:
    """The phrases (whole words, any case) found in a file's text or its attachments' text."""
    text = "\n".join(part.text or "" for _, part in parts(read_path_guarded(path)))
    return {phrase for phrase in phrases if contains_phrase(text, phrase)}


def _note(folder: Path, case_id: str, note: str | None, why: str) -> DossierDocument:
    """A line for the case's document list (evidence 'map'); with `note`, an info finding too."""
    return DossierDocument(folder.name, None, None, "map", None, "nl", case_id, note=note, why=why)


def _confirmation(case: CaseFacts, folder: Path, documents: Sequence[DossierDocument],
                  files: Sequence[Path], mentions: Mentions) -> str | None:
    """Why the folder's documents say it is this case's ('casusnummer in 'PvA.docx''), or None."""
    for doc in documents:
        if doc.case_id == case.case_id:
            return f"casusnummer in '{doc.path.rsplit('/', 1)[-1]}'"   # its property Casusnummer, or 'Casusnummer: ...'
    if any(doc.case_id for doc in documents):
        return None  # its documents carry another case number (an earlier case of the same person?)

    full_name = case.employee if len(case.employee.split()) > 1 else ""
    phrases = tuple(p for p in (case.case_id, full_name) if p)
    for path in files:
        for phrase, what in ((case.case_id, "casusnummer"), (full_name, "volledige naam")):
            if phrase and contains_phrase(path.relative_to(folder).as_posix(), phrase):
                return f"{what} in bestandsnaam '{path.name}'"
    for path in files:
        found = mentions(path, phrases)
        if case.case_id in found:
            return f"casusnummer in '{path.name}'"
        if full_name and full_name in found:
            return f"volledige naam in '{path.name}'"
    return None


def surname_candidates(folders: Sequence[Path], cases: Iterable[CaseFacts], matched: Mapping[str, Path]) -> list[Path]:
    """The folders `tie_by_surname` may tie: naming the surname of exactly one workbook case without a folder."""
    cases = [c for c in cases if c.in_workbook and surname(c.employee)]
    result = []
    for folder in folders:
        owners = [c for c in cases if names_surname(folder.name, c.employee)]
        if len(owners) == 1 and owners[0].case_id not in matched:
            result.append(folder)
    return result


def tie_by_surname(unmatched: Sequence[Path], cases: Iterable[CaseFacts], matched: Mapping[str, Path],
                   documents: Mapping[str, Sequence[DossierDocument]], files: Mapping[Path, Sequence[Path]],
                   mentions: Mentions = text_mentions
                   ) -> tuple[dict[str, Path], dict[str, list[DossierDocument]]]:
    """Folders tied by surname (case id -> folder) and notes per case id (why tied, or why not).

    documents: folder name -> its scanned documents; files: folder -> its files. Only workbook
    cases count; a case that already has a folder keeps it (a case number wins over a surname).
    """
    cases = [c for c in cases if c.in_workbook and surname(c.employee)]
    ties: dict[str, Path] = {}
    notes: dict[str, list[DossierDocument]] = {}
    for folder in unmatched:
        owners = [c for c in cases if names_surname(folder.name, c.employee)]
        if len(owners) > 1:
            numbers = ", ".join(c.case_id for c in owners)
            names = " / ".join(dict.fromkeys(surname(c.employee) for c in owners))
            note = (f"Map '{folder.name}' noemt alleen de achternaam '{names}', die bij meer casussen hoort "
                    f"({numbers}): niet toegekend. Zet het casusnummer in de mapnaam of vul in de werkmap de "
                    f"kolom 'Dossiermap' in.")
            for case in owners:
                notes.setdefault(case.case_id, []).append(
                    _note(folder, case.case_id, note, f"niet toegekend: achternaam '{names}' ({numbers})"))
            continue
        if not owners or owners[0].case_id in matched or owners[0].case_id in ties:
            continue  # no surname, or the case has its folder already (by number or Dossiermap)
        case = owners[0]
        why = _confirmation(case, folder, documents.get(folder.name, ()), files.get(folder, ()), mentions)
        if why:
            ties[case.case_id] = folder
            # no finding, only a line in the case's document list: why this folder is the case's
            notes.setdefault(case.case_id, []).append(_note(
                folder, case.case_id, None, f"map '{folder.name}': achternaam, bevestigd door {why}"))
        else:
            others = sorted({d.case_id for d in documents.get(folder.name, ()) if d.case_id})
            said = (f"de documenten erin noemen casusnummer {', '.join(others)}" if others else
                    "geen document erin noemt het casusnummer of de volledige naam")
            note = (f"Map '{folder.name}' noemt de achternaam '{surname(case.employee)}' van deze casus, maar "
                    f"{said}: niet toegekend. Zet het casusnummer in de mapnaam of vul in de werkmap de kolom "
                    f"'Dossiermap' in.")
            notes.setdefault(case.case_id, []).append(
                _note(folder, case.case_id, note, f"kandidaat, niet bevestigd: achternaam '{surname(case.employee)}'"))
    return ties, notes
