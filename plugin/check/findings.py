"""A finding of the dossier check: one immutable record that every reporter takes as is."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from plugin.core.words import SEVERITY

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {s: i for i, s in enumerate(SEVERITIES)}
SEVERITY_TEXT = SEVERITY   # the words, from the one catalogue


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str
    case: str
    type: str | None
    due: dt.date | None
    message: str
    fix: str = ""
    paths: tuple[str, ...] = ()
    title: str = ""
    basis: str = ""

    def to_json(self) -> dict:
        return {"rule": self.rule, "severity": self.severity, "type": self.type,
                "due": self.due.isoformat() if self.due else None, "message": self.message,
                "paths": list(self.paths)}


@dataclass
class CaseResult:
    case: str
    employee: str
    first_sick_day: dt.date | None
    week: int | None
    folder: str | None
    documents: list = field(default_factory=list)   # DossierDocument and mail evidence
    findings: list[Finding] = field(default_factory=list)
    in_workbook: bool = True
    # the CaseCalendar the rules saw (built from the documents), or None; no file names in it
    calendar: object = field(default=None, metadata={"no_names": True})
    verdict: object = None       # the case's plugin.core.verdict.Verdict (status, counts, open items)
    riv: object = None           # its re-integratieverslag's state (plugin.riv.plan.RivState), set by the service

    def worst(self) -> Finding | None:
        return min(self.findings, key=lambda f: (SEVERITY_RANK[f.severity], f.due or dt.date.max), default=None)

    def counts(self) -> dict[str, int]:
        return {s: sum(1 for f in self.findings if f.severity == s) for s in SEVERITIES}


@dataclass
class CheckResult:
    as_of: dt.date
    root: str
    cases: list[CaseResult]
    lang: str = "nl"
    loose_files: list[str] = field(default_factory=list)  # files next to the case folders: not checked
    summary_only: bool = False   # a huge report: per case the summary, not every document (docx)

    def has_errors(self) -> bool:
        return any(f.severity == "error" for c in self.cases for f in c.findings)
