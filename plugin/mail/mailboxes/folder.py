"""The embedded mailbox: a Maildir, an mbox file, or a folder of .eml/.msg files. No server.

Folder names: a Maildir's own folder is 'INBOX', its subfolders keep their names (Maildir++
'.Casussen.2025-001' and nested 'Casussen/2025-001' both become 'Casussen/2025-001'). A folder
of files is named after the directory ('2025-001 El Amrani', subfolders below it); an mbox
file after its name without extension. So a per-case folder ties its messages to the case.

Search reads each message once and matches it locally (base.TermMatcher): most messages are
rejected on their raw bytes without parsing them.
"""

from __future__ import annotations

import mailbox
import os
import re
import stat
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from plugin.errors import MailError
from plugin.readers import read_bytes

from .base import OLE_MAGIC, MessageRef, TermMatcher, header_end, ref_from_header_bytes

MAIL_SUFFIXES = (".eml", ".msg")
HEAD_CHUNK = 16_384
MAX_HEAD = 1 << 20


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
                    data = self._mbox.get_bytes(key)
                    yield ref_from_header_bytes(folder, str(key), data, len(data))
            return
        for key, path in self._list(folder).items():
            if wanted is not None and key not in wanted:
                continue
            try:
                yield self._ref(folder, key, path)
            except FileNotFoundError:  # moved or deleted while we scan: skip it
                continue

    def inventory(self, folder: str | None = None) -> tuple[str, dict[str, str]] | None:
        """('', key -> 'size:mtime') of a Maildir or folder of files, from the directory alone;
        None for an mbox (its keys are positions in the file, not names)."""
        if self.kind == "mbox":
            return None
        folder = folder or self.default_folder
        if folder not in self._dirs:
            raise MailError(f"{self.path}: map '{folder}' bestaat niet (wel: {', '.join(self._dirs)})")
        self._entries.pop(folder, None)  # fetch() and headers() list the folder afresh when needed
        base = self._dirs[folder]
        found = {}
        places = [base / "cur", base / "new"] if self.kind == "maildir" else [base]
        for place in places:  # os.scandir and plain strings: 20,000 Path objects cost more than the stats
            for entry in os.scandir(place):
                name = entry.name
                if name.startswith(".") or (self.kind == "files" and not name.lower().endswith(MAIL_SUFFIXES)):
                    continue
                try:
                    info = entry.stat()
                except FileNotFoundError:  # moved (a flag changed) or deleted while we list: the next scan sees it
                    continue
                if not stat.S_ISREG(info.st_mode):
                    continue
                key = re.split("[:!]", name, maxsplit=1)[0] if self.kind == "maildir" else name
                found[key] = f"{info.st_size}:{info.st_mtime_ns}"
        return "", found

    def search(self, terms: list[str], folder: str | None = None, within: set[str] | None = None,
               subject_terms: Sequence[str] = ()) -> set[str]:
        matcher = TermMatcher(terms)
        in_subject = TermMatcher(subject_terms) if subject_terms else None
        hits = set()
        for key, data in self._messages(folder or self.default_folder, within):
            if data.startswith(OLE_MAGIC):
                item = read_bytes(key, data)
                subject = item.mail.subject if item.mail else ""
                if matcher.pattern.search(f"{subject}\n{item.text}") or (
                        in_subject is not None and in_subject.pattern.search(subject)):
                    hits.add(key)
            elif matcher.matches(data) or (in_subject is not None and in_subject.matches(data[:header_end(data)])):
                hits.add(key)
        return hits

    def fetch(self, ref: MessageRef) -> bytes:
        if self.kind == "mbox":
            try:
                return self._mbox.get_bytes(int(ref.id))
            except (KeyError, ValueError):
                raise MailError(f"{self.path}: bericht {ref.id} bestaat niet meer") from None
        for attempt in range(2):
            path = self._list(ref.folder, fresh=attempt > 0).get(ref.id)
            try:
                if path is not None:
                    return path.read_bytes()
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
            base = self._dirs[folder]
            entries: dict[str, Path] = {}
            if self.kind == "maildir":
                for sub in ("cur", "new"):
                    for entry in sorted(os.scandir(base / sub), key=lambda e: e.name):
                        if entry.is_file() and not entry.name.startswith("."):
                            entries[re.split("[:!]", entry.name, maxsplit=1)[0]] = Path(entry.path)
            else:
                for entry in sorted(os.scandir(base), key=lambda e: e.name):
                    if entry.is_file() and entry.name.lower().endswith(MAIL_SUFFIXES):
                        entries[entry.name] = Path(entry.path)
            self._entries[folder] = entries
        return self._entries[folder]

    def _ref(self, folder: str, key: str, path: Path) -> MessageRef:
        size = path.stat().st_size
        with path.open("rb") as handle:
            data = handle.read(HEAD_CHUNK)
            if data.startswith(OLE_MAGIC):  # Outlook .msg: no header block to peek at
                meta = read_bytes(path.name, data + handle.read()).mail
                return MessageRef(folder, key, meta.subject if meta else "", meta.sender if meta else "",
                                  meta.date if meta else None, size)
            while header_end(data) == len(data) and len(data) < min(size, MAX_HEAD):
                more = handle.read(HEAD_CHUNK)
                if not more:
                    break
                data += more
        return ref_from_header_bytes(folder, key, data, size)

    def _messages(self, folder: str, within: set[str] | None = None) -> Iterator[tuple[str, bytes]]:
        if self.kind == "mbox":
            for key in self._mbox.iterkeys():
                if within is None or str(key) in within:
                    yield str(key), self._mbox.get_bytes(key)
            return
        for key, path in self._list(folder).items():
            if within is not None and key not in within:
                continue
            try:
                yield key, path.read_bytes()
            except FileNotFoundError:
                continue
