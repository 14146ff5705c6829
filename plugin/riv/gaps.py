"""The gaps of a re-integratieverslag: what UWV's RIV-toets would send back.

Built on the check's findings, never on rules of its own (plugin/check/ holds the one rule
set, checks/wvp-regels.toml): a finding becomes a gap when it is about a document the RIV
holds, by the rule's kind:
- the deadlines (termijn, terugkerend, binnen_na, voor, maximale_leeftijd, verplicht_bij): a
  required document missing or late, the actueel oordeel too old by the WIA application
  (WVP011), the employee's view (WVP015);
- the RIV-toets questions on the content (inhoud, bijgesteld_na, doorlopend: WVP040-047: the
  bijstelling of the plan van aanpak, the re-integratievisie, the eerstejaarsevaluatie's look
  back, the 2e spoor's continuity, the zoekprofiel, the copy of the RIV to the employee);
- UWV's decisions (uwv_besluit) and an unknown first sick day.
Not: a deadline passed with a recorded reason (the check made it a warning that quotes the reason;
UWV judges the reason), a workbook date without a document (WVP020: the administration, not the dossier), the
folder and file notes (info), the WIA application (the employee's, after the RIV) and the RIV's
own absence from the dossier (this is the RIV) — but a RIV made after week 91 is late, and
says so. A rule from practice says so in its gap ("praktijk").

Plus what only the RIV sees: a required section without any document, evidence that is only
in a mailbox, and (added by the build) a file that cannot be converted or that the AVG guard
wants a person to read first.
"""

from __future__ import annotations

from dataclasses import dataclass

from plugin.core.words import word
from plugin.riv.sections import SECTIONS, section_of

DEADLINE_KINDS = {"termijn", "terugkerend", "binnen_na", "voor", "maximale_leeftijd", "verplicht_bij"}
CONTENT_KINDS = {"inhoud", "bijgesteld_na", "doorlopend"}
OTHER_KINDS = {"uwv_besluit", "eerste_ziektedag"}
NOT_IN_RIV = {"wia-aanvraag"}   # the employee's application follows the RIV; it is no part of it
RIV_TYPE = "re-integratieverslag"
# Findings without a document type, filed by what they are about.
SECTION_OF_RULE_KIND = {"terugkerend": "evaluaties", "eerste_ziektedag": "administratief"}


@dataclass(frozen=True)
class Gap:
    section: str
    message: str
    rule: str | None = None
    kind: str = "finding"      # finding | missing | late | mailbox | unreadable | review

    def to_json(self) -> dict:
        return {"section": self.section, "message": self.message}


def _tagged(message: str, rule_id: str, practice: bool, lang: str) -> str:
    tag = f"{rule_id}, {word('riv_practice', lang)}" if practice else rule_id
    return f"{message} [{tag}]"


def _softened(finding, rule, as_of) -> bool:
    """A deadline that passed with a recorded reason for the departure (Regeling art. 5): the check
    turned its error into a warning that quotes the reason. The RIV shows the reason's document;
    UWV judges the reason, so it is no gap to fix (a reason never softens a statutory deadline)."""
    return (rule is not None and rule.severity == "error" and finding.severity == "warning"
            and finding.due is not None and finding.due < as_of)


def placed_findings(findings, rules: dict, as_of) -> list[tuple[str, str, object, object]]:
    """(section, kind, finding, rule) of each finding that UWV's RIV-toets would ask about: kind
    "late" for a RIV past week 91, else "finding". The one filter of finding_gaps and count_gaps."""
    placed = []
    for finding in findings:
        rule = rules.get(finding.rule)
        kind = rule.kind if rule else ""
        if finding.severity == "info" or kind not in DEADLINE_KINDS | CONTENT_KINDS | OTHER_KINDS:
            continue
        if finding.type in NOT_IN_RIV or _softened(finding, rule, as_of):
            continue
        if finding.type == RIV_TYPE and kind not in CONTENT_KINDS:
            if finding.severity == "error" and finding.due is not None:   # week 91 has passed
                placed.append(("administratief", "late", finding, rule))
            continue
        where = section_of(finding.type) if finding.type else SECTION_OF_RULE_KIND.get(kind, "overig")
        if finding.type == RIV_TYPE:   # the copy of the RIV to the employee (WVP047): the employee's section
            where = "mening-werknemer"
        placed.append((where, "finding", finding, rule))
    return placed


def finding_gaps(plan, rules: dict) -> list[Gap]:
    """The check's findings that UWV's RIV-toets would ask about, each in its section."""
    lang = plan.lang
    gaps = []
    for where, kind, finding, rule in placed_findings(plan.result.findings if plan.result else (), rules, plan.as_of):
        if kind == "late":
            gaps.append(Gap(where, _tagged(word("riv_late", lang, due=_date(finding.due, lang)), finding.rule, False,
                                           lang), finding.rule, "late"))
        else:
            gaps.append(Gap(where, _tagged(finding.message, finding.rule, bool(rule and rule.practice), lang),
                            finding.rule, "finding"))
    return gaps


def missing_sections(row, filled: set[str], in_mail: set[str], with_finding: set[str]) -> list:
    """The required sections without a document (`filled`: the sections that have one), leaving out
    those a mail holds (mailbox_gaps says where) and those a finding already names."""
    second_track = row is not None and ("2" in str(row["spoor"] or "") or row["start_2e_spoor"])
    return [section for section in SECTIONS
            if section.id not in filled
            and (section.required == "always" or (section.required == "tweede_spoor" and second_track))
            and section.id not in in_mail and section.id not in with_finding]


def _row_gaps(row, lang: str) -> list[Gap]:
    if row is None:
        return [Gap("administratief", word("riv_no_row", lang), None, "missing")]
    if not row["functie"]:
        return [Gap("administratief", word("riv_no_job", lang), None, "missing")]
    return []


def section_gaps(plan, found: list[Gap]) -> list[Gap]:
    """A required section without a document; a finding that already says so comes instead."""
    lang = plan.lang
    filled = {section.id for section, sources in plan.sections if sources}
    missing = missing_sections(plan.row, filled, {section_of(d.type) for d in plan.mailbox},
                               {g.section for g in found if g.kind == "finding"})
    return _row_gaps(plan.row, lang) + [
        Gap(section.id, word("riv_section_missing", lang, section=section.title(lang)), None, "missing")
        for section in missing]


def mailbox_gaps(plan) -> list[Gap]:
    lang = plan.lang
    return [Gap(section_of(d.type), word("riv_only_in_mailbox", lang, reference=d.reference or d.path), None, "mailbox")
            for d in plan.mailbox]


def count_gaps(findings, row, rules: dict, as_of, filled: set[str], mailbox: list) -> int:
    """len(gaps_of(plan, rules)) without writing a message: the RIV state of the check's reports
    and the case list (plugin.riv.plan.riv_state), for every case of a check. `filled`: the
    sections that hold a document; `mailbox`: the evidence only in a mailbox."""
    placed = placed_findings(findings, rules, as_of)
    missing = missing_sections(row, filled, {section_of(d.type) for d in mailbox},
                               {where for where, kind, _, _ in placed if kind == "finding"})
    no_row = 1 if row is None or not row["functie"] else 0
    return len(placed) + no_row + len(missing) + len(mailbox)


def gaps_of(plan, rules: dict) -> list[Gap]:
    """Every gap the check can see, in the order of the sections."""
    found = finding_gaps(plan, rules)
    every = found + section_gaps(plan, found) + mailbox_gaps(plan)
    order = {s.id: i for i, s in enumerate(SECTIONS)}
    return sorted(every, key=lambda g: order[g.section])   # stable: within a section, as found


def _date(value, lang: str) -> str:
    from plugin.core.dates import format_date

    return format_date(value, lang, "short")
