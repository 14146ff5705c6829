"""Which required parts a document's text lacks: WVP.md "minimum content of the documents we generate".

Each part is recognised by words a writer uses for it (Dutch and English), as whole words
anywhere in the text. This is a writing aid for the Word task pane and /api/inspect, not a
legal verdict: UWV judges the content, and a part can be present in other words. The parts
of each type are in its record (plugin.core.doctypes, lists in plugin.core.doc_parts).
"""

from __future__ import annotations

import re

from plugin.core.doc_parts import Part
from plugin.core.doctypes import DOC_TYPES

__all__ = ["PARTS", "Part", "missing_parts"]

PARTS: dict[str, tuple[Part, ...]] = {d.id: d.parts for d in DOC_TYPES.values() if d.parts}

_COMPILED = {doc: [(part, re.compile(r"(?<![^\W_])(?:" + "|".join(part.words) + r")(?![^\W_])", re.IGNORECASE))
                   for part in parts] for doc, parts in PARTS.items()}


def missing_parts(doc_type: str | None, text: str) -> list[Part]:
    """The parts of doc_type's minimum content not found in text ([] for types without a list)."""
    return [part for part, pattern in _COMPILED.get(doc_type or "", []) if not pattern.search(text)]
