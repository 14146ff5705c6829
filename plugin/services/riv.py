"""The re-integratieverslag of one or more cases: its plan (sections and gaps) and its bundle.

The plan comes from the one dossier check (plugin.services.check.run_check), so the RIV's gaps
are the check's findings seen as UWV's RIV-toets sees them (plugin.riv.gaps); the CLI's `riv`,
the app's RIV button, the check's reports ("RIV: compleet / 3 hiaten") and the case list's
filter all come here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path

from typing import TYPE_CHECKING

from plugin.errors import NotFound, PoortwachterError, UsageError
from plugin.riv.plan import RivPlan, plan_case
from plugin.services.check import CheckReport, rules_of, run_check
from plugin.services.sources import Sources

if TYPE_CHECKING:   # the build (PDF libraries) is imported when a RIV is built, not with every check
    from plugin.riv.build import Bundle
    from plugin.riv.convert import Stats

Progress = Callable[[str, int, int], None]


@dataclass
class RivRun:
    bundles: list["Bundle"] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)    # (case, why it could not be built)
    notes: list[str] = field(default_factory=list)
    stats: "Stats | None" = None                                  # LibreOffice's share, summed over the cases

    @property
    def exit_code(self) -> int:
        """0 every RIV complete, 1 gaps, 2 a RIV could not be made."""
        if self.failed:
            return 2
        return 1 if any(not b.complete for b in self.bundles) else 0


def plans_from(report: CheckReport, sources: Sources, only: Collection[str] | None = None) -> list[RivPlan]:
    """The RIV plan of each case of a check that was already run (no file is opened)."""
    rules = {r.id: r for r in rules_of(sources)}
    return [plan_case(case, sources.case(case.case), rules, sources.as_of, sources.lang)
            for case in report.result.cases if only is None or case.case in only]


def riv_plans(sources: Sources, only: Collection[str] | None = None) -> list[RivPlan]:
    return plans_from(run_check(sources, only=only), sources, only)


def due_within(plans: list[RivPlan], as_of: dt.date, weeks: int) -> list[RivPlan]:
    """The cases whose week-91 date falls within `weeks` weeks of as_of (or has passed) and whose
    waiting time is still running: their RIV is due, or overdue."""
    until = as_of + dt.timedelta(weeks=weeks)
    return [p for p in plans if p.due is not None and p.due <= until and not _closed(p)]


def _closed(plan: RivPlan) -> bool:
    verdict = plan.result.verdict if plan.result else None
    return verdict is not None and verdict.status == "closed"


def build_rivs(sources: Sources, out: Path, *, cases: Collection[str] = (), within: int | None = None,
               force: bool = False, progress: Progress | None = None, cache_dir: Path | None = None) -> RivRun:
    """Build the RIV of each case asked for (by id, or all due within `within` weeks), one LibreOffice
    batch per case. A case that cannot be built is named in `failed`; the others are built."""
    from plugin.riv.build import build_bundle
    from plugin.riv.convert import Converter, Stats

    if not cases and within is None:
        raise UsageError("kies de casussen: --case ID (herhaalbaar) of --due-within WEKEN")
    step = progress or (lambda *_: None)
    step("check", 0, 1)
    report = run_check(sources, only=list(cases) or None)
    plans = plans_from(report, sources, list(cases) or None)
    if cases:
        unknown = [c for c in cases if c not in {p.case for p in plans}]
        if unknown:
            raise NotFound(f"casus niet gevonden: {', '.join(unknown)}")
    else:
        plans = due_within(plans, sources.as_of, within)
    run = RivRun(notes=list(report.notes), stats=Stats())
    root = Path(report.result.root) if report.result.root else sources.dossiers
    for plan in plans:
        converter = Converter(cache_dir, lang=sources.lang)
        try:
            run.bundles.append(build_bundle(plan, root, out, force=force, converter=converter, progress=progress))
        except PoortwachterError as exc:
            run.failed.append((plan.case, str(exc)))
        for name in ("office_converted", "office_cached", "office_seconds", "office_processes"):
            setattr(run.stats, name, getattr(run.stats, name) + getattr(converter.stats, name))
    return run


def state_text(plan_or_bundle, lang: str = "nl") -> str:
    """'compleet' or '3 hiaten' (the check's reports and the app say it this way)."""
    from plugin.core.words import word

    gaps = plan_or_bundle.gaps
    return word("riv_complete", lang) if not gaps else word("riv_n_gaps", lang, n=len(gaps))


BUNDLE_FILES = ("Inhoud.docx", "riv.json", "Hiaten.txt")


def find_bundle(out: Path, case_id: str) -> tuple[Path, dict] | None:
    """The case's RIV folder in out (as build_bundle named it) and its riv.json, or None."""
    import json

    from plugin.output import safe_case_id

    prefix = f"{safe_case_id(case_id)} "
    try:
        candidates = sorted(p for p in Path(out).iterdir() if p.is_dir() and p.name.startswith(prefix)
                            and p.name.endswith(" RIV") and not p.is_symlink())
    except OSError:
        return None
    for folder in candidates:
        try:
            data = json.loads((folder / "riv.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(data, dict) and data.get("case") == case_id:
            return folder, data
    return None


def bundle_file(out: Path, case_id: str, name: str) -> Path:
    """One file of the case's RIV bundle, by its name as riv.json lists it (never any other path)."""
    found = find_bundle(out, case_id)
    if found is None:
        raise NotFound(f"nog geen re-integratieverslag voor casus {case_id}")
    folder, data = found
    allowed = set(BUNDLE_FILES) | {p for p in data.get("parts", []) if isinstance(p, str)}
    if name not in allowed or not (folder / name).is_file():
        raise NotFound(f"geen bestand '{name}' in het re-integratieverslag van casus {case_id}")
    return folder / name
