"""--format json: one object, the contract documented in the README.

Written as the check goes (`write`): the header, then one case per line, so a report of
100,000 dossiers never sits in memory whole. Each case is built as plain JSON values first and
only then cleaned (names from the disk: no lone surrogates, no control characters) and
encoded by the C encoder, one case at a time.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterable
from json.encoder import encode_basestring as _string
from typing import TextIO

from plugin.check.findings import CaseResult, CheckResult
from plugin.check.reporters.safe_text import clean
from plugin.recognize.why import explain

BINARY = False
# what clean() changes, as it looks after JSON encoding: C0 controls are escaped as \u00XX
# (tab and newline as \t and \n, which clean keeps), the rest stays itself
_PRECISE = re.compile(r"\\u00[01][0-9a-fA-F]|\\r|\\[bf]|[\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_UNUSUAL = re.compile("[\x7f-\x9f\ud800-\udfff\ufffe\uffff]")   # what clean() changes that JSON leaves itself
_ESCAPES = ("\\u00", "\\r", "\\b", "\\f")   # how JSON writes the C0 controls clean() changes (tab, newline: kept)
_C1 = bytes(range(0x7F, 0xA0))


def _unusual(line: str) -> bool:
    """_UNUSUAL.search(line), faster for a line of Latin-1 characters (most Dutch text, 'é',
    '·'): there only DEL and the C1 controls can occur, and bytes.translate finds them at C
    speed (the regular expression tries its class at every character)."""
    try:
        data = line.encode("latin-1")
    except UnicodeEncodeError:
        return _UNUSUAL.search(line) is not None
    return len(data.translate(None, _C1)) != len(data)


def _suspect(line: str) -> bool:
    """Does the encoded line hold something clean() would change? Substring tests (C speed) on
    almost every line; the precise pattern only when one of its escapes is there. A wrong yes
    only costs a second encoding (clean() then changes nothing)."""
    if "\x7f" in line or (not line.isascii() and _unusual(line)):
        return True
    if "\\" not in line:
        return False
    return any(escape in line for escape in _ESCAPES) and _PRECISE.search(line) is not None


_encode = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": ")).encode


def render(result: CheckResult) -> str:
    out = io.StringIO()
    write(result.as_of, result.lang, result.cases, out)
    return out.getvalue()


def write(as_of, lang: str, cases: Iterable[CaseResult], out: TextIO) -> None:
    """The report, case by case, to a text stream."""
    out.write('{"as_of": %s, "cases": [' % _encode(as_of.isoformat()))
    first = True
    for case in cases:
        out.write("\n" if first else ",\n")
        out.write(encode_case(case, lang))
        first = False
    out.write("\n]}\n")


def as_dict(result: CheckResult) -> dict:
    return {"as_of": result.as_of.isoformat(), "cases": [case_dict(case, result.lang) for case in result.cases]}


def encode_case(case: CaseResult, lang: str) -> str:
    """One case as a line of JSON. Encoded as it is first: only when that line holds something
    a name may bring (a control character, an undecodable byte) is it cleaned and encoded again,
    so the common case costs one pass of the C encoder and one regular-expression search."""
    try:
        line = _line(case, lang)
    except TypeError:   # a field of an unexpected type: the encoder's own way (same text)
        line = _encode(_raw(case, lang))
    if _suspect(line):
        line = _encode(_clean(_raw(case, lang)))
    return line


def case_dict(case: CaseResult, lang: str) -> dict:
    """One case as JSON values, every string safe (file names may hold anything)."""
    return _clean(_raw(case, lang))


def _raw(case: CaseResult, lang: str) -> dict:
    return ({
        "case": case.case,
        "employee": case.employee,
        "first_sick_day": case.first_sick_day.isoformat() if case.first_sick_day else None,
        "week": case.week,
        "documents": [{"path": d.path, "type": d.type, "date": d.date.isoformat() if d.date else None,
                       "evidence": d.evidence, "why": explain(d.why, lang),
                       "language": d.language,
                       "statements": [s.as_dict() for s in d.statements] if d.statements else []}
                      for d in case.documents],
        "findings": [f.to_json() for f in case.findings],
        **({"verdict": case.verdict.to_json(lang)} if case.verdict is not None else {}),
        **({"riv": case.riv.to_json()} if getattr(case, "riv", None) is not None else {}),
    })


# A case's documents are most of a report (40,000 of them in a big tree): each is written
# with one format string and the encoder's own string function, without building its dict
# first. The same text as _encode(_raw(...)) (tests/test_hostile_properties.py holds them equal).
_DOCUMENT = ('{"path": %s, "type": %s, "date": %s, "evidence": %s, "why": %s, "language": %s, '
             '"statements": %s}')


def _line(case: CaseResult, lang: str) -> str:
    head = _encode({"case": case.case, "employee": case.employee,
                    "first_sick_day": case.first_sick_day.isoformat() if case.first_sick_day else None,
                    "week": case.week})
    tail = _encode({"findings": [f.to_json() for f in case.findings],
                    **({"verdict": case.verdict.to_json(lang)} if case.verdict is not None else {}),
                    **({"riv": case.riv.to_json()} if getattr(case, "riv", None) is not None else {})})
    documents = ", ".join([_DOCUMENT % (
        _string(d.path), _text(d.type), f'"{d.date.isoformat()}"' if d.date else "null", _text(d.evidence),
        _string(explain(d.why, lang)), _text(d.language),
        _encode([s.as_dict() for s in d.statements]) if d.statements else "[]") for d in case.documents])
    return f'{head[:-1]}, "documents": [{documents}], {tail[1:]}'


def _text(value: str | None) -> str:
    return "null" if value is None else _string(value)


def _clean(value):
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, dict):
        return {key: _clean(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_clean(item) for item in value]
    return value
