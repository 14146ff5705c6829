"""The scan cache: a re-check of an unchanged tree opens no file, and it never serves a stale
result (touch, same-size replace, rename, delete, concurrent runs, older versions, damage)."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import docx
import pytest

from plugin.check import cache as cache_module
from plugin.check.cache import ScanCache, open_cache
from plugin.check.scan import list_files, scan_files
from plugin.readers import guarded

REPO = Path(__file__).resolve().parents[1]


def _docx(title: str, date: str) -> bytes:
    document = docx.Document()
    document.add_heading(title, level=1)
    document.add_paragraph(f"Datum: {date}")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.fixture()
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "dossiers"
    one, two = root / "2025-001 Jansen", root / "2025-002 Smit"
    one.mkdir(parents=True)
    two.mkdir()
    (one / "PvA Jansen.docx").write_bytes(_docx("Plan van aanpak", "03-03-2025"))
    (one / "verslag.docx").write_bytes(_docx("Verslag evaluatiegesprek", "14-04-2025"))
    (one / "notitie.txt").write_text("Gesprek gehad, alles loopt.\nDatum: 20-05-2025\n", encoding="utf-8")
    (two / "Probleemanalyse.txt").write_text("Probleemanalyse\nDatum: 01-02-2025\n", encoding="utf-8")
    (two / "kapot.pdf").write_bytes(b"%PDF-1.4 kapot")
    return root


def _files(root: Path) -> list[Path]:
    return [f for folder in sorted(root.iterdir()) for f in list_files(folder)]


def _scan(root: Path, cache_file: Path, **kwargs):
    kwargs.setdefault("listed", sorted(root.iterdir()))   # every folder listed whole: gone files are pruned
    with ScanCache(cache_file) as cache:
        documents = scan_files(_files(root), root, workers=1, cache=cache, **kwargs)
        cache.prune_root(root, kwargs["listed"])   # as a whole check does: folders gone from the root
        return documents, dict(cache.stats)


def _by_path(documents):
    return {d.path: (d.type, d.date, d.why) for d in documents}


def test_the_cache_gives_the_same_documents_as_a_cold_scan(tree, tmp_path):
    cold = scan_files(_files(tree), tree, workers=1)
    first, stats = _scan(tree, tmp_path / "c.sqlite")
    assert first == cold and stats["read"] == 5
    second, stats = _scan(tree, tmp_path / "c.sqlite")
    assert second == cold and stats == {"cached": 5, "same_content": 0, "read": 0, "pruned": 0}


def test_a_recheck_of_an_unchanged_tree_opens_no_file(tree, tmp_path, monkeypatch):
    cold, _ = _scan(tree, tmp_path / "c.sqlite")
    real_open = os.open

    def guarded(path, *args, **kwargs):
        assert str(tree) not in os.fspath(path), f"opened {path}"
        return real_open(path, *args, **kwargs)
    monkeypatch.setattr(os, "open", guarded)
    again, stats = _scan(tree, tmp_path / "c.sqlite")
    assert again == cold and stats["cached"] == 5


def test_touch_reads_the_file_again(tree, tmp_path):
    _scan(tree, tmp_path / "c.sqlite")
    path = tree / "2025-001 Jansen" / "notitie.txt"
    info = path.stat()
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000_000))
    documents, stats = _scan(tree, tmp_path / "c.sqlite")
    assert stats["cached"] == 4 and stats["read"] + stats["same_content"] == 1


def test_a_same_size_replacement_with_its_old_mtime_put_back_is_seen(tree, tmp_path):
    _scan(tree, tmp_path / "c.sqlite")
    path = tree / "2025-001 Jansen" / "notitie.txt"
    old = path.read_bytes()
    info = path.stat()
    new = b"Plan van aanpak\n" + b"Datum: 21-05-2025\n"
    new = new + b" " * (len(old) - len(new))
    assert len(new) == len(old)
    path.write_bytes(new)
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))  # what `cp -p` or a sync tool does
    documents, stats = _scan(tree, tmp_path / "c.sqlite")
    found = _by_path(documents)["2025-001 Jansen/notitie.txt"]
    assert found[0] == "plan-van-aanpak" and stats["read"] == 1


def test_a_renamed_file_is_read_again_and_classified_under_its_new_name(tree, tmp_path):
    _scan(tree, tmp_path / "c.sqlite")
    folder = tree / "2025-001 Jansen"
    (folder / "notitie.txt").rename(folder / "Evaluatie mei.txt")   # the new name says what it is
    documents, stats = _scan(tree, tmp_path / "c.sqlite")
    found = _by_path(documents)
    assert "2025-001 Jansen/notitie.txt" not in found
    assert found["2025-001 Jansen/Evaluatie mei.txt"] == ("evaluatie", dt.date(2025, 5, 20), "bestandsnaam 'Evaluatie'")
    assert stats == {"cached": 4, "same_content": 0, "read": 1, "pruned": 1}


def _never_parsed(*_args, **_kwargs):
    pytest.fail("parsed again")


def test_a_moved_folder_keeps_its_documents_without_parsing_them_again(tree, tmp_path, monkeypatch):
    cold, _ = _scan(tree, tmp_path / "c.sqlite")
    (tree / "2025-002 Smit").rename(tree / "2025-002 Smit-de Boer")
    monkeypatch.setattr(cache_module, "read_bytes_guarded", _never_parsed)
    guarded.shutdown()   # the reader workers must be forked with the patch
    documents, stats = _scan(tree, tmp_path / "c.sqlite")
    expected = {path.replace("2025-002 Smit/", "2025-002 Smit-de Boer/"): value for path, value in _by_path(cold).items()}
    assert _by_path(documents) == expected
    assert stats == {"cached": 3, "same_content": 2, "read": 0, "pruned": 2}


def test_the_cache_holds_no_text_of_the_documents(tree, tmp_path):
    _scan(tree, tmp_path / "c.sqlite")
    raw = (tmp_path / "c.sqlite").read_bytes()
    assert b"Gesprek gehad" not in raw and b"alles loopt" not in raw
    assert b"plan-van-aanpak" in raw  # what the report shows is there


def test_a_deleted_file_is_gone(tree, tmp_path):
    _scan(tree, tmp_path / "c.sqlite")
    (tree / "2025-001 Jansen" / "verslag.docx").unlink()
    documents, stats = _scan(tree, tmp_path / "c.sqlite")
    assert "2025-001 Jansen/verslag.docx" not in _by_path(documents)
    assert stats["pruned"] == 1
    rows = sqlite3.connect(tmp_path / "c.sqlite").execute("SELECT count(*) FROM files").fetchone()[0]
    assert rows == 4


def test_a_cache_of_another_version_is_rebuilt(tree, tmp_path):
    cold, _ = _scan(tree, tmp_path / "c.sqlite")
    db = sqlite3.connect(tmp_path / "c.sqlite")
    db.execute("UPDATE meta SET value = 'oud' WHERE key = 'fingerprint'")
    db.execute("UPDATE files SET documents = '[]'")  # would be wrong if it were trusted
    db.commit()
    db.close()
    documents, stats = _scan(tree, tmp_path / "c.sqlite")
    assert documents == cold and stats["read"] == 5


def _damage(path: Path) -> None:
    """Overwrite pages past the header: a cache of ours whose content is broken."""
    data = bytearray(path.read_bytes())
    assert len(data) > 4096 * 2
    data[4096:] = b"\xff" * (len(data) - 4096)
    path.write_bytes(bytes(data))


def test_a_damaged_cache_file_is_set_aside_rebuilt_and_said_once(tree, tmp_path):
    cold = scan_files(_files(tree), tree, workers=1)
    _scan(tree, tmp_path / "c.sqlite")
    _damage(tmp_path / "c.sqlite")
    with ScanCache(tmp_path / "c.sqlite") as cache:
        documents = scan_files(_files(tree), tree, workers=1, cache=cache, listed=sorted(tree.iterdir()))
        notes = list(cache.notes)
    assert documents == cold
    assert len(notes) == 1 and "beschadigd" in notes[0] and "opzij gezet" in notes[0]
    assert len(list(tmp_path.glob("c.sqlite.beschadigd-*"))) == 1
    again, stats = _scan(tree, tmp_path / "c.sqlite")          # rebuilt: the next run is warm
    assert again == cold and stats["cached"] == 5


def test_a_file_that_is_not_our_cache_is_refused_and_never_touched(tree, tmp_path):
    """--cache pointed at the workbook (or any other file) by mistake: an error, the file as it was."""
    from plugin.sqlite_store import NotOurs

    workbook = REPO / "examples" / "casussen.xlsx"
    target = tmp_path / "casussen.xlsx"
    target.write_bytes(workbook.read_bytes())
    other_db = tmp_path / "ander.sqlite"
    db = sqlite3.connect(other_db)
    db.execute("CREATE TABLE klanten (naam TEXT)")
    db.commit()
    db.close()
    for path in (target, other_db):
        before = (path.read_bytes(), os.stat(path).st_mode)
        with pytest.raises(NotOurs, match="geen scancache"):
            open_cache(path)
        assert (path.read_bytes(), os.stat(path).st_mode) == before
        assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(path.name)) == [path.name]


def test_the_cli_refuses_a_cache_that_is_the_workbook(tree, tmp_path):
    target = tmp_path / "casussen.xlsx"
    target.write_bytes((REPO / "examples" / "casussen.xlsx").read_bytes())
    before = target.read_bytes()
    out, err = _check(tree, "--cache", str(target)).communicate()
    assert b"geen scancache" in err and target.read_bytes() == before


class _Full:
    """A connection whose data writes fail as SQLite fails on a full disk (the engine's own
    SQLITE_FULL error, raised by a database at its max_page_count)."""

    def __init__(self, db: sqlite3.Connection):
        self.db = db
        side = sqlite3.connect(":memory:")
        side.execute("CREATE TABLE t (x)")
        side.execute("PRAGMA max_page_count = %d" % side.execute("PRAGMA page_count").fetchone()[0])
        try:
            side.execute("INSERT INTO t VALUES (zeroblob(100000))")
        except sqlite3.OperationalError as error:
            self.error = error
        assert self.error.sqlite_errorname == "SQLITE_FULL"

    def execute(self, sql, *args):
        return self.db.execute(sql, *args)

    def executemany(self, sql, rows):
        raise self.error

    def close(self):
        self.db.close()


@pytest.mark.parametrize("trouble", ["alleen-lezen", "schijf is vol"])
def test_a_cache_that_cannot_be_written_is_used_without_writing_and_said_once(tree, tmp_path, trouble):
    """The engine's own errors: SQLITE_READONLY (query_only) and SQLITE_FULL (max_page_count), so
    the test holds as root too; a read-only file is also tried where permissions bind (not root)."""
    cold = scan_files(_files(tree), tree, workers=1)
    cache_file = tmp_path / "c.sqlite"
    _scan(tree, cache_file)
    for path in _files(tree)[:2]:
        os.utime(path, ns=(10**9, 10**9))                      # two files to read and store again
    before = cache_file.read_bytes()
    with ScanCache(cache_file) as cache:
        if trouble == "alleen-lezen":
            cache.db.execute("PRAGMA query_only = ON")
        else:
            cache.store.db = _Full(cache.db)
        documents = scan_files(_files(tree), tree, workers=1, cache=cache, listed=sorted(tree.iterdir()))
        for path in _files(tree)[2:4]:
            os.utime(path, ns=(2 * 10**9, 2 * 10**9))
        again = scan_files(_files(tree), tree, workers=1, cache=cache, listed=sorted(tree.iterdir()))
        notes = list(cache.notes)
        stats = dict(cache.stats)
    assert documents == cold and again == cold
    assert len(notes) == 1 and trouble in notes[0] and "zonder op te slaan" in notes[0], notes
    assert stats["read"] + stats["same_content"] == 2 + 4 and stats["cached"] == 3 + 1
    if trouble == "alleen-lezen":
        assert cache_file.read_bytes() == before


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="als root is een bestand altijd schrijfbaar")
def test_a_read_only_cache_file_is_read_and_not_written(tree, tmp_path):
    cold = scan_files(_files(tree), tree, workers=1)
    folder = tmp_path / "cache"
    folder.mkdir()
    _scan(tree, folder / "c.sqlite")
    os.chmod(folder / "c.sqlite", 0o400)
    os.chmod(folder, 0o500)
    try:
        with ScanCache(folder / "c.sqlite") as cache:
            documents = scan_files(_files(tree), tree, workers=1, cache=cache)
            assert cache.stats["cached"] == 5 and "alleen-lezen" in cache.notes[0]
    finally:
        os.chmod(folder, 0o700)
    assert documents == cold


def test_cache_files_are_private(tree, tmp_path):
    _scan(tree, tmp_path / "c.sqlite")
    assert os.stat(tmp_path / "c.sqlite").st_mode & 0o777 == 0o600
    os.chmod(tmp_path / "c.sqlite", 0o644)          # made by an earlier version
    _scan(tree, tmp_path / "c.sqlite")
    assert os.stat(tmp_path / "c.sqlite").st_mode & 0o777 == 0o600


def test_a_cache_of_the_previous_version_without_our_mark_is_taken_over(tree, tmp_path):
    cache_file = tmp_path / "c.sqlite"
    db = sqlite3.connect(cache_file)
    db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
    db.executemany("INSERT INTO meta VALUES (?, ?)", [("schema", "6"), ("fingerprint", "oud")])
    db.commit()
    db.close()
    cold = scan_files(_files(tree), tree, workers=1)
    documents, stats = _scan(tree, cache_file)
    assert documents == cold and stats["read"] == 5


def test_an_unusable_cache_location_is_a_warning_not_a_failure(tmp_path):
    blocker = tmp_path / "bestand"
    blocker.write_text("x")
    cache, warning = open_cache(blocker / "sub" / "c.sqlite")
    assert cache is None and "opnieuw gelezen" in warning
    assert open_cache(None, disabled=True) == (None, None)


def _check(tree: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "plugin", "check", str(tree), "--as-of", "2025-12-01",
                             "--format", "json", *extra], cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def test_two_checks_at_once_on_one_cache(tree, tmp_path):
    for index in range(40):  # enough files for the parallel path and a real overlap of the two runs
        (tree / "2025-002 Smit" / f"Evaluatie {index:02d}.txt").write_text(f"Evaluatie\nDatum: {1 + index % 28:02d}-06"
                                                                           f"-2025\n", encoding="utf-8")
    reference = _check(tree, "--no-cache").communicate()[0]
    shared = tmp_path / "gedeeld.sqlite"
    runs = [_check(tree, "--cache", str(shared)) for _ in range(2)]
    outputs = [run.communicate() for run in runs]
    assert all(run.returncode in (0, 1) for run in runs), [err for _, err in outputs]
    assert all(json.loads(out) == json.loads(reference) for out, _ in outputs)
    assert sqlite3.connect(shared).execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    third = _check(tree, "--cache", str(shared)).communicate()[0]
    assert json.loads(third) == json.loads(reference)


def test_no_cache_writes_no_cache(tree, tmp_path, monkeypatch):
    monkeypatch.setenv("POORTWACHTER_CACHE_DIR", str(tmp_path / "userscache"))
    run = _check(tree, "--no-cache")
    run.communicate()
    assert not (tmp_path / "userscache").exists()
    run = _check(tree)
    run.communicate()
    assert (tmp_path / "userscache" / "scancache.sqlite").exists()


_READ_ONE = cache_module._read_one


def _slow_read_one(task):   # module level: the reader workers get it by name
    import time

    time.sleep(0.01)
    return _READ_ONE(task)


def test_two_threads_scanning_at_once_each_get_their_own_documents(tree, tmp_path, monkeypatch):
    """The app scans from several request threads: the contents one cache knows (a module
    global, for forked workers) must never answer for a scan on another cache that does not
    know them (that scan would find no documents for its file and fail)."""
    import shutil
    import threading
    import time

    copy = tmp_path / "kopie"
    shutil.copytree(tree, copy)
    expected = _by_path(scan_files(_files(tree), tree, workers=1))
    _scan(tree, tmp_path / "a.sqlite")                       # cache a knows these contents
    monkeypatch.setattr(cache_module, "_read_one", _slow_read_one)   # let the other thread run mid-scan
    results, errors = [], []
    barrier = threading.Barrier(2)

    def run(root, cache_file_for_round):
        try:
            for round_ in range(4):
                barrier.wait(timeout=30)
                for path in _files(root):
                    os.utime(path, ns=(round_ * 10**9 + 1, round_ * 10**9 + 1))   # changed: read again
                documents, _ = _scan(root, cache_file_for_round(round_))
                results.append((root, _by_path(documents)))
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(repr(exc))
            barrier.abort()

    threads = [threading.Thread(target=run, args=(copy, lambda r: tmp_path / "a.sqlite")),
               threading.Thread(target=run, args=(tree, lambda r: tmp_path / f"fresh-{r}.sqlite"))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors
    assert len(results) == 8
    for root, found in results:
        assert found == expected


def test_a_bureaus_own_term_lists_rebuild_the_cache(tmp_path, monkeypatch):
    """Stored quotes were checked against the term lists in use: other lists, another cache."""
    import shutil

    from plugin.resources import checks_dir

    before = cache_module.fingerprint()
    own = tmp_path / "termen"
    own.mkdir()
    for name in ("diagnose-termen.toml", "diagnose-termen-uitzonderingen.toml"):
        shutil.copy(checks_dir() / name, own / name)
    with open(own / "diagnose-termen.toml", "a", encoding="utf-8") as handle:
        handle.write("\n# a bureau's own addition\n")
    monkeypatch.setenv("POORTWACHTER_TERMEN", str(own))
    assert cache_module.fingerprint() != before


def test_the_mail_state_is_private_recovers_from_damage_and_refuses_a_foreign_file(tmp_path):
    """The mail state shares the scan cache's rules (plugin/sqlite_store.py)."""
    from plugin.mail.mailboxes.state import Known, MailState, open_mail_state
    from plugin.sqlite_store import NotOurs

    state = MailState(tmp_path / "c.sqlite-mail")
    state.begin("folder:post", "zaken")
    state.replace_folder("folder:post", "INBOX", "", {str(n): Known("1", dt.date(2026, 1, 1), []) for n in range(400)})
    state.close()
    assert os.stat(tmp_path / "c.sqlite-mail").st_mode & 0o777 == 0o600
    _damage(tmp_path / "c.sqlite-mail")
    state = open_mail_state(tmp_path / "c.sqlite")
    state.begin("folder:post", "zaken")
    assert state.known("folder:post", "INBOX", "") == {}         # damaged: nothing trusted, a full scan
    assert len(state.notes) == 1 and "beschadigd" in state.notes[0]
    state.close()
    assert list(tmp_path.glob("c.sqlite-mail.beschadigd-*"))
    (tmp_path / "werkmap.xlsx-mail").write_bytes(b"PK\x03\x04 een werkmap")
    with pytest.raises(NotOurs):
        open_mail_state(tmp_path / "werkmap.xlsx")
    assert (tmp_path / "werkmap.xlsx-mail").read_bytes() == b"PK\x03\x04 een werkmap"


def test_a_killed_check_keeps_what_it_read_and_the_next_one_goes_on(tmp_path):
    """The cache is committed in batches: kill a cold check halfway, and the next check reads only
    the files the first did not get to, with the findings of an uninterrupted check."""
    import signal
    import time

    root = tmp_path / "dossiers"
    for folder in range(40):
        case = root / f"2025-{folder:03d} Jansen"
        case.mkdir(parents=True)
        for index in range(20):
            (case / f"Evaluatie {index:02d}.txt").write_text(f"Evaluatie\nDatum: {1 + index:02d}-06-2025\n"
                                                             f"{'Afspraken over werk. ' * 200}\n", encoding="utf-8")
    cache_file = tmp_path / "c.sqlite"
    run = _check(root, "--cache", str(cache_file), "-v")
    stored, deadline = 0, time.monotonic() + 120
    while run.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
        try:
            with sqlite3.connect(f"file:{cache_file}?mode=ro", uri=True, timeout=1) as db:
                stored = db.execute("SELECT count(*) FROM files").fetchone()[0]
        except sqlite3.Error:
            continue
        if stored >= 256:
            os.kill(run.pid, signal.SIGKILL)
            break
    run.communicate()
    assert 256 <= stored < 800, stored          # killed halfway, with whole batches committed
    with ScanCache(cache_file) as cache:
        documents = scan_files(_files(root), root, workers=1, cache=cache, listed=sorted(root.iterdir()))
        stats = dict(cache.stats)
    assert stats["cached"] >= stored and stats["read"] + stats["same_content"] == 800 - stats["cached"]
    assert documents == scan_files(_files(root), root, workers=1)
