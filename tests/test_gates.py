import re

from plugin.core.gates import gate, lowered
from plugin.recognize import content


def test_gate_words_are_in_every_match():
    assert repr(gate(re.compile(r"\bwerkgever\W{1,3}(?:vindt|ziet)", re.I))) == "all('werkgever', any('vindt', 'ziet'))"
    assert repr(gate(r"(?:ab|c)d")) == "all('d', any('ab', 'c'))"   # plain strings first
    assert gate(r"\w+\s*") is None                       # nothing literal: no gate
    assert repr(gate(r"(?:foo|\w+)bar")) == "'bar'"     # a branch without a literal gives none
    assert repr(gate(r"x(?=needle)")) == "'x'"          # lookarounds never count
    assert repr(gate(r"(?:abc)?D{2,}")) == "'d'"         # lower case: tested on lowered text
    needs = gate(re.compile(r"\b(?:afschrift|kopie)\b[^.\n]{0,80}\b(?:ontvangen|verstrekt)", re.I))
    assert needs.passes("kopie is verstrekt") and not needs.passes("kopie") and not needs.passes("ontvangen")
    seen: dict[str, bool] = {}
    assert needs.passes("afschrift ontvangen", seen) and seen == {"afschrift": True, "ontvangen": True}


def test_lowered_only_when_exact_for_ignorecase():
    assert lowered("Plan van Aanpak é") == "plan van aanpak é"
    assert lowered("İstanbul") is None                   # lower case is longer
    assert lowered("ſtandpunt") is None                  # IGNORECASE matches 's' here, lower() does not


def test_parts_with_gates_are_the_parts_without():
    texts = ["De visie van de werkgever: hij ziet kansen.", "Werknemer geeft aan dat het goed gaat.",
             "Afschrift ontvangen door de werknemer.", "The employee received a copy of the re-integration report.",
             "Doel voor het tweede ziektejaar: spoor 2.", "ſtandpunt werkgever", "Het PLAN VAN AANPAK is bijgesteld.",
             "Zoekprofiel: magazijn", "niets"]
    for text in texts:
        for doc_type in (*content.LOOKED_FOR, None):
            assert content.parts_in(text, doc_type) == content.parts_in(text, doc_type, None)


def test_lower_twin_matches_as_ignorecase_on_lowered_text():
    from plugin.core.gates import lower_twin

    pattern = re.compile(r"\bvisie\W{0,3}(?:van\W+)?werkgever", re.I)
    twin = lower_twin(pattern)
    for text in ("Visie van de werkgever", "VISIE  WERKGEVER", "visie:werkgever", "Visié werkgever"):
        low = lowered(text)
        assert (twin.search(low) and twin.search(low).span()) == (pattern.search(text) and pattern.search(text).span())
    assert lower_twin(re.compile("Visie", re.I)) is None     # an upper-case letter: no twin
    assert lower_twin(re.compile("visie")) is None           # not IGNORECASE: nothing to gain


def test_unusual_letters_in_a_pattern_are_no_gate():
    from plugin.core.gates import lower_twin

    assert repr(gate(re.compile("abſcd", re.I))) == "all('ab', 'cd')"   # 'ſ' matches 's' too: it breaks the run
    assert repr(gate(re.compile("abİcd", re.I))) == "all('ab', 'cd')"
    assert lower_twin(re.compile("ſtandpunt", re.I)) is None
