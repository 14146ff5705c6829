"""The add-in's icons, drawn by code: a white page with a check mark on Office blue.

Office asks for PNGs of 16, 32, 64, 80 and 128 pixels (ribbon and add-in lists). They are
drawn here with a few shapes and 4x4 supersampling, written as PNG with zlib alone, and
committed under static/; a test proves the committed files are what this code draws.
"""

from __future__ import annotations

import math
import struct
import zlib
from pathlib import Path

SIZES = (16, 32, 64, 80, 128)
BLUE = (15, 108, 189)      # Fluent "brand" #0F6CBD
WHITE = (255, 255, 255)
SAMPLES = 4


def _in_rounded(x: float, y: float, lo: float, hi: float, r: float) -> bool:
    cx = min(max(x, lo + r), hi - r)
    cy = min(max(y, lo + r), hi - r)
    return lo <= x <= hi and lo <= y <= hi and (x - cx) ** 2 + (y - cy) ** 2 <= r * r


def _in_page(x: float, y: float) -> bool:
    fold = 0.14
    return 0.27 <= x <= 0.73 and 0.16 <= y <= 0.84 and (x - (0.73 - fold)) + (0.16 + fold - y) <= fold


def _near_segment(x: float, y: float, a: tuple[float, float], b: tuple[float, float], width: float) -> bool:
    ax, ay = a
    bx, by = b
    t = max(0.0, min(1.0, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)))
    return math.hypot(x - (ax + t * (bx - ax)), y - (ay + t * (by - ay))) <= width / 2


def _colour(x: float, y: float) -> tuple[int, int, int, int] | None:
    if not _in_rounded(x, y, 0.02, 0.98, 0.2):
        return None
    if _in_page(x, y):
        check = ((0.36, 0.53), (0.46, 0.64), (0.65, 0.40))
        if _near_segment(x, y, check[0], check[1], 0.085) or _near_segment(x, y, check[1], check[2], 0.085):
            return BLUE + (255,)
        return WHITE + (255,)
    return BLUE + (255,)


def render_icon(size: int) -> bytes:
    """The icon as PNG bytes (RGBA, straight alpha)."""
    rows = []
    for py in range(size):
        row = bytearray([0])  # filter type 0 (none) for each scan line
        for px in range(size):
            total = [0, 0, 0, 0]
            for sy in range(SAMPLES):
                for sx in range(SAMPLES):
                    colour = _colour((px + (sx + 0.5) / SAMPLES) / size, (py + (sy + 0.5) / SAMPLES) / size)
                    if colour:
                        for i in range(3):
                            total[i] += colour[i]
                        total[3] += 255
            n = SAMPLES * SAMPLES
            covered = total[3] // 255
            rgb = [round(total[i] / covered) if covered else 0 for i in range(3)]
            row += bytes(rgb + [round(total[3] / n)])
        rows.append(bytes(row))
    return _png(size, size, b"".join(rows))


def _png(width: int, height: int, raw: bytes) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def write_icons(folder: Path) -> list[Path]:
    """Draw every size into folder as icon-<size>.png."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for size in SIZES:
        path = folder / f"icon-{size}.png"
        path.write_bytes(render_icon(size))
        paths.append(path)
    return paths


if __name__ == "__main__":  # python -m plugin.addins.icons: redraw the committed icons
    for written in write_icons(Path(__file__).resolve().parent / "static"):
        print(written)
