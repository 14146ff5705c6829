"""Classification: document type, date, case, first sick day and language of foreign files."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

import docx
import pytest

from plugin.recognize.classify import (TYPE_KEYWORDS, classify, content_date, detect_language, first_sick_day,
                             match_type)
from plugin.core.doctypes import DOC_TYPES
from plugin.readers import Extracted, MailMeta, read_bytes

DATA = Path(__file__).parent / "data" / "readers"

D = dt.date


def item(name: str = "bestand.pdf", text: str = "", *, properties: dict[str, str] | None = None,
         mail: MailMeta | None = None) -> Extracted:
    kind = "eml" if mail else name.rsplit(".", 1)[-1]
    return Extracted(name=name, kind=kind, text=text, properties=properties or {}, mail=mail)


FILE_NAMES = [
    ("PvA Jansen def.docx", "plan-van-aanpak", None),
    ("probleemanalyse BA 12-03-2025.pdf", "probleemanalyse", D(2025, 3, 12)),
    ("Verslag evaluatiegesprek.msg", "evaluatie", None),
    ("EJE 2025 Pietersen.docx", "eerstejaarsevaluatie", None),
    ("AD rapport.pdf", "arbeidsdeskundig-rapport", None),
    ("Actueel oordeel BA.pdf", "actueel-oordeel", None),
    ("scan001.pdf", None, None),
    ("Plan van aanpak - J. de Boer.docx", "plan-van-aanpak", None),
    ("plan_van_aanpak_v2.docx", "plan-van-aanpak", None),
    ("pva.docx", "plan-van-aanpak", None),
    ("PA Jansen.pdf", "probleemanalyse", None),
    ("Probleemanalyse (bijgesteld) 2025-04-01.pdf", "probleemanalyse", D(2025, 4, 1)),
    ("Eerstejaarsevaluatie Jansen.docx", "eerstejaarsevaluatie", None),
    ("eindevaluatie 2026.docx", "eindevaluatie", None),
    ("Arbeidsdeskundig onderzoek Jansen.pdf", "arbeidsdeskundig-rapport", None),
    ("Rapportage arbeidsdeskundige.pdf", "arbeidsdeskundig-rapport", None),
    ("RIV Jansen.pdf", "re-integratieverslag", None),
    ("Re-integratieverslag 2026.pdf", "re-integratieverslag", None),
    ("42e weekmelding UWV.pdf", "42e-weekmelding", None),
    ("Ziekmelding 42-weken Jansen.pdf", "42e-weekmelding", None),
    ("week 42 melding.pdf", "42e-weekmelding", None),
    ("Ziekmelding UWV 2025-10-20.pdf", "42e-weekmelding", D(2025, 10, 20)),
    ("Bevestiging ziekmelding (42e week).pdf", "42e-weekmelding", None),
    ("Evaluatie 3 PvA 2025-05-01.docx", "evaluatie", D(2025, 5, 1)),
    ("Bijstelling plan van aanpak.docx", "bijstelling-plan-van-aanpak", None),
    ("voortgangsgesprek 12 mei 2025.docx", "evaluatie", D(2025, 5, 12)),
    ("Verslag tussenevaluatie.docx", "evaluatie", None),
    ("Voortgangsrapportage 2e spoor mei.pdf", "voortgangsrapportage", None),
    ("voortgangsverslag 3.pdf", "voortgangsrapportage", None),
    ("Trajectplan 2e spoor Jansen.pdf", "trajectplan", None),
    ("Re-integratieplan tweede spoor.docx", "trajectplan", None),
    ("Plan 2e spoor.docx", "trajectplan", None),
    ("Sollicitatieoverzicht Q1.xlsx", "sollicitatie-overzicht", None),
    ("sollicitaties jansen.xlsx", "sollicitatie-overzicht", None),
    ("AO BA 2026-08-01.pdf", "actueel-oordeel", D(2026, 8, 1)),
    ("Eindrapportage 2e spoor.pdf", "eindrapportage", None),
    ("eindverslag bureau.pdf", "eindrapportage", None),
    ("WIA-aanvraag.pdf", "wia-aanvraag", None),
    ("Deskundigenoordeel UWV.pdf", "deskundigenoordeel", None),
    ("Maandrapportage maart.pdf", "maandrapportage", None),
    ("Plan of action Smith.docx", "plan-van-aanpak", None),
    ("Problem analysis OP 2025-03-12.pdf", "probleemanalyse", D(2025, 3, 12)),
    ("First-year evaluation.docx", "eerstejaarsevaluatie", None),
    ("Labour expert report.pdf", "arbeidsdeskundig-rapport", None),
    ("Progress report 2nd track.pdf", "voortgangsrapportage", None),
    ("Final evaluation.docx", "eindevaluatie", None),
    ("Job applications overview.xlsx", "sollicitatie-overzicht", None),
    ("Evaluation meeting minutes.docx", "evaluatie", None),
    ("Re-integration report.pdf", "re-integratieverslag", None),
    ("20250312_PvA.docx", "plan-van-aanpak", D(2025, 3, 12)),
    ("PvA 12-03-25.docx", "plan-van-aanpak", D(2025, 3, 12)),
    ("Padvinders.pdf", None, None),                            # "PA" only as a whole token
    ("ADVIES BA.pdf", None, None),                             # "AD" not inside a word; BA is no type
    ("BA advies 12-03-2025.pdf", None, D(2025, 3, 12)),
    ("pa en ma.pdf", None, None),                              # abbreviations count in capitals only
]


@pytest.mark.parametrize(("name", "expected_type", "expected_date"), FILE_NAMES)
def test_type_and_date_from_file_name(name, expected_type, expected_date):
    result = classify(item(name))
    assert result.type == expected_type
    assert result.date == expected_date
    assert result.evidence == ("filename" if expected_type else "content")
    assert result.date_evidence == ("filename" if expected_date else None)


def test_keyword_table_names_only_known_types_and_covers_them():
    named = [type_id for type_id, _ in TYPE_KEYWORDS]
    assert len(named) == len(set(named)) and set(named) == set(DOC_TYPES)


CONTENTS = [
    ("Plan van aanpak\nNaam werknemer: J. Jansen", "plan-van-aanpak"),
    ("ArboNed B.V.\nPostbus 123\nUtrecht\n\nProbleemanalyse\nWerknemer: J. Jansen", "probleemanalyse"),
    ("Verslag evaluatiegesprek\nDatum gesprek: 10-03-2025", "evaluatie"),
    ("EERSTEJAARSEVALUATIE\nJ. Jansen", "eerstejaarsevaluatie"),
    ("Rapportage arbeidsdeskundig onderzoek\nOpdrachtgever: Bakkerij Smit", "arbeidsdeskundig-rapport"),
    ("Trajectplan re-integratie 2e spoor\nKandidaat: J. Jansen", "trajectplan"),
    ("Actueel oordeel bedrijfsarts", "actueel-oordeel"),
    ("Eindevaluatie\nDatum: 01-09-2026", "eindevaluatie"),
    ("Re-integratieverslag\nDeel 1: gegevens", "re-integratieverslag"),
    ("UWV\nZiekmelding bij langdurig verzuim\nEerste ziektedag: 3 maart 2025", "42e-weekmelding"),
    ("Betreft: plan van aanpak", "plan-van-aanpak"),
    ("Plan van aanpak - evaluatiemomenten", "plan-van-aanpak"),
    ("Bijstelling plan van aanpak", "bijstelling-plan-van-aanpak"),
    ("Evaluatie eerste ziektejaar", "eerstejaarsevaluatie"),
    ("Plan of action\nEmployee: J. Smith", "plan-van-aanpak"),
    ("Problem analysis\nOccupational physician: dr. Bos", "probleemanalyse"),
    ("Report of the evaluation meeting", "evaluatie"),
    ("First-year evaluation", "eerstejaarsevaluatie"),
    ("Labour expert report", "arbeidsdeskundig-rapport"),
    ("Progress report second track", "voortgangsrapportage"),
    ("Beste Jan,\nIn het plan van aanpak spraken we af dat je start met twee uur per dag.", None),
    ("Bedrijfsarts: dr. K. Bos\nArbeidsdeskundige: mw. L. Smit\nCasemanager: P. de Vries", None),
    ("Aantekeningen\n" + "bla " * 40 + "probleemanalyse", None),
]


@pytest.mark.parametrize(("text", "expected"), CONTENTS)
def test_type_from_headings(text, expected):
    result = classify(item("scan001.pdf", text))
    assert (result.type, result.evidence) == (expected, "content")


def test_properties_win_over_file_name_and_content():
    result = classify(item("PA Jansen.docx", "Probleemanalyse\nDatum: 01-02-2025",
                           properties={"Documenttype": "plan-van-aanpak", "Documentdatum": "2025-03-12T00:00:00Z",
                                       "Casusnummer": "2025-017"}))
    assert (result.type, result.evidence, result.date, result.date_evidence, result.case_id) == (
        "plan-van-aanpak", "properties", D(2025, 3, 12), "properties", "2025-017")


def test_unknown_property_value_falls_back_to_file_name():
    result = classify(item("PA Jansen.docx", properties={"Documenttype": "iets anders"}))
    assert (result.type, result.evidence) == ("probleemanalyse", "filename")


def mail(subject: str, date: dt.date | None = D(2025, 10, 22)) -> MailMeta:
    return MailMeta(subject=subject, sender="noreply@uwv.nl", recipients=("hr@werkgever.nl",), date=date)


@pytest.mark.parametrize(("name", "subject", "body", "expected"), [
    ("bericht.eml", "Bevestiging ziekmelding (42e week)", "Wij hebben uw melding ontvangen.",
     ("42e-weekmelding", "mail", D(2025, 10, 22), "mail")),
    ("bericht.eml", "RE: gesprek vandaag", "Verslag evaluatiegesprek\nDatum gesprek: 10-03-2025",
     ("evaluatie", "mail", D(2025, 3, 10), "content")),
    ("Verslag evaluatiegesprek.msg", "gesprek", "Beste Jan,\nop 3 maart spraken we.",
     ("evaluatie", "filename", D(2025, 10, 22), "mail")),
    ("bericht.eml", "Lunch vrijdag?", "Zullen we om 12:00 gaan? Groet, Piet", (None, "mail", D(2025, 10, 22), "mail")),
])
def test_mail_classification(name, subject, body, expected):
    result = classify(item(name, body, mail=mail(subject)))
    assert (result.type, result.evidence, result.date, result.date_evidence) == expected


DATES = [
    ("Plan van aanpak\nEerste ziektedag: 3 februari 2025\nDatum: 12-03-2025", D(2025, 3, 12)),
    ("Probleemanalyse\nEerste ziektedag: 3 februari 2025\nWerknemer: J. Jansen", None),
    ("Amsterdam, 12 maart 2025\n\nBetreft: plan van aanpak", D(2025, 3, 12)),
    ("Evaluation\nDate: March 12, 2025", D(2025, 3, 12)),
    ("Verslag\nGeboortedatum\n01-01-1980\nDatum\n12-03-2025", D(2025, 3, 12)),
    ("Datum gesprek: 10-03-2025   Volgende evaluatie: 21-04-2025", D(2025, 3, 10)),
    ("Volgende evaluatie: 21-04-2025\nDatum gesprek: 10-03-2025", D(2025, 3, 10)),
    ("Ziek sinds 3-3-2025, gesproken op 10-03-2025", D(2025, 3, 10)),
    ("Verslag\n" + "regel\n" * 20 + "Op 5 mei 2025 is gebeld", None),
    ("Verslag\n" + "regel\n" * 20 + "Opgesteld op 5 mei 2025", D(2025, 5, 5)),
]


@pytest.mark.parametrize(("text", "expected"), DATES)
def test_document_date_from_text(text, expected):
    assert content_date(text, first_sick_day(text)) == expected


@pytest.mark.parametrize(("name", "text", "properties", "mail_date", "expected"), [
    ("PvA 01-01-2025.docx", "Datum: 12-03-2025", {"Documentdatum": "2025-02-02"}, None, (D(2025, 2, 2), "properties")),
    ("PvA 01-01-2025.docx", "Datum: 12-03-2025", {}, D(2025, 4, 4), (D(2025, 3, 12), "content")),
    ("PvA 01-01-2025.eml", "geen datum", {}, D(2025, 4, 4), (D(2025, 1, 1), "filename")),
    ("PvA.eml", "geen datum", {}, D(2025, 4, 4), (D(2025, 4, 4), "mail")),
    ("PvA.docx", "geen datum", {"Documentdatum": "onzin"}, None, (None, None)),
])
def test_date_precedence(name, text, properties, mail_date, expected):
    meta = mail("PvA", mail_date) if mail_date else None
    result = classify(item(name, text, properties=properties, mail=meta))
    assert (result.date, result.date_evidence) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Eerste ziektedag: 3 maart 2025", D(2025, 3, 3)),
    ("First day of sickness: March 3, 2025", D(2025, 3, 3)),
    ("eerste verzuimdag 03-03-2025", D(2025, 3, 3)),
    ("Werknemer is ziek sinds 3-3-2025.", D(2025, 3, 3)),
    ("Eerste ziektedag\n3 maart 2025", D(2025, 3, 3)),
    ("Datum: 12-03-2025", None),
])
def test_first_sick_day(text, expected):
    assert first_sick_day(text) == expected
    assert classify(item("x.pdf", text)).first_sick_day == expected


@pytest.mark.parametrize(("text", "pattern", "expected"), [
    ("Casusnummer: 2025-017\nPlan van aanpak", None, "2025-017"),
    ("Dossier JAN-0042 plan van aanpak", r"\b([A-Z]{3}-\d{4})\b", "JAN-0042"),
    ("Dossier JAN-0042", r"[A-Z]{3}-\d{4}", "JAN-0042"),
    ("Geen nummer", r"[A-Z]{3}-\d{4}", None),
])
def test_case_id(text, pattern, expected):
    assert classify(item("x.pdf", text), case_pattern=pattern).case_id == expected


def test_case_pattern_also_searches_the_file_name():
    assert classify(item("PvA JAN-0042.docx"), case_pattern=re.compile(r"[A-Z]{3}-\d{4}")).case_id == "JAN-0042"


@pytest.mark.parametrize(("text", "expected"), [
    ("Op 12 maart hebben werkgever en werknemer het plan van aanpak besproken. De werknemer "
     "werkt nu twee uur per dag en de bedrijfsarts adviseert dit op te bouwen.", "nl"),
    ("On March 12 the employer and the employee discussed the plan of action. The employee now "
     "works two hours a day and the occupational physician advises to build this up.", "en"),
    ("", "nl"),
    ("OK", "nl"),
    ("12-03-2025 14:00", "nl"),
    ("Verslag evaluatiegesprek. Afspraken: werknemer start op maandag met aangepast werk.", "nl"),
    ("Minutes of the evaluation meeting. Agreements: the employee starts adapted work on Monday.", "en"),
])
def test_detect_language(text, expected):
    assert detect_language(text) == expected
    assert detect_language(text) == expected  # seeded: the same answer every time


def test_path_name_overrides_item_name():
    assert classify(item("bijlage1.pdf"), path_name="dossier/Trajectplan 2e spoor.pdf").type == "trajectplan"


def test_match_type_precedence():
    assert [match_type(t) for t in ("Eindevaluatie", "Eerstejaarsevaluatie", "Evaluatie EJE",
                                    "Actueel oordeel", "oordeel")] == [
        "eindevaluatie", "eerstejaarsevaluatie", "eerstejaarsevaluatie", "actueel-oordeel", None]


def test_end_to_end_docx_with_our_properties():
    document = docx.Document()
    document.add_paragraph("Plan of action")
    document.add_paragraph("Date: March 12, 2025")
    document.add_paragraph("First day of sickness: February 3, 2025. The employee and the employer agree "
                           "on the following activities to support the return to work.")
    buffer = io.BytesIO()
    document.save(buffer)
    out = io.BytesIO()
    custom = ('<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
              'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
              '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="Casusnummer">'
              '<vt:lpwstr>C-7</vt:lpwstr></property></Properties>')
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            target.writestr(info, source.read(info))
        target.writestr("docProps/custom.xml", custom)
    result = classify(read_bytes("document.docx", out.getvalue()))
    assert (result.type, result.evidence, result.date, result.date_evidence) == (
        "plan-van-aanpak", "content", D(2025, 3, 12), "content")
    assert (result.language, result.case_id, result.first_sick_day) == ("en", "C-7", D(2025, 2, 3))


def test_end_to_end_msg_and_its_attachments():
    message = read_bytes("mail.msg", (DATA / "with_attachments.msg").read_bytes())
    results = [classify(x) for x in (message, *message.attachments)]
    assert [(r.type, r.evidence, r.date, r.date_evidence) for r in results] == [
        ("evaluatie", "mail", D(2025, 3, 10), "content"),
        ("plan-van-aanpak", "filename", None, None),
        ("42e-weekmelding", "mail", None, None),
    ]


@pytest.mark.parametrize(("name", "expected"), (
    ("Plan van aanpak incl evaluatiemomenten.docx", "plan-van-aanpak"),
    ("1e-jaarsevaluatie Jansen.docx", "eerstejaarsevaluatie"),
    ("Jaarevaluatie 2025.pdf", "eerstejaarsevaluatie"),
    ("VGR 21-08-2026.docx", "voortgangsrapportage"),
    ("Return to work plan.docx", "plan-van-aanpak"),
    ("First-year review S Thompson.pdf", "eerstejaarsevaluatie"),
    ("Vocational expert report.pdf", "arbeidsdeskundig-rapport"),
    ("Ziekmelding langdurig verzuim.pdf", "42e-weekmelding"),
))
def test_more_names_real_parties_use(name, expected):
    assert match_type(name.rsplit(".", 1)[0]) == expected
