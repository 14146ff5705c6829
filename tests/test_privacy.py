"""The AVG guard: the corpus (every medical phrase blocked, no functional one), the API, the
vocabulary as data, and every part of a .docx read (properties, comments, tracked changes,
headers, text boxes, ...)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from plugin.core.privacy import count_terms, describe, find_in_parts, find_terms, medical_terms, vocabulary
from plugin.documents.docx_text import docx_parts
from plugin.errors import RuleFileError
from plugin.resources import checks_dir

DATA = Path(__file__).resolve().parent / "data" / "privacy"
sys.path.insert(0, str(DATA))
from leaky_docx import PLACES, hide  # noqa: E402
from measure import phrases  # noqa: E402

MEDICAL = phrases("medisch.txt")
FUNCTIONAL = phrases("functioneel.txt")


def test_the_corpus_is_big_enough_and_half_the_functional_phrases_come_from_health_care():
    assert len(MEDICAL) >= 150 and len(FUNCTIONAL) >= 150
    text = (DATA / "functioneel.txt").read_text(encoding="utf-8")
    care = text.split("# -- zorg")[1].split("# -- algemeen")[0]
    care_lines = [line for line in care.splitlines()[1:] if line.strip() and not line.startswith("#")]
    assert len(care_lines) >= len(FUNCTIONAL) / 2
    english = [p for p in MEDICAL if p.split()[0] in ("Employee", "He", "She", "Had", "Suffers", "Diagnosed")]
    assert len(english) >= 8


@pytest.mark.parametrize("phrase", MEDICAL)
def test_every_medical_phrase_is_blocked(phrase):
    assert find_terms(phrase), phrase


@pytest.mark.parametrize("phrase", FUNCTIONAL)
def test_no_functional_phrase_is_blocked(phrase):
    assert find_terms(phrase) == [], phrase


@pytest.mark.parametrize(("text", "term", "group"), (
    ("Na een knieoperatie niet tillen.", "knieoperatie", "letsel"),
    ("Uitval door borstkanker.", "borstkanker", "diagnose"),
    ("Burnoutklachten sinds mei.", "Burnoutklachten", "psyche"),
    ("De hernia-operatie is geslaagd.", "hernia-operatie", "diagnose"),
    ("Last van migraineaanvallen.", "migraineaanvallen", "diagnose"),
    ("Heeft een hersenschudding.", "hersenschudding", "letsel"),
    ("GGZ-behandeling gestart.", "GGZ-behandeling", "behandeling"),
    ("Gaat naar de psychiater.", "psychiater", "zorgverlener"),
    ("Zwangerschapsklachten.", "Zwangerschapsklachten", "zwangerschap"),
    ("Slikt antidepressiva.", "antidepressiva", "medicatie"),
    ("Was opgenomen in het ziekenhuis.", "opgenomen in het ziekenhuis", "zorgbezoek"),
    ("Had KNEE SURGERY in May.", "KNEE SURGERY", "letsel"),
    ("Heeft een hernia\u2011operatie gehad.", "hernia\u2011operatie", "diagnose"),   # non-breaking hyphen
    ("Suïcidale gedachten.", "Suïcidale", "psyche"),
))
def test_a_hit_names_the_whole_word_its_entry_group_and_offsets(text, term, group):
    (hit,) = find_terms(text)
    assert hit.term == term and hit.group == group
    assert text[hit.start:hit.end] == term
    assert hit.stem and hit.entry.strip("*") and hit.stem in hit.entry.lower().replace("ï", "i")


@pytest.mark.parametrize(("text", "blocked"), (
    ("Werkt als psycholoog bij een GGZ-instelling.", False),              # job signal
    ("Collega-fysiotherapeuten nemen het over.", False),                  # signal inside the word
    ("Zoekprofiel: verpleegkundige, psycholoog of fysiotherapeut.", False),  # job label on the line
    ("Werkt als secretaresse bij de maatschap chirurgie.", False),        # a sentence about work
    ("Werkt halve dagen en gaat naar de fysiotherapeut.", True),          # ... unless care comes first
    ("Psycholoog bij de GGD, kan drie dagen werken.", False),             # followed by a workplace
    ("Wil terug als psychiatrisch verpleegkundige.", False),              # followed by a job
    ("Gaat naar de psychiatrisch verpleegkundige.", True),
    ("Werkgever: Fysiotherapie Centrum West.", False),                    # organisation's name
    ("Centrum voor Psychotherapie en Haptonomie", False),
    ("Diabetesverpleegkundige op de poli.", False),                       # compound ending in a job
    ("Controle bij de diabetesverpleegkundige.", True),
    ("Behandelingen als fysiotherapie lopen door.", True),                # 'als' alone is not a job signal
    ("Treatments such as physiotherapy are ongoing.", True),
    ("Logistieke operatie en manager operaties.", False),                 # exceptions
    ("Start arbeidstherapeutisch werken.", False),
    ("Geen diagnose in dit verslag.", False),
    ("De diagnose is gesteld.", True),
))
def test_the_work_context_rules(text, blocked):
    assert bool(find_terms(text)) is blocked, [h.term for h in find_terms(text)]


def test_the_old_helpers_still_work_for_their_callers():
    text = "Depressieve klachten; na de operatie en nog een operatie fysiotherapie."
    assert medical_terms(text) == ["depressieve", "operatie", "fysiotherapie"]
    assert count_terms(text)["operatie"] == 2
    assert medical_terms("Kan 4 uur per dag werken.") == []


def test_the_control_set_written_after_the_vocabulary_stays_near_the_target():
    """Phrases the vocabulary was not written from: a regression guard, not a tuning target."""
    medical, functional = phrases("controle-medisch.txt"), phrases("controle-functioneel.txt")
    assert len(medical) >= 50 and len(functional) >= 50
    recall = sum(bool(find_terms(p)) for p in medical) / len(medical)
    false_blocks = sum(bool(find_terms(p)) for p in functional) / len(functional)
    assert recall >= 0.95 and false_blocks <= 0.05, (recall, false_blocks)


def test_exempt_values_and_work_values():
    text = "Werkgever Fysiotherapie Noordwest; zij gaat naar fysiotherapie."
    hits = find_terms(text, exempt=["Fysiotherapie Noordwest"])
    assert [h.term for h in hits] == ["fysiotherapie"]          # the employer's name is not, the visit is
    hits = find_terms("Functie: Psycholoog. Gesprekken met een psycholoog.", exempt=["Psycholoog"])
    assert [(h.term, h.start) for h in hits] == [("psycholoog", 40)]   # as typed only: the visit still counts
    profile = "Verpleegkundige, psycholoog of doktersassistent; geen werk met rugklachten"
    assert [h.term for h in find_terms(profile, work=[profile])] == ["rugklachten"]


def test_describe_names_word_group_and_place():
    hits = find_in_parts([("koptekst", "Na de knieoperatie"), ("hoofdtekst", "Kan 4 uur werken")])
    assert describe(hits) == "'knieoperatie' (letsel of breuk, in koptekst)"


def test_one_compiled_pattern_cached():
    assert vocabulary() is vocabulary()
    assert vocabulary().pattern is vocabulary().pattern


def _bureau_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "checks"
    folder.mkdir()
    for name in ("diagnose-termen.toml", "diagnose-termen-uitzonderingen.toml"):
        shutil.copy(checks_dir() / name, folder / name)
    return folder


def test_a_bureau_extends_the_vocabulary_and_the_exceptions(tmp_path):
    folder = _bureau_copy(tmp_path)
    terms = folder / "diagnose-termen.toml"
    terms.write_text(terms.read_text(encoding="utf-8") + '\n[groepen.eigen]\nnaam = "eigen lijst"\n'
                     'termen = ["*kwaaltje*"]\n', encoding="utf-8")
    allow = folder / "diagnose-termen-uitzonderingen.toml"
    allow.write_text(allow.read_text(encoding="utf-8").replace('woorden = [', 'woorden = [\n  "*operatieplanner*",'),
                     encoding="utf-8")
    (hit,) = find_terms("Een rugkwaaltje.", folder=folder)
    assert (hit.term, hit.group, hit.group_label(folder=folder)) == ("rugkwaaltje", "eigen", "eigen lijst")
    assert find_terms("Functie: operatieplanner", folder=folder) == []
    assert find_terms("Een rugkwaaltje.") == []                  # the bundled list is untouched


def test_the_bureaus_own_folder_is_used_everywhere_through_the_environment(tmp_path, monkeypatch):
    folder = _bureau_copy(tmp_path)
    terms = folder / "diagnose-termen.toml"
    terms.write_text(terms.read_text(encoding="utf-8").replace('"*kanker*"', '"*kanker*", "*kwaaltje*"'),
                     encoding="utf-8")
    assert find_terms("Een rugkwaaltje.") == []
    monkeypatch.setenv("POORTWACHTER_TERMEN", str(folder))
    assert [h.term for h in find_terms("Een rugkwaaltje.")] == ["rugkwaaltje"]
    monkeypatch.setenv("POORTWACHTER_TERMEN", str(tmp_path / "nergens"))
    with pytest.raises(RuleFileError, match="POORTWACHTER_TERMEN"):
        find_terms("tekst")


@pytest.mark.parametrize(("change", "message"), (
    (lambda t: t.replace('[groepen.diagnose]', '[groepen.diagnose]\nkleur = "rood"'), "onbekend veld kleur"),
    (lambda t: t.replace('"*kanker*"', '"*kan*ker*"'), "'*kan*ker*' heeft een * in het midden"),
    (lambda t: t.replace('"*kanker*"', '"*k*"'), "'*k*' is te kort"),
    (lambda t: t.replace('[groepen.diagnose]', '[groepen.diagnose'), "geen geldige TOML"),
))
def test_a_broken_vocabulary_names_file_group_and_term(tmp_path, change, message):
    folder = _bureau_copy(tmp_path)
    terms = folder / "diagnose-termen.toml"
    terms.write_text(change(terms.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(RuleFileError) as error:
        find_terms("tekst", folder=folder)
    assert "diagnose-termen.toml" in str(error.value) and message in str(error.value)


def _plain_docx() -> bytes:
    from readers_fixtures import make_docx

    return make_docx(["Kan 4 uur per dag werken."], header="Maandrapportage")


@pytest.mark.parametrize(("place", "where"), (
    ("title", "documenteigenschap Titel"), ("comment", "opmerking van Casemanager"),
    ("deletion", "bijgehouden wijziging (verwijderd) in hoofdtekst"),
    ("insertion", "bijgehouden wijziging (ingevoegd) in hoofdtekst"), ("header", "koptekst"), ("footer", "voettekst"),
    ("textbox", "tekstvak in hoofdtekst"), ("footnote", "voetnoot"), ("custom", "aangepaste eigenschap Toelichting"),
    ("alttext", "alternatieve tekst van een afbeelding in hoofdtekst"),
))
def test_every_part_of_a_docx_is_read_and_named(place, where):
    assert set(PLACES) >= {place}
    data = hide(_plain_docx(), place, "Herstelt van een knieoperatie.")
    hits = find_in_parts(docx_parts(data))
    assert [(h.term, h.where) for h in hits] == [("knieoperatie", where)]
    assert find_in_parts(docx_parts(_plain_docx())) == []


def test_a_text_stuffed_with_medical_words_is_refused_without_reading_every_hit():
    from plugin.core.privacy import MAX_HITS

    hits = find_terms("knieoperatie " * 50_000 + "operatie" * 20_000)
    assert len(hits) == MAX_HITS and hits[0].term == "knieoperatie"
    pieces = find_terms("x " + "operatie" * 20_000)              # one "word" of 160,000 letters
    assert pieces[0].start == 2 and all(len(p.term) <= 2 * 80 + len("operatie") for p in pieces)


def test_the_guard_benchmark_runs(tmp_path):
    """bench/bench_privacy.py on two pages: it runs and finds the one diagnosis; no speed asserted."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_privacy", Path(__file__).resolve().parents[1] / "bench"
                                                  / "bench_privacy.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    lines: list[str] = []
    result = bench.run_benchmark(pages=2, repeat=1, report=lines.append)
    assert set(result["texts"]) == {"general wording", "half from health care"}
    for text in result["texts"].values():
        assert text["chars"] > 1000 and text["guard_s"] > 0 and text["baseline_s"] > 0 and text["hits"] == 1
    assert "worst ratio" in lines[-1]
