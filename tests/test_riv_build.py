"""poortwachter riv on the bundled examples: the bundle's PDF read back with pypdf (bookmarks, pages,
cover text), riv.json, Inhoud.docx, gaps, Dutch and English, never overwriting, the conversion cache,
a corrupt source, a diagnosis in a source, and a split over UWV's 10 MB."""

from __future__ import annotations

import io
import json
import random
import shutil
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from plugin.cli import main
from plugin.core.privacy import find_terms
from plugin.riv.sections import SECTIONS

pytestmark = pytest.mark.office   # LibreOffice converts the Word documents

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
WORKBOOK = EXAMPLES / "casussen.xlsx"
AS_OF = "2026-11-24"
SECTION_IDS = ["administratief", "probleemanalyse", "plan-van-aanpak", "evaluaties", "eerstejaarsevaluatie",
               "arbeidsdeskundig-rapport", "tweede-spoor", "actueel-oordeel", "eindevaluatie", "mening-werknemer",
               "overig"]


def riv(dossiers: Path, out: Path, *args: str) -> int:
    return main(["riv", str(dossiers), "--workbook", str(WORKBOOK), "--as-of", AS_OF, "--out", str(out), *args])


def outline(reader: PdfReader) -> list[tuple[int, str, int]]:
    """(depth, title, page number) of every bookmark, in order."""
    found = []

    def walk(items, depth):
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                found.append((depth, item.title, reader.get_destination_page_number(item) + 1))
    walk(reader.outline, 0)
    return found


def text_of(reader: PdfReader, first: int, last: int) -> str:
    return "\n".join(reader.pages[i].extract_text() for i in range(first - 1, last))


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("riv")
    code = riv(EXAMPLES / "dossiers", out, "--case", "2025-008", "--case", "2025-001")
    return code, out


def bundle(out: Path, case: str) -> Path:
    [folder] = [p for p in out.iterdir() if p.name.startswith(case) and p.name.endswith(" RIV")]
    return folder


def test_exit_code_is_one_when_a_riv_has_gaps(built):
    code, out = built
    assert code == 1
    assert {p.name for p in out.iterdir()} == {"2025-008 Sanne Verbeek RIV", "2025-001 Fatima el Amrani RIV"}


def test_complete_case_bundle_and_riv_json(built):
    _, out = built
    folder = bundle(out, "2025-008")
    assert sorted(p.name for p in folder.iterdir()) == ["Hiaten.txt", "Inhoud.docx", "RIV 2025-008.pdf", "riv.json"]
    data = json.loads((folder / "riv.json").read_text(encoding="utf-8"))
    assert set(data) == {"case", "as_of", "complete", "sections", "gaps", "pdf", "parts"}
    assert (data["case"], data["as_of"], data["complete"], data["gaps"]) == ("2025-008", AS_OF, True, [])
    assert [s["id"] for s in data["sections"]] == SECTION_IDS
    assert data["pdf"] == "RIV 2025-008.pdf" and data["parts"] == ["RIV 2025-008.pdf"]
    documents = [d for s in data["sections"] for d in s["documents"]]
    assert all(set(d) == {"path", "type", "date", "pages"} for d in documents)
    assert len(documents) == 20
    for section in data["sections"]:   # within a section: date order
        dates = [d["date"] for d in section["documents"]]
        assert dates == sorted(dates)
    types = {s["id"]: [d["type"] for d in s["documents"]] for s in data["sections"]}
    assert types["plan-van-aanpak"] == ["plan-van-aanpak", "bijstelling-plan-van-aanpak"]
    assert types["mening-werknemer"] == ["mening-werknemer"] and types["overig"] == ["42e-weekmelding"]
    assert len(types["evaluaties"]) == 11 and types["tweede-spoor"] == []


def test_bookmarks_follow_the_regeling_and_point_at_each_document(built):
    _, out = built
    folder = bundle(out, "2025-008")
    reader = PdfReader(folder / "RIV 2025-008.pdf")
    data = json.loads((folder / "riv.json").read_text(encoding="utf-8"))
    marks = outline(reader)
    top = [(title, page) for depth, title, page in marks if depth == 0]
    assert top[0] == ("Inhoud", 1)
    assert top[1] == ("1. Administratieve gegevens, bedrijf en functie, eerste ziektedag", 1)
    numbered = [t for t, _ in top[1:]]
    expected = [f"{n}. {s.title_nl}" for n, s in enumerate(SECTIONS, start=1)
                if n == 1 or any(x["documents"] for x in data["sections"] if x["id"] == s.id)]
    assert numbered == expected
    assert [p for _, p in top] == sorted(p for _, p in top)
    documents = [d for s in data["sections"] for d in s["documents"]]
    children = [(title, page) for depth, title, page in marks if depth == 1]
    assert [page for _, page in children] == [d["pages"][0] for d in documents]
    assert children[0][0] == "07-04-2025 · Probleemanalyse — Probleemanalyse Verbeek 07-04-2025.pdf"
    assert children[-1][0].startswith("22-12-2025 · 42e-weekmelding")
    # each document's own text is on the page its bookmark names
    first_eval = next(d for d in documents if d["type"] == "mening-werknemer")
    assert "Mening van de werknemer" in text_of(reader, first_eval["pages"][0], first_eval["pages"][0])


def test_cover_page_numbers_and_page_count(built):
    _, out = built
    folder = bundle(out, "2025-008")
    reader = PdfReader(folder / "RIV 2025-008.pdf")
    data = json.loads((folder / "riv.json").read_text(encoding="utf-8"))
    total = len(reader.pages)
    last = max(d["pages"][1] for s in data["sections"] for d in s["documents"])
    assert last == total
    cover = text_of(reader, 1, 2)
    for expected in ("Re-integratieverslag", "2025-008", "Sanne Verbeek", "Tuincentrum De Linde B.V.",
                     "Verkoopmedewerker", "3 maart 2025", "29 november 2026", "Inhoud", "Geen hiaten gevonden",
                     "Afschrift ontvangen door de werknemer"):
        assert expected in cover, expected
    for number in (1, total // 2, total):
        assert f"RIV 2025-008 · pagina {number} van {total}" in reader.pages[number - 1].extract_text()
    assert not find_terms(cover)      # the generated pages carry no medical word


def test_gaps_case_names_what_uwv_would_ask(built):
    _, out = built
    folder = bundle(out, "2025-001")
    data = json.loads((folder / "riv.json").read_text(encoding="utf-8"))
    assert data["complete"] is False
    assert all(set(g) == {"section", "message"} for g in data["gaps"])
    by_section = {}
    for gap in data["gaps"]:
        by_section.setdefault(gap["section"], []).append(gap["message"])
    assert [s for s in SECTION_IDS if s in by_section] == list(by_section)   # in the Regeling's order
    assert any("[WVP011, praktijk]" in m for m in by_section["actueel-oordeel"])      # old by the WIA application
    assert any("[WVP015]" in m for m in by_section["mening-werknemer"])               # no employee's view
    assert any("[WVP040, praktijk]" in m for m in by_section["plan-van-aanpak"])      # no bijstelling after the EJE
    assert any("[WVP044, praktijk]" in m for m in by_section["eerstejaarsevaluatie"])  # look back / goal year 2
    assert any("[WVP003, praktijk]" in m for m in by_section["evaluaties"])
    assert any("na de termijn" in m and "[WVP014]" in m for m in by_section["administratief"])
    assert not any("WVP016" in m or "WVP020" in m or "WVP030" in m for m in sum(by_section.values(), []))
    reader = PdfReader(folder / "RIV 2025-001.pdf")
    cover = text_of(reader, 1, 3)
    assert "Hiaten (wat UWV bij de RIV-toets zou terugvragen)" in cover and "WVP011" in cover
    gap_list = (folder / "Hiaten.txt").read_text(encoding="utf-8")
    assert gap_list.count("\n- ") == len(data["gaps"])
    # a mail is followed by its attachments, bookmarked under it
    marks = outline(reader)
    mail = next(i for i, m in enumerate(marks) if "Mail WerkSame 20-04-2026.eml" in m[1])
    assert marks[mail + 1][:2] == (2, "Voortgangsrapportage 17-04-2026.docx")


def test_inhoud_docx_is_the_editable_cover(built):
    _, out = built
    document = docx.Document(bundle(out, "2025-001") / "Inhoud.docx")
    text = "\n".join(p.text for p in document.paragraphs)
    cells = "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert "Re-integratieverslag" in text and "Toelichting van de casemanager" in text
    assert "4. Evaluaties" in text and "11. Overige correspondentie" in text.replace("\n", " ")
    assert "Fatima el Amrani" in cells and "PvA El Amrani def.docx" in cells
    assert "WVP011" in text


def test_english_cover(tmp_path):
    assert riv(EXAMPLES / "dossiers", tmp_path, "--case", "2025-003", "--lang", "en") == 1
    folder = bundle(tmp_path, "2025-003")
    reader = PdfReader(folder / "RIV 2025-003.pdf")
    cover = text_of(reader, 1, 2)
    for expected in ("Re-integration report", "Contents", "Sarah Thompson", "Customer service lead",
                     "Gaps (what UWV's RIV assessment would ask back)", "WVP005"):
        assert expected in cover, expected
    assert "2. Problem analysis and its updates" in [t for _, t, _ in outline(reader)]
    assert f"page 1 of {len(reader.pages)}" in reader.pages[0].extract_text()


def test_an_existing_riv_is_never_overwritten_without_force(tmp_path, capsys):
    assert riv(EXAMPLES / "dossiers", tmp_path, "--case", "2026-005") == 1
    folder = bundle(tmp_path, "2026-005")
    (folder / "riv.json").write_text("mijn aantekening", encoding="utf-8")
    assert riv(EXAMPLES / "dossiers", tmp_path, "--case", "2026-005") == 2
    assert "--force" in capsys.readouterr().err
    assert (folder / "riv.json").read_text(encoding="utf-8") == "mijn aantekening"
    assert riv(EXAMPLES / "dossiers", tmp_path, "--case", "2026-005", "--force") == 1
    assert json.loads((folder / "riv.json").read_text(encoding="utf-8"))["case"] == "2026-005"
    assert [p.name for p in tmp_path.iterdir()] == [folder.name]   # no temporary folder left behind


def _copy_case(tmp_path: Path, case_folder: str = "2025-008 Verbeek") -> Path:
    dossiers = tmp_path / "dossiers"
    shutil.copytree(EXAMPLES / "dossiers" / case_folder, dossiers / case_folder)
    return dossiers


def test_second_build_converts_only_the_new_document(tmp_path):
    from plugin.services.riv import build_rivs
    from plugin.services.sources import Sources
    from plugin.workbook.load import load_workbook
    import datetime as dt

    dossiers = _copy_case(tmp_path)
    sources = Sources(load_workbook(WORKBOOK), dossiers, as_of=dt.date(2026, 11, 24), no_cache=True)
    cache = tmp_path / "cache"
    first = build_rivs(sources, tmp_path / "out", cases=["2025-008"], cache_dir=cache)
    assert first.stats.office_converted == 15 and first.stats.office_cached == 0
    assert first.stats.office_processes == 1            # one LibreOffice for the batch
    shutil.copy(dossiers / "2025-008 Verbeek/Evaluatie 29-09-2026 Verbeek.docx",
                dossiers / "2025-008 Verbeek/Evaluatie 30-10-2026 Verbeek.docx")
    document = docx.Document(dossiers / "2025-008 Verbeek/Evaluatie 30-10-2026 Verbeek.docx")
    document.add_paragraph("Aanvulling: het rooster blijft gelijk.")
    document.save(dossiers / "2025-008 Verbeek/Evaluatie 30-10-2026 Verbeek.docx")
    second = build_rivs(sources, tmp_path / "out", cases=["2025-008"], cache_dir=cache, force=True)
    assert (second.stats.office_converted, second.stats.office_cached) == (1, 15)
    assert second.bundles[0].complete


def test_corrupt_source_is_a_gap_not_a_crash(tmp_path):
    dossiers = _copy_case(tmp_path)
    folder = dossiers / "2025-008 Verbeek"
    (folder / "Evaluatie 30-10-2026 kapot.docx").write_bytes(b"PK\x03\x04 dit is geen Word-bestand" * 10)
    (folder / "Verslag UWV.pdf").write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF")
    assert riv(dossiers, tmp_path / "out", "--case", "2025-008") == 1
    data = json.loads((bundle(tmp_path / "out", "2025-008") / "riv.json").read_text(encoding="utf-8"))
    messages = [g["message"] for g in data["gaps"]]
    assert any("Niet opgenomen: '2025-008 Verbeek/Evaluatie 30-10-2026 kapot.docx'" in m for m in messages)
    assert any("Niet opgenomen: '2025-008 Verbeek/Verslag UWV.pdf'" in m for m in messages)
    paths = [d["path"] for s in data["sections"] for d in s["documents"]]
    assert not any("kapot" in p or "Verslag UWV" in p for p in paths) and len(paths) == 20


def test_a_source_with_a_diagnosis_is_listed_for_review_and_never_named(tmp_path):
    dossiers = _copy_case(tmp_path)
    (dossiers / "2025-008 Verbeek/Gespreksnotitie hernia.txt").write_text(
        "Gespreksnotitie 20-10-2026\nWerknemer vertelt over de hernia en de fysiotherapie.\n", encoding="utf-8")
    assert riv(dossiers, tmp_path / "out", "--case", "2025-008") == 1
    folder = bundle(tmp_path / "out", "2025-008")
    data = json.loads((folder / "riv.json").read_text(encoding="utf-8"))
    assert data["complete"] is False
    [gap] = [g for g in data["gaps"] if g["message"].startswith("Controleren (AVG)")]
    assert "hernia" not in gap["message"] and "Gespreksnotitie […].txt" in gap["message"]
    reader = PdfReader(folder / "RIV 2025-008.pdf")
    cover = text_of(reader, 1, 2)
    assert "Nog te controleren vóór verzenden (AVG)" in cover and "Gespreksnotitie […].txt" in cover
    assert not find_terms(cover) and "hernia" not in (folder / "Hiaten.txt").read_text(encoding="utf-8")
    assert all("hernia" not in t for _, t, _ in outline(reader))
    included = [d["path"] for s in data["sections"] for d in s["documents"]]
    assert "2025-008 Verbeek/Gespreksnotitie hernia.txt" in included   # included as it is, for review


def _big_pdf(seed: int, day: str) -> bytes:
    """An evaluation with a text layer and a photo that does not compress: about 3.6 MB."""
    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    pixels = random.Random(seed).randbytes(1100 * 1100 * 3)
    out = io.BytesIO()
    page = canvas.Canvas(out)
    page.drawString(72, 800, f"Verslag evaluatiegesprek {day} - werknemer S. Verbeek, casus 2025-008")
    page.drawImage(ImageReader(Image.frombytes("RGB", (1100, 1100), pixels)), 72, 300, 400, 400)
    page.save()
    return out.getvalue()


def test_split_when_a_part_would_pass_10_mb(tmp_path):
    dossiers = tmp_path / "dossiers"
    folder = dossiers / "2025-008 Verbeek"
    folder.mkdir(parents=True)
    for name in ("Probleemanalyse Verbeek 07-04-2025.pdf", "AD rapport Verbeek.pdf",
                 "Actueel oordeel bedrijfsarts Verbeek.pdf"):
        shutil.copy(EXAMPLES / "dossiers/2025-008 Verbeek" / name, folder / name)
    for n, day in enumerate(("12-05-2025", "23-06-2025", "04-08-2025", "15-09-2025")):
        (folder / f"Evaluatie {day} foto.pdf").write_bytes(_big_pdf(n, day))
    assert riv(dossiers, tmp_path / "out", "--case", "2025-008") == 1
    target = bundle(tmp_path / "out", "2025-008")
    data = json.loads((target / "riv.json").read_text(encoding="utf-8"))
    assert len(data["parts"]) >= 2
    assert data["parts"][0] == f"RIV 2025-008 deel 1 van {len(data['parts'])}.pdf" == data["pdf"]
    readers = [PdfReader(target / name) for name in data["parts"]]
    assert all((target / name).stat().st_size <= 10_000_000 for name in data["parts"])
    total = sum(len(r.pages) for r in readers)
    assert total == max(d["pages"][1] for s in data["sections"] for d in s["documents"])
    assert f"pagina {total} van {total}" in readers[-1].pages[-1].extract_text()
    second = outline(readers[1])
    assert second and second[0][0] == 0 and second[0][1].split(". ")[0].isdigit()   # a section opens each part
    assert "Deel" in text_of(readers[0], 1, 1)
