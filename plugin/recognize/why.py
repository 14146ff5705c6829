"""How a document's `why` reads (a label, then the words that decided it), and its English form.

Apart from the classifier, so a report or a re-check from the scan cache can show a `why`
without loading the classifier's patterns.
"""

from __future__ import annotations

import re

WHY_PROPERTY, WHY_FILENAME, WHY_SUBJECT, WHY_HEADING = "documenteigenschap", "bestandsnaam", "onderwerp", "kop"
WHY_UWV, WHY_OCR, WHY_NONE, WHY_PROBLEM = "UWV-brief", "OCR", "niet herkend", "niet leesbaar"
_WHY_EN = {WHY_PROPERTY: "document property", WHY_FILENAME: "file name", WHY_SUBJECT: "subject",
           WHY_HEADING: "heading", WHY_UWV: "UWV letter", WHY_NONE: "not recognised", WHY_PROBLEM: "unreadable"}


def explain(why: str, lang: str = "nl") -> str:
    """A `why` text in the report's language (it is stored in Dutch)."""
    if lang != "en" or not why:
        return why
    for dutch, english in sorted(_WHY_EN.items(), key=lambda pair: -len(pair[0])):
        why = re.sub(rf"(^|: |, ){re.escape(dutch)}\b", lambda m: m.group(1) + english, why)
    return why
