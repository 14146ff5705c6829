"""Load the case workbook: every case with its evaluations, activities, applications and periods.

All problems of a workbook are collected at once (never just the first); a case with a
problem is marked blocked so nothing is written for it, while the other cases go ahead.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree.ElementTree import ParseError

from lxml.etree import LxmlError

from plugin.workbook.cells import CellError, as_text, clean_text, convert
from plugin.workbook.formulas import uncalculated
from plugin.workbook.opening import read_workbook_bytes
from plugin.core.dates import format_date
from plugin.errors import Problem, WorkbookError
from plugin.workbook.schema import CASES, SHEETS, Column, Sheet, header_index, normalize

HEADER_SEARCH_ROWS = 10
UNCALCULATED = ("formule die Excel nog niet heeft berekend: open de werkmap in Excel en sla hem op "
                "(dan bewaart Excel de uitkomst)")
XML_ERRORS = (ParseError, LxmlError)   # openpyxl parses with the standard library or lxml


@dataclass
class Case:
    id: str
    row: int
    data: dict                      # key -> typed value (see schema.CASES)
    extra: dict = field(default_factory=dict)   # unknown columns: header as written -> value
    evaluations: list = field(default_factory=list)
    activities: list = field(default_factory=list)
    applications: list = field(default_factory=list)
    sick_periods: list = field(default_factory=list)

    def __getitem__(self, key: str):
        return self.data.get(key)

    @property
    def name(self) -> str:
        return self.data["naam_werknemer"]


@dataclass
class Workbook:
    path: Path
    cases: dict[str, Case]
    problems: list[Problem]
    warnings: list[str] = field(default_factory=list)   # e.g. open in Excel right now; not errors

    def blocked_ids(self) -> set[str]:
        if any(p.blocks_all for p in self.problems):
            return set(self.cases)
        return {p.case_id for p in self.problems if p.case_id}

    def usable_cases(self) -> list[Case]:
        blocked = self.blocked_ids()
        return [c for c in self.cases.values() if c.id not in blocked]


def load_workbook(path: str | Path) -> Workbook:
    """Read and validate a case workbook. Raises WorkbookError only if it cannot be opened."""
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    path = Path(path)
    data, warnings = read_workbook_bytes(path)
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise WorkbookError(f"{path.name} is geen leesbare Excel-werkmap (.xlsx): {exc}") from None
    except XML_ERRORS as exc:
        raise WorkbookError(f"werkmap niet leesbaar: {path.name} is beschadigd ({exc}); open hem in Excel en "
                            "sla hem opnieuw op") from None
    formulas = uncalculated(data)
    try:
        sheets = {normalize(name): book[name] for name in book.sheetnames}
        problems: list[Problem] = []
        tables = {}
        for sheet in SHEETS:
            ws = _find_sheet(sheets, sheet)
            if ws is None:
                if not sheet.optional:
                    raise WorkbookError(f"{path.name}: blad '{sheet.name}' ontbreekt (bladen: {', '.join(book.sheetnames)})")
                tables[sheet.name] = []
                continue
            tables[sheet.name] = _read_sheet(ws, sheet, problems, formulas.get(ws.title, set()))
    except XML_ERRORS as exc:   # read-only openpyxl parses each sheet while its rows are read
        raise WorkbookError(f"werkmap niet leesbaar: {path.name} is beschadigd ({exc}); open hem in Excel en "
                            "sla hem opnieuw op") from None
    finally:
        book.close()
    cases = _build_cases(tables, problems)
    return Workbook(path, cases, problems, warnings)


def _find_sheet(sheets: dict, sheet: Sheet):
    for name in (sheet.name, *sheet.aliases):
        if normalize(name) in sheets:
            return sheets[normalize(name)]
    return None


def _read_sheet(ws, sheet: Sheet, problems: list[Problem], formulas: set[tuple[int, int]] = frozenset()) -> list[dict]:
    """Rows of one sheet as dicts (key -> typed value, plus 'row', 'extra', 'errors').

    `formulas`: (row, column) of formulas Excel never calculated; such a cell is an error,
    not an empty value.
    """
    index = header_index(sheet)
    rows = ws.iter_rows(values_only=True)
    head: list[tuple] = []
    for _ in range(HEADER_SEARCH_ROWS):
        try:
            head.append(next(rows))
        except StopIteration:
            break
    header_pos, best = 0, -1
    for pos, values in enumerate(head):
        score = sum(1 for v in values if normalize(v) in index)
        if score > best:
            header_pos, best = pos, score
    header = head[header_pos] if head else ()
    mapping: dict[int, Column] = {}
    extra_headers: dict[int, str] = {}
    for i, raw in enumerate(header):
        column = index.get(normalize(raw))
        if column is not None and column not in mapping.values():
            mapping[i] = column
        elif raw not in (None, ""):
            extra_headers[i] = as_text(raw)
    present = set(mapping.values())
    missing = [c.header for c in sheet.columns if c.required and c not in present]
    if missing:
        problems.append(Problem(f"verplichte kolom ontbreekt: {', '.join(missing)} (kopregel gezocht in de eerste "
                                f"{HEADER_SEARCH_ROWS} rijen)", sheet=ws.title, row=header_pos + 1, blocks_all=True))
        return []
    header_names = {id(c): as_text(header[i]) for i, c in mapping.items()}
    result = []
    data_rows = (*head[header_pos + 1:], *rows)
    for offset, values in enumerate(data_rows):
        row_number = header_pos + 2 + offset
        if not values or all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
            continue
        record = {"row": row_number, "extra": {}, "errors": []}
        for i, column in mapping.items():
            value = values[i] if i < len(values) else None
            if value is None and (row_number, i + 1) in formulas:
                record[column.key] = convert(None, column.kind)
                record["errors"].append(Problem(UNCALCULATED, ws.title, row_number, header_names[id(column)]))
                continue
            try:
                record[column.key] = convert(value, column.kind)
            except CellError as exc:
                record[column.key] = None
                record["errors"].append(Problem(str(exc), ws.title, row_number, header_names[id(column)], value))
                continue
            if column.required and record[column.key] in (None, ""):
                record["errors"].append(Problem("verplicht veld is leeg", ws.title, row_number, header_names[id(column)]))
        for column in sheet.columns:
            if column not in present:
                record[column.key] = convert(None, column.kind)
        for i, name in extra_headers.items():
            value = values[i] if i < len(values) else None
            if value is None and (row_number, i + 1) in formulas:
                record["errors"].append(Problem(UNCALCULATED, ws.title, row_number, name))
            value = clean_text(value) if isinstance(value, str) else value
            record["extra"][name] = value.date() if isinstance(value, dt.datetime) else value
        record["sheet"] = ws.title
        record["headers"] = header_names
        result.append(record)
    return result


def _build_cases(tables: dict[str, list[dict]], problems: list[Problem]) -> dict[str, Case]:
    cases: dict[str, Case] = {}
    first_row: dict[str, int] = {}
    for record in tables[CASES.name]:
        case_id = record["casusnummer"]
        for problem in record["errors"]:
            problems.append(_with_case(problem, case_id or None))
        if not case_id:
            continue
        if case_id in cases or case_id in first_row:
            problems.append(Problem(f"Casusnummer komt dubbel voor (ook in rij {first_row[case_id]}); maak het uniek",
                                    record["sheet"], record["row"], "Casusnummer", case_id, case_id))
            continue
        first_row[case_id] = record["row"]
        data = {k: v for k, v in record.items() if k not in ("row", "extra", "errors", "sheet", "headers")}
        cases[case_id] = Case(case_id, record["row"], data, record["extra"])
    for sheet, attribute in (("Evaluaties", "evaluations"), ("Activiteiten", "activities"),
                             ("Sollicitaties", "applications"), ("Verzuimperiodes", "sick_periods")):
        for record in tables[sheet]:
            case_id = record["casusnummer"]
            case = cases.get(case_id)
            for problem in record["errors"]:
                problems.append(_with_case(problem, case_id if case else None))
            if case_id and case is None:
                problems.append(Problem(f"casus '{case_id}' staat niet op blad Casussen", record["sheet"], record["row"],
                                        "Casusnummer", case_id))
                continue
            if case is not None:
                getattr(case, attribute).append({k: v for k, v in record.items() if k not in ("errors", "headers")})
    for case in cases.values():
        problems.extend(_check_case_dates(case))
        case.evaluations.sort(key=lambda r: r["datum"] or dt.date.min)
        case.activities.sort(key=lambda r: r["datum"] or dt.date.min)
        case.applications.sort(key=lambda r: r["datum"] or dt.date.min)
        case.sick_periods.sort(key=lambda r: r["van"] or dt.date.min)
    return cases


def _with_case(problem: Problem, case_id: str | None) -> Problem:
    return Problem(problem.message, problem.sheet, problem.row, problem.column, problem.value, case_id)


_DATE_COLUMNS_AFTER_START = [c for c in CASES.columns if c.kind == "date" and c.key != "eerste_ziektedag"]


def _check_case_dates(case: Case) -> list[Problem]:
    """Dates that cannot be right: events before the first sick day, periods ending before they start."""
    problems = []
    start = case["eerste_ziektedag"]
    if start:
        for column in _DATE_COLUMNS_AFTER_START:
            value = case[column.key]
            if value and value < start and not case.sick_periods:
                problems.append(Problem(f"ligt vóór de eerste ziektedag ({format_date(start, style='short')})", CASES.name, case.row,
                                        column.header, format_date(value, style="short"), case.id))
        for record in case.evaluations:
            if record["datum"] and record["datum"] < start and not case.sick_periods:
                problems.append(Problem(f"evaluatie ligt vóór de eerste ziektedag ({format_date(start, style='short')})", record["sheet"],
                                        record["row"], "Datum", format_date(record["datum"], style="short"), case.id))
    previous = None
    for record in sorted(case.sick_periods, key=lambda r: r["van"] or dt.date.min):
        van, tot = record["van"], record["tot"]
        if van and tot and tot < van:
            problems.append(Problem("'Tot' ligt vóór 'Van'", record["sheet"], record["row"], "Tot",
                                    format_date(tot, style="short"), case.id))
        percent = record.get("hersteld_procent")
        if percent is not None and percent > 100:
            problems.append(Problem("'Hersteld %' moet tussen 0 en 100 liggen", record["sheet"], record["row"],
                                    "Hersteld %", percent, case.id))
        elif percent is not None and tot is None:
            problems.append(Problem("'Hersteld %' zonder 'Tot': vul de datum in waarop dit herstel bereikt is",
                                    record["sheet"], record["row"], "Hersteld %", percent, case.id))
        if previous is not None and van and (previous["tot"] is None or van <= previous["tot"]):
            problems.append(Problem(f"periode overlapt met de periode in rij {previous['row']}", record["sheet"],
                                    record["row"], "Van", format_date(van, style="short"), case.id))
        previous = record
    return problems
