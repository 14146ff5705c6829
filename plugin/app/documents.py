"""Generate one document for one case, exactly as `poortwachter generate` does.

plan_jobs picks the file name and date, run_case renders (with the privacy guard) and writes
atomically, never overwriting without force; the bytes written are what the browser gets.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from plugin.app.problems import AppError
from plugin.core.doctypes import DOC_TYPES
from plugin.documents.generate import PERIODIC_DOCS, DocStatus, available_docs, plan_jobs, run_case
from plugin.mail.mailout.plan import Month
from plugin.workbook.load import Workbook


def choices(templates: Path) -> list[dict]:
    """The document types there is a template for (the buttons on the case page)."""
    return [{"type": doc, "title": DOC_TYPES[doc].title_nl, "title_en": DOC_TYPES[doc].title_en}
            for doc in available_docs(templates)]


def generate(workbook: Workbook, case_id: str, doc: str, out: Path, templates: Path, date: dt.date | None = None,
             lang: str | None = None, force: bool = False, month: str | None = None,
             today: dt.date | None = None) -> tuple[Path, bytes]:
    """(path written, its bytes). Raises AppError: 404 unknown case, 409 exists, 422 cannot be made."""
    if case_id not in workbook.cases:
        raise AppError(404, f"casus niet gevonden: {case_id}")
    if doc not in DOC_TYPES:
        raise AppError(400, f"onbekend document: {doc} (kies uit {', '.join(DOC_TYPES)})")
    if doc not in available_docs(templates):
        raise AppError(422, f"geen sjabloon voor {doc} in {templates}")
    if lang not in (None, "nl", "en"):
        raise AppError(400, "lang moet nl of en zijn")
    period = None
    if doc in PERIODIC_DOCS:
        try:
            chosen = Month.parse(month) if month else Month((date or today or dt.date.today()).year,
                                                              (date or today or dt.date.today()).month)
        except Exception as exc:  # noqa: BLE001 - MonthError says what to write
            raise AppError(400, str(exc)) from None
        period = (chosen.first, chosen.last)
    plan = plan_jobs(workbook, out, templates, [doc], [case_id], lang, date, today=today, period=period)
    errors = [o for o in plan.skipped if o.status == DocStatus.ERROR]
    if errors:
        raise AppError(422, errors[0].message)
    if not plan.jobs:
        reason = plan.skipped[0].message if plan.skipped else "niets te maken"
        raise AppError(422, f"{doc} is niet te maken voor casus {case_id}: {reason}")
    job = max(plan.jobs, key=lambda j: j.date)   # evaluatie without a date: the latest one
    outcome = run_case(templates, workbook.cases[case_id], [job], force, today)[0]
    if outcome.status == DocStatus.EXISTS:
        raise AppError(409, f"bestaat al: {job.path.name} (kies 'overschrijven' om het te vervangen)",
                       path=str(job.path))
    if outcome.status != DocStatus.WRITTEN:
        raise AppError(422, outcome.message or "document niet gemaakt")
    return job.path, job.path.read_bytes()


def _output_folder(out: Path, workbook: Workbook, case_id: str) -> Path:
    from plugin.documents.generate import case_folder

    case = workbook.cases.get(case_id)
    if case is None:
        raise AppError(404, f"casus niet gevonden: {case_id}")
    return out / case_folder(case)


def generated(out: Path, workbook: Workbook, case_id: str) -> list[dict]:
    """The documents already in the case's output folder (made by generate, the app or the mail-out)."""
    folder = _output_folder(out, workbook, case_id)
    if not folder.is_dir() or folder.is_symlink():
        return []
    return [{"name": p.name, "size": p.stat().st_size} for p in sorted(folder.iterdir())
            if p.suffix.lower() in (".docx", ".pdf") and p.is_file() and not p.is_symlink()
            and not p.name.startswith((".", "~$"))]


def output_file(out: Path, workbook: Workbook, case_id: str, name: object) -> Path:
    """One file of the case's output folder, for download; never a path outside it."""
    from plugin.app.dossier import check_name

    name = check_name(name)
    folder = _output_folder(out, workbook, case_id)
    path = folder / name
    if path.is_symlink() or not path.is_file() or path.resolve().parent != folder.resolve() \
            or Path(out).resolve() not in folder.resolve().parents:
        raise AppError(404, f"niet gevonden in de uitvoermap: {name}")
    return path
