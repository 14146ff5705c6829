"""A statement a dossier document makes (recognize/statements.py finds them), as a record, and
who wrote a reason.

Apart from the extraction, so a re-check from the scan cache and the rules can read statements
without compiling the extraction's patterns.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

REASON, OWN_WORK_RULED_OUT = "reden_afwijking", "geen_terugkeer_eigen_organisatie"


@dataclass(frozen=True)
class Statement:
    """One statement found in a document. milestone: a milestone code ('plan_van_aanpak'),
    'evaluaties' for the 6-weekly evaluations, or None (other kinds).
    quote: the sentence as written, shortened; "" when it was left out (medical word).
    by: for a reason, who wrote it (AUTHORS); part: for a content part, its id
    (recognize/content.py); weeks: for a UWV decision, the length it states."""

    kind: str
    milestone: str | None
    quote: str
    date: dt.date | None
    by: str | None = None
    part: str | None = None
    weeks: int | None = None

    def as_dict(self) -> dict:
        row = {"kind": self.kind, "milestone": self.milestone, "quote": self.quote,
               "date": self.date.isoformat() if self.date else None}
        row.update({k: v for k, v in (("by", self.by), ("part", self.part), ("weeks", self.weeks)) if v is not None})
        return row

    @classmethod
    def from_dict(cls, row: dict) -> "Statement":
        date = row.get("date")
        return cls(row["kind"], row.get("milestone"), row.get("quote", ""),
                   dt.date.fromisoformat(date) if date else None, row.get("by"), row.get("part"), row.get("weeks"))


# Who wrote a reason (Regeling art. 5 speaks of employer and employee): both when the sentence
# says it was agreed together, one party when it says on whose request, else unknown.
EMPLOYER, EMPLOYEE, BOTH, UNKNOWN = "werkgever", "werknemer", "beide", "onbekend"
AUTHORS = (EMPLOYER, EMPLOYEE, BOTH, UNKNOWN)
_BY_BOTH = (r"\b(?:in (?:onderling )?overleg|in overeenstemming|samen met|gezamenlijk|(?:werkgever en "
            r"werknemer|werknemer en werkgever)(?: zijn| hebben)|beide partijen|(?:zijn|hebben) (?:we|wij) "
            r"afgesproken|afgesproken met de werknemer|in consultation|by (?:mutual )?agreement|jointly|"
            r"together with|(?:employer and employee|employee and employer|both parties) (?:have |had )?agreed)\b")
_BY_EMPLOYEE = (r"\b(?:(?:op|naar) (?:verzoek|voorstel|initiatief|wens) van (?:de )?werknemer|(?:de )?werknemer "
            r"(?:gaf aan|heeft gevraagd|vroeg|verzocht|wilde|wenste)|at the (?:employee's|request of the "
            r"employee)|the employee (?:asked|requested|wanted|indicated))\b")
_BY_EMPLOYER = (r"\b(?:(?:op|naar) (?:verzoek|voorstel|initiatief|wens) van (?:de )?werkgever|(?:de )?werkgever "
            r"(?:heeft besloten|besloot|gaf aan|heeft gevraagd|vroeg|verzocht|wilde)|at the (?:employer's|request "
            r"of the employer)|the employer (?:decided|asked|requested|wanted|indicated))\b")
_OWN_VIEW_TYPES = {"mening-werknemer": EMPLOYEE}


def reason_author(sentence: str, doc_type: str | None = None) -> str:
    """Who wrote a reason for departing from a deadline: werkgever, werknemer, beide or onbekend."""
    both, by_employee, by_employer = _author_patterns()
    if both.search(sentence):
        return BOTH
    employee, employer = bool(by_employee.search(sentence)), bool(by_employer.search(sentence))
    if employee != employer:
        return EMPLOYEE if employee else EMPLOYER
    return _OWN_VIEW_TYPES.get(doc_type or "", BOTH if employee else UNKNOWN)


@cache
def _author_patterns() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(pattern, re.IGNORECASE) for pattern in (_BY_BOTH, _BY_EMPLOYEE, _BY_EMPLOYER))
