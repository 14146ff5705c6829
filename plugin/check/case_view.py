"""What a rule kind sees of one case, and the helpers every rule kind shares.

A CaseView is the case's facts, its calendar (from the documents), its documents and the
as-of date; rule kinds (plugin.check.rule_kinds, plugin.check.dossier_rules) read only this.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from plugin.check.findings import Finding
from plugin.check.rules import Rule
from plugin.check.scan import DossierDocument
from plugin.recognize.content import PART
from plugin.recognize.statement import OWN_WORK_RULED_OUT, REASON, UNKNOWN, reason_author
from plugin.core.case_facts import CaseFacts
from plugin.core.dates import format_date
from plugin.core.doctypes import DOC_TYPES
from plugin.core.privacy import medical_terms
from plugin.core.words import word
from plugin.core.wvp_calendar import DEFS, CaseCalendar


@dataclass(frozen=True)
class SecondTrack:
    """The employee is in the 2e spoor; `start` is when, if anything says so."""

    start: dt.date | None
    evidence: str  # trajectplan | workbook | spoor


@dataclass(frozen=True)
class CaseView:
    facts: CaseFacts
    calendar: CaseCalendar | None
    documents: tuple[DossierDocument, ...]      # the evidence for the current waiting time
    as_of: dt.date
    folder: str | None = None
    lang: str = "nl"
    earlier: tuple[DossierDocument, ...] = ()   # dated before it: an earlier waiting time's documents
    _by_type: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        for doc in sorted(self.documents, key=_doc_order):  # rule kinds ask by type many times
            self._by_type.setdefault(doc.type, []).append(doc)
        wia = self._by_type.get("wia-aanvraag", [])
        if any(d.issuer == "UWV" and d.date for d in wia):
            # UWV's receipt date counts, not the sending date (WIA art. 64 lid 3; check/letters.receipt_first)
            self._by_type["wia-aanvraag"] = [d for d in wia if d.issuer == "UWV"] + [d for d in wia if d.issuer != "UWV"]

    @property
    def case_id(self) -> str:
        return self.facts.case_id

    @property
    def in_workbook(self) -> bool:
        return self.facts.in_workbook

    def of_type(self, types) -> list[DossierDocument]:
        """The documents of these types, dated ones first by date, then by path."""
        groups = [self._by_type[t] for t in dict.fromkeys(types) if t in self._by_type]
        if len(groups) == 1:
            return list(groups[0])
        return sorted((d for group in groups for d in group), key=_doc_order)

    def first_date(self, types) -> dt.date | None:
        """The date of the first dated document (by date; for the WIA application UWV's receipt)."""
        return next((d.date for d in self.of_type(types) if d.date), None)

    def second_track(self) -> SecondTrack | None:
        """Whether (and since when) the employee is in the 2e spoor; None when nothing says so."""
        start = self.first_date(["trajectplan"])
        if start:
            return SecondTrack(start, "trajectplan")
        if self.facts.second_track.date:
            return SecondTrack(self.facts.second_track.date, "workbook")
        if "2" in self.facts.track:
            return SecondTrack(None, "spoor")
        return SecondTrack(None, "trajectplan") if self.of_type(["trajectplan"]) else None

    def reason(self, key: str | None) -> str:
        """The recorded reason for departing from a deadline: key 'evaluaties' or a milestone code.
        The workbook's reason first, else one a document of the current period states."""
        return self.documented_reason(key).text

    def documented_reason(self, key: str | None, paths=None) -> "Reason":
        """The reason and where it is recorded: the workbook, else the first (by date) document
        of the current period that states one for this milestone (recognize/statements.py).
        paths: only these documents (an evaluation excuses the gap it closes, not every gap)."""
        if key == "evaluaties":
            recorded = self.facts.evaluations_reason
        else:
            recorded = self.facts.recorded(DEFS[key].facts_field).reason if key in DEFS else ""
        if recorded or not key:
            return Reason(recorded, None, reason_author(recorded) if recorded else UNKNOWN)
        for doc in sorted(self.documents, key=_doc_order):
            if paths is not None and doc.path not in paths:
                continue
            for statement in doc.statements:
                if statement.kind == REASON and statement.milestone == key:
                    quote = statement.quote or word("reason_left_out", self.lang)
                    return Reason(quote, doc.path, statement.by or UNKNOWN)
        return Reason("", None)

    def parts(self, doc: DossierDocument) -> frozenset[str]:
        """The RIV-toets content parts a document holds (recognize/content.py)."""
        return frozenset(s.part for s in doc.statements if s.kind == PART and s.part)

    def own_work_ruled_out(self) -> tuple[dt.date | None, str | None]:
        """(since when return in the own organisation is not in view, the document that says so
        or None for the workbook): the earliest of the workbook's date and the dated statements
        in the current period's documents (UWV Werkwijzer: the 2e spoor is due from then)."""
        return own_work_ruled_out(self.facts, self.documents)

    def milestone_date(self, code: str) -> dt.date | None:
        """When a milestone happened: its document, else the recorded date, else its due date."""
        if self.calendar is None:
            return None
        milestone = self.calendar.milestone(code)
        if milestone.done:
            return milestone.done
        recorded = self.facts.recorded(DEFS[code].facts_field).date
        if recorded:
            return recorded
        return None if milestone.not_applicable else milestone.due


@dataclass(frozen=True)
class Reason:
    """A reason for departing from a deadline; `path` is the document that states it (None: the
    workbook); `by` who wrote it (werkgever, werknemer, beide, onbekend: recognize/statement.AUTHORS)."""

    text: str
    path: str | None
    by: str = UNKNOWN


def own_work_ruled_out(facts: CaseFacts, documents) -> tuple[dt.date | None, str | None]:
    """CaseView.own_work_ruled_out for facts and the current period's documents."""
    best: tuple[dt.date | None, str | None] = (facts.own_work_ruled_out, None)
    for doc in documents:
        for statement in doc.statements:
            date = statement.date or doc.date
            if statement.kind == OWN_WORK_RULED_OUT and date and (best[0] is None or date < best[0]):
                best = (date, doc.path)
    return best


def _doc_order(doc: DossierDocument) -> tuple:
    return doc.date is None, doc.date or dt.date.max, doc.path


def short_date(value: dt.date | None, lang: str) -> str:
    """03-02-2025, or '?' for an unknown date."""
    return format_date(value, lang, "short") if value else "?"


def span(delta: dt.timedelta, lang: str) -> str:
    """'9 weken en 2 dagen' / '9 weeks and 2 days'."""
    weeks, days = divmod(delta.days, 7)
    return word("span_days", lang, weeks=weeks, n=days) if days else word("span_weeks", lang, weeks=weeks)


def type_names(types, lang: str) -> str:
    """The document types' titles, 'Evaluatie / Voortgangsrapportage'."""
    return " / ".join(DOC_TYPES[t].title(lang) for t in types)


def finding(rule: Rule, view: CaseView, severity: str, due: dt.date | None, message: str, paths=(),
            doc_type: str | None = None) -> Finding:
    """A finding of `rule` for the case in view, typed by the rule's first document type unless given."""
    types = rule.params.get("documenten") or [None]
    return Finding(rule.id, severity, view.case_id, doc_type or types[0], due, message, rule.fix(view.lang),
                   tuple(paths), rule.title(view.lang), rule.basis)


def with_reason(findings: list[Finding], view: CaseView, key: str | None) -> list[Finding]:
    """A recorded reason for departing from the deadline turns its errors into warnings that
    quote the reason and say who wrote it: the Regeling (art. 5) lets employer and employee
    depart from its own deadlines with a reason, and UWV judges whether the reason holds.

    A statutory deadline (the 42e-weekmelding, ZW art. 38 lid 1; the re-integratieverslag, WIA
    art. 25 lid 3; the WIA application, WIA art. 64 lid 3) is not the Regeling's: a reason is
    shown as context, and the error stays an error.

    The workbook's reason covers every error of the rule. A reason written in an evaluation
    covers only the gap that evaluation closes (its path is on the finding): "this meeting was
    postponed because ..." does not excuse later missing evaluations."""
    if not any(f.severity == "error" for f in findings):
        return findings
    found = view.documented_reason(key)
    if not found.text:
        return findings
    statutory = key in DEFS and DEFS[key].statutory
    result = []
    for f in findings:
        reason = found
        if f.severity == "error" and found.path and key == "evaluaties":
            reason = view.documented_reason(key, f.paths)
        if f.severity == "error" and reason.text:
            f = _with_context(f, reason, view.lang, DEFS[key].basis) if statutory else _softened(f, reason, view.lang)
        result.append(f)
    return result


def _quoted(found: Reason, lang: str) -> tuple[str, str, tuple[str, ...]]:
    """(the reason, safe to report; where it is written; the path to add)."""
    reason = word("reason_left_out", lang) if medical_terms(found.text) else found.text   # no medical content (AVG)
    where = f" (in {found.path})" if found.path else ""
    return reason, where, ((found.path,) if found.path else ())


def _softened(f: Finding, found: Reason, lang: str) -> Finding:
    reason, where, path = _quoted(found, lang)
    by = word(f"by_{found.by}", lang) if found.by in ("werkgever", "werknemer", "beide", "onbekend") else found.by
    note = word("f_reason_softens", lang, where=where, by=by, reason=reason)
    paths = f.paths + tuple(p for p in path if p not in f.paths)
    return replace(f, severity="warning", message=f.message + note, paths=paths)


def _with_context(f: Finding, found: Reason, lang: str, basis: str) -> Finding:
    reason, where, path = _quoted(found, lang)
    note = word("f_reason_context", lang, where=where, reason=reason, basis=basis)
    paths = f.paths + tuple(p for p in path if p not in f.paths)
    return replace(f, message=f.message + note, paths=paths)
