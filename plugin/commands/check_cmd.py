"""poortwachter check DOSSIERS: what the UWV will miss at the RIV-toets, per case."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import io
import os
import sys
import tempfile
from pathlib import Path

from plugin.check.findings import CheckResult
from plugin.check.reporters import FORMATS, default_file_name
from plugin.commands.common import date_arg, print_problems
from plugin.errors import OutputExists, UsageError
from plugin.output import atomic_file, require_folder
from plugin.services.check import check_stream
from plugin.services.sources import Sources


def add_parser(sub) -> None:
    p = sub.add_parser("check", help="dossiers controleren vóór de WIA-aanvraag (RIV-toets)",
                       description="Controleert elke dossiermap (één map per casus) op ontbrekende en te late "
                                   "documenten en evaluaties volgens de WVP-kalender.")
    p.add_argument("dossiers", type=Path, help="map met één submap per casus")
    p.add_argument("--workbook", type=Path, help="werkmap met de casussen (eerste ziektedag, Dossiermap, ...)")
    p.add_argument("--as-of", type=date_arg, help="peildatum (standaard: vandaag)")
    p.add_argument("--format", choices=tuple(FORMATS), default="table")
    p.add_argument("--out", type=Path, help="schrijf het rapport naar dit bestand (nodig bij xlsx en docx)")
    p.add_argument("--force", action="store_true", help="bestaand rapportbestand overschrijven")
    p.add_argument("--lang", choices=("nl", "en"), default="nl", help="taal van het rapport")
    p.add_argument("--rules", type=Path, help="map of bestand met eigen regels (standaard: checks/)")
    p.add_argument("--mailbox", action="append", metavar="URI",
                   help="ook deze mailbox doorzoeken, bv. folder:examples/mailbox of imap://user@host/INBOX")
    p.add_argument("--profiles", type=Path, help="profielenbestand voor --mailbox (TOML)")
    p.add_argument("--cache", type=Path, metavar="BESTAND",
                   help="scancache (SQLite) om te delen, bv. naast de dossiers; standaard in de cachemap van de "
                        "gebruiker. Ongewijzigde bestanden worden dan niet opnieuw gelezen")
    p.add_argument("--no-cache", action="store_true", help="alles opnieuw lezen, zonder scancache")
    p.add_argument("--cluster", metavar="ADRES",
                   help="lees de bestanden op een Dask-cluster, bv. tcp://planner:8786 (of POORTWACHTER_CLUSTER); "
                        "vraagt pip install 'poortwachter[cluster]'")
    p.add_argument("--cluster-pad", action="append", metavar="LOKAAL=WERKER", default=[],
                   help="waar de werkers de dossiermap zien, als dat een ander pad is, bv. /mnt/dossiers=/data/dossiers "
                        "(of POORTWACHTER_CLUSTER_PADEN, paren gescheiden door ;)")
    p.set_defaults(run=run)


def run(args) -> int:
    if not args.dossiers.is_dir():
        raise UsageError(f"map niet gevonden: {args.dossiers}")
    if args.out is not None:
        require_folder(args.out)   # before the scan: a typo in --out must not cost a whole check
    workbook = None
    if args.workbook:
        from plugin.workbook.load import load_workbook

        workbook = load_workbook(args.workbook)
    if workbook is not None:
        print_problems(workbook)
    sources = Sources(workbook, args.dossiers, tuple(args.mailbox or ()), args.profiles, args.cache, args.no_cache,
                      args.rules, args.as_of or dt.date.today(), args.lang)
    reporter = FORMATS[args.format]
    out = args.out
    if out is None and reporter.BINARY:
        out = Path(default_file_name(sources.as_of, args.format))
    if out is not None and out.exists() and not args.force:   # said before the check, not after it
        raise OutputExists(f"bestaat al: {out} (gebruik --force om te overschrijven)")
    with contextlib.ExitStack() as stack:
        cluster = _cluster(args, stack)
        stream = stack.enter_context(check_stream(sources, cluster=cluster))
        errors = _Errors(stream.cases)
        if out is None:
            _to_stdout(stream, errors, reporter, args.format)
        else:
            with atomic_file(out, force=args.force, make_folders=False) as handle:
                _write(stream, errors, reporter, args.format, handle)
    for note in stream.notes:
        print(note, file=sys.stderr)
    if out is not None:
        print(f"Rapport geschreven: {out}")
    return 1 if errors.found else 0


class _Errors:
    """The cases as they pass, noting whether any holds an error (the exit code)."""

    def __init__(self, cases):
        self.cases = cases
        self.found = False

    def __iter__(self):
        for case in self.cases:
            self.found = self.found or any(f.severity == "error" for f in case.findings)
            yield case


def _write(stream, cases, reporter, fmt: str, handle) -> None:
    """The report to a binary file: streamed where the format allows it."""
    if fmt == "json":
        text = io.TextIOWrapper(handle, encoding="utf-8", newline="\n", write_through=False)
        reporter.write(stream.as_of, stream.lang, cases, text)
        text.flush()
        text.detach()
    elif fmt == "xlsx":
        reporter.write(stream.as_of, stream.lang, cases, stream.expected, handle)
    else:
        output = reporter.render(_collect(stream, cases, fmt))
        handle.write(output if isinstance(output, bytes) else output.encode("utf-8"))


def _collect(stream, cases, fmt: str) -> CheckResult:
    """The whole result, for the formats that need it whole (table widths, the docx layout); a
    huge docx report holds the summary only (docx_report says so), not every document list."""
    summary_only = fmt == "docx" and stream.expected > FORMATS["docx"].DETAIL_MAX
    kept = [dataclasses.replace(case, documents=[], calendar=None) if summary_only else case for case in cases]
    return CheckResult(stream.as_of, stream.root, kept, stream.lang, stream.loose_files, summary_only=summary_only)


def _cluster(args, stack: contextlib.ExitStack):
    """The Dask cluster when one is asked for (--cluster or POORTWACHTER_CLUSTER); dask is
    imported only then."""
    address = args.cluster or os.environ.get("POORTWACHTER_CLUSTER")
    if not address:
        return None
    from plugin.check.cluster import Cluster, paths_from_env

    return stack.enter_context(Cluster(address, args.cluster_pad or paths_from_env()))


def _to_stdout(stream, cases, reporter, fmt: str) -> None:
    """Whatever the terminal's encoding, never a crash halfway and never half a JSON document:
    the report goes to a spooled temporary file first (memory stays flat), then out."""
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    with tempfile.SpooledTemporaryFile(max_size=8 << 20) as spool:
        _write(stream, cases, reporter, fmt, spool)
        spool.seek(0)
        text = io.TextIOWrapper(spool, encoding="utf-8")
        while chunk := text.read(1 << 20):
            sys.stdout.write(chunk.encode(encoding, "replace").decode(encoding))
        text.detach()
    sys.stdout.flush()
