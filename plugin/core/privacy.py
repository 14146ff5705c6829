"""The AVG rule as code: employer-facing text must not carry diagnosis or other medical terms.

The term list is data (checks/diagnose-termen.toml) so a bureau can extend it.
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from functools import lru_cache
from pathlib import Path

from plugin.errors import RuleFileError
from plugin.resources import checks_dir

TERMS_FILE = "diagnose-termen.toml"


@lru_cache(maxsize=8)
def _pattern(path: Path) -> re.Pattern:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise RuleFileError(f"{path}: termenlijst niet leesbaar: {exc}") from None
    terms = []
    for lang, section in data.items():
        if not isinstance(section, dict) or not isinstance(section.get("termen"), list):
            raise RuleFileError(f"{path}: sectie [{lang}] mist de lijst 'termen'")
        terms += [str(t).strip().lower() for t in section["termen"] if str(t).strip()]
    parts = []
    for term in sorted(set(terms), key=len, reverse=True):
        stem = term.rstrip("*")
        body = r"\s+".join(re.escape(w) for w in stem.split())
        parts.append(body + (r"\w*" if term.endswith("*") else ""))
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])", re.IGNORECASE)


def count_terms(text: str, terms_file: Path | None = None) -> Counter:
    """How often each medical term occurs in text (lower-case)."""
    pattern = _pattern((terms_file or checks_dir() / TERMS_FILE).resolve())
    return Counter(re.sub(r"\s+", " ", m.group(0).lower()) for m in pattern.finditer(text))


def medical_terms(text: str, terms_file: Path | None = None) -> list[str]:
    """The medical terms found in text (lower-case, unique, in order of appearance)."""
    pattern = _pattern((terms_file or checks_dir() / TERMS_FILE).resolve())
    found: list[str] = []
    for match in pattern.finditer(text):
        word = match.group(0).lower()
        if word not in found:
            found.append(word)
    return found
