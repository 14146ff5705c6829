"""Literal gates for regular expressions: words one of which must be in a text for a pattern to match.

Searching a few kilobytes with a pattern that starts with `\\b` or a character class costs the
regex engine a try at every position; looking for a plain word (`str.__contains__`) costs
almost nothing. `gate(pattern)` reads the parsed pattern and returns what every match holds: the runs of
literal characters a match cannot avoid, all of them for a sequence and those of one branch
for an alternation (a Gate, tested on the lower-cased text), or None when nothing is sure. `lowered(text)` gives the
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


def _unusual(char: str) -> bool:
    """A character IGNORECASE matches beyond its lower case, or whose lower case is longer: a
    pattern's literal like that is no gate word (a text's is handled by lowered)."""
    return len(char.lower()) != 1 or (not char.isascii() and _EXTRA.match(char) is not None)


def lowered(text: str) -> str | None:
    """text.lower() when looking gate words up in it is exact for IGNORECASE searches, else None."""
    for seen, low in _recent:   # classify and statements.extract ask for the same text in turn
        if seen is text:
            return low
    low = text.lower()
    if len(low) != len(text) or (not text.isascii() and _unusual_in(text)):
        low = None
    _recent[1:] = _recent[:_RECENT - 1]
    _recent[0] = (text, low)
    return low


_RECENT = 4   # classify asks for three texts of a file (its start, its end, its name and start)
_recent: list[tuple[str | None, str | None]] = [(None, None)] * _RECENT
# Of the characters _EXTRA finds, only MICRO SIGN is below U+0100: a text of Latin-1
# characters alone (most Dutch texts: é, ë, ö) is decided by one look for it.
_LATIN1_EXTRA = "".join(chr(c) for c in range(0x80, 0x100) if _EXTRA.match(chr(c)))


def _unusual_in(text: str) -> bool:
    """Whether _EXTRA finds a character in a text that is not all ASCII."""
    try:
        text.encode("latin-1")
    except UnicodeEncodeError:
        return _EXTRA.search(text) is not None
    return any(char in text for char in _LATIN1_EXTRA)


def lower_twin(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """The IGNORECASE pattern without it, for the lowered text (same matches, same offsets),
    when its letters are all lower case (outside escapes such as \\W); else None."""
    letters = re.sub(r"\\.", "", pattern.pattern)
    if not pattern.flags & re.IGNORECASE or any(c.isupper() or _unusual(c) for c in letters):
        return None
    return re.compile(pattern.pattern, pattern.flags & ~re.IGNORECASE)


def gate(pattern: re.Pattern[str] | str, flags: int = 0) -> Gate | None:
    """What every match of pattern holds (lower-cased), as a Gate; None when nothing is sure."""
    if isinstance(pattern, re.Pattern):
        pattern, flags = pattern.pattern, pattern.flags
    return _needs(list(_P.parse(pattern, flags)))


class Gate:
    """A condition on a lower-cased text that every match of a pattern meets: a literal string
    it holds, all of some conditions (a sequence) or one of some (an alternation)."""

    __slots__ = ("kind", "items")

    def __init__(self, kind: str, items):
        self.kind, self.items = kind, items   # "in": a string; "all" / "any": Gates

    def passes(self, low: str, seen: dict[str, bool] | None = None) -> bool:
        """Whether low (gates.lowered of a text) meets it; seen: answers for strings, shared by
        the gates tried on one text."""
        if self.kind == "in":
            if seen is None:
                return self.items in low
            found = seen.get(self.items)
            if found is None:
                found = seen[self.items] = self.items in low
            return found
        if self.kind == "all":
            return all(item.passes(low, seen) for item in self.items)
        return any(item.passes(low, seen) for item in self.items)

    def __repr__(self) -> str:
        if self.kind == "in":
            return repr(self.items)
        return f"{self.kind}({', '.join(map(repr, self.items))})"


def _needs(items: list) -> Gate | None:
    """For one sequence of parsed items: what each of its matches holds, or None."""
    parts: list[Gate] = []
    run: list[str] = []
    for op, value in items + [(None, None)]:
        if op is _C.LITERAL and not _unusual(chr(value)):
            run.append(chr(value))
            continue
        if run:
            parts.append(Gate("in", "".join(run).lower()))
            run = []
        found = None
        if op is _C.SUBPATTERN:
            found = _needs(list(value[-1]))
        elif op is _C.BRANCH:
            branches = [_needs(list(branch)) for branch in value[1]]
            found = Gate("any", branches) if all(branches) else None
        elif op in _REPEATS and value[0] >= 1:
            found = _needs(list(value[2]))
        if found is not None:
            parts.append(found)
    if not parts:
        return None
    # the longest strings first: the rarer, the sooner a text without them is done
    parts.sort(key=lambda gate: -len(gate.items) if gate.kind == "in" else 0)
    return parts[0] if len(parts) == 1 else Gate("all", parts)


# A pattern that starts with a word boundary (\b, or terms.EDGE_BEFORE) is tried at every
# position of a text; one that starts with a literal word lets the regex engine look for the
# word first. literal_first moves the boundary behind the word(s) it starts with, as a
# lookbehind that holds the same: "\bwerkgever\W" -> "werkgever(?<!\wwerkgever)\W" (the
# character before the word is no word character), "\b(?:plan|pva)x" ->
# "(?:plan(?<!\wplan)|pva(?<!\wpva))x". The same matches at the same offsets.
_EDGES = ((r"\b", r"\w"), (r"(?<![^\W_])", r"[^\W_]"))
_RUN = re.compile(r"[a-z0-9][a-z0-9 ']*")
_QUANTIFIERS = ("?", "*", "+", "{")


def literal_first(pattern: str) -> str:
    """pattern with its leading word boundary behind the literal words it starts with, or
    pattern itself when it does not start so (a boundary, then lower-case words)."""
    for edge, before in _EDGES:
        if pattern.startswith(edge):
            break
    else:
        return pattern
    rest = pattern[len(edge):]
    if not rest.startswith("(?:"):
        moved = _moved(rest, before)
        return pattern if moved is None else moved
    end = _closing(rest)
    if end is None or rest[end + 1:end + 2] in _QUANTIFIERS:
        return pattern
    alternatives = [_moved(branch, before) for branch in _branches(rest[3:end])]
    if any(branch is None for branch in alternatives):
        return pattern
    return "(?:" + "|".join(alternatives) + ")" + rest[end + 1:]   # type: ignore[arg-type]


def _moved(branch: str, before: str) -> str | None:
    run = _RUN.match(branch)
    if run is None:
        return None
    word = run.group(0)
    if branch[len(word):len(word) + 1] in _QUANTIFIERS:   # its last character is optional or repeated
        word = word[:-1]
    if not word:
        return None
    return f"{word}(?<!{before}{word}){branch[len(word):]}"


def _skip(pattern: str, at: int) -> int:
    """The index after the item at `at`: an escape, a character class or one character."""
    if pattern[at] == "\\":
        return at + 2
    if pattern[at] == "[":
        at += 1
        if at < len(pattern) and pattern[at] == "^":
            at += 1
        at += 1   # a ']' first is literal
        while at < len(pattern) and pattern[at] != "]":
            at = at + 2 if pattern[at] == "\\" else at + 1
        return at + 1
    return at + 1


def _items(pattern: str):
    """(index, character, group depth after it) for each item of pattern (escapes and classes whole)."""
    depth, at = 0, 0
    while at < len(pattern):
        char = pattern[at]
        depth += 1 if char == "(" else -1 if char == ")" else 0
        yield at, char, depth
        at = _skip(pattern, at)


def _closing(pattern: str) -> int | None:
    """The index of the ')' that closes the group opening pattern."""
    return next((at for at, char, depth in _items(pattern) if char == ")" and depth == 0), None)


def _branches(body: str) -> list[str]:
    """The alternatives of a group's body, split at its own '|'."""
    cuts = [at for at, char, depth in _items(body) if char == "|" and depth == 0]
    return [body[a + 1:b] for a, b in zip([-1, *cuts], [*cuts, len(body)])]
