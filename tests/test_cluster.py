"""check --cluster: the scan on a Dask cluster (a LocalCluster here) gives the local answer, reads
the tree where the workers see it (path mapping), leaves the cache to the coordinator, and a
check without --cluster never imports dask."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from plugin.check.reporters.json_report import as_dict
from plugin.services.check import check_stream, run_check
from plugin.services.sources import Sources
from plugin.workbook.load import load_workbook

distributed = pytest.importorskip("distributed")

REPO = Path(__file__).resolve().parents[1]
AS_OF = __import__("datetime").date(2026, 12, 1)


@pytest.fixture(scope="module")
def cluster():
    """Two worker processes of one thread each (the PDF library is not thread-safe)."""
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  host="127.0.0.1") as local:
        yield local


@pytest.fixture()
def examples(tmp_path):
    shutil.copytree(REPO / "examples" / "dossiers", tmp_path / "dossiers")
    return Sources(load_workbook(REPO / "examples" / "casussen.xlsx"), tmp_path / "dossiers", no_cache=True,
                   as_of=AS_OF)


@pytest.fixture(scope="module")
def local(tmp_path_factory):
    """The local answer for the examples (computed once: the scans take their time)."""
    root = tmp_path_factory.mktemp("lokaal") / "dossiers"
    shutil.copytree(REPO / "examples" / "dossiers", root)
    return as_dict(run_check(Sources(load_workbook(REPO / "examples" / "casussen.xlsx"), root, no_cache=True,
                                     as_of=AS_OF)).result)


def _clustered(sources: Sources, address: str, paths=()) -> dict:
    from plugin.check.cluster import Cluster

    with Cluster(address, paths) as on_cluster, check_stream(sources, cluster=on_cluster) as stream:
        return as_dict(stream.collect())


def test_the_cluster_gives_the_local_answer(cluster, examples, local):
    assert _clustered(examples, cluster.scheduler_address) == local


def test_workers_read_the_tree_where_they_see_it(cluster, examples, tmp_path):
    """The coordinator lists its copy; the workers read theirs (another path): what they read counts."""
    theirs = tmp_path / "werkers" / "dossiers"
    shutil.copytree(examples.dossiers, theirs)
    letter = next(p for p in sorted((theirs).rglob("*.txt")))
    mine = examples.dossiers / letter.relative_to(theirs)
    mine.write_text("een ander bestand, van dezelfde naam\n", encoding="utf-8")
    mapped = _clustered(examples, cluster.scheduler_address, [f"{examples.dossiers}={theirs}"])
    shutil.copy(letter, mine)                       # the local answer for the workers' copy
    assert mapped == as_dict(run_check(examples).result)


def test_only_the_coordinator_writes_the_cache_and_a_rerun_is_warm(cluster, examples, tmp_path, local):
    from dataclasses import replace

    cached = replace(examples, no_cache=False, cache=tmp_path / "c.sqlite")
    first = _clustered(cached, cluster.scheduler_address)
    from plugin.check.cache import ScanCache

    with ScanCache(tmp_path / "c.sqlite") as cache:
        rows = cache.db.execute("SELECT count(*) FROM files").fetchone()[0]
    assert rows > 10
    assert _clustered(cached, cluster.scheduler_address) == first == local


def test_a_bad_path_mapping_is_a_clear_error(cluster, examples, tmp_path):
    from plugin.check.cluster import Cluster
    from plugin.errors import UsageError

    with pytest.raises(UsageError, match="LOKAAL=WERKER"):
        Cluster(cluster.scheduler_address, ["zonder-isteken"])
    with pytest.raises(UsageError, match="zien de dossiermap niet"):   # workers that cannot see the tree
        _clustered(examples, cluster.scheduler_address, [f"{examples.dossiers}={tmp_path / 'nergens'}"])


def test_the_cli_runs_on_the_cluster(cluster, examples, local):
    done = subprocess.run([sys.executable, "-m", "plugin", "check", str(examples.dossiers), "--workbook",
                           str(REPO / "examples" / "casussen.xlsx"), "--as-of", AS_OF.isoformat(), "--format", "json",
                           "--no-cache", "--cluster", cluster.scheduler_address], cwd=REPO, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode in (0, 1), done.stderr
    assert json.loads(done.stdout) == local


def test_a_check_without_cluster_does_not_import_dask(examples, tmp_path):
    code = ("import sys, runpy; sys.argv = ['poortwachter', 'check', %r, '--no-cache', '--format', 'json'];"
            "from plugin.cli import main\ntry:\n    main()\nexcept SystemExit:\n    pass\n"
            "assert not [m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed')], 'dask imported'\n"
            "print('zonder dask', file=sys.stderr)") % str(examples.dossiers)
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert "zonder dask" in done.stderr, done.stderr
