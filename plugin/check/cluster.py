"""The dossier scan on a Dask distributed cluster: `check DOSSIERS --cluster tcp://HOST:8786`.

An existing engine, not a home-made one: Dask's scheduler hands batches of files to the
workers (one future per batch of CHUNK files, never one per file: a future costs more than a
small file's read), the workers read and classify them exactly as this machine's reader
processes would (scan.py, cache.py `_read_one`), and send back the documents. Only this
process, the coordinator, lists the tree, asks and writes the scan cache, ties folders,
evaluates the rules and writes the report, so the answer is the same as a local run's.

The workers read the shared dossier tree themselves: mounted at the same path on every
machine, or elsewhere with a path mapping (`--cluster-pad LOKAAL=WERKER`, e.g.
`/mnt/dossiers=/data/dossiers`, or POORTWACHTER_CLUSTER_PADEN with `;` between pairs).
Dask is an optional extra (`pip install 'poortwachter[cluster]'`): this module is imported
only when a cluster is asked for.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path, PurePath

from plugin.errors import UsageError

CHUNK = 64               # files per future
PER_THREAD = 4           # futures in flight per worker thread: the stream's batch is this many chunks
ENV_ADDRESS = "POORTWACHTER_CLUSTER"
ENV_PATHS = "POORTWACHTER_CLUSTER_PADEN"


def parse_paths(pairs: Iterable[str]) -> list[tuple[str, str]]:
    """'LOCAL=WORKER' pairs as (local prefix, worker prefix), longest first."""
    mapping = []
    for pair in pairs:
        local, sep, remote = pair.partition("=")
        if not sep or not local or not remote:
            raise UsageError(f"padvertaling '{pair}': schrijf LOKAAL=WERKER, bv. /mnt/dossiers=/data/dossiers")
        mapping.append((os.path.abspath(local), remote.rstrip("/\\") or "/"))
    return sorted(mapping, key=lambda item: -len(item[0]))


def paths_from_env() -> list[str]:
    return [pair for pair in os.environ.get(ENV_PATHS, "").split(";") if pair.strip()]


def translate(value, mapping: Sequence[tuple[str, str]]):
    """A path (str or Path) as the worker sees it; anything else as it is."""
    if not mapping or not isinstance(value, (str, PurePath)):
        return value
    text = os.fspath(value)
    for local, remote in mapping:
        if text == local or text.startswith(local + os.sep):
            moved = remote + text[len(local):].replace(os.sep, "/") if "/" in remote else remote + text[len(local):]
            return Path(moved) if isinstance(value, PurePath) else moved
    return value


def _run_chunk(function: Callable, tasks: list, mapping: list[tuple[str, str]]) -> list:
    """On a worker: the function over a chunk of tasks, their paths translated."""
    if mapping:
        tasks = [tuple(translate(part, mapping) for part in task) if isinstance(task, tuple) else task
                 for task in tasks]
    return [function(task) for task in tasks]


class Cluster:
    """A connection to a Dask scheduler for one check."""

    def __init__(self, address: str, paths: Iterable[str] = (), timeout: float = 30.0, client=None):
        self.address = address
        self.mapping = parse_paths(paths)
        if client is None:
            try:
                from distributed import Client
            except ImportError:
                raise UsageError("--cluster vraagt Dask: installeer het met pip install 'poortwachter[cluster]'") \
                    from None
            try:
                client = Client(address, timeout=timeout)
            except OSError as error:
                raise UsageError(f"het Dask-cluster {address} is niet bereikbaar ({error})") from None
        self.client = client
        threads = sum(self.client.nthreads().values()) or 1
        self.batch_files = max(256, CHUNK * PER_THREAD * threads)

    def map(self, function: Callable, tasks: list, initializer: Callable | None = None) -> list:
        """scan.py's mapper: the tasks in chunks over the workers, results in order."""
        if not tasks:
            return []
        chunks = [tasks[start:start + CHUNK] for start in range(0, len(tasks), CHUNK)]
        futures = self.client.map(_run_chunk, [function] * len(chunks), chunks, [self.mapping] * len(chunks),
                                  pure=False)
        return [result for chunk in self.client.gather(futures) for result in chunk]

    def verify(self, root: Path) -> None:
        """Every worker sees the dossier tree (at its mapped path), or a clear error: a wrong
        mount or mapping must not turn every file into 'niet te openen'."""
        where = translate(os.path.abspath(root), self.mapping)
        blind = sorted(worker for worker, seen in self.client.run(os.path.isdir, where).items() if not seen)
        if blind:
            raise UsageError(f"de Dask-werker(s) {', '.join(blind)} zien de dossiermap niet op {where}; koppel de "
                             f"share daar, of geef met --cluster-pad aan waar de werkers hem zien")

    def scanner(self, cache) -> Callable:
        """The check's batch scan (run.start_check `scan`) with the reads on the cluster."""
        from plugin.check.scan import scan_files

        verified: set[str] = set()

        def scan(files: list[Path], root: Path, listed) -> list:
            if str(root) not in verified:
                self.verify(root)
                verified.add(str(root))
            return scan_files(files, root, cache=cache, listed=listed, mapper=self.map)
        scan.batch_files = self.batch_files
        return scan

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> "Cluster":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
