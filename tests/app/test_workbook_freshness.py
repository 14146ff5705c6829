"""The app's workbook cache knows a workbook by size, mtime, ctime and inode: a same-size edit with
its old mtime put back is read again (issue 17), an untouched workbook is not."""

from __future__ import annotations

import os
import shutil
import time

from plugin.app.workbook_cache import WorkbookCache

from .app_helpers import EXAMPLES


def test_a_same_size_edit_with_the_old_mtime_is_read_again(tmp_path):
    from openpyxl import load_workbook as open_book

    path = tmp_path / "casussen.xlsx"
    shutil.copy(EXAMPLES / "casussen.xlsx", path)
    cache = WorkbookCache(path)
    first = cache.get().workbook
    assert cache.get().workbook is first and cache.reads == 1
    before = os.stat(path)
    book = open_book(path)
    sheet = book["Casussen"]
    name = sheet.cell(2, 2).value
    sheet.cell(2, 2).value = name[::-1].title()[:len(name)].ljust(len(name), "x")   # a same-length name
    edited = tmp_path / "bewerkt.xlsx"
    book.save(edited)
    data = edited.read_bytes()
    if len(data) != before.st_size:     # make it the same size as before, as a tricky edit would
        data = data[:before.st_size] if len(data) > before.st_size else data + b"\0" * (before.st_size - len(data))
    time.sleep(0.01)
    with open(path, "r+b") as handle:  # same inode, same size
        handle.write(data)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))   # the old mtime put back
    after = os.stat(path)
    assert (after.st_size, after.st_mtime_ns, after.st_ino) == (before.st_size, before.st_mtime_ns, before.st_ino)
    cache.get()
    assert cache.reads == 2
