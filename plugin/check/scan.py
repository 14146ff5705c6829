"""Scan dossier folders: every file (and every mail attachment) read and classified.

Nothing is skipped silently: a file that cannot be read or recognised comes back with its
problem, for an info finding. Files are read and classified in worker processes, one per
core, reused from scan to scan (readers/guarded.py): each file has a time and a memory
limit, past which the file is a finding ("te groot of te traag om te lezen") and the scan
goes on. (The PDF library is not thread-safe, and the work is CPU-bound anyway.)
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from plugin.recognize.why import WHY_PROBLEM
from plugin.readers.listing import refusal
from plugin.readers import Extracted, Limits, parts
from plugin.readers.guarded import pool, read_path_guarded

if TYPE_CHECKING:
    from plugin.recognize.statement import Statement

IGNORED_NAMES = {"thumbs.db", "desktop.ini", ".ds_store"}
_IGNORED_LENGTHS = {len(name) for name in IGNORED_NAMES}
READ_LIMITS = Limits()   # what scan_files reads under when it is given none (tests set a short time)


@dataclass(frozen=True)
class DossierDocument:
    path: str                  # relative to the dossiers root, '/'-separated; attachments: 'mail.eml/bijlage.pdf'
    type: str | None
    date: dt.date | None
    evidence: str              # how the type was found: properties | filename | content | ocr | mail
    date_evidence: str | None
    language: str
    case_id: str | None = None
    first_sick_day: dt.date | None = None
    problem: str | None = None  # why it could not be read
    reference: str | None = None  # for mail evidence: folder, date and subject of the message
    why: str = ""              # in the user's words why it counts: "kop 'Plan van aanpak'" (classify.explain)
    issuer: str | None = None  # "UWV" for UWV's letters and mails
    note: str | None = None    # something to report about it that is not a problem of the file (info)
    statements: tuple[Statement, ...] = ()  # what its text says about deadlines (recognize/statements.py)
    transient: bool = False    # only true for this run (a read that timed out, OCR that failed): never cache it

    @property
    def recognised(self) -> bool:
        return self.type is not None


def list_files(folder: Path) -> list[Path]:
    """All files under folder, sorted, without hidden files, Office lock files and OS clutter."""
    return [Path(path) for path in list_paths(folder)]


def list_paths(folder: Path | str) -> list[str]:
    """list_files as strings (a re-check of 40,000 files spends less on pathlib this way):
    names sorted per folder, each folder's files before its subfolders' (as os.walk gives them)."""
    found: list[str] = []
    _list_into(os.fspath(folder), found)
    return found


def _list_into(current: str, found: list[str]) -> None:
    try:
        entries = list(os.scandir(current))
    except OSError:   # unreadable or gone: as os.walk, nothing listed
        return
    files, dirs, linked = [], [], []
    for entry in entries:
        name = entry.name
        try:
            is_dir = entry.is_dir()   # follows a link, as os.walk's listing does
        except OSError:
            is_dir = False
        if is_dir:
            if name.startswith("."):
                continue
            if entry.is_symlink():   # not entered: listed, scan_file says why it was not read
                linked.append(name)
            else:
                dirs.append(name)
        elif not (name.startswith((".", "~$")) or (len(name) in _IGNORED_LENGTHS and name.lower() in IGNORED_NAMES)):
            files.append(name)
    prefix = current + os.sep
    found += [prefix + name for name in sorted(files)]
    found += [prefix + name for name in sorted(linked)]
    for name in sorted(dirs):
        _list_into(prefix + name, found)


def documents_from(item: Extracted, relative: str, reference: str | None = None) -> list[DossierDocument]:
    """The item itself and, recursively, its attachments as dossier documents."""
    from plugin.recognize.classify import classify   # not loaded by a re-check that reads nothing
    from plugin.recognize.statements import extract

    result = []
    for path, part in parts(item, relative):
        transient = part.transient
        if part.problem:
            result.append(DossierDocument(path, None, None, "ocr" if part.ocr_pages else "content", None, "nl",
                                          problem=part.problem, reference=reference,
                                          why=f"{WHY_PROBLEM}: {part.problem}", transient=transient))
        else:
            found = classify(part, path_name=path.rsplit("/", 1)[-1])
            result.append(DossierDocument(path, found.type, found.date, found.evidence, found.date_evidence,
                                          found.language, found.case_id, found.first_sick_day, reference=reference,
                                          why=found.why, issuer=found.issuer,
                                          statements=extract(part.text, found.type, found.date), transient=transient))
        if part.limited:  # read in part (a limit was reached): say what was not read
            result.append(DossierDocument(path, None, None, "content", None, "nl", reference=reference,
                                          problem=f"niet alles gelezen: {part.limited}",
                                          why=f"{WHY_PROBLEM}: niet alles gelezen: {part.limited}", transient=transient))
    return _cap_unrecognised(result, relative, reference)


def _cap_unrecognised(documents: list[DossierDocument], relative: str, reference: str | None,
                      limit: int = Limits().max_findings_per_file) -> list[DossierDocument]:
    """At most `limit` unreadable or unrecognised parts of one file are listed (each is an info
    finding); the rest become one line that says how many (a mail with 100 odd attachments)."""
    odd = [d for d in documents if d.type is None]
    if len(odd) <= limit:
        return documents
    keep = set(map(id, odd[:limit - 1]))
    rest = len(odd) - (limit - 1)
    note = (f"nog {rest} onderdelen niet leesbaar of niet herkend; niet elk apart genoemd "
            f"(grens {limit} meldingen per bestand)")
    summary = DossierDocument(relative, None, None, "content", None, "nl", problem=note, reference=reference,
                              why=f"{WHY_PROBLEM}: {note}", transient=any(d.transient for d in documents))
    return [d for d in documents if d.type is not None or id(d) in keep] + [summary]


def scan_file(path: Path, root: Path, limits: Limits = Limits()) -> list[DossierDocument]:
    """One file's documents; read in a worker under the limits (in place when already in one)."""
    relative = _relative(path, root)
    refused = refusal(path, root)
    if refused:
        return [DossierDocument(relative, None, None, "content", None, "nl", problem=refused,
                                why=f"{WHY_PROBLEM}: {refused}")]
    return documents_from(read_path_guarded(path, limits), relative)


def _relative(path: Path, root: Path) -> str:
    """path.relative_to(root).as_posix(), by string for the usual path under its root (pathlib's
    own way costs a tenth of a millisecond per file)."""
    text, base = os.fspath(path), os.fspath(root)
    if os.sep == "/" and text.startswith(base + "/") and base and base[-1] != "/" \
            and "//" not in text and "/./" not in text and not text.endswith("/."):
        return text[len(base) + 1:]
    return Path(path).relative_to(root).as_posix()


def _scan_one(args: tuple[Path | str, Path]) -> list[DossierDocument]:
    path, root = args
    return scan_file(Path(path), Path(root))


def scan_files(files: list[Path], root: Path, workers: int | None = None, cache=None,
               listed: Iterable[Path] | None = None, mapper=None,
               limits: Limits | None = None) -> list[DossierDocument]:
    """Scan many files in the reader workers; results keep the order of `files`.

    cache: a plugin.check.cache.ScanCache; unchanged files then come from it unopened.
    listed: the folders whose every file is in `files` (the cache forgets files gone from them).
    mapper(function, tasks, initializer): how the reads are spread (default: this machine's
    reader workers; plugin.check.cluster: a Dask cluster).
    limits: the time per file (default READ_LIMITS); the memory limit is the workers' own."""
    mapper = mapper or _mapper(workers, limits or READ_LIMITS)
    if cache is not None:
        return cache.scan(files, root, mapper, listed)
    return [doc for docs in mapper(_scan_one, [(path, root) for path in files], None) for doc in docs]


def _mapper(workers: int | None, limits: Limits = Limits()):
    """map(function, tasks, initializer) over the reader workers (readers/guarded.py), each task
    under the limits: one that overruns or fails is run again with its read refused, so it
    returns the file as a finding."""
    def run(function, tasks: list, initializer=None):
        if tasks:
            warm_readers()
        return pool().map(function, tasks, initializer, limits=limits, workers=workers)
    return run


_WARM: list[bool] = []
_WARM_TEXT = ("Plan van aanpak\nDatum 2 januari 2025. Eerste ziektedag 1 december 2024. Het plan is later "
              "opgesteld omdat de bedrijfsarts met vakantie was. Visie van de werkgever: terugkeer in eigen werk.")


def warm_readers() -> None:
    """Load the readers and the classifier, and compile its patterns, in this process before its
    reader workers start: each worker (and each that replaces a recycled one, every
    MAX_TASKS_PER_WORKER files) then starts with them instead of spending about 0.17 s of its own,
    and the workers share the pages. Once per process; a re-check from the cache never calls it."""
    if _WARM:
        return
    _WARM.append(True)
    import plugin.readers.dispatch  # noqa: F401 - every reader module

    documents_from(Extracted(name="warm.txt", kind="txt", text=_WARM_TEXT), "warm.txt")
