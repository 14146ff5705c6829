"""Letters and mails from UWV as evidence, and `why` for every classified document."""

from __future__ import annotations

import datetime as dt

import pytest

from plugin.recognize.classify import classify, explain, from_uwv
from plugin.readers import Extracted, MailMeta

D = dt.date


def letter(text: str, name: str = "brief.pdf", mail: MailMeta | None = None) -> Extracted:
    return Extracted(name=name, kind="eml" if mail else "pdf", text=text, mail=mail)


UWV_42 = """UWV
Postbus 58285
1040 HG Amsterdam

Bouwbedrijf Jansen & Zn B.V.
t.a.v. de afdeling personeelszaken

Datum: 5 november 2025
Ons kenmerk: ZLV-2025-0448817

Geachte heer, mevrouw,

Wij hebben uw ziekmelding van mevrouw F. el Amrani ontvangen. U heeft haar ziek gemeld omdat zij
bijna 42 weken ziek is.
Datum melding: 03-11-2025
Eerste ziektedag: 13-01-2025

Met vriendelijke groet,

UWV
"""

UWV_WIA = """Uitvoeringsinstituut Werknemersverzekeringen

Datum 16 oktober 2026

Beste mevrouw El Amrani,

Wij hebben uw aanvraag voor een WIA-uitkering op 13 oktober 2026 ontvangen. Wij beoordelen nu het
re-integratieverslag van u en uw werkgever.

Met vriendelijke groet,
UWV
"""

UWV_SANCTION = """UWV
Datum: 2 februari 2027

Geachte heer Bakker,

U heeft uw werknemer niet genoeg ondersteund bij de re-integratie. Daarom moet u het loon 52 weken
langer doorbetalen. Dit heet een loonsanctie.

Met vriendelijke groet,
UWV
"""

UWV_EXTENSION = """UWV
Datum: 4 mei 2026

Geachte mevrouw Visser,

U en uw werknemer hebben samen gevraagd om de wachttijd te verlengen. Wij hebben besloten dat de
verlenging van de wachttijd 26 weken duurt.

Met vriendelijke groet,
UWV
"""

UWV_EN = """UWV
Date: 24 June 2026

Dear Mr Baker,

We have received your sickness report for Ms S. Thompson. You reported her because she has been
sick for almost 42 weeks.
Date of notification: 22-06-2026

Kind regards,
UWV
"""


@pytest.mark.parametrize(("text", "doc_type", "date"), (
    (UWV_42, "42e-weekmelding", D(2025, 11, 3)),
    (UWV_WIA, "wia-aanvraag", D(2026, 10, 13)),
    (UWV_SANCTION, "loonsanctie", D(2027, 2, 2)),
    (UWV_EXTENSION, "verlenging-wachttijd", D(2026, 5, 4)),
    (UWV_EN, "42e-weekmelding", D(2026, 6, 22)),
))
def test_uwv_letters_count_as_the_milestone_they_confirm(text, doc_type, date):
    result = classify(letter(text, "Scan_0003.pdf"))
    assert (result.type, result.date, result.issuer) == (doc_type, date, "UWV")
    assert result.why.startswith("UWV-brief")


def test_a_uwv_letter_gives_its_first_sick_day():
    assert classify(letter(UWV_42)).first_sick_day == D(2025, 1, 13)


def test_an_employers_note_about_uwv_is_not_a_uwv_letter():
    note = ("Gespreksnotitie\n\nDatum: 07-11-2025\nDe ziekmelding bij UWV na 42 weken is op 3 november gedaan. "
            "Wij hebben uw ziekmelding ontvangen, zei UWV aan de telefoon.\n\nGroet, Ellen")
    result = classify(letter(note, "notitie.txt"))
    assert result.issuer is None
    assert result.type != "42e-weekmelding"


def test_a_mail_from_uwv_is_a_uwv_letter():
    mail = MailMeta(subject="Uw melding", sender="UWV Werkgeversportaal <noreply@uwv.nl>", recipients=(),
                    date=D(2025, 11, 3))
    item = letter("Wij hebben uw ziekmelding ontvangen. Uw werknemer is bijna 42 weken ziek.", "bericht.eml", mail)
    assert from_uwv(item)
    result = classify(item)
    assert (result.type, result.issuer, result.evidence) == ("42e-weekmelding", "UWV", "mail")


@pytest.mark.parametrize(("item", "why"), (
    (Extracted(name="x.docx", kind="docx", text="", properties={"Documenttype": "evaluatie"}),
     "documenteigenschap 'Documenttype'"),
    (letter("", "PvA Jansen def.docx"), "bestandsnaam 'PvA'"),
    (letter("Plan van aanpak\nDatum: 3-3-2025"), "kop 'Plan van aanpak'"),
    (Extracted(name="Scan_0001.pdf", kind="pdf", text="Plan van aanpak\nDatum: 3-3-2025", ocr_pages=1),
     "OCR: kop 'Plan van aanpak'"),
    (letter("Beste Ellen,", "bericht.eml", MailMeta("Verslag evaluatie", "a@b.nl", (), None)),
     "onderwerp 'evaluatie'"),
    (letter("Boodschappenlijst", "lijst.txt"), "niet herkend"),
))
def test_why_says_in_the_users_words_why_a_document_counts(item, why):
    assert classify(item).why == why


def test_ocr_text_is_evidence_ocr():
    item = Extracted(name="Scan_0001.pdf", kind="pdf", text="Plan van aanpak\nDatum: 3-3-2025", ocr_pages=2)
    result = classify(item)
    assert (result.type, result.evidence, result.date) == ("plan-van-aanpak", "ocr", D(2025, 3, 3))


def test_why_in_english():
    assert explain("bestandsnaam 'PvA'", "en") == "file name 'PvA'"
    assert explain("OCR: kop 'Plan van aanpak'", "en") == "OCR: heading 'Plan van aanpak'"
    assert explain("UWV-brief: 'loonsanctie'", "en") == "UWV letter: 'loonsanctie'"
    assert explain("niet leesbaar: beschadigd bestand", "en") == "unreadable: beschadigd bestand"
    assert explain("kop 'x'", "nl") == "kop 'x'"
    assert explain("UWV-brief, kop 'Ziekmelding'", "en") == "UWV letter, heading 'Ziekmelding'"


# --- a UWV letter and the workbook disagree ------------------------------------------------

def _uwv_doc(path, doc_type, date, first_sick=None):
    from plugin.check.scan import DossierDocument

    return DossierDocument(path, doc_type, date, "content", "content", "nl", first_sick_day=first_sick,
                           why="UWV-brief: 'bijna 42 weken ziek'", issuer="UWV")


def _findings(facts, documents):
    from plugin.check.evaluate import evaluate_case
    from plugin.check.rules import load_rules

    result = evaluate_case(facts, documents, load_rules(), D(2025, 12, 1), folder="map")
    return [f for f in result.findings if f.message.startswith("UWV-brief")]


def test_a_uwv_letter_with_another_date_than_the_workbook_is_reported():
    from plugin.core.case_facts import CaseFacts, Recorded

    facts = CaseFacts("2025-001", D(2025, 1, 13), employee="F. el Amrani",
                      week42_notification=Recorded(D(2025, 11, 5)))
    found = _findings(facts, [_uwv_doc("map/brief UWV.pdf", "42e-weekmelding", D(2025, 11, 3), D(2025, 1, 14))])
    messages = sorted(f.message for f in found)
    assert len(found) == 2 and {f.rule for f in found} == {"WVP020"}
    assert "eerste ziektedag 14-01-2025, de werkmap 13-01-2025" in messages[0]
    assert "03-11-2025, de werkmap ('Datum 42e-weekmelding') 05-11-2025" in messages[1]
    assert all(f.paths == ("map/brief UWV.pdf",) for f in found)


def test_a_uwv_letter_that_agrees_with_the_workbook_says_nothing():
    from plugin.core.case_facts import CaseFacts, Recorded

    facts = CaseFacts("2025-001", D(2025, 1, 13), week42_notification=Recorded(D(2025, 11, 3)))
    assert _findings(facts, [_uwv_doc("map/brief.pdf", "42e-weekmelding", D(2025, 11, 3), D(2025, 1, 13))]) == []


def test_an_employers_own_document_with_another_date_is_not_a_uwv_disagreement():
    from plugin.check.scan import DossierDocument
    from plugin.core.case_facts import CaseFacts, Recorded

    facts = CaseFacts("2025-001", D(2025, 1, 13), week42_notification=Recorded(D(2025, 11, 5)))
    own = DossierDocument("map/42e weekmelding.pdf", "42e-weekmelding", D(2025, 11, 3), "filename", None, "nl")
    assert _findings(facts, [own]) == []
