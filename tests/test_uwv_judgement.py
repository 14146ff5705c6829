"""Issue 21: the dossier judged as UWV's beoordelaar does. Each table is built from the law's
wording (cited per table); the dossiers at the end are written in other people's words,
Dutch and English, to show the recognition is general."""

import datetime as dt

import pytest

from plugin.check.evaluate import evaluate_case
from plugin.check.rules import load_rules
from plugin.check.scan import DossierDocument, documents_from
from plugin.core.case_facts import CaseFacts, Recorded
from plugin.core.wvp_calendar import DEFS, build_calendar
from plugin.readers import Extracted, MailMeta
from plugin.recognize import content
from plugin.recognize.classify import classify
from plugin.recognize.statements import Statement, extract, reason_author

D = dt.date
RULES = load_rules()
BY_ID = {r.id: r for r in RULES}
FIRST = D(2025, 1, 6)          # week 52 ends 4-1-2026, week 91 ends 4-10-2026, week 93 ends 18-10-2026


def doc(type_, date, issuer=None, statements=(), name=None):
    return DossierDocument(f"C-1/{name or type_} {date}.txt", type_, date, "filename", None, "nl", issuer=issuer,
                           statements=tuple(statements))


def facts(**fields):
    return CaseFacts("C-1", FIRST, employee="Jan", **fields)


def found(case, documents, as_of, rule=None):
    result = evaluate_case(case, documents, RULES, as_of, folder="C-1")
    return [f for f in result.findings if rule is None or f.rule == rule]


def reason(milestone, text="uitgesteld omdat de werknemer op vakantie was", by="werknemer"):
    return Statement("reden_afwijking", milestone, text, None, by=by)


# --- Statutory deadlines: ZW art. 38 lid 1, WIA art. 25 lid 3, WIA art. 64 lid 3 ------------------
# "Van de termijnen van de Regeling kan worden afgeweken" (art. 5) covers the Regeling's own terms;
# a statute's deadline stays hard. ((rule, milestone, late document, as of), ...)
STATUTORY = [
    ("WVP004", "42e_weekmelding", doc("42e-weekmelding", D(2025, 11, 20)), D(2025, 12, 1)),
    ("WVP016", "wia_aanvraag", doc("wia-aanvraag", D(2026, 10, 30)), D(2026, 11, 5)),
    ("WVP014", "re_integratieverslag", doc("re-integratieverslag", D(2026, 10, 20)), D(2026, 11, 5)),
]


@pytest.mark.parametrize(("rule", "milestone", "late", "as_of"), STATUTORY)
def test_a_reason_never_softens_a_statutory_deadline(rule, milestone, late, as_of):
    assert DEFS[milestone].statutory
    with_reason = DossierDocument(late.path, late.type, late.date, "filename", None, "nl",
                                  statements=(reason(milestone),))
    [finding] = found(facts(), [with_reason], as_of, rule)
    assert finding.severity == "error"
    assert "wettelijke termijn" in finding.message and "op vakantie" in finding.message


# Regeling art. 2 and 4 (probleemanalyse, plan van aanpak): a reason softens, and says who wrote it.
AUTHORS = [
    ("In overleg met de werknemer uitgesteld omdat de bedrijfsarts ziek was.", None, "beide"),
    ("Op verzoek van de werknemer later gepland vanwege een verhuizing.", None, "werknemer"),
    ("De werkgever heeft besloten het gesprek te verschuiven wegens een reorganisatie.", None, "werkgever"),
    ("Postponed by agreement with the employee because of the holidays.", None, "beide"),
    ("At the employee's request the meeting was held later due to a move.", None, "werknemer"),
    ("De planning liep uit door drukte.", None, "onbekend"),
    ("Het gesprek is later gehouden omdat ik verhuisde.", "mening-werknemer", "werknemer"),
]


@pytest.mark.parametrize(("sentence", "doc_type", "expected"), AUTHORS)
def test_who_wrote_the_reason(sentence, doc_type, expected):
    assert reason_author(sentence, doc_type) == expected


def test_a_softened_deadline_names_who_wrote_the_reason():
    plan = doc("plan-van-aanpak", D(2025, 3, 20), statements=(reason("plan_van_aanpak", by="beide"),))
    [finding] = found(facts(), [doc("probleemanalyse", D(2025, 2, 10)), plan], D(2025, 4, 1), "WVP002")
    assert finding.severity == "warning" and "geschreven door werkgever en werknemer samen" in finding.message


# --- UWV's decisions drive the calendar: WIA art. 24 lid 1, art. 25 lid 9, art. 64 lid 3 -----------

def test_an_extension_without_uwvs_decision_is_a_finding_and_does_not_move_the_calendar():
    case = facts(extension_weeks=26)
    as_of = D(2026, 11, 1)                      # week 91 (4-10-2026) passed on the unextended clock
    [wvp021] = found(case, [], as_of, "WVP021")
    assert "art. 24 lid 1 WIA" in wvp021.message and "zonder verlenging" in wvp021.message
    assert [f.due for f in found(case, [], as_of, "WVP014")] == [D(2026, 10, 4)]
    letter = doc("verlenging-wachttijd", D(2026, 6, 1), "UWV",
                 [Statement(content.EXTENSION, None, "", None, weeks=26)])
    assert not found(case, [letter], as_of, "WVP021") and not found(case, [letter], as_of, "WVP014")


def test_the_letters_length_counts_and_a_mismatch_is_reported():
    letter = doc("verlenging-wachttijd", D(2026, 6, 1), "UWV", [Statement(content.EXTENSION, None, "", None, weeks=13)])
    wvp020 = [f for f in found(facts(extension_weeks=26), [letter], D(2026, 12, 1), "WVP020") if "verlengt" in f.message]
    assert wvp020 and "13 weken" in wvp020[0].message and "26" in wvp020[0].message
    [wvp014] = found(facts(extension_weeks=26), [letter], D(2027, 2, 1), "WVP014")
    assert wvp014.due == D(2027, 1, 3)          # week 91 + 13


def test_a_loonsanctie_letter_starts_the_sanction_period_without_the_workbook_column():
    evaluations = [doc("plan-van-aanpak", D(2025, 2, 20))]
    evaluations += [doc("evaluatie", D(2025, 2, 20) + dt.timedelta(weeks=5 * i)) for i in range(1, 20)]
    as_of = D(2027, 4, 1)
    assert not found(facts(), evaluations, as_of, "WVP003")
    sanction = doc("loonsanctie", D(2026, 12, 1), "UWV", [Statement(content.SANCTION, None, "", D(2027, 12, 31))])
    assert ("error", D(2027, 1, 28)) in [(f.severity, f.due) for f in found(facts(), evaluations + [sanction], as_of, "WVP003")]
    [notice] = found(facts(), evaluations + [sanction], as_of, "WVP021")
    assert notice.due == D(2027, 12, 31) and "loonsanctie" in notice.message
    shortened = doc("loonsanctie", D(2027, 2, 1), "UWV", [Statement(content.SANCTION_END, None, "", D(2027, 3, 1))])
    after = found(facts(), evaluations + [sanction, shortened], as_of, "WVP003")
    assert ("error", D(2027, 1, 28)) in [(f.severity, f.due) for f in after]
    assert found(facts(), evaluations + [sanction, shortened], as_of, "WVP021")[0].due == D(2027, 3, 1)


def test_the_wia_application_is_on_time_by_uwvs_receipt_date():
    sent = doc("wia-aanvraag", D(2026, 10, 10), name="aanvraag verstuurd")
    received = doc("wia-aanvraag", D(2026, 10, 21), "UWV", name="ontvangstbevestiging")
    assert not found(facts(), [sent], D(2026, 11, 1), "WVP016")
    [late] = found(facts(), [sent, received], D(2026, 11, 1), "WVP016")
    assert late.severity == "error" and late.paths == (received.path,)


# --- The 2e spoor's timing (UWV Werkwijzer poortwachter, practice) --------------------------------
# ((date of the eerstejaarsevaluatie, due date of the 2e spoor), ...): a late EJE buys no time.
EJE_TIMING = [(D(2025, 12, 15), D(2026, 1, 26)), (D(2026, 1, 4), D(2026, 2, 15)), (D(2026, 3, 1), D(2026, 2, 15))]


@pytest.mark.parametrize(("eje", "due"), EJE_TIMING)
def test_a_late_first_year_evaluation_buys_no_time(eje, due):
    [finding] = found(facts(), [doc("eerstejaarsevaluatie", eje)], D(2026, 6, 1), "WVP006")
    assert finding.due == due
    calendar = build_calendar(facts(first_year_evaluation=Recorded(eje)))
    assert calendar.milestone("start_2e_spoor").due == due


# --- Recognition of content parts (never reading what they say) ------------------------------------
PARTS = [
    ("Visie werknemer: ik wil graag terug naar mijn eigen werk.", "plan-van-aanpak", {"visie_werknemer"}),
    ("De werkgever ziet mogelijkheden in de planning. Advies bedrijfsarts: opbouw in uren.", "plan-van-aanpak",
     {"visie_werkgever", "advies_bedrijfsarts"}),
    ("Werknemersvisie en werkgeversvisie zijn besproken.", "bijstelling-plan-van-aanpak",
     {"visie_werkgever", "visie_werknemer"}),
    ("Employer's view: we expect a gradual return. The employee's view is that more time is needed.",
     "eerstejaarsevaluatie", {"visie_werkgever", "visie_werknemer"}),
    ("Terugblik: in het eerste ziektejaar is het werk aangepast. Doel voor het tweede jaar: 50% eigen werk.",
     "eerstejaarsevaluatie", {"terugblik", "doel_jaar2"}),
    ("Looking back on the past year ... The goal for the second year is other work.", "eerstejaarsevaluatie",
     {"terugblik", "doel_jaar2"}),
    ("Het plan van aanpak is bijgesteld: spoor 2 wordt ingezet.", "evaluatie", {"bijstelling"}),
    ("Zoekprofiel: logistiek medewerker, op basis van het AD-rapport van 3 maart.", "trajectplan",
     {"zoekprofiel", "op_ad_rapport"}),
    ("Search profile based on the labour expert's report.", "trajectplan", {"zoekprofiel", "op_ad_rapport"}),
    ("Een afschrift van het re-integratieverslag is op 1 oktober aan de werknemer verstrekt.", "re-integratieverslag",
     {"afschrift_riv"}),
    ("The employee received a copy of the re-integration report on 1 October.", None, {"afschrift_riv"}),
    ("Advies: start tweede spoor.", "arbeidsdeskundig-rapport", {"koerswijziging"}),
    ("Er is gesproken over werk en planning.", "plan-van-aanpak", set()),
    ("Het televisieprogramma werd besproken.", "plan-van-aanpak", set()),     # not 'visie'
    ("Een kopie van de notulen is gemaakt.", None, set()),                    # a copy, but not to the employee
]


@pytest.mark.parametrize(("text", "doc_type", "expected"), PARTS)
def test_content_parts(text, doc_type, expected):
    assert set(content.parts_in(text, doc_type)) == expected
    assert all(s.quote == "" for s in extract(text, doc_type, D(2026, 1, 1)) if s.kind == content.PART)


DECISIONS = [  # (letter sentence, type, (kind, date, weeks))
    ("Wij hebben besloten de wachttijd te verlengen met 26 weken.", "verlenging-wachttijd", (content.EXTENSION, None, 26)),
    ("De wachttijd wordt verlengd tot en met 3 juli 2027.", "verlenging-wachttijd", (content.EXTENSION, D(2027, 7, 3), None)),
    ("We have extended the waiting period by 13 weeks.", "verlenging-wachttijd", (content.EXTENSION, None, 13)),
    ("Wij wijzen uw verzoek om verlenging van de wachttijd af.", "verlenging-wachttijd",
     (content.EXTENSION_REFUSED, None, None)),
    ("U moet het loon doorbetalen tot en met 31 december 2027.", "loonsanctie", (content.SANCTION, D(2027, 12, 31), None)),
    ("De loonsanctie wordt bekort: de loondoorbetalingsverplichting eindigt op 1 maart 2027.", "loonsanctie",
     (content.SANCTION_END, D(2027, 3, 1), None)),
    ("The wage sanction ends early, on 1 March 2027, because the shortcoming was repaired.", "loonsanctie",
     (content.SANCTION_END, D(2027, 3, 1), None)),
]


@pytest.mark.parametrize(("text", "doc_type", "expected"), DECISIONS)
def test_what_uwvs_decision_states(text, doc_type, expected):
    assert [(d.kind, d.date, d.weeks) for d in content.decisions(text, doc_type)] == [expected]


# --- The RIV-toets rules on a whole dossier ----------------------------------------------------------

def part(name, date=None):
    return Statement(content.PART, None, "", date, part=name)


def test_riv_toets_rules_name_what_is_missing_and_where_they_looked():
    plan = doc("plan-van-aanpak", D(2025, 2, 20), statements=[part("visie_werkgever")])
    eje = doc("eerstejaarsevaluatie", D(2025, 12, 15), statements=[part("terugblik")])
    findings = found(facts(), [plan, eje], D(2026, 3, 1))
    by_rule = {f.rule: f for f in findings}
    assert "de visie van de werknemer" in by_rule["WVP043"].message and "gezocht naar" in by_rule["WVP043"].message
    assert "doel voor het tweede ziektejaar" in by_rule["WVP044"].message
    assert by_rule["WVP040"].due == D(2026, 1, 26) and by_rule["WVP040"].type == "bijstelling-plan-van-aanpak"
    adjusted = doc("bijstelling-plan-van-aanpak", D(2026, 1, 10))
    assert not found(facts(), [plan, eje, adjusted], D(2026, 3, 1), "WVP040")
    recorded_in_eje = doc("eerstejaarsevaluatie", D(2025, 12, 15), statements=[part("bijstelling")])
    assert not found(facts(), [plan, recorded_in_eje], D(2026, 3, 1), "WVP040")
    before_2023 = [doc("plan-van-aanpak", D(2023, 6, 1))]
    assert not found(CaseFacts("C-1", D(2023, 4, 1)), before_2023, D(2023, 7, 1), "WVP043")


def test_the_second_track_is_continuous():
    track = [doc("trajectplan", D(2026, 1, 12)), doc("voortgangsrapportage", D(2026, 2, 20)),
             doc("voortgangsrapportage", D(2026, 5, 1))]
    gaps = found(facts(), track, D(2026, 5, 20), "WVP045")
    assert [(f.severity, f.due) for f in gaps] == [("warning", D(2026, 4, 3))]
    assert "20-02-2026" in gaps[0].message and "01-05-2026" in gaps[0].message


def test_the_employee_got_a_copy_of_the_riv():
    riv = doc("re-integratieverslag", D(2026, 9, 20))
    [missing] = found(facts(), [riv], D(2026, 9, 25), "WVP047")
    assert "afschrift" in missing.message
    mail = doc("evaluatie", D(2026, 9, 21), statements=[part("afschrift_riv")])
    assert not found(facts(), [riv, mail], D(2026, 9, 25), "WVP047")


# --- Small legal corrections -------------------------------------------------------------------------

def test_practice_and_legal_basis_of_the_corrected_rules():
    assert {"WVP005", "WVP010", "WVP012", "WVP013"} <= {r.id for r in RULES if r.practice}
    assert BY_ID["WVP013"].severity == "warning"
    assert "BW 7:629 lid 10" in BY_ID["WVP033"].basis and "art. 23" in BY_ID["WVP033"].basis
    for rule_id in ("WVP040", "WVP041", "WVP042", "WVP044", "WVP045", "WVP046"):
        assert BY_ID[rule_id].practice, rule_id


# --- Dossiers in other people's words (not our examples) ---------------------------------------------

def _scan(name, text, mail=None):
    return documents_from(Extracted(name=name, kind="eml" if mail else "txt", text=text, mail=mail), f"C-1/{name}")


OTHER_WORDING = [
    ("notitie.txt", "Probleemanalyse. Werknemer J. de Boer is sinds 6 januari 2025 arbeidsongeschikt.\nDatum: 10-02-2025",
     None, "probleemanalyse"),
    ("brief.txt", "UWV\nPostbus 58285\n1040 HG Amsterdam\n\nOnderwerp: Ontvangstbevestiging ziekmelding\nDatum melding: "
     "3 november 2025\nMet vriendelijke groet,\nUWV", None, "42e-weekmelding"),
    ("bericht.eml", "Geachte werkgever, hierbij ontvangt u onze bevestiging.", MailMeta(
        "Ontvangstbevestiging ziekmelding langdurig zieke werknemer", "noreply@uwv.nl", ("hr@bakker.nl",), D(2025, 11, 4)),
     "42e-weekmelding"),
    ("PvA (herzien na EJE).docx", "Plan van aanpak, herzien na de eerstejaarsevaluatie", None, "bijstelling-plan-van-aanpak"),
    ("stuk 7.txt", "Tussenrapportage re-integratietraject\nKandidaat: J. de Boer\nPeriode: februari-maart 2026",
     None, "voortgangsrapportage"),
    ("doc.txt", "Revised plan of action\nEmployee: J. Smith\nDate: 2 February 2026", None, "bijstelling-plan-van-aanpak"),
    ("ack.txt", "UWV\n\nDear Sir or Madam,\nWe confirm receipt of your sickness notification for Ms Smith.\nDate of "
     "notification: 3 November 2025\nKind regards,\nUWV", None, "42e-weekmelding"),
    ("x.txt", "Actueel oordeel t.b.v. WIA-aanvraag\nDatum: 1-9-2026", None, "actueel-oordeel"),
]


@pytest.mark.parametrize(("name", "text", "mail", "expected"), OTHER_WORDING)
def test_recognition_in_other_wording(name, text, mail, expected):
    assert _scan(name, text, mail)[0].type == expected


def test_an_english_dossier_written_by_others():
    texts = [
        ("PA.txt", "Problem analysis. Employee J. Smith has been unfit for work since 6 January 2025.\nDate: 10-02-2025"),
        ("plan.txt", "Plan of action\nDate: 20-02-2025\nThe occupational physician advises a gradual build-up. Employer's "
                     "view: a return to the own job is expected. The employee's view: more time is needed."),
        ("FYE.txt", "First-year evaluation\nDate: 15-12-2025\nLooking back on the past year: hours were built up. The "
                    "goal for the second year is work elsewhere. The plan of action has been revised accordingly. "
                    "Employer's view and employee's view are recorded; the occupational physician advises the second "
                    "track."),
    ]
    documents = [d for name, text in texts for d in _scan(name, text)]
    assert [d.type for d in documents] == ["probleemanalyse", "plan-van-aanpak", "eerstejaarsevaluatie"]
    findings = {f.rule for f in found(facts(), documents, D(2026, 1, 10))}
    assert not findings & {"WVP043", "WVP044", "WVP040"}, findings


def test_a_classified_letter_is_dated_by_uwvs_receipt():
    letter = ("UWV\n\nDatum: 20 oktober 2026\nDatum aanvraag: 8 oktober 2026\nDatum ontvangst: 13 oktober 2026\n"
              "Wij bevestigen de ontvangst van uw aanvraag voor een WIA-uitkering.\nUWV")
    found_type = classify(Extracted(name="brief.txt", kind="txt", text=letter))
    assert (found_type.type, found_type.date) == ("wia-aanvraag", D(2026, 10, 13))
