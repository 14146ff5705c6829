"""The report attached to a mail: rendered from the workbook, or the bureau's completed copy.

The .docx goes to OUT/<Casusnummer> <Naam>/<jjjj-mm-dd> <Document>.docx, as `generate`
names it. A file that is already there is mailed as it is: the bureau may have opened it
in Word to complete the prompts. Because such a file can have been edited or swapped, the
safety checks (plugin.mail.mailout.safety) read it again, every part of it (properties,
comments, tracked changes, headers, text boxes), before it is attached.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from plugin.core.doctypes import DOC_TYPES
from plugin.documents.generate import FILE_LABELS, Job, Renderer, case_folder, render_job
from plugin.mail.mailout.plan import Month, Report
from plugin.output import safe_name, write_atomic
from plugin.documents.docx_text import visible_text
from plugin.workbook.load import Case

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@dataclass(frozen=True)
class Attachment:
    path: Path
    data: bytes
    existing: bool              # True: a file the bureau had in OUT, mailed as it is

    @property
    def name(self) -> str:
        return self.path.name


def report_path(out_dir: Path, case: Case, report: Report) -> Path:
    labels = FILE_LABELS.get(report.doc) or (DOC_TYPES[report.doc].title_nl, DOC_TYPES[report.doc].title_en)
    label = labels[report.lang == "en"]
    return out_dir / case_folder(case) / safe_name(f"{report.date:%Y-%m-%d} {label}.docx")


def prepare(renderer: Renderer, case: Case, report: Report, month: Month, out_dir: Path,
            write: bool = True) -> Attachment:
    """Render (or reuse) the report. Raises PoortwachterError (e.g. PrivacyViolation) when it cannot be made."""
    path = report_path(out_dir, case, report)
    if path.is_file():
        return Attachment(path, path.read_bytes(), True)
    period = (month.first, month.last) if report.doc == "maandrapportage" else None
    job = Job(case.id, report.doc, report.lang, report.date, path, report.evaluation_index, period)
    document = render_job(renderer, case, job)
    if write:
        write_atomic(path, document.data)
    return Attachment(path, document.data, False)


def docx_text(data: bytes) -> str:
    """The visible text of a .docx (body, headers, footers, text boxes), one paragraph a line."""
    return visible_text(data)
