"""Issue 8, property-based: random and mutated input never makes a reader or the loader raise.

Readers: random bytes (bare, and behind each format's magic bytes so the deep code runs)
and mutated real files, for every reader; each answer is an Extracted within the Limits.
Loader: random cell values in a workbook; the answer is a Workbook or a PoortwachterError.
Kept fast on purpose (modest max_examples, a deadline, no example database).
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings, strategies as st  # noqa: E402

from plugin.errors import PoortwachterError  # noqa: E402
from plugin.readers import Extracted, Limits, read_bytes  # noqa: E402
from plugin.workbook.load import load_workbook  # noqa: E402
from readers_fixtures import make_docx, make_eml, make_pdf, make_xlsx  # noqa: E402

FAST = settings(max_examples=40, deadline=dt.timedelta(seconds=5), database=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
LIMITS = Limits(max_text_chars=5_000, max_pdf_pages=5, max_pdf_sample_pages=2, max_attachments=5,
                max_items_per_file=12, max_unzipped_bytes=2**22, max_pdf_stream_bytes=2**20)
NAMES = ["a.docx", "a.xlsx", "a.pdf", "a.eml", "a.msg", "a.txt", "a.doc", "a.xls", "a.odt", "a.rtf", "a.png",
         "a.jpg", "a", "a.csv"]
MAGIC = [b"", b"PK\x03\x04", b"PK\x05\x06", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"%PDF-1.7\n", b"{\\rtf1 ",
         b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff\xe0",
         b"From: a@b.nl\r\nTo: c@d.nl\r\nSubject: x\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n"]
MSG_DIR = Path(__file__).parent / "data" / "msg"


def _sources() -> dict[str, bytes]:
    sources = {
        "plan.docx": make_docx(["Plan van aanpak", "Datum: 12-03-2025"], header="Kop", footer="Voet"),
        "pa.pdf": make_pdf(["Probleemanalyse\nDatum: 3 maart 2025", None]),
        "soll.xlsx": make_xlsx([["Datum", "Werkgever"], [dt.date(2025, 3, 3), "Bakkerij"]]),
        "mail.eml": make_eml("Evaluatie", "tekst", attachments=[("p.docx", make_docx(["x"]))],
                             messages=[make_eml("Fwd", "binnen")]).as_bytes(),
    }
    sample = Path(__file__).parent / "data" / "readers" / "with_attachments.msg"
    if sample.is_file():
        sources["with.msg"] = sample.read_bytes()
    return sources


SOURCES = _sources()


def _check(item: Extracted) -> None:
    assert isinstance(item, Extracted)
    assert item.problem is None or (isinstance(item.problem, str) and item.problem.strip())
    assert len(item.text) <= LIMITS.max_text_chars
    count = 0
    stack = [item]
    while stack:
        node = stack.pop()
        count += 1
        stack.extend(node.attachments)
    assert count <= LIMITS.max_items_per_file


@FAST
@given(name=st.sampled_from(NAMES), magic=st.sampled_from(MAGIC), body=st.binary(max_size=3000))
def test_random_bytes_never_raise(name, magic, body):
    _check(read_bytes(name, magic + body, LIMITS))


@FAST
@given(source=st.sampled_from(sorted(SOURCES)), data=st.data())
def test_mutated_real_files_never_raise(source, data):
    original = SOURCES[source]
    mutated = bytearray(original)
    for _ in range(data.draw(st.integers(1, 12), label="changes")):
        position = data.draw(st.integers(0, len(mutated) - 1), label="position")
        mutated[position] = data.draw(st.integers(0, 255), label="byte")
    cut = data.draw(st.integers(1, len(mutated)), label="cut")
    name = data.draw(st.sampled_from([source, "x" + Path(source).suffix, "zonder"]), label="name")
    _check(read_bytes(name, bytes(mutated[:cut]), LIMITS))


_TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)
CELL = st.one_of(
    st.none(), _TEXT,
    st.sampled_from(["_x000B_", "a_x000B_b", "_x005F_x0041_", "=1+1", "@SUM(A1)", "-3", "+31 6 1234",
                     "hr@x.nl, y@z.nl", "jürgen@bücher.de", "31-02-2025", "0000-01-01", "1+2", "EN", "∞"]),
    st.integers(-10**12, 10**12), st.floats(allow_nan=True, allow_infinity=True), st.booleans(),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 12, 31)),
    st.datetimes(min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(2200, 12, 31)),
)
HEADERS = ["Casusnummer", "Naam werknemer", "Werkgever", "Eerste ziektedag", "E-mail werkgever", "Spoor", "Taal",
           "Contracturen per week", "Verlenging wachttijd (weken)", "Belastbaarheid", "Datum probleemanalyse",
           "Eigen kolom"]


@FAST
@given(rows=st.lists(st.lists(CELL, min_size=len(HEADERS), max_size=len(HEADERS)), min_size=1, max_size=6),
       periods=st.lists(st.tuples(st.sampled_from(["C", "1", None]), CELL, CELL), max_size=3))
def test_random_workbook_cells_give_problems_not_crashes(tmp_path_factory, rows, periods):
    from openpyxl import Workbook
    from openpyxl.utils.exceptions import IllegalCharacterError

    book = Workbook()
    sheet = book.active
    sheet.title = "Casussen"
    sheet.append(HEADERS)
    try:
        for row in rows:
            sheet.append(row)
        extra = book.create_sheet("Verzuimperiodes")
        extra.append(["Casusnummer", "Van", "Tot"])
        for period in periods:
            extra.append(list(period))
        buffer = io.BytesIO()
        book.save(buffer)
    except (IllegalCharacterError, ValueError, OverflowError):
        hypothesis.assume(False)   # openpyxl itself cannot write this cell: not a workbook a user can have
    path = tmp_path_factory.mktemp("wb") / "casussen.xlsx"
    path.write_bytes(buffer.getvalue())
    try:
        workbook = load_workbook(path)
    except PoortwachterError as exc:
        assert str(exc).strip()
        return
    for problem in workbook.problems:
        assert str(problem).strip()
    for case in workbook.cases.values():
        assert case.id and "_x000" not in case.id


NAME = st.text(alphabet=st.characters(codec=None, categories=None, max_codepoint=0x10FFFF), max_size=30)


@settings(max_examples=10, deadline=dt.timedelta(seconds=10), database=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow])
@given(case=NAME, employee=NAME, path=NAME, message=NAME, lang=st.sampled_from(["nl", "en"]))
def test_every_report_format_takes_any_name(case, employee, path, message, lang):
    """Any string a file system or workbook can hand over (lone surrogates, controls, U+FFFF) renders."""
    import json

    from plugin.check.findings import CaseResult, CheckResult, Finding
    from plugin.check.reporters import FORMATS
    from plugin.check.scan import DossierDocument

    document = DossierDocument(path or "x", None, None, "content", None, "nl", problem=message or "?")
    finding = Finding("WVP030", "info", case, None, dt.date(2025, 1, 6), message, "herstel", (path,), "t", "b")
    result = CheckResult(dt.date(2025, 6, 1), path, [CaseResult(case, employee, dt.date(2025, 1, 6), 21, path,
                                                                [document], [finding])], lang, [path])
    for name, reporter in FORMATS.items():
        output = reporter.render(result)
        data = output if isinstance(output, bytes) else output.encode("utf-8")
        if name == "json":
            json.loads(data)


@settings(max_examples=300, deadline=None, database=None, derandomize=True)
@given(text=st.one_of(NAME, st.text(alphabet=st.characters(max_codepoint=0xFF), max_size=30)))
def test_the_json_reports_fast_test_for_unusual_characters_is_the_pattern(text):
    """json_report._unusual (bytes.translate on Latin-1 lines) answers as the regular expression does."""
    from plugin.check.reporters.json_report import _UNUSUAL, _unusual

    for line in (text, "é·" + text, "’" + text):
        assert _unusual(line) == (_UNUSUAL.search(line) is not None)


@settings(max_examples=60, deadline=None, database=None, derandomize=True)
@given(path=NAME, kind=st.one_of(st.none(), NAME), why=NAME, language=st.sampled_from([None, "nl", "en"]),
       date=st.one_of(st.none(), st.dates()), quote=NAME, lang=st.sampled_from(["nl", "en"]))
def test_the_json_reports_document_lines_are_the_encoders(path, kind, why, language, date, quote, lang):
    """json_report writes documents with a format string: the same text as encoding their dicts."""
    from plugin.check.findings import CaseResult
    from plugin.check.reporters.json_report import _encode, _line, _raw
    from plugin.check.scan import DossierDocument
    from plugin.recognize.statement import Statement

    statement = Statement("reden_afwijking", "plan_van_aanpak", quote, date, by="werkgever")
    documents = [DossierDocument(path, kind, date, "content", None, language, why=why),
                 DossierDocument(path + "/bijlage.pdf", None, None, None, None, None, statements=(statement,))]
    for docs in (documents, []):
        case = CaseResult(path, quote, date, 3, path, docs, [])
        assert _line(case, lang) == _encode(_raw(case, lang))
