"""Which language a text or a case is in: Dutch or English, deterministic, Dutch when unsure."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from pathlib import Path

SUPPORTED = ("nl", "en")
DEFAULT = "nl"
SNIPPET = 600         # characters: nl vs en is clear by then, and langdetect time grows with length
MIN_LETTERS = 20        # below this langdetect is a coin toss: keep the default


@functools.lru_cache(maxsize=1)
def _factory():
    """A langdetect factory that knows only Dutch and English, seeded for repeatable answers."""
    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

    DetectorFactory.seed = 0
    factory = DetectorFactory()
    factory.load_json_profile([(Path(PROFILES_DIRECTORY) / lang).read_text(encoding="utf-8") for lang in SUPPORTED])
    return factory


def detect_language(text: str) -> str:
    """'nl' or 'en' for a piece of text; 'nl' when it is too short to tell."""
    from langdetect.lang_detect_exception import LangDetectException

    snippet = text[:SNIPPET]
    if sum(ch.isalpha() for ch in snippet) < MIN_LETTERS:
        return DEFAULT
    detector = _factory().create()
    detector.append(snippet)
    try:
        probabilities = {p.lang: p.prob for p in detector.get_probabilities()}
    except LangDetectException:
        return DEFAULT
    return "en" if probabilities.get("en", 0.0) > probabilities.get("nl", 0.0) else DEFAULT


def language_of(recorded: str | None, texts: Iterable[str]) -> str:
    """The recorded language if it is one we support, else the language of the texts, else Dutch."""
    if recorded in SUPPORTED:
        return recorded
    return detect_language("\n".join(t for t in texts if t))
