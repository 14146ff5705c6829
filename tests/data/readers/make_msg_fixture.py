"""Write `with_attachments.msg`: an Outlook message with a recipient, a PDF attachment and an
attached (embedded) message, for testing plugin/readers/msg.py on the attachment paths that
the real samples in ../shared/testdata/msg lack. No open-source tool writes .msg, so this is
a minimal compound-file (MS-CFB v3) writer. Every stream is padded to 4096 bytes so that no
mini stream is needed; string properties end at their NUL, so padding is harmless.

Run from the repository root: python tests/data/readers/make_msg_fixture.py
"""

from __future__ import annotations

import datetime as dt
import struct
from pathlib import Path

from readers_fixtures import make_pdf

HERE = Path(__file__).parent

FREE, END, FATSECT, NOSTREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
SECTOR = 512


def u16(text: str) -> bytes:
    return text.encode("utf-16-le") + b"\0\0"


def props(header: int, entries: list[tuple[int, int, bytes]]) -> bytes:
    """A __properties_version1.0 stream: header, then 16-byte (tag, flags, value) entries."""
    body = b"".join(struct.pack("<II", pid << 16 | kind, 6) + value.ljust(8, b"\0") for pid, kind, value in entries)
    return b"\0" * header + body


FILETIME_2025_03_10 = struct.pack(  # 2025-03-10 09:20 UTC in 100 ns ticks since 1601
    "<Q", int((dt.datetime(2025, 3, 10, 9, 20) - dt.datetime(1601, 1, 1)).total_seconds()) * 10**7)

MESSAGE = {
    "__properties_version1.0": props(32, [(0x0039, 0x0040, FILETIME_2025_03_10)]),
    "__substg1.0_0037001F": u16("Verslag evaluatiegesprek"),
    "__substg1.0_1000001F": u16("Verslag evaluatiegesprek\r\nDatum gesprek: 10-03-2025\r\nAfspraken: opbouw uren."),
    "__substg1.0_0C1A001F": u16("P. de Vries"),
    "__substg1.0_5D01001F": u16("p.devries@werkgever.nl"),
    "__recip_version1.0_#00000000": {
        "__properties_version1.0": props(8, []),
        "__substg1.0_3001001F": u16("J. Jansen"),
        "__substg1.0_39FE001F": u16("j.jansen@example.nl"),
    },
    "__attach_version1.0_#00000000": {
        "__properties_version1.0": props(8, [(0x3705, 0x0003, struct.pack("<I", 1))]),
        "__substg1.0_3707001F": u16("PvA Jansen.pdf"),
        "__substg1.0_37010102": make_pdf(["Plan van aanpak\n" + "\n".join(f"Actie {i}: werkplekonderzoek"
                                                                           for i in range(120))]),
    },
    "__attach_version1.0_#00000001": {
        "__properties_version1.0": props(8, [(0x3705, 0x0003, struct.pack("<I", 5))]),
        "__substg1.0_3001001F": u16("Bevestiging UWV"),
        "__substg1.0_3701000D": {
            "__properties_version1.0": props(24, []),
            "__substg1.0_0037001F": u16("Bevestiging ziekmelding (42e week)"),
            "__substg1.0_1000001F": u16("Wij hebben de ziekmelding van uw werknemer ontvangen."),
        },
    },
}


def build(tree: dict) -> bytes:
    entries: list[dict] = []   # directory entries in order; 0 is the root
    sectors: list[bytes] = []  # data sectors
    fat: list[int] = []

    def add_stream(data: bytes) -> int:
        data = data.ljust(max(4096, len(data)), b"\0")
        data = data.ljust(-(-len(data) // SECTOR) * SECTOR, b"\0")
        first = len(sectors)
        for i in range(0, len(data), SECTOR):
            sectors.append(data[i:i + SECTOR])
            fat.append(len(sectors))
        fat[-1] = END
        return first

    def add(name: str, node) -> int:
        index = len(entries)
        entry = {"name": name, "left": NOSTREAM, "right": NOSTREAM, "child": NOSTREAM, "start": END, "size": 0}
        entries.append(entry)
        if isinstance(node, dict):
            entry["type"] = 5 if index == 0 else 1
            kids = [add(k, v) for k, v in sorted(node.items(), key=lambda kv: (len(kv[0]), kv[0].upper()))]
            for a, b in zip(kids, kids[1:]):
                entries[a]["right"] = b  # a degenerate (all-black, right-leaning) tree
            if kids:
                entry["child"] = kids[0]
        else:
            entry.update(type=2, start=add_stream(node), size=max(4096, len(node)))
        return index

    add("Root Entry", tree)
    directory = b""
    for e in entries:
        name = e["name"].encode("utf-16-le") + b"\0\0"
        directory += struct.pack("<64sHBBIII16sIQQIQ", name, len(name), e["type"], 1, e["left"], e["right"],
                                 e["child"], b"\0" * 16, 0, 0, 0, e["start"], e["size"])
    directory = directory.ljust(-(-len(directory) // SECTOR) * SECTOR, b"\0")
    dir_start = len(sectors)
    for i in range(0, len(directory), SECTOR):
        sectors.append(directory[i:i + SECTOR])
        fat.append(len(sectors))
    fat[-1] = END
    fat_count = -(-(len(fat) + 8) // (SECTOR // 4))
    fat_start = len(sectors)
    fat += [FATSECT] * fat_count
    fat += [FREE] * (fat_count * SECTOR // 4 - len(fat))
    fat_bytes = struct.pack(f"<{len(fat)}I", *fat)
    difat = [fat_start + i for i in range(fat_count)] + [FREE] * (109 - fat_count)
    header = struct.pack("<8s16sHHHHH6sIIIIIIIII", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"\0" * 16, 0x3E, 3,
                         0xFFFE, 9, 6, b"\0" * 6, 0, fat_count, dir_start, 0, 4096, END, 0, END, 0)
    header += struct.pack("<109I", *difat)
    return header + b"".join(sectors) + fat_bytes


if __name__ == "__main__":
    (HERE / "with_attachments.msg").write_bytes(build(MESSAGE))
