"""--format table (default): one line per case with its worst finding, then all findings."""

from __future__ import annotations

from plugin.core.dates import format_date
from plugin.recognize.why import explain
from plugin.check.findings import SEVERITY_TEXT, CheckResult
from plugin.core.words import word, words
from plugin.check.reporters.safe_text import clean_value

BINARY = False
MARK = {"error": "✗", "warning": "!", "info": "·"}


def render(result: CheckResult) -> str:
    result = clean_value(result)   # a file name must not steer the terminal (escape codes) or break UTF-8
    lang = result.lang
    severity = SEVERITY_TEXT[lang]
    w = words(lang)
    lines = [word("report_table_title", lang, root=result.root, date=format_date(result.as_of, lang, "short")), ""]
    width = max((len(c.case) for c in result.cases), default=8)
    name_width = max((len(c.employee) for c in result.cases), default=10)
    for case in result.cases:
        counts = case.counts()
        worst = case.worst()
        week = f"wk {case.week:>3}" if case.week is not None else "wk   ?"
        summary = word("report_counts", lang, errors=counts["error"], warnings=counts["warning"], info=counts["info"])
        mark = MARK[worst.severity] if worst else "✓"
        text = worst.message if worst else w["in_order"]
        status = f"{case.verdict.label(lang)}: " if case.verdict is not None else ""
        lines.append(f"{mark} {case.case:<{width}}  {case.employee:<{name_width}}  {week}  {summary:<10}  {status}{text}")
    for case in result.cases:
        if not case.findings and not case.documents:
            continue
        lines += ["", f"{case.case}  {case.employee}" + (f"  ({case.folder})" if case.folder else "")
                  + (f"  · {case.riv.text(lang)}" if case.riv is not None else "")]
        for finding in case.findings:
            lines.append(f"  {MARK[finding.severity]} {finding.rule} {severity[finding.severity]:<12} {finding.message}")
            for path in finding.paths:
                lines.append(f"      {path}")
            if finding.severity != "info":
                lines.append(f"      → {finding.fix}")
        if case.documents:
            lines.append(f"  {w['report_documents']}:")
        for doc in case.documents:
            when = format_date(doc.date, lang, 'short') if doc.date else "—"
            lines.append(f"    {doc.type or '—'}  {when}  {doc.path}  ({explain(doc.why, lang)})")
    if result.loose_files:
        lines += ["", w["loose_files"] + ":"]
        lines += [f"  {name}" for name in result.loose_files]
    errors = sum(c.counts()["error"] for c in result.cases)
    warnings = sum(c.counts()["warning"] for c in result.cases)
    lines += ["", word("report_total", lang, cases=len(result.cases), errors=errors, warnings=warnings)]
    return "\n".join(lines) + "\n"
