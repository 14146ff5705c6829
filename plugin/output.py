"""Writing files so that nothing is ever half-written or silently overwritten."""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
import tempfile
from pathlib import Path
from typing import BinaryIO, Iterator

from plugin.errors import OutputExists, UsageError

_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
MAX_NAME = 120


def safe_name(text: str) -> str:
    """A file or folder name that works on Windows, macOS and Linux."""
    name = _UNSAFE.sub("_", re.sub(r"[\t\n\r\x0b\x0c]+", " ", text))  # a line break in a cell is a space here
    name = re.sub(r"\s+", " ", name).strip().rstrip(". ")
    return name[:MAX_NAME] or "_"


def require_folder(path: Path) -> None:
    """The folder a file is to be written in must exist and be a folder (UsageError otherwise)."""
    folder = Path(path).parent
    if not folder.is_dir():
        what = "is geen map" if folder.exists() else "bestaat niet"
        raise UsageError(f"{folder} {what}; maak de map eerst aan of kies een andere plek voor {Path(path).name}")
    if Path(path).is_dir():
        raise UsageError(f"{path} is een map; geef een bestandsnaam op")


def safe_case_id(case_id: str) -> str:
    """A case number as part of a file or folder name, unique per case number as typed.

    A number that cannot be a file name as it is (2025/001) gets a short fixed code of the
    number, so it never names the same file as 2025_001: "2025_001 (3f9a2c)".
    """
    name = safe_name(case_id)
    if name == case_id:
        return name
    return f"{name[:MAX_NAME - 9]} ({hashlib.sha256(case_id.encode('utf-8')).hexdigest()[:6]})"


def write_atomic(path: Path, data: bytes, force: bool = False, make_folders: bool = True) -> None:
    """Write data to path all at once: readers see the old file or the new one, never a part.

    Without force an existing file is left alone (OutputExists), also when another process
    creates it at the same moment (the final step is a hard link, which never replaces).
    With make_folders=False a missing folder is an error (a typo in --out must not create a
    tree of folders somewhere).
    """
    with atomic_file(path, force, make_folders) as handle:
        handle.write(data)


@contextlib.contextmanager
def atomic_file(path: Path, force: bool = False, make_folders: bool = True) -> Iterator[BinaryIO]:
    """A file written as a stream that appears at `path` only when the block ends without error,
    complete and synced (write_atomic's guarantees, for a report written as the check goes).

    Where the OS has it (Linux), the file is made without a name (O_TMPFILE) and linked in at
    the end: nothing to clean up after a crash, one system call less than a named temporary
    file. Elsewhere a named temporary file in the same folder is linked (or renamed) in."""
    path = Path(path)
    if make_folders:
        path.parent.mkdir(parents=True, exist_ok=True)
    else:
        require_folder(path)
    if not force and path.exists():
        raise _exists(path)
    fd, tmp = _unnamed(path.parent)
    try:
        with os.fdopen(fd, "wb", closefd=False) as handle:
            yield handle
            handle.flush()
            os.fsync(fd)
        _publish(fd, tmp, path, force)
    finally:
        os.close(fd)
        if tmp is not None and os.path.exists(tmp):
            os.unlink(tmp)


def write_many(items: list[tuple[Path, bytes]], force: bool = False) -> list[Exception | None]:
    """write_atomic for the documents of one case, with one sync for all of them: each file is
    written without a name (O_TMPFILE), then one syncfs() puts all their bytes on disk, and only
    then are they linked in. A crash or power cut at any point leaves each file whole or absent,
    as write_atomic does, at the cost of one sync per case instead of one per file.

    Returns per item None (written) or the error (OutputExists, OSError), in order. Where the OS
    has no unnamed files or no syncfs, each file is written by write_atomic."""
    results: list[Exception | None] = [None] * len(items)
    pending: list[tuple[int, int, Path]] = []
    devices: dict[Path, int] = {}   # each folder made and its device looked up once (a case has one)
    try:
        for index, (path, data) in enumerate(items):
            try:
                if path.parent not in devices:
                    path.parent.mkdir(parents=True, exist_ok=True)
                    devices[path.parent] = _device(path.parent)
                if not force and path.exists():
                    raise _exists(path)
                fd = _unnamed_only(path.parent, devices[path.parent])
                if fd is None:
                    write_atomic(path, data, force)
                    continue
                pending.append((index, fd, path))
                view = memoryview(data)
                while view:
                    view = view[os.write(fd, view):]
            except (OutputExists, OSError) as error:
                results[index] = error
        if pending and not _syncfs(pending[0][1]):
            for _, fd, _ in pending:
                os.fsync(fd)
        for index, fd, path in pending:
            try:
                _publish(fd, None, path, force)
            except (OutputExists, OSError) as error:
                results[index] = error
    finally:
        for _, fd, _ in pending:
            os.close(fd)
    return results


def _unnamed_only(folder: Path, device: int | None = None) -> int | None:
    fd, tmp = _unnamed(folder, device)
    if tmp is None:
        return fd
    os.close(fd)
    os.unlink(tmp)
    return None


_SYNCFS = None


def _syncfs(fd: int) -> bool:
    """syncfs(2): every dirty page of the file system fd lies on, written and flushed, in one call."""
    global _SYNCFS
    if _SYNCFS is None:
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            _SYNCFS = libc.syncfs
        except (OSError, AttributeError):
            _SYNCFS = False
    return bool(_SYNCFS) and _SYNCFS(fd) == 0


def _exists(path: Path) -> OutputExists:
    return OutputExists(f"bestaat al: {path} (gebruik --force om te overschrijven)")


_NO_TMPFILE: set[int] = set()   # devices where O_TMPFILE or linking it failed: named files there


def _device(folder: Path) -> int:
    try:
        return os.stat(folder).st_dev
    except OSError:
        return -1


def _unnamed(folder: Path, device: int | None = None) -> tuple[int, str | None]:
    """(fd, None) for a file without a name in folder, else (fd, the name of a temporary file).
    device: folder's st_dev when the caller has it."""
    flag = getattr(os, "O_TMPFILE", 0)
    if flag:
        if device is None:
            device = _device(folder)
        if device not in _NO_TMPFILE:
            try:
                return os.open(folder, flag | os.O_RDWR, 0o600), None
            except OSError:   # the file system has no unnamed files (some network shares)
                _NO_TMPFILE.add(device)
    fd, tmp = tempfile.mkstemp(prefix=".poortwachter.", suffix=".tmp", dir=folder)
    return fd, tmp


def _publish(fd: int, tmp: str | None, path: Path, force: bool) -> None:
    if tmp is None:
        try:
            _link_unnamed(fd, path, force)
            return
        except OutputExists:
            raise
        except OSError:   # cannot be linked here (an overlay file system: EXDEV): named files from now on
            with contextlib.suppress(OSError):
                _NO_TMPFILE.add(os.stat(path.parent).st_dev)
        named, tmp = tempfile.mkstemp(prefix=".poortwachter.", suffix=".tmp", dir=path.parent)
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            with os.fdopen(named, "wb") as handle, os.fdopen(os.dup(fd), "rb") as source:
                shutil.copyfileobj(source, handle)
                handle.flush()
                os.fsync(handle.fileno())
            _publish(fd, tmp, path, force)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
        return
    if force:
        os.replace(tmp, path)
        return
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise _exists(path) from None
    except OSError:
        # File systems without hard links (some network shares): best effort.
        if path.exists():
            raise _exists(path) from None
        os.replace(tmp, path)


def _link_unnamed(fd: int, path: Path, force: bool) -> None:
    """Give the unnamed file its name (linkat); never over another file unless force (then
    under a fresh name first, renamed over: readers see old or new, never a part)."""
    if not force:
        _linkat(fd, path)
        return
    while True:
        aside = path.with_name(f".{path.name[:40]}.{os.urandom(6).hex()}.tmp")
        try:
            _linkat(fd, aside)
            break
        except OutputExists:
            continue
    try:
        os.replace(aside, path)
    except BaseException:
        aside.unlink(missing_ok=True)
        raise


_LINKAT = None


def _linkat(fd: int, path: Path) -> None:
    """linkat(fd, "", AT_FDCWD, path, AT_EMPTY_PATH), else through /proc/self/fd (which some
    kernels refuse with EXDEV): OSError when neither can name the file."""
    global _LINKAT
    if _LINKAT is None:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        _LINKAT = (libc.linkat, ctypes.get_errno)
    linkat, errno_of = _LINKAT
    if linkat(fd, b"", -100, os.fsencode(path), 0x1000) == 0:   # AT_FDCWD, AT_EMPTY_PATH
        return
    error = errno_of()
    if error == 17:   # EEXIST
        raise _exists(path)
    try:
        os.link(f"/proc/self/fd/{fd}", path, follow_symlinks=True)
    except FileExistsError:
        raise _exists(path) from None
