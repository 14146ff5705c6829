"""People's names: the surname in a full name, and whether a text names it.

One rule for mail (plugin.mail.mailboxes.scan) and dossier folders (plugin.check.folders):
a text names a person's surname when the surname without its particles ("Amrani" for
"Fatima el Amrani") occurs as whole word(s), with or without initials or first name before
it. A surname alone only makes a candidate: mail and folders are tied to a case by its case
number or the full name. Pure functions, no I/O.
"""

from __future__ import annotations

from plugin.core.terms import contains_phrase

# Particles that belong to a Dutch (or Arabic, French, German) surname: "de Vries", "el Amrani".
PARTICLES = {"van", "de", "der", "den", "het", "'t", "ter", "ten", "te", "op", "in", "aan", "bij", "uit", "voor",
             "el", "al", "la", "le", "du", "da", "di", "dos", "von", "vom", "zu", "bin", "ben", "ibn", "abu", "mc"}


def surname_of(name: str) -> str:
    """The surname with its particles ('Fatima el Amrani' -> 'el Amrani'); '' for a one-word name.

    Initials and given names are everything before the first particle, else before the last
    word. A double-barrelled 'Jansen-de Boer' stays whole."""
    words = name.replace(",", " ").split()
    if len(words) < 2:
        return ""
    for index, word in enumerate(words[1:], start=1):
        if word.lower() in PARTICLES or ("-" in word and word.rsplit("-", 1)[1].lower() in PARTICLES):
            return " ".join(words[index:])
    return words[-1]


def core_surname(name: str) -> str:
    """The surname without particles ('el Amrani' -> 'Amrani'): what people write in a subject."""
    words = [w for w in surname_of(name).split() if w.lower() not in PARTICLES]
    return " ".join(words)


def surname(full_name: str) -> str:
    """The surname to search for: without particles, '' when the name has one word (no surname)."""
    return core_surname(full_name) if len(full_name.split()) > 1 else ""


def names_surname(text: str, full_name: str) -> bool:
    """Does the text name this person's surname (whole words, any case)?"""
    wanted = surname(full_name)
    return bool(wanted) and contains_phrase(text, wanted)
