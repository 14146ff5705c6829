"""What goes into one case's re-integratieverslag: its files per section, in date order, and its gaps.

Pure: built from the check's record of the case (plugin.check.findings.CaseResult: documents and
findings), the workbook row and the rules; no file is opened. The conversion and the PDF come
after (plugin.riv.build); the check's reporters and the app's case list use the plan alone.

A mail is one unit: the message and its attachments stay together (the RIV shows the message,
then what it carried), filed under the message's type, else under its first recognised
attachment's. Evidence found only in a mailbox is not a file the RIV can hold: it is named as
a gap with the message, so the casemanager saves it into the dossier folder.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from plugin.check.findings import CaseResult
from plugin.check.scan import DossierDocument
from plugin.core.doctypes import DOC_TYPES
from plugin.riv.gaps import Gap, count_gaps, gaps_of
from plugin.riv.sections import SECTIONS, Section, section_of


@dataclass(frozen=True)
class Source:
    """One file of the dossier as it goes into the RIV."""

    path: str                      # relative to the dossiers root, '/'-separated (as the check names it)
    type: str | None
    date: dt.date | None
    section: str
    parts: tuple[DossierDocument, ...] = ()   # the attachments the check found inside it (mail)
    problem: str | None = None     # why the check could not read it (it may still convert)

    @property
    def name(self) -> str:
        return self.path.rsplit("/", 1)[-1]

    def title(self, lang: str) -> str:
        return DOC_TYPES[self.type].title(lang) if self.type in DOC_TYPES else self.name


@dataclass(frozen=True)
class RivState:
    """What the check's reports and the case list say of a case's RIV: complete, or how many gaps."""

    gaps: int
    due: dt.date | None            # the end of week 91

    @property
    def complete(self) -> bool:
        return self.gaps == 0

    def text(self, lang: str = "nl") -> str:
        from plugin.core.words import word

        state = word("riv_complete", lang) if self.complete else word("riv_n_gaps", lang, n=self.gaps)
        return word("riv_line", lang, state=state)

    def to_json(self) -> dict:
        return {"complete": self.complete, "gaps": self.gaps, "due": self.due.isoformat() if self.due else None}


@dataclass
class RivPlan:
    case: str
    employee: str
    as_of: dt.date
    lang: str
    row: object = None                     # the workbook's Case, or None (a folder no row describes)
    result: CaseResult | None = None
    sections: list[tuple[Section, list[Source]]] = field(default_factory=list)
    gaps: list[Gap] = field(default_factory=list)
    mailbox: list[DossierDocument] = field(default_factory=list)   # evidence that is no file

    @property
    def complete(self) -> bool:
        return not self.gaps

    @property
    def state(self) -> RivState:
        return RivState(len(self.gaps), self.due)

    @property
    def sources(self) -> list[Source]:
        return [s for _, sources in self.sections for s in sources]

    @property
    def due(self) -> dt.date | None:
        """The RIV's own deadline: the end of week 91 (Wet WIA art. 25 lid 3), from the case's calendar."""
        calendar = self.result.calendar if self.result else None
        if calendar is None:
            return None
        try:
            return calendar.milestone("re_integratieverslag").due
        except StopIteration:
            return None


def sources_of(documents: list[DossierDocument]) -> tuple[list[Source], list[DossierDocument]]:
    """The case's top-level files (each with its attachments) and the evidence that is only in a mailbox."""
    files, mailbox = _files(documents)
    return [Source(path, typed.type, typed.date or doc.date, section_of(typed.type), parts, doc.problem)
            for path, doc, parts, typed in files], mailbox


def _files(documents) -> tuple[list[tuple[str, DossierDocument, tuple, DossierDocument]], list[DossierDocument]]:
    """(path, record, its attachments, the record that types it) per top-level file, and the
    evidence only in a mailbox: what sources_of and riv_state build on."""
    mailbox = []
    seen: dict[str, DossierDocument] = {}
    for doc in documents:
        if doc.reference is None:   # a file read in part has a second record with the same path: keep the first
            seen.setdefault(doc.path, doc)
        elif doc.type is not None:
            mailbox.append(doc)
    parts_of: dict[str, list[DossierDocument]] = {}
    tops = []
    for path, doc in seen.items():
        outer = _outer(path, seen)
        if outer is None:
            tops.append((path, doc))
        else:
            parts_of.setdefault(outer, []).append(doc)
    files = []
    for path, doc in tops:
        parts = tuple(parts_of.get(path, ()))
        typed = doc if doc.type else next((d for d in parts if d.type), doc)
        files.append((path, doc, parts, typed))
    return files, mailbox


def _outer(path: str, seen: dict) -> str | None:
    """The shortest leading part of the path, up to a '/', that is itself a file of the case (the
    mail an attachment came in), else None."""
    slash = path.find("/")
    while slash != -1:
        if path[:slash] in seen:
            return path[:slash]
        slash = path.find("/", slash + 1)
    return None


def _order(source: Source) -> tuple:
    return (source.date is None, source.date or dt.date.min, source.path.lower())


def plan_case(result: CaseResult, row, rules: dict, as_of: dt.date, lang: str = "nl") -> RivPlan:
    """The RIV of one case as the check sees it: files per section in date order, and its gaps."""
    sources, mailbox = sources_of(list(result.documents))
    sections = [(s, sorted((x for x in sources if x.section == s.id), key=_order)) for s in SECTIONS]
    plan = RivPlan(result.case, result.employee, as_of, lang, row, result, sections, mailbox=mailbox)
    plan.gaps = gaps_of(plan, rules)
    return plan


def riv_state(result: CaseResult, row, rules: dict, as_of: dt.date) -> RivState:
    """plan_case(...).state without the plan: the gaps counted, not written (the check asks it
    for every case; tests/test_riv_plan.py holds the two equal)."""
    files, mailbox = _files(result.documents)
    filled = {section_of(typed.type) for _, _, _, typed in files}
    plan = RivPlan(result.case, result.employee, as_of, "nl", row, result)
    return RivState(count_gaps(result.findings, row, rules, as_of, filled, mailbox), plan.due)
