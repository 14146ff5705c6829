"""A case's timeline (plugin.core.timeline) drawn as SVG for the app's case page.

The drawing escapes every text it places, so names from a workbook cannot inject markup.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from plugin.core.timeline import COLOURS, Mark, Timeline


def _rows(marks: list[Mark], x, gap: float = 6, rows: int = 4) -> list[int]:
    """A label row per mark so labels do not overlap (greedy, left to right)."""
    ends = [-1e9] * rows
    chosen = []
    for mark in marks:
        left = x(mark.week) - len(mark.label) * 3.3
        row = next((r for r in range(rows) if ends[r] + gap <= left), min(range(rows), key=lambda r: ends[r]))
        ends[row] = left + len(mark.label) * 6.6
        chosen.append(row)
    return chosen


def svg(timeline: Timeline, width: int = 960) -> str:
    left, right, axis_y = 24, 24, 118
    key_lines = _key_lines(timeline, width - left - right)
    height = 210 + 16 * len(key_lines)
    span = width - left - right
    x = lambda week: left + max(0.0, min(week, timeline.weeks)) / timeline.weeks * span  # noqa: E731
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" role="img" '
           f'class="timeline" aria-label="{escape(timeline.words("timeline_title"))}" '
           'font-family="system-ui, sans-serif" font-size="11">']
    out.append(f'<rect x="{left}" y="{axis_y - 5}" width="{span}" height="10" rx="5" fill="#e3e8ee"/>')
    if timeline.today is not None:
        out.append(f'<rect x="{left}" y="{axis_y - 5}" width="{x(timeline.today) - left:.1f}" height="10" rx="5" '
                   'fill="#b7c7d9"/>')
    for week in range(0, timeline.weeks + 1, 13):
        out.append(f'<line x1="{x(week):.1f}" y1="{axis_y + 6}" x2="{x(week):.1f}" y2="{axis_y + 11}" stroke="#78909c"/>')
        out.append(f'<text x="{x(week):.1f}" y="{axis_y + 23}" text-anchor="middle" fill="#546e7a">'
                   f'wk {week}</text>')
    big = sorted((m for m in timeline.marks if not m.small), key=lambda m: m.week)
    for mark, row in zip(big, _rows(big, x)):
        cx, label_y = x(mark.week), axis_y - 22 - row * 18
        colour = COLOURS[mark.state]
        out.append(f'<g class="mark mark-{mark.state}"><title>{escape(mark.detail)}</title>')
        out.append(f'<line x1="{cx:.1f}" y1="{label_y + 3}" x2="{cx:.1f}" y2="{axis_y - 6}" stroke="{colour}" '
                   'stroke-width="1" stroke-dasharray="2 2"/>')
        if mark.done_week is not None:
            out.append(f'<line x1="{cx:.1f}" y1="{axis_y}" x2="{x(mark.done_week):.1f}" y2="{axis_y}" '
                       f'stroke="{colour}" stroke-width="3"/>')
        shape = (f'<rect x="{cx - 5:.1f}" y="{axis_y - 5}" width="10" height="10" transform="rotate(45 {cx:.1f} {axis_y})"'
                 if mark.state in ("done", "done_late") else f'<circle cx="{cx:.1f}" cy="{axis_y}" r="6"')
        out.append(f'{shape} fill="{colour}" stroke="#fff" stroke-width="1.5"/>')
        out.append(f'<text x="{cx:.1f}" y="{label_y}" text-anchor="middle" fill="{colour}" font-weight="600">'
                   f'{escape(mark.label)}</text></g>')
    for mark in (m for m in timeline.marks if m.small):
        cx = x(mark.week)
        colour = COLOURS[mark.state]
        out.append(f'<g class="mark mark-eval mark-{mark.state}"><title>{escape(mark.detail)}</title>'
                   f'<path d="M{cx - 4:.1f},{axis_y + 40} L{cx + 4:.1f},{axis_y + 40} L{cx:.1f},{axis_y + 33} Z" '
                   f'fill="{colour}"/></g>')
    out.append(f'<text x="{left}" y="{axis_y + 52}" fill="#546e7a">'
               f'{escape("▲ " + timeline.words("timeline_evaluations"))}</text>')
    if timeline.today is not None:
        tx = x(timeline.today)
        out.append(f'<line x1="{tx:.1f}" y1="18" x2="{tx:.1f}" y2="{axis_y + 12}" stroke="#1d2733" stroke-width="1.5"/>')
        out.append(f'<text x="{tx:.1f}" y="12" text-anchor="middle" font-weight="700" fill="#1d2733">'
                   f'{escape(timeline.words("timeline_today", week=int(timeline.today) + 1))}</text>')
    lx = left
    for state, text in timeline.legend_items():
        out.append(f'<circle cx="{lx + 5}" cy="198" r="5" fill="{COLOURS[state]}"/>'
                   f'<text x="{lx + 14}" y="202" fill="#37474f">{escape(text)}</text>')
        lx += 24 + len(text) * 6.4
    for number, line in enumerate(key_lines):   # what PA, PvA, AO, ... stand for
        out.append(f'<text x="{left}" y="{214 + 16 * number}" fill="#546e7a" class="timeline-key">{escape(line)}</text>')
    out.append("</svg>")
    return "".join(out)


def _key_lines(timeline: Timeline, room: float, char_width: float = 6.2) -> list[str]:
    """The key to the abbreviations, wrapped to the picture's width (11 px text: about 6 px a character)."""
    if not timeline.key:
        return []
    lines, line = [], timeline.words("timeline_key") + ":"
    for short, name in timeline.key:
        piece = f" {short} = {name};"
        if (len(line) + len(piece)) * char_width > room:
            lines.append(line)
            line = piece.strip()
        else:
            line += piece
    return lines + [line.rstrip(";")]
