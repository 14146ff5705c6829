"""An empty case workbook with every sheet, header, date format and a short explanation."""

from __future__ import annotations

import io

from plugin.workbook.schema import SHEETS

DATE_FORMAT = "DD-MM-YYYY"


def empty_workbook_bytes() -> bytes:
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    book.remove(book.active)
    header_fill = PatternFill("solid", fgColor="DDE7F0")
    for sheet in SHEETS:
        ws = book.create_sheet(sheet.name)
        for i, column in enumerate(sheet.columns, start=1):
            cell = ws.cell(row=1, column=i, value=column.header)
            cell.font = Font(bold=True)
            cell.fill = header_fill
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            text = (column.help_nl or "") + (" Verplicht." if column.required else "")
            if text.strip():
                cell.comment = Comment(text.strip(), "Poortwachter")
            letter = get_column_letter(i)
            ws.column_dimensions[letter].width = max(14, min(40, len(column.header) + 4))
            if column.kind == "date":
                ws.column_dimensions[letter].number_format = DATE_FORMAT
            if column.kind in ("spoor", "taal"):
                choices = '"1,2,1+2"' if column.kind == "spoor" else '"nl,en"'
                validation = DataValidation(type="list", formula1=choices, allow_blank=True)
                validation.error = "Kies " + choices.strip('"').replace(",", ", ")
                ws.add_data_validation(validation)
                validation.add(f"{letter}2:{letter}1000")
        ws.freeze_panes = "A2"
    guide = book.create_sheet("Uitleg")
    guide.append(["Blad", "Kolom", "Verplicht", "Uitleg"])
    for cell in guide[1]:
        cell.font = Font(bold=True)
    for sheet in SHEETS:
        guide.append([sheet.name, "", "", sheet.help_nl])
        for column in sheet.columns:
            guide.append(["", column.header, "ja" if column.required else "", column.help_nl])
    guide.append([])
    guide.append(["", "Datums", "", "Als Excel-datum of als tekst: 3-2-2025, 2025-02-03 of 3 februari 2025."])
    guide.append(["", "Eigen kolommen", "", "Extra kolommen blijven bewaard en zijn in sjablonen te gebruiken via extra."])
    for letter, width in (("A", 16), ("B", 34), ("C", 10), ("D", 90)):
        guide.column_dimensions[letter].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
