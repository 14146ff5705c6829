"""Literal gates for regular expressions: words one of which must be in a text for a pattern to match.

Searching a few kilobytes with a pattern that starts with `\\b` or a character class costs the
regex engine a try at every position; looking for a plain word (`str.__contains__`) costs
almost nothing. `gate(pattern)` reads the parsed pattern and returns lower-case strings of
which every match holds at least one (a run of literal characters the match cannot avoid,
or one per branch of an alternation), or None when it finds none. `lowered(text)` gives the
lower-case text to look them up in, when that is exact for a search with IGNORECASE: the
same length as the text (no character whose lower case is longer, as 'İ') and none of the
characters IGNORECASE matches beyond their lower case ('ı' for 'i', 'ſ' for 's', ...). For
any other text callers search without gates, as before.
"""

from __future__ import annotations

import re

try:   # Python 3.11+
    from re import _constants as _C, _parser as _P
except ImportError:  # pragma: no cover - older Pythons
    import sre_constants as _C  # type: ignore[no-redef]
    import sre_parse as _P  # type: ignore[no-redef]

try:
    from re._casefix import _EXTRA_CASES   # lower-case code -> codes IGNORECASE also matches
    _EXTRA = re.compile("[" + "".join(re.escape(chr(c)) for key, extra in _EXTRA_CASES.items()
                                      for c in (key, *extra) if c > 0x7F) + "]")
except ImportError:  # pragma: no cover - no table: any non-ASCII text goes without gates
    _EXTRA = re.compile(r"[^\x00-\x7f]")

_REPEATS = tuple(getattr(_C, name) for name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") if hasattr(_C, name))


def lowered(text: str) -> str | None:
    """text.lower() when looking gate words up in it is exact for IGNORECASE searches, else None."""
    low = text.lower()
    if len(low) != len(text) or (not text.isascii() and _EXTRA.search(text)):
        return None
    return low


def gate(pattern: re.Pattern[str] | str, flags: int = 0) -> tuple[str, ...] | None:
    """Lower-case strings one of which is in every match of pattern (lower-cased), or None."""
    if isinstance(pattern, re.Pattern):
        pattern, flags = pattern.pattern, pattern.flags
    needs = _needs(list(_P.parse(pattern, flags)))
    return tuple(sorted(needs)) if needs else None


def _needs(items: list) -> set[str] | None:
    """For one sequence of parsed items: the best set of strings one of which every match holds."""
    options: list[set[str]] = []
    run: list[str] = []
    for op, value in items + [(None, None)]:
        if op is _C.LITERAL:
            run.append(chr(value))
            continue
        if run:
            options.append({"".join(run).lower()})
            run = []
        found = None
        if op is _C.SUBPATTERN:
            found = _needs(list(value[-1]))
        elif op is _C.BRANCH:
            branches = [_needs(list(branch)) for branch in value[1]]
            found = set().union(*branches) if all(branches) else None
        elif op in _REPEATS and value[0] >= 1:
            found = _needs(list(value[2]))
        if found:
            options.append(found)
    if not options:
        return None
    # the set whose shortest string is longest (rarest), then the one with fewest strings
    return max(options, key=lambda option: (min(map(len, option)), -len(option)))
