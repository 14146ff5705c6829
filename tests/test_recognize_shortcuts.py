"""The shortcuts of recognize/ and core/ (prefilters, gates, string code for regular
expressions) give what the plain forms give, on odd mixes of the characters that matter."""

from __future__ import annotations

import random
import re

from plugin.core import dates, gates
from plugin.recognize import classify


def _texts(alphabet: str, seed: int, count: int = 4000, longest: int = 40) -> list[str]:
    rnd = random.Random(seed)
    return ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, longest))) for _ in range(count)]


def _words_texts(words: list[str], glue: str, seed: int, count: int = 3000) -> list[str]:
    rnd = random.Random(seed)
    return ["".join(rnd.choice(words) + rnd.choice(glue) for _ in range(rnd.randint(0, 8))) for _ in range(count)]


def test_the_type_prefilters_find_a_text_wherever_one_of_their_patterns_does():
    """_EITHER: a text none matches has no hit of any of the table's patterns."""
    for table, words in ((classify._TYPE_PATTERNS, classify.TYPE_KEYWORDS), (classify._UWV_PATTERNS, classify.UWV_PHRASES)):
        either, per_type = classify._EITHER[id(table)]
        samples = [p.replace("(?:", "").replace(")", "").replace("?", "").replace("\\", "")
                   for _, patterns in words for p in patterns]
        pieces = [w for s in samples for w in s.split()] + ["42", "e", "PvA", "AO", "BA", "ziek", "x"]
        texts = _words_texts(pieces, [" ", "", "-", "_", "\n", "é", ".", "1"], 5)
        texts += [s.upper() for s in samples] + samples + [f"na {s}" for s in samples] + [f"x{s}" for s in samples]
        for text in texts:
            any_hit = False
            for (_, patterns), named in zip(table, per_type):
                hit = any(p.search(text) for p in patterns)
                assert hit == (named.search(text) is not None), (text, named.pattern)
                any_hit = any_hit or hit
            assert any_hit == (either.search(text) is not None), text


def test_classify_earliest_and_match_as_without_prefilters(monkeypatch):
    lines = _words_texts(["Plan van aanpak", "PvA", "probleemanalyse", "eerstejaarsevaluatie", "evaluatie", "na",
                          "t.b.v.", "herzien", "Eindevaluatie", "WIA-aanvraag", "verlenging wachttijd", "loonsanctie",
                          "uwv", "42e weekmelding", "Trajectplan", "AO BA", "ao ba", "ziekmelding", "ontvangen"],
                         [" ", " ", "-", "_", ": ", "(", ". "], 11)
    fast = [(classify._match(t), classify._earliest(classify._TYPE_PATTERNS, t),
             classify._earliest(classify._UWV_PATTERNS, t)) for t in lines]
    monkeypatch.setattr(classify, "_EITHER", {})
    monkeypatch.setattr(classify, "_TYPE_PATTERNS", list(classify._TYPE_PATTERNS))   # another id: no prefilter
    slow = [(classify._match(t), classify._earliest(classify._TYPE_PATTERNS, t),
             classify._earliest(classify._UWV_PATTERNS, t)) for t in lines]
    assert fast == slow


def _date_texts(seed: int) -> list[str]:
    rnd = random.Random(seed)
    words = ["March", "maart", "Sep", "sep.", "o\u212at", "jan.", "mei", "Mayday", "x", "é", "-03-", "12-3-2025"]
    days, years = ["12", "1st", "3rd", "3", "123", "x3"], ["2025", "1949", "20251", "2024", "202"]
    glue = [" ", " ", ", ", ",", "\n", "", ".", "-", "\t", "  "]
    texts = ["".join(rnd.choice(words) + rnd.choice(glue) + rnd.choice(days) + rnd.choice(glue) + rnd.choice(years)
                     + rnd.choice(glue) for _ in range(rnd.randint(0, 3))) for _ in range(20000)]
    assert sum(1 for text in texts if dates._ANY_WORD_DAY_YEAR.search(text)) > 2000
    return texts


def test_a_month_first_date_is_where_its_day_and_year_are():
    """_DAY_YEAR finds something in every text _ANY_WORD_DAY_YEAR does (its gate)."""
    texts = _date_texts(3)
    texts += ["March 12, 2025", "maart 3 2025", "Sep. 1st 2024", "okt\t2 2025", "jan. 12 2026", "x,4 2025"]
    for text in texts:
        if dates._ANY_WORD_DAY_YEAR.search(text):
            assert dates._DAY_YEAR.search(text), repr(text)


def test_find_dates_as_without_the_gate(monkeypatch):
    texts = _date_texts(4)
    texts += ["Op March 12, 2025 en 3 maart 2025, 2025-03-04 en 5-3-2025", "oKt 2 2025"]
    fast = [dates.find_dates(t) for t in texts]
    monkeypatch.setattr(dates, "_DAY_YEAR", re.compile(""))   # always finds: no gate
    assert fast == [dates.find_dates(t) for t in texts]


def test_unusual_characters_found_as_the_pattern_does():
    texts = _texts("aZé\xb5\u03bcı\u017f\u212a\ufffe’ ", 7, 5000, 12) + ["µ", "é", "", "abc", "\u03c3"]
    for text in texts:
        if not text.isascii():
            assert gates._unusual_in(text) == (gates._EXTRA.search(text) is not None), repr(text)


def test_lowered_remembers_the_last_texts_only_by_identity():
    text = "Plan van Aanpak é" * 3
    assert gates.lowered(text) == text.lower() and gates.lowered(text) is gates.lowered(text)
    other = "".join(["ſtandpunt", ""])
    assert gates.lowered(other) is None and gates.lowered(text) == text.lower()
    assert gates.lowered("İstanbul") is None
    texts = [f"Tekst {n} É" for n in range(10)]
    for text in texts + texts[::-1] + texts:
        assert gates.lowered(text) == text.lower()
    assert gates.lowered("".join(["Tekst 9", " É"])) == "tekst 9 é"


def test_literal_first_moves_the_boundary_behind_the_words():
    assert gates.literal_first(r"\bwerkgever\W{1,3}x") == r"werkgever(?<!\wwerkgever)\W{1,3}x"
    assert gates.literal_first(r"\bemployer'?s?\W") == r"employer(?<!\wemployer)'?s?\W"
    assert gates.literal_first(r"\b(?:plan|pva)\bx") == r"(?:plan(?<!\wplan)|pva(?<!\wpva))\bx"
    assert gates.literal_first(r"(?<![^\W_])(?:ab-?c|d)(?![^\W_])") == r"(?:ab(?<![^\W_]ab)-?c|d(?<![^\W_]d))(?![^\W_])"
    for kept in (r"\b(?:a|b)?c", r"\b(?:a|[^\W_]*b)", r"\b\w+", r"a\bb", r"(?<![^\W_])(?:[^\W_]*visie)", r"\bA"):
        assert gates.literal_first(kept) == kept


def test_content_patterns_with_literal_first_match_as_written():
    """Every content part's pattern, moved (content._gated), finds what the plain one finds, where it finds it."""
    from plugin.core.terms import term_pattern
    from plugin.recognize import content

    plain, words = [], []
    for part in content.PARTS.values():
        plain.append(term_pattern(tuple(t.lower() for t in part.terms)))
        plain += [re.compile(x, re.IGNORECASE) for x in part.phrases]
        words += [w.strip("*") for t in part.terms for w in t.split()]
        words += [w for x in part.phrases for w in re.findall(r"[a-z0-9']+", x)]
    moved = [(pattern, twin) for patterns in content._gated().values() for pattern, _, twin in patterns]
    assert len(plain) == len(moved) and sum(a.pattern != b.pattern for a, (b, _) in zip(plain, moved)) > 30
    texts = _words_texts(sorted(set(words)) + ["De", "x", "_", "Ø", "ſ", "werkgeverx"],
                         [" ", "", " ", "-", "_", "\n", ".", "é", "'", ", "], 13, 4000)
    hits = 0
    lows = [gates.lowered(text) for text in texts]
    for a, (b, twin) in zip(plain, moved):
        for text, low in zip(texts, lows):
            found, again = a.search(text), b.search(text)
            assert (found and found.span()) == (again and again.span()), (a.pattern, text)
            if twin is not None and low is not None:
                again = twin.search(low)
                assert (found and found.span()) == (again and again.span()), (a.pattern, text)
            hits += found is not None
    assert hits > 500


def test_the_case_label_on_lower_case_text_finds_what_the_label_finds():
    rnd = random.Random(31)
    pieces = ["Casus", "casus", "CASE", "case", "nummer", "nr", "Nr.", "id", "ID", "number", ":", "#", " ", "\n", "", "2025-001",
              "AB/12", "_x", "é", "ſ", "K", "İ", "ı", "Ø", "-", "."]
    texts = ["".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 14))) for _ in range(20000)]
    found = 0
    for text in texts:
        match = classify.CASE_LABEL.search(text)
        assert classify._case_id({}, text, None) == (match.group(1) if match else None), repr(text)
        found += match is not None
    assert found > 1000


def test_words_of_a_latin1_text_as_the_pattern_finds_them():
    texts = _texts("ab Zé1_²ª.,µß\xa0\x85\t\n-’K", 37, 5000, 30) + ["", "de werkgever en de werknemer", "½ ¾ x²"]
    for text in texts:
        assert classify._words(text) == classify._WORD.findall(text), repr(text)


def test_uwv_date_on_the_lower_case_text_as_on_the_text(monkeypatch):
    rnd = random.Random(41)
    pieces = ["Datum melding", "datum van de ziekmelding", "Datum ontvangst", "ontvangen op", "Received on", "op",
              "12-03-2025", "3 maart 2025", "ontvangen", "binnengekomen", "gedaan", "ingediend", ":", " ", "\n", "x",
              "Date of the application", "é", "ſ", "İ", "UWV", "2025"]
    texts = ["".join(rnd.choice(pieces) + rnd.choice([" ", "", " ", "\n"]) for _ in range(rnd.randint(0, 14)))
             for _ in range(6000)]
    fast = [(classify.uwv_date(t), classify.uwv_date(t, receipt_first=True)) for t in texts]
    assert sum(1 for a, b in fast if a or b) > 1000
    monkeypatch.setattr(classify, "lowered", lambda text: None)   # the patterns on the text itself
    assert fast == [(classify.uwv_date(t), classify.uwv_date(t, receipt_first=True)) for t in texts]


def test_find_dates_of_latin1_text_with_ascii_digits_as_with_any_digits(monkeypatch):
    texts = [t for t in _date_texts(43) if t.isascii()]
    texts += [t.replace("x", "é") + " ²3-4-2025 ¹12 maart 2025" for t in texts[:3000]]
    texts += ["٣-4-2025 en 3-4-2025", "2025-03-0٤ 2025-03-04"]   # other digits: not Latin-1, the plain forms
    fast = [dates.find_dates(t) for t in texts]
    assert sum(1 for found in fast if found) > 3000
    monkeypatch.setattr(dates, "_LATIN1_FORMS", dates._FORMS)
    assert fast == [dates.find_dates(t) for t in texts]
