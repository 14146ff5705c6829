"""The embedded mailbox: a Maildir, an mbox file, or a folder of .eml/.msg files. No server.

Folder names: a Maildir's own folder is 'INBOX', its subfolders keep their names (Maildir++
'.Casussen.2025-001' and nested 'Casussen/2025-001' both become 'Casussen/2025-001'). A folder
of files is named after the directory ('2025-001 El Amrani', subfolders below it); an mbox
file after its name without extension. So a per-case folder ties its messages to the case.

Search reads each message once and matches it locally (base.TermMatcher): most messages are
rejected on their raw bytes without parsing them.

Like a dossier folder (readers/listing.py): a link to a file or folder outside the mailbox's
tree is never followed, nor is anything that is not a regular file. A message bigger than
the file size limit (Limits.max_file_bytes) is never read whole: only its header block is
searched and fetched, so it is still found and tied by its subject. A message's version (the
mail state, state.py) is its size, mtime, ctime and inode: any edit changes it, even one that
keeps the size and puts the old mtime back. An mbox file is one version as a whole (its keys
are positions in the file): any change to it means a full scan of it.
"""

from __future__ import annotations

import logging
import mailbox
import os
import re
import stat
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator, Sequence

from plugin.readers.listing import refusal
from plugin.errors import MailError
from plugin.readers import Limits
from plugin.readers.guarded import read_bytes_guarded

from .base import OLE_MAGIC, MessageRef, TermMatcher, header_end, ref_from_header_bytes

log = logging.getLogger(__name__)

MAIL_SUFFIXES = (".eml", ".msg")
HEAD_CHUNK = 16_384
MAX_HEAD = 1 << 20
MAX_MESSAGE = Limits().max_file_bytes   # the dossier files' limit: a bigger message is read by its header only


class FolderMailbox:
    def __init__(self, path: str | Path):
        self.path = Path(path)
        if not self.path.exists():
            raise MailError(f"map of bestand niet gevonden: {self.path}")
        if self.path.is_file():
            self.kind = "mbox"
            self._mbox = mailbox.mbox(self.path, create=False)
            self.default_folder = self.path.stem
        else:
            self.kind = "maildir" if (self.path / "cur").is_dir() else "files"
            self.default_folder = "INBOX" if self.kind == "maildir" else self.path.name
        self._dirs = self._find_folders()
        self._entries: dict[str, dict[str, Path]] = {}

    # --- the Mailbox interface -------------------------------------------------------------
    def folders(self) -> list[str]:
        return list(self._dirs)

    def headers(self, folder: str | None = None, ids: Iterable[str] | None = None) -> Iterator[MessageRef]:
        folder = folder or self.default_folder
        wanted = set(ids) if ids is not None else None
        if self.kind == "mbox":
            for key in self._mbox.iterkeys():
                if wanted is None or str(key) in wanted:
                    data, size = self._mbox_message(key)
                    yield ref_from_header_bytes(folder, str(key), data, size)
            return
        for key, path in self._list(folder).items():
            if wanted is not None and key not in wanted:
                continue
            try:
                yield self._ref(folder, key, path)
            except FileNotFoundError:  # moved or deleted while we scan: skip it
                continue

    def inventory(self, folder: str | None = None) -> tuple[str, dict[str, str]]:
        """(epoch, key -> version) of the folder, from the directory alone: a message's version is
        'size:mtime_ns:ctime_ns:inode'. An mbox: the file's own version as the epoch, so any change
        to it starts a full scan (its keys are positions, not names), and '' per message."""
        folder = folder or self.default_folder
        if folder not in self._dirs:
            raise MailError(f"{self.path}: map '{folder}' bestaat niet (wel: {', '.join(self._dirs)})")
        if self.kind == "mbox":
            return _version(os.stat(self.path)), {str(key): "" for key in self._mbox.iterkeys()}
        self._entries.pop(folder, None)  # fetch() and headers() list the folder afresh when needed
        return "", {key: _version(info) for key, (_path, info) in self._scan_folder(folder).items()}

    def search(self, terms: list[str], folder: str | None = None, within: set[str] | None = None,
               subject_terms: Sequence[str] = ()) -> set[str]:
        matcher = TermMatcher(terms)
        in_subject = TermMatcher(subject_terms) if subject_terms else None
        hits = set()
        for key, data in self._messages(folder or self.default_folder, within):
            if data.startswith(OLE_MAGIC):
                item = read_bytes_guarded(key, data)
                subject = item.mail.subject if item.mail else ""
                if matcher.pattern.search(f"{subject}\n{item.text}") or (
                        in_subject is not None and in_subject.pattern.search(subject)):
                    hits.add(key)
            elif matcher.matches(data) or (in_subject is not None and in_subject.matches(data[:header_end(data)])):
                hits.add(key)
        return hits

    def fetch(self, ref: MessageRef) -> bytes:
        """The whole message; one bigger than MAX_MESSAGE: its header block only (never read whole)."""
        if self.kind == "mbox":
            try:
                return self._mbox_message(int(ref.id))[0]
            except (KeyError, ValueError):
                raise MailError(f"{self.path}: bericht {ref.id} bestaat niet meer") from None
        for attempt in range(2):
            path = self._list(ref.folder, fresh=attempt > 0).get(ref.id)
            try:
                if path is not None:
                    return _read_message(path)[0]
            except FileNotFoundError:
                continue
        raise MailError(f"{self.path}: bericht {ref.id} in '{ref.folder}' bestaat niet meer")

    def close(self) -> None:
        if self.kind == "mbox":
            self._mbox.close()

    # --- helpers ---------------------------------------------------------------------------
    def _find_folders(self) -> dict[str, Path]:
        found = {self.default_folder: self.path}
        if self.kind == "mbox":
            return found
        for dirpath, dirnames, filenames in os.walk(self.path):
            dirnames[:] = sorted(d for d in dirnames if d not in ("cur", "new", "tmp"))
            here = Path(dirpath)
            if here == self.path:
                continue
            relative = here.relative_to(self.path)
            if self.kind == "maildir" and not (here / "cur").is_dir():
                continue
            if self.kind == "files" and not any(f.lower().endswith(MAIL_SUFFIXES) for f in filenames):
                continue
            parts = list(relative.parts)
            if self.kind == "maildir" and len(parts) == 1 and parts[0].startswith("."):
                parts = parts[0][1:].split(".")  # Maildir++
            name = "/".join(parts) if self.kind == "maildir" else f"{self.default_folder}/{relative.as_posix()}"
            found[name] = here
        return found

    def _list(self, folder: str, fresh: bool = False) -> dict[str, Path]:
        if folder not in self._dirs:
            raise MailError(f"{self.path}: map '{folder}' bestaat niet (wel: {', '.join(self._dirs)})")
        if fresh or folder not in self._entries:
            found = self._scan_folder(folder)
            self._entries[folder] = {key: found[key][0] for key in sorted(found, key=lambda k: found[k][0].name)}
        return self._entries[folder]

    def _scan_folder(self, folder: str) -> dict[str, tuple[Path, os.stat_result]]:
        """key -> (path, stat) of the folder's messages: regular files inside the mailbox's tree.

        A link is followed only when it stays inside the tree (readers/listing.py decides, as for
        a dossier folder); anything else is left out and logged, never read."""
        base = self._dirs[folder]
        found: dict[str, tuple[Path, os.stat_result]] = {}
        places = [base / "cur", base / "new"] if self.kind == "maildir" else [base]
        for place in places:  # os.scandir and plain strings: 20,000 Path objects cost more than the stats
            linked = os.path.islink(place)   # a Maildir's cur/new as a link: followed only inside the tree
            if linked and not _inside(os.path.realpath(place), self.path):
                log.info("map %s niet gelezen: snelkoppeling naar iets buiten de mailmap", place)
                continue
            for entry in os.scandir(place):
                name = entry.name
                if name.startswith(".") or (self.kind == "files" and not name.lower().endswith(MAIL_SUFFIXES)):
                    continue
                try:
                    if linked or entry.is_symlink():
                        why = refusal(Path(entry.path), self.path)
                        if why is not None:
                            log.info("bericht %s niet gelezen: %s", entry.path, why)
                            continue
                        info = os.stat(entry.path)
                    else:
                        info = entry.stat(follow_symlinks=False)
                except FileNotFoundError:  # moved (a flag changed) or deleted while we list: the next scan sees it
                    continue
                if not stat.S_ISREG(info.st_mode):
                    continue
                key = re.split("[:!]", name, maxsplit=1)[0] if self.kind == "maildir" else name
                found[key] = (Path(entry.path), info)
        return found

    def _ref(self, folder: str, key: str, path: Path) -> MessageRef:
        size = path.stat().st_size
        with _open_regular(path) as handle:
            data = handle.read(HEAD_CHUNK)
            if data.startswith(OLE_MAGIC):  # Outlook .msg: no header block to peek at
                if size > MAX_MESSAGE:
                    return MessageRef(folder, key, "", "", None, size)
                meta = read_bytes_guarded(path.name, data + handle.read(MAX_MESSAGE)).mail
                return MessageRef(folder, key, meta.subject if meta else "", meta.sender if meta else "",
                                  meta.date if meta else None, size)
            data = _more_header(handle, data, size)
        return ref_from_header_bytes(folder, key, data, size)

    def _messages(self, folder: str, within: set[str] | None = None) -> Iterator[tuple[str, bytes]]:
        if self.kind == "mbox":
            for key in self._mbox.iterkeys():
                if within is None or str(key) in within:
                    yield str(key), self._mbox_message(key)[0]
            return
        for key, path in self._list(folder).items():
            if within is not None and key not in within:
                continue
            try:
                yield key, _read_message(path)[0]
            except FileNotFoundError:
                continue

    def _mbox_message(self, key) -> tuple[bytes, int]:
        """(the message, or its header block when it is bigger than MAX_MESSAGE; its size)."""
        with self._mbox.get_file(key) as handle:
            data = handle.read(MAX_MESSAGE + 1)
            if len(data) <= MAX_MESSAGE:
                return data, len(data)
            handle.seek(0, os.SEEK_END)   # the message's size, without reading the rest
            size = handle.tell()
        log.info("bericht %s in %s is groter dan %d MB: alleen de kop gelezen", key, self.path, MAX_MESSAGE >> 20)
        return data[:min(header_end(data), MAX_HEAD)], size


def _version(info: os.stat_result) -> str:
    """A file's version for the mail state: any edit changes it, even one that keeps size and mtime."""
    return f"{info.st_size}:{info.st_mtime_ns}:{info.st_ctime_ns}:{info.st_ino}"


def _inside(target: str, root: Path) -> bool:
    real_root = os.path.realpath(root)
    return target == real_root or target.startswith(real_root.rstrip(os.sep) + os.sep)


def _open_regular(path: Path) -> BinaryIO:
    """Open a message file without blocking (a pipe swapped in after the listing is refused)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    handle = os.fdopen(fd, "rb")
    if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
        handle.close()
        raise FileNotFoundError(f"geen gewoon bestand: {path}")
    return handle


def _read_message(path: Path) -> tuple[bytes, int]:
    """(the message, or only its header block when it is bigger than MAX_MESSAGE; its size)."""
    with _open_regular(path) as handle:
        size = os.fstat(handle.fileno()).st_size
        if size <= MAX_MESSAGE:
            return handle.read(MAX_MESSAGE + 1), size
        data = handle.read(HEAD_CHUNK)
        if data.startswith(OLE_MAGIC):   # an Outlook file has no header block to read alone
            log.info("bericht %s is groter dan %d MB: niet gelezen", path, MAX_MESSAGE >> 20)
            return b"", size
        log.info("bericht %s is groter dan %d MB: alleen de kop gelezen", path, MAX_MESSAGE >> 20)
        data = _more_header(handle, data, size)
        return data[:header_end(data)], size


def _more_header(handle: BinaryIO, data: bytes, size: int) -> bytes:
    """`data` read on until its header block ends (at most MAX_HEAD)."""
    while header_end(data) == len(data) and len(data) < min(size, MAX_HEAD):
        more = handle.read(HEAD_CHUNK)
        if not more:
            break
        data += more
    return data
