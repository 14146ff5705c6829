"""Build one case's RIV bundle from its plan: convert, guard, assemble, and write the folder whole.

`DIR/<Casusnummer> <Naam> RIV/` holds `RIV <Casusnummer>.pdf` (or its parts, `... deel 1 van 2.pdf`),
`Inhoud.docx`, `riv.json` and `Hiaten.txt`. Nothing is lost: the bundle is written into a
temporary folder next to the target and moved into place in one rename; an existing bundle is
kept unless force is given, and then replaced only after the new one is complete.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from plugin.core.words import word
from plugin.errors import OutputExists
from plugin.output import safe_case_id, safe_name
from plugin.readers.model import Limits, too_large
from plugin.readers.ocr import NO_TEXT_FOUND
from plugin.riv import assemble as assembly
from plugin.riv.convert import Converter, Piece, Stats
from plugin.riv.cover import Contents, Entry, Redactor, case_facts, cover_pdf
from plugin.riv.gaps import Gap
from plugin.riv.inhoud import inhoud_docx
from plugin.riv.plan import RivPlan, Source
from plugin.riv.review import needs_review
from plugin.riv.sections import SECTIONS

Progress = Callable[[str, int, int], None]   # (step, done, total)
GAP_LIST = "Hiaten.txt"


@dataclass
class Bundle:
    plan: RivPlan
    folder: Path
    parts: list[Path]
    gaps: list[Gap]
    review: list[str]                      # paths of sources listed for review (AVG)
    data: dict                             # riv.json
    stats: Stats = field(default_factory=Stats)

    @property
    def complete(self) -> bool:
        return not self.gaps


def bundle_folder(out: Path, plan: RivPlan) -> Path:
    return Path(out) / f"{safe_case_id(plan.case)} {safe_name(plan.employee or '')} RIV".strip()


def build_bundle(plan: RivPlan, root: Path | None, out: Path, *, force: bool = False,
                 converter: Converter | None = None, progress: Progress | None = None,
                 limit: int = assembly.UPLOAD_LIMIT) -> Bundle:
    """The bundle of one case, written whole into out; OutputExists when it is there and force is not given."""
    target = bundle_folder(out, plan)
    if target.exists() and not force:
        raise OutputExists(word("riv_exists", "nl", path=target), str(target))
    lang = plan.lang
    converter = converter or Converter(lang=lang)
    step = progress or (lambda *_: None)
    sources = plan.sources
    pieces = []
    for done, source in enumerate(sources):
        step("convert", done, len(sources))
        pieces.append(_prepare(converter, root, source))
    converter.run(pieces)
    step("convert", len(sources), len(sources))
    redact = Redactor(plan.row)
    docs, extra_gaps, review, included = [], [], [], []
    for source, piece in zip(sources, pieces):
        flat = [(p, depth) for p, depth in _flatten(piece)]
        for p, depth in flat:
            if p.problem:
                name = source.path if depth == 0 else f"{source.path}/{p.title}"
                extra_gaps.append(Gap(source.section, redact(word("riv_unreadable_gap", lang, path=name, why=p.problem)),
                                      None, "unreadable"))
        if piece.pdf is None:
            continue
        doc = assembly.Doc(source.section, redact(_bookmark(source, lang)),
                           [(redact(p.title), depth, p.pdf) for p, depth in flat if p.pdf is not None])
        no_text = source.problem == NO_TEXT_FOUND
        if any(needs_review(pdf, title, redact.hits, no_text) for title, _, pdf in doc.pieces):
            review.append(source)
        docs.append(doc)
        included.append(source)
    step("assemble", 0, 1)
    gaps = _ordered(plan.gaps + extra_gaps + [
        Gap(s.section, redact(word("riv_review_gap", lang, path=s.path)), None, "review") for s in review])
    by_source = dict(zip((id(s) for s in included), docs))

    def contents(parts: int) -> Contents:
        entries = [Entry(s.section, redact(s.title(lang)), redact(s.name), s.date, d.first, d.last, d.part)
                   for s, d in zip(included, docs)]
        reviewed = [(redact(s.name), by_source[id(s)].first, by_source[id(s)].last) for s in review]
        return Contents(plan.case, plan.employee, lang, [(k, redact(v)) for k, v in case_facts(plan, lang)], entries,
                        [(g.section, redact(g.message)) for g in gaps], reviewed, parts, plan.as_of)

    titles = {s.id: f"{n}. {s.title(lang)}" for n, s in enumerate(SECTIONS, start=1)}
    parts = assembly.assemble(docs, lambda n: cover_pdf(contents(n)),
                              lambda n, total: f"RIV {plan.case} · {word('riv_page_of', lang, n=n, total=total)}",
                              word("riv_contents", lang), titles, limit)
    step("write", 0, 1)
    names = _part_names(plan.case, len(parts), lang)
    for name, part in zip(names, parts):   # only a single page bigger than the limit can leave a part this big
        if len(part.pdf) > limit:
            gaps.append(Gap("overig", word("riv_part_too_big", lang, name=name, mb=round(len(part.pdf) / 1e6, 1)),
                            None, "unreadable"))
    final = contents(len(parts))
    data = riv_json(plan, included, docs, gaps, names)
    files = {name: part.pdf for name, part in zip(names, parts)}
    files["Inhoud.docx"] = inhoud_docx(final)
    files["riv.json"] = (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    files[GAP_LIST] = gap_list(final).encode("utf-8")
    _write_folder(target, files, force)
    step("write", 1, 1)
    return Bundle(plan, target, [target / n for n in names], gaps, [s.path for s in review], data, converter.stats)


def _prepare(converter: Converter, root: Path | None, source: Source) -> Piece:
    name = source.path.rsplit("/", 1)[-1]
    if root is None:
        return Piece(name, problem="geen dossiermap")
    path = Path(root) / source.path
    try:
        size = path.stat().st_size
        if size > Limits().max_file_bytes:
            return Piece(name, problem=too_large(size, Limits().max_file_bytes))
        data = path.read_bytes()
    except OSError as exc:
        return Piece(name, problem=f"niet te lezen ({exc.strerror or type(exc).__name__})")
    return converter.prepare(source.path, data)


def _flatten(piece: Piece, depth: int = 0):
    yield piece, depth
    for child in piece.children:
        yield from _flatten(child, depth + 1)


def _bookmark(source: Source, lang: str) -> str:
    date = source.date.strftime("%d-%m-%Y") + " · " if source.date else ""
    title = source.title(lang)
    return f"{date}{title}" if title == source.name else f"{date}{title} — {source.name}"


def _ordered(gaps: list[Gap]) -> list[Gap]:
    order = {s.id: i for i, s in enumerate(SECTIONS)}
    return sorted(gaps, key=lambda g: order[g.section])


def _part_names(case: str, count: int, lang: str) -> list[str]:
    base = f"RIV {safe_case_id(case)}"
    if count == 1:
        return [f"{base}.pdf"]
    return [f"{base} {word('riv_part_of', lang, n=n, count=count)}.pdf" for n in range(1, count + 1)]


def riv_json(plan: RivPlan, included: list[Source], docs: list, gaps: list[Gap], names: list[str]) -> dict:
    """riv.json as issue 18 specifies it; "parts" adds every part's name when the PDF had to be split."""
    pages = {id(s): [d.first, d.last] for s, d in zip(included, docs)}
    sections = [{"id": s.id, "title": s.title(plan.lang),
                 "documents": [{"path": x.path, "type": x.type, "date": x.date.isoformat() if x.date else None,
                                "pages": pages[id(x)]} for x in included if x.section == s.id]}
                for s in SECTIONS]
    return {"case": plan.case, "as_of": plan.as_of.isoformat(), "complete": not gaps, "sections": sections,
            "gaps": [g.to_json() for g in gaps], "pdf": names[0], "parts": names}


def gap_list(contents: Contents) -> str:
    """Hiaten.txt: the gaps and what to review, for the casemanager (the same words as the cover)."""
    lang = contents.lang
    titles = {s.id: s.title(lang) for s in SECTIONS}
    lines = [f"{word('riv', lang)} {contents.case} {contents.employee}", "", word("riv_gaps_title", lang)]
    lines += [f"- {titles[s]}: {m}" for s, m in contents.gaps] or [word("riv_no_gaps", lang)]
    if contents.review:
        lines += ["", word("riv_review_title", lang)]
        lines += [f"- {word('riv_review_item', lang, path=n, first=a, last=b)}" for n, a, b in contents.review]
    return "\n".join(lines) + "\n"


def _write_folder(target: Path, files: dict[str, bytes], force: bool) -> None:
    """Every file into a temporary folder beside the target, then one rename: the bundle is whole or absent."""
    target.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{target.name[:40]}.", suffix=".tmp", dir=target.parent))
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(work, 0o777 & ~mask)     # as any folder the user makes (mkdtemp's is private)
    try:
        for name, data in files.items():
            with open(work / name, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        if target.exists():
            if not force:
                raise OutputExists(word("riv_exists", "nl", path=target), str(target))
            old = Path(tempfile.mkdtemp(prefix=f".{target.name[:40]}.", suffix=".old", dir=target.parent))
            os.rename(target, old / "riv")
            os.rename(work, target)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.rename(work, target)
    finally:
        if work.exists():
            shutil.rmtree(work, ignore_errors=True)
