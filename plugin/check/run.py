"""The pre-WIA dossier check: folders matched to cases, documents read, rules applied.

The documents are the evidence, not the workbook: a milestone counts as done when the
dossier holds its document. The workbook supplies the first sick day, the periods, an
extension and recorded reasons; its dates are only checked against the documents.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from pathlib import Path

from plugin.core.terms import phrase_pattern
from plugin.workbook.cells import convert
from plugin.check.scan import DossierDocument, list_files, scan_files
from plugin.check.dossier_rules import EVALUATION_TYPES, KINDS
from plugin.check.findings import SEVERITY_RANK, CaseResult, CheckResult
from plugin.check.rule_kinds import CaseView
from plugin.check.rules import Rule, load_rules
from plugin.workbook.schema import CASES
from plugin.workbook.load import Case, Workbook
from plugin.core.wvp_calendar import MILESTONES, build_calendar


def _id_pattern(case_id: str) -> re.Pattern:
    return phrase_pattern((case_id,))


def subfolders(root: Path) -> list[Path]:
    return sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))


def match_folders(root: Path, workbook: Workbook | None,
                  folders: list[Path] | None = None) -> tuple[dict[str, Path], list[Path]]:
    """Case id -> its folder (by Dossiermap, else the case number in the name), and the rest."""
    folders = subfolders(root) if folders is None else folders
    by_name = {p.name.casefold().strip(): p for p in folders}
    matched: dict[str, Path] = {}
    used: set[Path] = set()
    cases = list(workbook.cases.values()) if workbook else []
    for case in cases:
        wanted = (case["dossiermap"] or "").strip()
        if wanted:
            folder = by_name.get(Path(wanted).name.casefold()) or (root / wanted if (root / wanted).is_dir() else None)
            if folder is not None:
                matched[case.id] = folder
                used.add(folder)
    for case in cases:
        if case.id in matched:
            continue
        pattern = _id_pattern(case.id)
        for folder in folders:
            if folder not in used and pattern.search(folder.name):
                matched[case.id] = folder
                used.add(folder)
                break
    return matched, [f for f in folders if f not in used]


def _names_a_case(folder: Path, workbook: Workbook | None) -> bool:
    """Is this folder itself the dossier of a workbook case (rather than a folder of dossiers)?"""
    if workbook is None:
        return False
    name = folder.resolve().name
    return any((c["dossiermap"] or "").strip().casefold() == name.casefold() or _id_pattern(c.id).search(name)
               for c in workbook.cases.values())


def _blank_case(case_id: str, employee: str, first_sick_day: dt.date | None) -> Case:
    data = {c.key: convert(None, c.kind) for c in CASES.columns}
    data.update(casusnummer=case_id, naam_werknemer=employee, eerste_ziektedag=first_sick_day)
    return Case(case_id, 0, data)


def _unknown_folder_identity(folder: Path, documents: list[DossierDocument]) -> tuple[str, str]:
    ids = Counter(d.case_id for d in documents if d.case_id)
    match = re.search(r"\d{2,4}[-/]\d{1,5}|\d{4,}", folder.name)
    case_id = ids.most_common(1)[0][0] if ids else (match.group(0) if match else folder.name)
    employee = re.sub(r"\s+", " ", _id_pattern(case_id).sub("", folder.name)).strip(" -_") or folder.name
    return case_id, employee


def _calendar(case: Case, documents: list[DossierDocument]):
    if not case["eerste_ziektedag"]:
        return None
    done = {}
    for milestone in MILESTONES:
        if milestone.doc_type:
            dates = [d.date for d in documents if d.type == milestone.doc_type and d.date]
            if dates:
                done[milestone.code] = min(dates)
    evaluations = sorted({d.date for d in documents if d.type in EVALUATION_TYPES and d.date})
    return build_calendar(case, done, evaluations, workbook_done=False)


def check_dossiers(root: Path, workbook: Workbook | None = None, as_of: dt.date | None = None,
                   rules: list[Rule] | None = None, lang: str = "nl",
                   extra_documents: dict[str, list[DossierDocument]] | None = None,
                   workers: int | None = None) -> CheckResult:
    """Check every dossier under root (one folder per case) against the rules.

    A root without subfolders is taken as the dossier of one case (the user pointed at a
    single dossier); files lying loose next to the case folders are listed, not checked.
    """
    as_of = as_of or dt.date.today()
    rules = rules if rules is not None else load_rules()
    loose = [p for p in root.iterdir() if p.is_file() and not p.name.startswith((".", "~$"))]
    single = (bool(loose) and not subfolders(root)) or _names_a_case(root, workbook)
    if single:
        dossier, root, loose = root.resolve(), root.resolve().parent, []
        matched, unmatched = match_folders(root, workbook, [dossier])
    else:
        matched, unmatched = match_folders(root, workbook)
    folders = list(matched.values()) + unmatched
    files = [f for folder in folders for f in list_files(folder)]
    scanned = scan_files(files, root, workers)
    by_folder: dict[str, list[DossierDocument]] = {}
    for doc in scanned:
        by_folder.setdefault(doc.path.split("/", 1)[0], []).append(doc)
    views: list[tuple[CaseView, str]] = []
    for case in (workbook.cases.values() if workbook else []):
        if single and case.id not in matched:
            continue
        folder = matched.get(case.id)
        documents = by_folder.get(folder.name, []) if folder else []
        documents = documents + list((extra_documents or {}).get(case.id, []))
        views.append((CaseView(case.id, case, True, _calendar(case, documents), documents,
                               folder.name if folder else None, as_of, lang), case.name))
    for folder in unmatched:
        documents = by_folder.get(folder.name, [])
        case_id, employee = _unknown_folder_identity(folder, documents)
        sick = Counter(d.first_sick_day for d in documents if d.first_sick_day).most_common(1)
        case = _blank_case(case_id, employee, sick[0][0] if sick else None)
        views.append((CaseView(case_id, case, False, _calendar(case, documents), documents, folder.name, as_of, lang),
                      employee))
    results = []
    for view, employee in views:
        # Without a folder or any mail evidence, "everything is missing" says nothing new.
        applicable = rules if (view.folder or view.documents) else [r for r in rules if r.kind == "dossiermap"]
        findings = [f for rule in applicable for f in KINDS[rule.kind](rule, view)]
        findings.sort(key=lambda f: (SEVERITY_RANK[f.severity], f.due or dt.date.max, f.rule))
        calendar = view.calendar
        results.append(CaseResult(view.case_id, employee, calendar.first_sick_day if calendar else None,
                                  calendar.week_at(as_of) if calendar else None, view.folder, view.documents,
                                  findings, view.in_workbook))
    return CheckResult(as_of, str(root), results, lang, sorted(p.name for p in loose))
