"""The pre-WIA dossier check on disk: find the folders, scan the files, evaluate the rules.

The three steps live in their own modules: plugin.check.folders (which folder is which
case), plugin.check.scan (read and classify every file) and plugin.check.evaluate (the
rules, pure, on in-memory records). The documents are the evidence, not the workbook; the
workbook supplies the first sick day, the periods, an extension and recorded reasons.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from collections.abc import Callable, Collection, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from plugin.check import folders as folder_match
from plugin.check.evaluate import evaluate_case
from plugin.check.findings import CaseResult, CheckResult
from plugin.check.rules import Rule, load_rules
from plugin.check.scan import DossierDocument, list_files, list_paths, scan_files
from plugin.core.case_facts import CaseFacts
from plugin.core.names import names_surname
from plugin.workbook.facts import facts_from_case

if TYPE_CHECKING:   # a check without a workbook does not load the workbook reader
    from plugin.workbook.load import Workbook

subfolders = folder_match.subfolders


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
        for doc in scan_files([f for files in listed.values() for f in files], root, 1, cache, listed):
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


BATCH_FILES = 256   # files per scan batch: what is read, stored (committed) and evaluated before the next


@dataclass
class DossierCheck:
    """The check of a dossiers root as a stream: `cases()` yields one CaseResult at a time.

    Folders are matched by name first (no file is read for that). Folders named by a surname
    only are read first, to tie them (check/folders.py); then the cases follow in the order of
    the report (the workbook's, then the folders no row describes), read in batches of about
    BATCH_FILES files: each batch is scanned (through the cache, which commits it), evaluated
    and handed on, so memory does not grow with the number of dossiers and a killed run keeps
    what it read. `check_dossiers` collects the stream into one CheckResult.
    """

    root: Path
    as_of: dt.date
    lang: str
    loose_files: list[str]
    expected: int                       # how many cases the stream will yield (at most)
    _plan: list = field(repr=False)
    _run: dict = field(repr=False)

    def cases(self) -> Iterator[CaseResult]:
        return _stream(self)


def start_check(root: Path, workbook: Workbook | None = None, as_of: dt.date | None = None,
                rules: list[Rule] | None = None, lang: str = "nl",
                extra_documents: dict[str, list[DossierDocument]] | None = None,
                workers: int | None = None, cache=None, only: Collection[str] | None = None,
                progress: Callable[[int, int], None] | None = None, scan: Callable | None = None) -> DossierCheck:
    """Match the folders and plan the stream (see check_dossiers for the arguments).

    scan(files, root, listed) -> documents: how a batch is read (default: scan_files with the
    workers and the cache; the cluster passes its own)."""
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
    reading = set(to_read)
    if scan is None:
        def scan(files, base, listed):
            return scan_files(files, base, workers, cache, listed)
    run = {"scan": scan, "batch": getattr(scan, "batch_files", BATCH_FILES), "rules": rules,
           "extra": extra_documents or {}, "progress": progress, "done": 0,
           "total": sum(len(list_paths(folder)) for folder in to_read) if progress else 0,
           "prune": cache if wanted is None and not single and cache is not None else None,
           "folders": to_read}
    # folders named by a surname only: tied when their documents confirm it (check/folders.py)
    in_reach = [folder for folder in unmatched if folder in reading]
    candidates = folder_match.surname_candidates(in_reach, known, matched)
    early = _scan_folders(run, root, candidates)
    ties, notes = folder_match.tie_by_surname(in_reach, known, matched, early, {f: list_files(f) for f in candidates},
                                              _mentions(cache))
    matched.update(ties)
    if single:  # only the case whose folder this is (by name, number or confirmed surname)
        known = [facts for facts in known if facts.case_id in matched]
    plan: list = [("case", facts, matched.get(facts.case_id)) for facts in known
                  if wanted is None or facts.case_id in wanted]
    tied = set(ties.values())
    plan += [("folder", None, folder) for folder in unmatched if folder in reading and folder not in tied]
    run.update(early=early, notes=notes, wanted=wanted, as_of=as_of, lang=lang,
               ids={facts.case_id for facts in known}, folders_known=True)
    return DossierCheck(root, as_of, lang, sorted(p.name for p in loose) if wanted is None else [], len(plan),
                        plan, run)


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
    check = start_check(root, workbook, as_of, rules, lang, extra_documents, workers, cache, only, progress)
    return CheckResult(check.as_of, str(check.root), list(check.cases()), check.lang, check.loose_files)


def _scan_folders(run: dict, root: Path, folders: list[Path],
                  listings: dict[Path, list] | None = None) -> dict[str, list[DossierDocument]]:
    """Folder name -> its documents, the folders read whole (as one batch per run["batch"] files)."""
    by_folder: dict[str, list[DossierDocument]] = {folder.name: [] for folder in folders}
    batch: list[Path] = []
    files: list = []
    for index, folder in enumerate(folders):
        batch.append(folder)
        files += listings.pop(folder) if listings and folder in listings else list_paths(folder)
        if len(files) >= run["batch"] or index == len(folders) - 1:
            for doc in run["scan"](files, root, batch):
                by_folder.setdefault(doc.path.split("/", 1)[0], []).append(doc)
            run["done"] += len(files)
            if run["progress"]:
                run["progress"](run["done"], max(run["total"], run["done"]))
            batch, files = [], []
    return by_folder


def _stream(check: DossierCheck) -> Iterator[CaseResult]:
    run = check._run
    if run["progress"]:
        run["progress"](run["done"], run["total"])
    early: dict = run["early"]
    pending: list = []
    listings: dict[Path, list] = {}
    files_pending = 0
    for index, item in enumerate(check._plan):
        folder = item[2]
        pending.append(item)
        if folder is not None and folder.name not in early and folder not in listings:
            listings[folder] = list_paths(folder)   # listed once, scanned with its batch
            files_pending += len(listings[folder])
        if files_pending >= run["batch"] or index == len(check._plan) - 1:
            to_scan = [it[2] for it in pending if it[2] is not None and it[2].name not in early]
            found = _scan_folders(run, check.root, to_scan, listings) if to_scan else {}
            for kind, facts, folder in pending:
                yield _evaluate(check, run, kind, facts, folder, found, early)
            pending, files_pending = [], 0
    if run["prune"] is not None:   # the whole root was listed: forget folders that are gone
        run["prune"].prune_root(check.root, run["folders"])


def _evaluate(check: DossierCheck, run: dict, kind: str, facts: CaseFacts | None, folder: Path | None,
              found: dict, early: dict) -> CaseResult:
    docs = (found.pop(folder.name, None) or early.pop(folder.name, [])) if folder is not None else []
    if kind == "case":
        documents = docs + list(run["extra"].get(facts.case_id, [])) + run["notes"].get(facts.case_id, [])
    else:
        documents = docs
        facts = folder_match.dossier_facts(folder.name, docs)
        if facts.case_id in run["ids"]:  # two folders claim one case number: keep both, apart
            facts = replace(facts, case_id=f"{facts.case_id} ({folder.name})")
        run["ids"].add(facts.case_id)
    result = evaluate_case(facts, documents, run["rules"], check.as_of, folder.name if folder else None, check.lang)
    return result


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


