"""--format table (default): one line per case with its worst finding, then all findings."""

from __future__ import annotations

from plugin.core.dates import format_date
from plugin.recognize.why import explain
from plugin.check.findings import SEVERITY_TEXT, CheckResult
from plugin.check.reporters.safe_text import clean_value

BINARY = False
MARK = {"error": "✗", "warning": "!", "info": "·"}


def render(result: CheckResult) -> str:
    result = clean_value(result)   # a file name must not steer the terminal (escape codes) or break UTF-8
    lang = result.lang
    words = SEVERITY_TEXT[lang]
    nl = lang == "nl"
    lines = [f"{'Dossiercheck' if nl else 'Dossier check'} {result.root} — "
             f"{'peildatum' if nl else 'as of'} {format_date(result.as_of, lang, 'short')}", ""]
    width = max((len(c.case) for c in result.cases), default=8)
    name_width = max((len(c.employee) for c in result.cases), default=10)
    for case in result.cases:
        counts = case.counts()
        worst = case.worst()
        week = f"wk {case.week:>3}" if case.week is not None else "wk   ?"
        summary = (f"{counts['error']}F {counts['warning']}W {counts['info']}i" if nl
                   else f"{counts['error']}E {counts['warning']}W {counts['info']}i")
        mark = MARK[worst.severity] if worst else "✓"
        text = worst.message if worst else ("in orde" if nl else "in order")
        status = f"{case.verdict.label(lang)}: " if case.verdict is not None else ""
        lines.append(f"{mark} {case.case:<{width}}  {case.employee:<{name_width}}  {week}  {summary:<10}  {status}{text}")
    for case in result.cases:
        if not case.findings and not case.documents:
            continue
        lines += ["", f"{case.case}  {case.employee}" + (f"  ({case.folder})" if case.folder else "")
                  + (f"  · {case.riv.text(lang)}" if case.riv is not None else "")]
        for finding in case.findings:
            lines.append(f"  {MARK[finding.severity]} {finding.rule} {words[finding.severity]:<12} {finding.message}")
            for path in finding.paths:
                lines.append(f"      {path}")
            if finding.severity != "info":
                lines.append(f"      → {finding.fix}")
        if case.documents:
            lines.append(f"  {'Documenten' if nl else 'Documents'}:")
        for doc in case.documents:
            when = format_date(doc.date, lang, 'short') if doc.date else "—"
            lines.append(f"    {doc.type or '—'}  {when}  {doc.path}  ({explain(doc.why, lang)})")
    if result.loose_files:
        lines += ["", ("Bestanden buiten een casusmap (niet gecontroleerd; zet ze in de map van hun casus):" if nl
                       else "Files outside a case folder (not checked; move them into their case's folder):")]
        lines += [f"  {name}" for name in result.loose_files]
    errors = sum(c.counts()["error"] for c in result.cases)
    warnings = sum(c.counts()["warning"] for c in result.cases)
    lines += ["", (f"{len(result.cases)} casussen, {errors} fouten, {warnings} waarschuwingen." if nl
                   else f"{len(result.cases)} cases, {errors} errors, {warnings} warnings.")]
    return "\n".join(lines) + "\n"
