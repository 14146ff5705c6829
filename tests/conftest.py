"""Shared fixtures: small workbooks and templates built in a temporary folder."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent / "data" / "readers"))


# Markers a developer filters on (`pytest -m "not slow and not browser"` runs in about a minute):
# browser and imap follow from the fixtures a test uses, ocr and office from where a test lives.
OCR_MODULES = {"test_ocr.py"}
OFFICE_TESTS = {"test_legacy_formats.py": None, "test_packaging.py": {"test_generated_document_renders_to_pdf_with_its_text"},
                "test_mailout_outbox.py": {"test_pdf_copy_is_attached_when_libreoffice_is_there"},
                "test_docx_layout.py": {"test_no_word_is_split_when_word_renders_it"}}


def pytest_collection_modifyitems(items):
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        module = item.path.name
        if fixtures & {"page", "browser", "context"}:
            item.add_marker(pytest.mark.browser)
        if "dovecot" in fixtures:
            item.add_marker(pytest.mark.imap)
        if module in OCR_MODULES:
            item.add_marker(pytest.mark.ocr)
        if module in OFFICE_TESTS and (OFFICE_TESTS[module] is None or item.originalname in OFFICE_TESTS[module]):
            item.add_marker(pytest.mark.office)


@pytest.fixture(scope="session", autouse=True)
def private_cache_folder(tmp_path_factory):
    """The scan cache and LibreOffice conversions of a test run stay in its own temporary folder."""
    import os

    folder = tmp_path_factory.mktemp("cache")
    previous = os.environ.get("POORTWACHTER_CACHE_DIR")
    os.environ["POORTWACHTER_CACHE_DIR"] = str(folder)
    yield folder
    if previous is None:
        os.environ.pop("POORTWACHTER_CACHE_DIR", None)
    else:
        os.environ["POORTWACHTER_CACHE_DIR"] = previous


@pytest.fixture(autouse=True)
def fresh_reader_workers(request):
    """Reader workers are forked once and reused (plugin/readers/guarded.py): a test that
    monkeypatches gets workers forked after its patches, and leaves none that carry them."""
    if "monkeypatch" in request.fixturenames:
        from plugin.readers import guarded

        guarded.shutdown()
        yield
        guarded.shutdown()
    else:
        yield


@pytest.fixture
def example_workbook() -> Path:
    return EXAMPLES / "casussen.xlsx"


def write_workbook(path: Path, sheets: dict[str, list[list]]) -> Path:
    """sheets: name -> rows (first row the header), written as the user would type them."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        ws = book.create_sheet(name)
        for row in rows:
            ws.append(row)
    book.save(path)
    return path


def minimal_case(**overrides) -> dict:
    row = {"Casusnummer": "C-1", "Naam werknemer": "Jan Jansen", "Werkgever": "Jansen & Zn <BV>",
           "Eerste ziektedag": dt.date(2025, 1, 6)}
    row.update(overrides)
    return row


def cases_sheet(*cases: dict) -> list[list]:
    headers: list[str] = []
    for case in cases:
        for key in case:
            if key not in headers:
                headers.append(key)
    return [headers] + [[case.get(h) for h in headers] for case in cases]


def make_template(path: Path, paragraphs: list[str], table: list[list[str]] | None = None) -> Path:
    """A .docx whose paragraphs and table cells hold the given (Jinja) text."""
    from readers_fixtures import make_docx

    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(make_docx(paragraphs, table=table))
    return path
