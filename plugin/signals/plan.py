"""What one casemanager's signal says: per case what is late and what falls due in the next N weeks.

It reads the case verdicts (plugin.core.verdict, made by plugin.services.cases.overview), so a
signal never disagrees with the app, `status` or the check: with dossiers or mailboxes the
items follow the documents, otherwise the workbook's calendar alone (and the signal says so).

Per item: its title, due date, the WVP week it falls in, late/soon/open, and the legal basis
of its deadline (the milestone's; a rule's own for a finding without a milestone), marked
`praktijk` where the deadline comes from UWV's practice rather than the law. Undated findings
(a missing folder, an unreadable file) are the check's business, not a deadline signal.
A closed case (recovered, waiting time over) gets no signal: its remaining milestones lapsed.
Pure: records in, records out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from plugin.core.verdict import EVALUATION, Item, Verdict
from plugin.core.words import word
from plugin.core.wvp_calendar import DEFS, CaseCalendar
from plugin.signals.periods import Week
from plugin.signals.recipients import Recipient

EVALUATION_BASIS = "Regeling procesgang art. 4 (regelmatig evalueren; de 6 weken zijn UWV-norm)"


@dataclass(frozen=True)
class SignalItem:
    code: str
    title: str
    due: dt.date
    week: int | None          # the WVP week the deadline falls in
    state: str                # late | soon | open
    severity: str | None
    basis: str
    practice: bool = False
    rule: str | None = None
    message: str = ""


@dataclass(frozen=True)
class CaseSignal:
    case_id: str
    employee: str
    employer: str
    status: str               # the verdict's status
    week: int | None          # the WVP week the case is in today
    items: tuple[SignalItem, ...] = ()
    dossier: str | None = None   # the dossier folder's path, as a link
    note: str = ""            # e.g. the workbook row has an error

    @property
    def first_due(self) -> dt.date:
        return min((i.due for i in self.items), default=dt.date.min)


@dataclass(frozen=True)
class Signal:
    recipient: Recipient
    week: Week
    as_of: dt.date
    weeks: int
    basis: str                # dossier | workbook
    cases: tuple[CaseSignal, ...] = ()

    @property
    def late(self) -> int:
        return sum(1 for c in self.cases for i in c.items if i.state == "late")

    @property
    def due(self) -> int:
        return sum(1 for c in self.cases for i in c.items if i.state != "late")

    @property
    def empty(self) -> bool:
        return not self.cases

    @property
    def case_ids(self) -> tuple[str, ...]:
        return tuple(c.case_id for c in self.cases)


@dataclass(frozen=True)
class Basis:
    """The legal basis of a deadline: what the signal cites for an item."""

    text: str
    practice: bool = False


@dataclass
class Bases:
    """Milestone code or rule id -> its basis (from the calendar and the rule files)."""

    by_code: dict[str, Basis] = field(default_factory=dict)
    by_rule: dict[str, Basis] = field(default_factory=dict)
    milestone_rules: set[str] = field(default_factory=set)    # rules that judge a milestone's own deadline

    @classmethod
    def from_rules(cls, rules: Iterable) -> "Bases":
        bases = cls()
        for rule in rules:
            bases.by_rule[rule.id] = Basis(rule.basis, rule.practice)
            milestone = rule.params.get("mijlpaal") if rule.kind == "termijn" else None
            if milestone in DEFS:
                bases.by_code.setdefault(milestone, Basis(DEFS[milestone].basis, rule.practice))
                bases.milestone_rules.add(rule.id)
            if rule.kind == "terugkerend":
                bases.by_code.setdefault(EVALUATION, Basis(EVALUATION_BASIS, rule.practice))
                bases.milestone_rules.add(rule.id)
        for code, definition in DEFS.items():
            bases.by_code.setdefault(code, Basis(definition.basis, "praktijk" in definition.basis.lower()))
        return bases

    def of(self, item: Item) -> Basis:
        """The milestone's basis, unless another rule found it (e.g. a workbook date without a document);
        marked practice only where its text does not say so itself."""
        if item.rule and item.rule not in self.milestone_rules and item.rule in self.by_rule:
            found = self.by_rule[item.rule]
        elif item.code in self.by_code:
            found = self.by_code[item.code]
        else:
            found = self.by_rule.get(item.rule or item.code, Basis(""))
        return Basis(found.text, found.practice and "praktijk" not in found.text.lower())


def in_window(item: Item, as_of: dt.date, weeks: int) -> bool:
    """Late (any dated item past its due date), or due from today up to N weeks ahead."""
    if item.due is None:
        return False
    return item.state == "late" or item.due <= as_of + dt.timedelta(weeks=weeks)


def _title(item: Item, lang: str) -> str:
    if item.code in DEFS:
        return DEFS[item.code].title_en if lang == "en" else DEFS[item.code].title_nl
    if item.code == EVALUATION:
        return word("evaluation", lang)
    return item.title


def _week_of(item: Item, calendar: CaseCalendar | None) -> int | None:
    if calendar is None or item.due is None:
        return None
    if item.code in DEFS:
        milestone = calendar.milestone(item.code)
        if milestone.due == item.due and milestone.week:
            return milestone.week
    return calendar.week_at(item.due)


def case_signal(judged: Verdict, calendar: CaseCalendar | None, bases: Bases, as_of: dt.date, weeks: int,
                lang: str, dossier: str | None) -> CaseSignal | None:
    """What one case contributes to its casemanager's signal, or None when nothing."""
    common = dict(case_id=judged.case_id, employee=judged.employee, employer=judged.employer,
                  status=judged.status, week=judged.week, dossier=dossier)
    if judged.status == "workbook_error":
        return CaseSignal(**common, note=word("signal_workbook_error", lang))
    if judged.status == "closed":
        return None
    items = []
    for item in judged.items:
        if not in_window(item, as_of, weeks):
            continue
        basis = bases.of(item)
        items.append(SignalItem(item.code, _title(item, lang), item.due, _week_of(item, calendar), item.state,
                                item.severity, basis.text, basis.practice, item.rule, item.message))
    if not items:
        return None
    items.sort(key=lambda i: (i.due, i.code))
    return CaseSignal(**common, items=tuple(items))


def plan_signals(verdicts: Mapping[str, Iterable[Verdict]], recipients: Mapping[str, Recipient],
                 calendars: Mapping[str, CaseCalendar | None], bases: Bases, week: Week, as_of: dt.date,
                 weeks: int, basis: str, dossiers: Mapping[str, str] | None = None,
                 everyone: Iterable[Recipient] = ()) -> list[Signal]:
    """One signal per recipient, in the recipient's language; cases sorted by their first date.

    verdicts: per language, every case's verdict in that language; recipients: case id ->
    Recipient (the workbook's cases); everyone: recipients to list even without a case to report."""
    by_language = {lang: {v.case_id: v for v in found} for lang, found in verdicts.items()}
    grouped: dict[str, list[CaseSignal]] = {}
    people: dict[str, Recipient] = {r.key: r for r in everyone}
    for case_id, recipient in recipients.items():
        people.setdefault(recipient.key, recipient)
        judged = by_language.get(recipient.lang, {}).get(case_id)
        if judged is None:
            continue
        found = case_signal(judged, calendars.get(case_id), bases, as_of, weeks, recipient.lang,
                            (dossiers or {}).get(case_id))
        if found is not None:
            grouped.setdefault(recipient.key, []).append(found)
    signals = []
    for key, recipient in people.items():
        cases = sorted(grouped.get(key, []), key=lambda c: (c.note == "", c.first_due, c.case_id))
        signals.append(Signal(recipient, week, as_of, weeks, basis, tuple(cases)))
    signals.sort(key=lambda s: (not s.recipient.reachable, s.recipient.name.casefold()))
    return signals
