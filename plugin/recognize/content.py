"""What UWV's RIV-toets looks for in a document's text, and what UWV's own decisions state.

Content parts: whether a document holds a part the RIV-toets asks about (the employer's and
the employee's view, the bedrijfsarts' advice, a look back on year one, the goal for year two,
a search profile built on the arbeidsdeskundig report, the plan adjusted, the employee's copy
of the re-integratieverslag). Only the presence of the words writers use for the part is
read, never what the part says: nothing medical is looked at or kept (the statement carries
the part's id, no quote). Terms use the AVG guard's notation (plugin.core.terms.term_pattern),
so compounds count: "re-integratievisie", "werknemersvisie", "zoekprofiel".

UWV's decisions: how long UWV extends the waiting time (WIA art. 24) and until when a
loonsanctie runs or when a bekorting ends it (WIA art. 25), as the letter states them.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

from plugin.core.dates import find_dates
from plugin.core.gates import gate, literal_first, lower_twin, lowered
from plugin.core.terms import term_pattern

PART, EXTENSION, EXTENSION_REFUSED, SANCTION, SANCTION_END = (
    "onderdeel", "verlenging_wachttijd", "verlenging_afgewezen", "loonsanctie", "einde_loonsanctie")


@dataclass(frozen=True)
class ContentPart:
    id: str
    label_nl: str
    label_en: str
    terms: tuple[str, ...]    # term_pattern notation
    phrases: tuple[str, ...] = ()   # regular expressions for what a term cannot say

    def label(self, lang: str) -> str:
        return self.label_en if lang == "en" else self.label_nl

    def searched(self, limit: int = 4) -> str:
        """Some of the words looked for, for the finding's `why`."""
        return ", ".join(f"'{t.strip('*')}'" for t in self.terms[:limit])


_VIEW = r"(?:visie|mening|standpunt|zienswijze|inbreng|view|opinion|position|perspective)"
PARTS: dict[str, ContentPart] = {p.id: p for p in (
    ContentPart("visie_werkgever", "de visie van de werkgever", "the employer's view",
                ("visie werkgever", "visie van de werkgever", "werkgeversvisie", "mening werkgever",
                 "mening van de werkgever", "standpunt werkgever", "standpunt van de werkgever", "zienswijze werkgever",
                 "employer's view", "employers view", "view of the employer", "employer's position"),
                (rf"\b{_VIEW}\W{{0,3}}(?:van\W+)?(?:de\W+)?werkgever", r"\bwerkgever\W{1,3}(?:vindt|ziet|verwacht|is van mening)",
                 rf"\bemployer'?s?\W{{0,3}}{_VIEW}", r"\bthe employer (?:considers|believes|expects|feels|thinks)")),
    ContentPart("visie_werknemer", "de visie van de werknemer", "the employee's view",
                ("visie werknemer", "visie van de werknemer", "werknemersvisie", "mening werknemer",
                 "mening van de werknemer", "standpunt werknemer", "zienswijze werknemer", "employee's view",
                 "employees view", "view of the employee", "employee's opinion"),
                (rf"\b{_VIEW}\W{{0,3}}(?:van\W+)?(?:de\W+)?werknemer", r"\bwerknemer\W{1,3}(?:vindt|ziet|verwacht|is van mening|geeft aan)",
                 rf"\bemployee'?s?\W{{0,3}}{_VIEW}", r"\bthe employee (?:considers|believes|expects|feels|thinks|indicates)")),
    ContentPart("advies_bedrijfsarts", "het advies van de bedrijfsarts", "the occupational physician's advice",
                ("advies bedrijfsarts", "advies van de bedrijfsarts", "bedrijfsartsadvies", "advies van de BA",
                 "occupational physician's advice", "advice of the occupational physician", "company doctor's advice"),
                (r"\bbedrijfsarts\W{1,3}(?:adviseert|heeft geadviseerd|advies)", r"\b(?:op|volgens) (?:het )?advies van de bedrijfsarts",
                 r"\b(?:occupational physician|company doctor|occupational doctor)\W{1,3}(?:advises|advised|recommends|recommended)")),
    ContentPart("terugblik", "een terugblik op het eerste ziektejaar", "a look back on the first year",
                ("terugblik*", "terugkijk*", "terugkijken", "afgelopen jaar", "afgelopen ziektejaar", "eerste ziektejaar",
                 "eerste jaar", "looking back", "look back", "past year", "first year"),
                (r"\bwat is er (?:het afgelopen jaar |in het eerste jaar )?gedaan", r"\bin (?:het|dit) (?:eerste|afgelopen) jaar")),
    ContentPart("doel_jaar2", "het doel voor het tweede ziektejaar", "the goal for the second year",
                ("doel tweede jaar", "doel voor het tweede jaar", "doel tweede ziektejaar", "doel voor het tweede ziektejaar",
                 "re-integratiedoel*", "*doel jaar 2", "doel komend jaar", "doel voor het komende jaar", "koers tweede jaar",
                 "goal for the second year", "goal for year two", "second-year goal", "re-integration goal*",
                 "goal for the coming year"),
                (r"\b(?:doel\w*|koers|plan)\b[^.\n]{0,40}\b(?:tweede|2e|komende|volgende) (?:ziekte)?jaar",
                 r"\b(?:goal|aim|objective)s?\b[^.\n]{0,40}\b(?:second|2nd|coming|next) year", r"\bjaar 2\b[^.\n]{0,30}\bdoel")),
    ContentPart("bijstelling", "de bijstelling van het plan van aanpak", "the plan of action adjusted",
                ("bijstelling plan van aanpak", "bijstelling van het plan van aanpak", "bijgesteld plan van aanpak",
                 "plan van aanpak bijgesteld", "plan van aanpak aangepast", "plan van aanpak herzien", "herzien plan van aanpak",
                 "revised plan of action", "plan of action revised", "plan of action adjusted", "plan of action updated"),
                (r"\b(?:plan van aanpak|pva)\b[^.\n]{0,40}\b(?:bijgesteld|aangepast|herzien|gewijzigd|bijstellen)",
                 r"\bplan of action\b[^.\n]{0,40}\b(?:adjusted|revised|updated|amended)")),
    ContentPart("koerswijziging", "een koerswijziging (ander doel, 2e spoor)", "a change of course (other goal, second track)",
                ("koerswijziging", "koers wijzigen", "change of course", "spoor 2 inzetten", "start 2e spoor",
                 "start tweede spoor", "inzet 2e spoor", "inzet tweede spoor"),
                (r"\badvie\w*\b[^.\n]{0,60}\b(?:2e|tweede) spoor", r"\b(?:2e|tweede) spoor\b[^.\n]{0,30}\b(?:in ?zetten|starten|opstarten)",
                 r"\brecommend\w*\b[^.\n]{0,60}\bsecond track", r"\bsecond track\b[^.\n]{0,30}\b(?:start|begin)")),
    ContentPart("zoekprofiel", "een zoekprofiel", "a search profile",
                ("zoekprofiel*", "zoekrichting*", "search profile*", "target occupation*", "passende functies",
                 "suitable occupations")),
    ContentPart("op_ad_rapport", "een verwijzing naar het arbeidsdeskundig rapport", "a reference to the labour expert's report",
                ("arbeidsdeskundig*", "AD-rapport*", "labour expert*", "labor expert*", "vocational expert*")),
    ContentPart("afschrift_riv", "dat de werknemer een afschrift van het re-integratieverslag kreeg",
                "that the employee received a copy of the re-integration report",
                ("voor ontvangst getekend", "voor ontvangst tekenen", "received a copy"),
                (r"\b(?:afschrift|kopie|exemplaar)\b[^.\n]{0,80}\b(?:ontvangen|verstrekt|uitgereikt|gestuurd|toegezonden|"
                 r"overhandigd|gegeven|gemaild|meegegeven)",
                 r"\b(?:ontvangen|verstrekt|uitgereikt|gestuurd|toegezonden|overhandigd|gegeven)\b[^.\n]{0,60}\b(?:afschrift|kopie)",
                 r"\bcopy\b[^.\n]{0,80}\b(?:received|provided|sent|given|handed|emailed)",
                 r"\b(?:received|provided|sent|given|handed)\b[^.\n]{0,60}\bcopy")),
)}

# Which parts are looked for in which document types (the RIV-toets asks them there).
LOOKED_FOR: dict[str, tuple[str, ...]] = {
    "plan-van-aanpak": ("visie_werkgever", "visie_werknemer", "advies_bedrijfsarts"),
    "bijstelling-plan-van-aanpak": ("visie_werkgever", "visie_werknemer", "advies_bedrijfsarts"),
    "eerstejaarsevaluatie": ("visie_werkgever", "visie_werknemer", "advies_bedrijfsarts", "terugblik", "doel_jaar2",
                             "bijstelling"),
    "evaluatie": ("bijstelling",),
    "voortgangsrapportage": ("bijstelling",),
    "arbeidsdeskundig-rapport": ("koerswijziging",),
    "trajectplan": ("zoekprofiel", "op_ad_rapport"),
}
EVERYWHERE = ("afschrift_riv",)   # looked for in every document (a mail, the RIV itself)
_NEEDS_CONTEXT = {"afschrift_riv": re.compile(r"werknemer|employee|re-?integratie\s*verslag|re-?integration report|\briv\b",
                                              re.IGNORECASE)}


@functools.cache
def _gated() -> dict[str, list]:
    """Each part's patterns, each with what a lower-cased text must hold for it to match
    (core/gates.py) and its twin for the lower-cased text (no IGNORECASE: about a third faster),
    when it has one. Built on the first search: a re-check from the cache reads no text."""
    compiled = {p.id: (_literal_first(term_pattern(tuple(t.lower() for t in p.terms))),
                       [re.compile(literal_first(x), re.IGNORECASE) for x in p.phrases])
                for p in PARTS.values()}
    return {part_id: [(pattern, gate(pattern), lower_twin(pattern)) for pattern in (terms, *phrases)]
            for part_id, (terms, phrases) in compiled.items()}


def _literal_first(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """The same pattern, its leading boundary behind its words (core/gates.literal_first: the
    regex engine looks for the words first, not at every position)."""
    return re.compile(literal_first(pattern.pattern), pattern.flags)


_UNSET = object()


def parts_in(text: str, doc_type: str | None, low: str | None = _UNSET) -> tuple[str, ...]:  # type: ignore[assignment]
    """The ids of the content parts this document's text holds (only those asked for its type).
    low: gates.lowered(text) when the caller has it. A pattern is tried only when the text holds
    the words its matches hold (or when the text's lower case cannot tell, low None)."""
    if low is _UNSET:
        low = lowered(text)
    found = []
    seen: dict[str, bool] = {}
    gated = _gated()
    for part_id in (*LOOKED_FOR.get(doc_type or "", ()), *EVERYWHERE):
        for pattern, needs, twin in gated[part_id]:
            if low is not None and needs is not None and not needs.passes(low, seen):
                continue
            match = twin.search(low) if low is not None and twin is not None else pattern.search(text)
            if match is None:
                continue
            context = _NEEDS_CONTEXT.get(part_id)
            line = text[text.rfind("\n", 0, match.start()) + 1: text.find("\n", match.end()) % (len(text) + 1)]
            if context is None or context.search(line):
                found.append(part_id)
                break
    return tuple(dict.fromkeys(found))


# UWV's decisions. A gap "[^.\n]{0,80}" stays within one sentence.
_EXTENDED = re.compile(r"\b(?:verleng\w*|extend\w*|extension)\b", re.IGNORECASE)
_WEEKS = re.compile(r"\b(?:met|by|voor|for|of)\s+(\d{1,3})\s+(?:weken|weeks)\b|\b(\d{1,3})\s+(?:weken|weeks)\s+"
                    r"(?:verleng\w*|langer|extension|extended|longer)", re.IGNORECASE)
_REFUSED = re.compile(r"\b(?:afgewezen|af te wijzen|wijzen\b[^.\n]{0,60}\baf\b|niet (?:toe ?gekend|ingewilligd|akkoord)|"
                      r"kunnen (?:niet|geen) (?:akkoord|instemmen)|rejected|refused|denied|not (?:granted|approved))", re.IGNORECASE)
_ENDS = re.compile(r"\b(?:tot en met|t/m|tot|eindigt(?: \w+)? op|einddatum|loopt tot|until|up to and including|"
                   r"ends?(?: early)?,? on|end date)\b",
                   re.IGNORECASE)
_SANCTION = re.compile(r"\b(?:loon\s*sanctie|loondoorbetalingsverplichting|loon\b[^.\n]{0,40}\bdoor\s*(?:te\s*)?betalen|"
                       r"wage sanction|pay\b[^.\n]{0,40}\bwages?)", re.IGNORECASE)
_SHORTENED = re.compile(r"\b(?:bekort\w*|verkort\w*|bekorting\w*|beëindig\w*|eerder (?:eindigt|stopt)|shorten\w*|"
                        r"end(?:s|ed)? early|brought forward)", re.IGNORECASE)
_WAITING = re.compile(r"\b(?:wachttijd|waiting (?:time|period)|wia[- ]?aanvraag|loondoorbetaling)", re.IGNORECASE)
_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?](?!\d)|$)", re.MULTILINE)


@dataclass(frozen=True)
class Decision:
    kind: str              # EXTENSION, EXTENSION_REFUSED, SANCTION, SANCTION_END
    date: dt.date | None   # the end it states (new end of the waiting time, end of the sanction)
    weeks: int | None      # the length it states


def decisions(text: str, doc_type: str | None) -> list[Decision]:
    """What a UWV decision letter (typed verlenging-wachttijd or loonsanctie) states."""
    if doc_type not in ("verlenging-wachttijd", "loonsanctie"):
        return []
    found: list[Decision] = []
    for sentence in (m.group(0) for m in _SENTENCE.finditer(text[:20_000])):
        if doc_type == "verlenging-wachttijd" and _EXTENDED.search(sentence) and _WAITING.search(sentence):
            if _REFUSED.search(sentence):
                found.append(Decision(EXTENSION_REFUSED, None, None))
                continue
            weeks, end = _weeks(sentence), _end_date(sentence)
            if weeks or end:
                found.append(Decision(EXTENSION, end, weeks))
        elif doc_type == "loonsanctie" and _SANCTION.search(sentence):
            end = _end_date(sentence)
            if _SHORTENED.search(sentence) and end:
                found.append(Decision(SANCTION_END, end, None))
            elif end or _weeks(sentence):
                found.append(Decision(SANCTION, end, _weeks(sentence)))
    return found


def _weeks(sentence: str) -> int | None:
    match = _WEEKS.search(sentence)
    value = int(match.group(1) or match.group(2)) if match else None
    return value if value and value <= 104 else None


def _end_date(sentence: str) -> dt.date | None:
    for marker in _ENDS.finditer(sentence):
        for offset, value in find_dates(sentence[marker.end(): marker.end() + 40]):
            if offset <= 6:
                return value
    return None
