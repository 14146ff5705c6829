"""Which language a case's documents are written in: the Taal column, else the free text, else Dutch."""

from __future__ import annotations

from plugin.workbook import Case

SUPPORTED = ("nl", "en")
DEFAULT = "nl"
SNIPPET = 2000          # characters; enough for a stable answer, bounded for speed
MIN_LETTERS = 25        # below this langdetect is a coin toss: keep the default

_FREE_TEXT_KEYS = ("belastbaarheid", "prognose", "persoonsprofiel", "zoekprofiel")


def detect_language(text: str) -> str:
    """'nl' or 'en' for a piece of text, deterministic; Dutch when unsure."""
    snippet = text[:SNIPPET]
    if sum(ch.isalpha() for ch in snippet) < MIN_LETTERS:
        return DEFAULT
    from langdetect import DetectorFactory, detect_langs
    from langdetect.lang_detect_exception import LangDetectException

    DetectorFactory.seed = 0
    try:
        scores = {r.lang: r.prob for r in detect_langs(snippet)}
    except LangDetectException:
        return DEFAULT
    nl, en = scores.get("nl", 0.0), scores.get("en", 0.0)
    return "en" if en > nl else DEFAULT


def case_language(case: Case) -> str:
    if case["taal"] in SUPPORTED:
        return case["taal"]
    parts = [str(case[k] or "") for k in _FREE_TEXT_KEYS]
    for row in case.evaluations:
        parts += [str(row.get("samenvatting") or ""), str(row.get("afspraken") or "")]
    return detect_language("\n".join(p for p in parts if p))
