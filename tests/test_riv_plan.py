"""The RIV's plan, gaps and assembly on records and generated PDFs (no LibreOffice, no dossier)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from pypdf import PdfReader

from plugin.check.findings import CaseResult, Finding
from plugin.check.rules import load_rules
from plugin.check.scan import DossierDocument
from plugin.riv import assemble
from plugin.riv.plan import plan_case, sources_of
from plugin.riv.sections import SECTION_IDS, section_of

D = dt.date
RULES = {r.id: r for r in load_rules()}


def doc(path, type_=None, date=None, reference=None, problem=None):
    return DossierDocument(path, type_, date, "filename", None, "nl", reference=reference, problem=problem)


def finding(rule, severity, type_=None, due=None, message="bericht", paths=()):
    return Finding(rule, severity, "X-1", type_, due, message, paths=tuple(paths))


def test_sections_are_the_regeling_order_and_ids_of_the_issue():
    assert SECTION_IDS == ("administratief", "probleemanalyse", "plan-van-aanpak", "evaluaties",
                           "eerstejaarsevaluatie", "arbeidsdeskundig-rapport", "tweede-spoor", "actueel-oordeel",
                           "eindevaluatie", "mening-werknemer", "overig")


@pytest.mark.parametrize("doc_type,section", [
    ("bijstelling-plan-van-aanpak", "plan-van-aanpak"), ("voortgangsrapportage", "tweede-spoor"),
    ("sollicitatie-overzicht", "tweede-spoor"), ("maandrapportage", "evaluaties"), ("42e-weekmelding", "overig"),
    ("loonsanctie", "overig"), (None, "overig"), ("mening-werknemer", "mening-werknemer")])
def test_each_type_has_its_section(doc_type, section):
    assert section_of(doc_type) == section


def test_a_mail_and_its_attachments_are_one_source_typed_by_the_attachment():
    documents = [doc("c/Getekend.eml"), doc("c/Getekend.eml/PvA.pdf", "plan-van-aanpak", D(2025, 3, 3)),
                 doc("c/Getekend.eml/PvA.pdf"),   # a second record of a file read in part
                 doc("c/scan.pdf", problem="beschadigd bestand"),
                 doc("INBOX/2025-05-01 Evaluatie", "evaluatie", D(2025, 5, 1), reference="INBOX, 01-05-2025")]
    sources, mailbox = sources_of(documents)
    assert [(s.path, s.type, s.date, s.section) for s in sources] == [
        ("c/Getekend.eml", "plan-van-aanpak", D(2025, 3, 3), "plan-van-aanpak"), ("c/scan.pdf", None, None, "overig")]
    assert [p.path for p in sources[0].parts] == ["c/Getekend.eml/PvA.pdf"]
    assert sources[1].problem == "beschadigd bestand"
    assert [m.path for m in mailbox] == ["INBOX/2025-05-01 Evaluatie"]


def _plan(documents, findings, as_of=D(2026, 11, 24)):
    result = CaseResult("X-1", "Werknemer", D(2025, 1, 6), 98, "c", documents=documents, findings=findings)
    return plan_case(result, None, RULES, as_of)


def test_gaps_come_from_the_findings_by_rule_kind():
    findings = [
        finding("WVP011", "error", "actueel-oordeel", D(2026, 10, 1), "Actueel oordeel te oud"),
        finding("WVP015", "warning", "mening-werknemer", D(2026, 10, 11), "Mening ontbreekt"),
        finding("WVP047", "warning", "re-integratieverslag", None, "Geen afschrift"),
        finding("WVP014", "error", "re-integratieverslag", D(2026, 10, 11), "RIV ontbreekt"),
        finding("WVP016", "error", "wia-aanvraag", D(2026, 10, 25), "WIA-aanvraag ontbreekt"),
        finding("WVP020", "warning", None, D(2025, 8, 15), "Werkmap zonder document"),
        finding("WVP030", "info", None, None, "Niet leesbaar"),
        finding("WVP001", "warning", "probleemanalyse", D(2025, 2, 16), "Te laat, met reden"),   # softened
        finding("WVP003", "error", None, D(2025, 8, 15), "Geen evaluatie"),
        finding("WVP032", "warning", None, None, "Eerste ziektedag onbekend"),
    ]
    documents = [doc("c/PA.pdf", "probleemanalyse", D(2025, 2, 20)), doc("c/PvA.docx", "plan-van-aanpak", D(2025, 3, 3)),
                 doc("c/Ev.docx", "evaluatie", D(2025, 4, 11)), doc("c/EJE.docx", "eerstejaarsevaluatie", D(2025, 12, 1)),
                 doc("c/AO.pdf", "actueel-oordeel", D(2026, 6, 1)), doc("c/EV.docx", "eindevaluatie", D(2026, 9, 1))]
    gaps = [(g.section, g.message, g.kind) for g in _plan(documents, findings).gaps]
    assert gaps == [
        ("administratief", "Het re-integratieverslag is na de termijn samengesteld: uiterlijk 11-10-2026 "
                           "(week 91, Wet WIA art. 25 lid 3) [WVP014]", "late"),
        ("administratief", "Eerste ziektedag onbekend [WVP032]", "finding"),
        ("administratief", "Administratieve gegevens ontbreken: de casus staat niet in de werkmap", "missing"),
        ("evaluaties", "Geen evaluatie [WVP003, praktijk]", "finding"),
        ("actueel-oordeel", "Actueel oordeel te oud [WVP011, praktijk]", "finding"),
        ("mening-werknemer", "Mening ontbreekt [WVP015]", "finding"),
        ("mening-werknemer", "Geen afschrift [WVP047]", "finding"),
    ]


def test_a_missing_section_is_one_gap_and_mailbox_evidence_is_named():
    documents = [doc("c/PvA.docx", "plan-van-aanpak", D(2025, 3, 3)),
                 doc("INBOX/Evaluatie", "evaluatie", D(2025, 5, 1), reference="INBOX, 01-05-2025, Verslag evaluatie")]
    findings = [finding("WVP010", "error", "actueel-oordeel", D(2026, 10, 11), "Actueel oordeel ontbreekt")]
    gaps = [(g.section, g.kind) for g in _plan(documents, findings).gaps]
    assert ("actueel-oordeel", "finding") in gaps and ("actueel-oordeel", "missing") not in gaps
    assert ("probleemanalyse", "missing") in gaps and ("eindevaluatie", "missing") in gaps
    assert ("evaluaties", "mailbox") in gaps and ("evaluaties", "missing") not in gaps
    assert ("tweede-spoor", "missing") not in gaps and ("arbeidsdeskundig-rapport", "missing") not in gaps


def test_documents_in_a_section_in_date_order_undated_last():
    documents = [doc("c/b.docx", "evaluatie", D(2025, 6, 1)), doc("c/a.docx", "evaluatie"),
                 doc("c/c.docx", "evaluatie", D(2025, 5, 1))]
    plan = _plan(documents, [])
    [(_, evaluations)] = [(s, x) for s, x in plan.sections if s.id == "evaluaties"]
    assert [s.path for s in evaluations] == ["c/c.docx", "c/b.docx", "c/a.docx"]
    assert plan.state.text() == f"RIV: {len(plan.gaps)} hiaten" and not plan.complete


def _pdf(pages: int, filler: int = 0) -> bytes:
    """A PDF of `pages` pages with text; filler: bytes of incompressible data per page."""
    import random

    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas
    from PIL import Image

    out = io.BytesIO()
    page = canvas.Canvas(out)
    for n in range(pages):
        page.drawString(72, 760, f"pagina {n + 1}")
        if filler:
            side = int((filler / 3) ** 0.5)
            noise = Image.frombytes("RGB", (side, side), random.Random(n).randbytes(side * side * 3))
            page.drawImage(ImageReader(noise), 72, 300, 200, 200)
        page.showPage()
    page.save()
    return out.getvalue()


def test_assembly_numbers_bookmarks_and_splits_between_pages():
    docs = [assemble.Doc("probleemanalyse", "PA", [("PA.pdf", 0, _pdf(2))]),
            assemble.Doc("evaluaties", "Ev 1", [("mail.eml", 0, _pdf(1)), ("bijlage.docx", 1, _pdf(3, 60_000))]),
            assemble.Doc("evaluaties", "Ev 2", [("Ev2.pdf", 0, _pdf(4, 60_000))])]
    titles = {"administratief": "1. Admin", "probleemanalyse": "2. PA", "evaluaties": "4. Evaluaties"}
    covers = []

    def cover(parts):
        covers.append(parts)
        return _pdf(1)

    parts = assemble.assemble(docs, cover, lambda n, total: f"pagina {n} van {total}", "Inhoud", titles,
                              limit=300_000)
    assert len(parts) >= 2 and all(len(p.pdf) <= 300_000 for p in parts)
    readers = [PdfReader(io.BytesIO(p.pdf)) for p in parts]
    texts = [page.extract_text() for r in readers for page in r.pages]
    assert len(texts) == 1 + 2 + 4 + 4 == sum(p.pages for p in parts)
    assert [f"pagina {n} van 11" in t for n, t in enumerate(texts, start=1)] == [True] * 11
    assert (docs[0].first, docs[1].first, docs[2].first) == (2, 4, 8) and docs[2].last == 11
    first = readers[0].outline
    assert [first[0].title, first[1].title, first[2].title] == ["Inhoud", "1. Admin", "2. PA"]
    assert covers[-1] == len(parts)                       # the cover knew how many parts there are
    later = readers[-1].outline
    assert later[0].title == "4. Evaluaties"              # a part opens with its section


@pytest.mark.parametrize("as_of", [D(2025, 9, 1), D(2026, 11, 24), D(2027, 6, 1)])
def test_the_checks_riv_state_counts_the_gaps_the_plan_writes(as_of):
    """riv_state (the check's reports and the case list ask it for every case) is the plan's state,
    on the example dossiers with their workbook, without it, and with rows changed."""
    import dataclasses
    from pathlib import Path

    from plugin.riv.plan import riv_state
    from plugin.services.check import run_check
    from plugin.services.sources import Sources
    from plugin.workbook.load import load_workbook

    repo = Path(__file__).resolve().parents[1]
    workbook = load_workbook(repo / "examples" / "casussen.xlsx")
    checked = 0
    for book in (workbook, None):
        sources = Sources(book, repo / "examples" / "dossiers", no_cache=True, as_of=as_of)
        for case in run_check(sources).result.cases:
            row = sources.case(case.case)
            rows = [row]
            if row is not None:   # the same case without a job, and in the 2e spoor
                rows += [_row_with(row, functie=""), _row_with(row, spoor="1+2")]
            mail = DossierDocument("INBOX/Evaluatie", "evaluatie", as_of, "mail", None, "nl", reference="INBOX")
            for documents in (case.documents, [*case.documents, mail], []):
                variant = dataclasses.replace(case, documents=documents)
                for each in rows:
                    assert riv_state(variant, each, RULES, as_of) == plan_case(variant, each, RULES, as_of).state
                    checked += 1
    assert checked > 50


class _Row(dict):
    pass


def _row_with(row, **changes):
    changed = _Row({key: row[key] for key in ("functie", "spoor", "start_2e_spoor")})
    changed.update(changes)
    return changed
