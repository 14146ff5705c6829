"""The signal never disagrees with the verdict: with dossiers it lists exactly the dated items of
each open case that are late or fall due in the window, as `status --dossiers` judges them."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from plugin.resources import mailbox_dir
from plugin.services.cases import overview
from plugin.services.signals import SignalsRequest, plan
from plugin.services.sources import Sources
from plugin.workbook.load import load_workbook

REPO = Path(__file__).resolve().parents[1]
AS_OF = dt.date(2026, 5, 18)


def test_signal_items_are_the_verdicts_items_in_the_window(tmp_path):
    shutil.copy2(REPO / "examples" / "casussen.xlsx", tmp_path / "casussen.xlsx")
    shutil.copytree(REPO / "examples" / "dossiers", tmp_path / "dossiers")
    profiles = tmp_path / "profielen.toml"
    profiles.write_text('[casemanagers."Ellen de Wit"]\nemail = "ellen@bureau.example"\n'
                        '[casemanagers."James O\'Neill"]\nemail = "james@bureau.example"\n', encoding="utf-8")
    workbook = load_workbook(tmp_path / "casussen.xlsx")
    sources = Sources(workbook, tmp_path / "dossiers", cache=tmp_path / "cache.sqlite", as_of=AS_OF)
    planned = plan(sources, SignalsRequest(tmp_path / "casussen.xlsx", mailbox_dir(), weeks=4, profiles=profiles))
    assert planned.basis == "dossier"
    signalled = {(c.case_id, i.code, i.due, i.rule) for s in planned.signals for c in s.cases for i in c.items}
    expected = set()
    for judged in overview(sources).verdicts:
        if not judged.in_workbook or judged.status in ("closed", "workbook_error"):
            continue
        expected |= {(judged.case_id, i.code, i.due, i.rule) for i in judged.items
                     if i.due and (i.state == "late" or i.due <= AS_OF + dt.timedelta(weeks=4))}
    assert signalled == expected and expected
    by_person = {s.recipient.name: {c.case_id for c in s.cases} for s in planned.signals}
    assert by_person["James O'Neill"] <= {"2025-003"}
    assert all(c.dossier and Path(c.dossier).is_dir() for s in planned.signals for c in s.cases)
