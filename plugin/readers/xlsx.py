"""Excel .xlsx: the cell values, sheet by sheet, row by row, tab-separated."""

from __future__ import annotations

import datetime as dt
import io
import warnings

import openpyxl

from plugin.core.dates import format_date
from .model import CORRUPT, Extracted, Limits, _mb, bounded


def too_many_strings(size: int, limits: Limits) -> str:
    """openpyxl builds an object per shared string (300,000 of them take 7 seconds): past the limit, refused."""
    return f"werkmap met te veel tekst ({_mb(size)} MB gedeelde teksten, grens {_mb(limits.max_xlsx_strings_bytes)} MB)"


def read(name: str, data: bytes, limits: Limits) -> Extracted:
    """The caller has already passed the archive through the zip-bomb guard."""
    lines: list[str] = []
    size = 0
    problem = None
    workbook = None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about styles and validations
            workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            for sheet in workbook.worksheets:
                lines.append(f"[{sheet.title}]")
                for row in sheet.iter_rows(values_only=True):
                    cells = [_cell(v) for v in row]
                    while cells and not cells[-1]:
                        cells.pop()
                    if cells:
                        line = "\t".join(cells)
                        lines.append(line)
                        size += len(line) + 1
                    if size > limits.max_text_chars:
                        break
                if size > limits.max_text_chars:
                    break
    except Exception:  # noqa: BLE001 - openpyxl raises anything on a damaged workbook
        problem = CORRUPT
    finally:
        if workbook is not None:
            try:
                workbook.close()
            except Exception:  # noqa: BLE001
                pass
    return Extracted(name=name, kind="xlsx", text=bounded("\n".join(lines), limits), problem=problem)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return format_date(value, style="short")
        return f"{format_date(value, style='short')} {value:%H:%M}"
    if isinstance(value, dt.date):
        return format_date(value, style="short")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).replace("\t", " ").replace("\n", " ").strip()
