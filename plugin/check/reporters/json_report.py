"""--format json: one object, the contract documented in the README."""

from __future__ import annotations

import json

from plugin.recognize.classify import explain
from plugin.check.findings import CheckResult
from plugin.check.reporters.safe_text import clean_value

BINARY = False


def render(result: CheckResult) -> str:
    return json.dumps(as_dict(result), ensure_ascii=False, indent=2) + "\n"


def as_dict(result: CheckResult) -> dict:
    result = clean_value(result)   # names from the disk: no lone surrogates, no control characters
    return {
        "as_of": result.as_of.isoformat(),
        "cases": [{
            "case": case.case,
            "employee": case.employee,
            "first_sick_day": case.first_sick_day.isoformat() if case.first_sick_day else None,
            "week": case.week,
            "documents": [{"path": d.path, "type": d.type, "date": d.date.isoformat() if d.date else None,
                           "evidence": d.evidence, "why": explain(d.why, result.lang),
                           "language": d.language, "statements": [s.as_dict() for s in d.statements]}
                          for d in case.documents],
            "findings": [f.to_json() for f in case.findings],
            **({"verdict": case.verdict.to_json(result.lang)} if case.verdict is not None else {}),
            **({"riv": case.riv.to_json()} if case.riv is not None else {}),
        } for case in result.cases],
    }
