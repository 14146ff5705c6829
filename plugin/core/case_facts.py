"""The facts of one case that the WVP calendar and the dossier check work from.

A `CaseFacts` record is built from a workbook row (plugin.workbook.facts.facts_from_case)
or, for a dossier folder without a row, from its documents alone (plugin.check.folders).
Typed fields, no spreadsheet keys: the calendar, the checker, the app and the RIV all read
the same record. Pure data, no I/O.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from plugin.core.sick_days import Period


@dataclass(frozen=True)
class Recorded:
    """What the case's records say about one milestone: when it was done, and any reason
    recorded for departing from its deadline (Regeling procesgang art. 5)."""

    date: dt.date | None = None
    reason: str = ""


NOTHING = Recorded()


@dataclass(frozen=True)
class HeldEvaluation:
    """An evaluation the records say was held; `row` points back to where it was recorded."""

    date: dt.date
    row: int | None = None


@dataclass(frozen=True)
class CaseFacts:
    case_id: str
    first_sick_day: dt.date | None
    employee: str = ""
    employer: str = ""
    sick_periods: tuple[Period, ...] = ()
    extension_weeks: int = 0        # voluntary extension of the waiting time (art. 24 WIA)
    track: str = ""                 # "1", "2", "1+2" or "" (unknown)
    language: str = ""              # "nl", "en" or "" (not recorded)
    dossier_folder: str = ""        # the folder name the records give for the dossier
    in_workbook: bool = True        # False: known only from a dossier folder
    evaluations: tuple[HeldEvaluation, ...] = ()
    # Per milestone: the recorded done date and reason (the field names are MilestoneDef.facts_field).
    problem_analysis: Recorded = NOTHING
    plan_of_action: Recorded = NOTHING
    week42_notification: Recorded = NOTHING
    first_year_evaluation: Recorded = NOTHING
    labour_expert_assessment: Recorded = NOTHING
    second_track: Recorded = NOTHING      # date: start of the 2e spoor; reason: why not (yet)
    current_assessment: Recorded = NOTHING
    final_evaluation: Recorded = NOTHING
    wia_application: Recorded = NOTHING
    evaluations_reason: str = ""    # recorded reason for an evaluation held later than every 6 weeks
    # The date the records say return to work in the own organisation is not in view: the
    # 2e spoor is due from then on (UWV Werkwijzer poortwachter), not only 6 weeks after the EJE.
    own_work_ruled_out: dt.date | None = None
    # End of a loonsanctie (WIA art. 25 lid 9): re-integration, evaluations and the 2e spoor
    # go on until then, past week 104.
    wage_sanction_end: dt.date | None = None

    def recorded(self, facts_field: str | None) -> Recorded:
        """The record of one milestone by its facts field name; nothing for None."""
        return getattr(self, facts_field) if facts_field else NOTHING
