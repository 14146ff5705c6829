"""Whole-word phrase matching: one rule for case numbers, names and search terms.

A phrase matches as whole words (not inside a longer word: a letter or digit right before or
after it), case-insensitively, with any white space between its words. An underscore, dash or
other punctuation is an edge, so `2025-001_El Amrani` names case 2025-001. Compiled patterns are cached, because the same phrases are
searched in thousands of messages and files.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable

NEVER = re.compile(r"(?!x)x")
EDGE_BEFORE, EDGE_AFTER = r"(?<![^\W_])", r"(?![^\W_])"   # no letter or digit next to it


def phrase_body(phrase: str) -> str:
    """The regex for one phrase: its words escaped, any white space between them."""
    return r"\s+".join(re.escape(word) for word in phrase.split())


@lru_cache(maxsize=4096)
def _compiled(phrases: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = sorted({phrase_body(p) for p in phrases if p.split()}, key=len, reverse=True)
    if not alternatives:
        return NEVER
    return re.compile(EDGE_BEFORE + "(?:" + "|".join(alternatives) + ")" + EDGE_AFTER, re.IGNORECASE)


def phrase_pattern(phrases: Iterable[str]) -> re.Pattern[str]:
    """Any of the phrases as whole word(s), case-insensitive."""
    return _compiled(tuple(sorted(set(phrases))))


def contains_phrase(text: str, phrase: str) -> bool:
    return phrase_pattern((phrase,)).search(text) is not None
