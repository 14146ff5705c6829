"""The pre-WIA dossier check on disk: find the folders, scan the files, evaluate the rules.

The three steps live in their own modules: plugin.check.folders (which folder is which
case), plugin.check.scan (read and classify every file) and plugin.check.evaluate (the
rules, pure, on in-memory records). The documents are the evidence, not the workbook; the
workbook supplies the first sick day, the periods, an extension and recorded reasons.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from collections.abc import Callable, Collection
from pathlib import Path

from plugin.check import folders as folder_match
from plugin.check.evaluate import evaluate
from plugin.check.findings import CheckResult
from plugin.check.rules import Rule, load_rules
from plugin.check.scan import DossierDocument, list_files, scan_files
from plugin.core.case_facts import CaseFacts
from plugin.core.names import names_surname
from plugin.workbook.facts import facts_from_case
from plugin.workbook.load import Workbook

subfolders = folder_match.subfolders
PROGRESS_STEP = 64   # files per progress step: scan_files uses every core from 64 files on


def workbook_facts(workbook: Workbook | None) -> list[CaseFacts]:
    return [facts_from_case(case) for case in workbook.cases.values()] if workbook else []


def match_folders(root: Path, workbook: Workbook | None, folders: list[Path] | None = None,
                  cache=None) -> tuple[dict[str, Path], list[Path]]:
    """Case id -> its folder (by Dossiermap, else the case number in the name, else the surname
    confirmed by a document: only those candidate folders are read), and the rest."""
    known = workbook_facts(workbook)
    matched, unmatched = folder_match.match_folders(root, known, folders)
    candidates = folder_match.surname_candidates(unmatched, known, matched)
    if candidates:
        listed = {folder: list_files(folder) for folder in candidates}
        by_folder: dict[str, list[DossierDocument]] = {}
        for doc in scan_files([f for files in listed.values() for f in files], root, 1, cache):
            by_folder.setdefault(doc.path.split("/", 1)[0], []).append(doc)
        ties, _ = folder_match.tie_by_surname(candidates, known, matched, by_folder, listed, _mentions(cache))
        matched.update(ties)
        unmatched = [folder for folder in unmatched if folder not in ties.values()]
    return matched, unmatched


def _mentions(cache) -> folder_match.Mentions:
    """The text test of check/folders.py, through the scan cache when there is one."""
    if cache is None:
        return lambda path, phrases: folder_match.text_mentions(path, phrases)
    return lambda path, phrases: cache.mentions(path, phrases, folder_match.text_mentions)


def check_dossiers(root: Path, workbook: Workbook | None = None, as_of: dt.date | None = None,
                   rules: list[Rule] | None = None, lang: str = "nl",
                   extra_documents: dict[str, list[DossierDocument]] | None = None,
                   workers: int | None = None, cache=None, only: Collection[str] | None = None,
                   progress: Callable[[int, int], None] | None = None) -> CheckResult:
    """Check every dossier under root (one folder per case) against the rules.

    A root without subfolders is taken as the dossier of one case (the user pointed at a
    single dossier); files lying loose next to the case folders are listed, not checked.
    extra_documents: case id -> more evidence for a workbook case (e.g. from mailboxes).
    only: check just these case ids; only the folders that can hold their evidence are read
    (the case's own folder, folders naming its surname, and for an id the workbook does not
    know, the folders no case claims), so the answer per case is the whole check's.
    progress(done, total): called as the files are read.
    """
    as_of = as_of or dt.date.today()
    rules = rules if rules is not None else load_rules()
    known = workbook_facts(workbook)
    loose = folder_match.loose_files(root)
    single = (bool(loose) and not subfolders(root)) or folder_match.names_a_case(root, known)
    if single:
        dossier, root, loose = root.resolve(), root.resolve().parent, []
        matched, unmatched = folder_match.match_folders(root, known, [dossier])
    else:
        matched, unmatched = folder_match.match_folders(root, known)
    wanted = set(only) if only is not None else None
    to_read = _folders_to_read(matched, unmatched, known, wanted)
    listed = {folder: list_files(folder) for folder in to_read}
    files = [f for folder_files in listed.values() for f in folder_files]
    by_folder: dict[str, list[DossierDocument]] = {}
    for doc in _scan(files, root, workers, cache, progress):  # cache: a check.cache.ScanCache or None
        by_folder.setdefault(doc.path.split("/", 1)[0], []).append(doc)
    # folders named by a surname only: tied when their documents confirm it (check/folders.py)
    candidates = [folder for folder in unmatched if folder in listed]
    ties, notes = folder_match.tie_by_surname(candidates, known, matched, by_folder, listed, _mentions(cache))
    matched.update(ties)
    unmatched = [folder for folder in unmatched if folder not in ties.values()]
    if single:  # only the case whose folder this is (by name, number or confirmed surname)
        known = [facts for facts in known if facts.case_id in matched]

    cases: list[CaseFacts] = []
    documents: dict[str, list[DossierDocument]] = {}
    folder_names: dict[str, str | None] = {}
    for facts in known:
        folder = matched.get(facts.case_id)
        documents[facts.case_id] = (by_folder.get(folder.name, []) if folder else []) \
            + list((extra_documents or {}).get(facts.case_id, [])) + notes.get(facts.case_id, [])
        folder_names[facts.case_id] = folder.name if folder else None
        cases.append(facts)
    for folder in unmatched:
        if folder not in listed:
            continue
        docs = by_folder.get(folder.name, [])
        facts = folder_match.dossier_facts(folder.name, docs)
        if facts.case_id in documents:  # two folders claim one case number: keep both, apart
            facts = replace(facts, case_id=f"{facts.case_id} ({folder.name})")
        documents[facts.case_id] = docs
        folder_names[facts.case_id] = folder.name
        cases.append(facts)
    if wanted is not None:
        cases = [facts for facts in cases if facts.case_id in wanted]
    return evaluate(cases, documents, rules, as_of, folders=folder_names, lang=lang, root=str(root),
                    loose_files=[p.name for p in loose] if wanted is None else [])


def dossier_files(root: Path) -> list[Path]:
    """The files a check of root reads: everything in its case folders (not the loose files next to them)."""
    return [f for folder in subfolders(root) for f in list_files(folder)]


def _folders_to_read(matched: dict[str, Path], unmatched: list[Path], known: list[CaseFacts],
                     wanted: set[str] | None) -> list[Path]:
    """Every case folder and unclaimed folder; with `wanted`, only those that can hold its evidence."""
    if wanted is None:
        return [*matched.values(), *unmatched]
    in_workbook = [facts for facts in known if facts.case_id in wanted]
    folders = [matched[facts.case_id] for facts in in_workbook if facts.case_id in matched]
    if len(in_workbook) < len(wanted):   # an id no workbook row has: it can only be an unclaimed folder's
        return folders + unmatched
    return folders + [folder for folder in unmatched
                      if any(names_surname(folder.name, facts.employee) for facts in in_workbook)]


def _scan(files: list[Path], root: Path, workers: int | None, cache, progress) -> list[DossierDocument]:
    """scan_files, in steps when someone watches the progress."""
    if progress is None:
        return scan_files(files, root, workers, cache)
    step = max(PROGRESS_STEP, len(files) // 20)
    found: list[DossierDocument] = []
    progress(0, len(files))
    for start in range(0, len(files), step):
        found += scan_files(files[start:start + step], root, workers, cache)
        progress(min(start + step, len(files)), len(files))
    return found
