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


def term_body(term: str) -> str:
    """The regex for one term in the AVG guard's notation (checks/diagnose-termen.toml), so
    recognition reads compounds as the guard does: `ziekmelding` the whole word, `ziekmelding*`
    the word with any ending, `*ziekmelding` also as the end of a compound
    (ontvangstbevestiging-ziekmelding, 42e-weeksziekmelding), `*visie*` anywhere in a word. A
    space matches white space, a hyphen or nothing (`plan van aanpak`, `plan-van-aanpak`); a
    hyphen matches a hyphen or nothing; other characters are literal."""
    head = r"[^\W_]*" if term.startswith("*") else ""
    tail = r"[^\W_]*" if term.endswith("*") else ""
    words = term.strip("*").split()
    body = r"[\s-]*".join(re.escape(word).replace(r"\-", "-?") for word in words)
    return head + body + tail


@lru_cache(maxsize=1024)
def _compiled_terms(terms: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = sorted({term_body(t) for t in terms if t.strip("* ")}, key=len, reverse=True)
    if not alternatives:
        return NEVER
    return re.compile(EDGE_BEFORE + "(?:" + "|".join(alternatives) + ")" + EDGE_AFTER, re.IGNORECASE)


def term_pattern(terms: Iterable[str]) -> re.Pattern[str]:
    """Any of the terms (see term_body) as whole words, case-insensitive; the hit is the whole word."""
    return _compiled_terms(tuple(sorted(set(terms))))
