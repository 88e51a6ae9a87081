#!/usr/bin/env python3
"""Writes the app icons of the web app manifest (public/icons/*.png) from the favicon's
design: the accent square with four bars. Standard library only (zlib, struct), so it runs
anywhere; the PNGs are committed and this script says where they came from.

    python3 scripts/make-icons.py
"""
import struct
import zlib
from pathlib import Path

ACCENT = (0x1F, 0x5F, 0xBF)
WHITE = (0xFF, 0xFF, 0xFF)
# The favicon's bars on its 32-unit grid: x, y, width, height, opacity.
BARS = [(6, 20, 4, 6, 1.0), (12, 15, 4, 11, 1.0), (18, 10, 4, 16, 1.0), (24, 6, 3, 20, 0.6)]


def icon(size, maskable):
    """RGBA rows of one icon. A maskable icon fills the square (the platform cuts its own
    shape) and keeps the bars inside the central 80 % safe zone; the plain one has rounded
    corners and transparent surroundings."""
    scale = size / 32 * (0.7 if maskable else 1.0)
    offset = size * 0.15 if maskable else 0.0
    radius = 0 if maskable else 7 * size / 32
    rows = []
    for y in range(size):
        row = bytearray()
        for x in range(size):
            cx, cy = x + 0.5, y + 0.5
            inside = True
            if radius:
                dx = max(radius - cx, 0, cx - (size - radius))
                dy = max(radius - cy, 0, cy - (size - radius))
                inside = dx * dx + dy * dy <= radius * radius
            if not inside:
                row += bytes((0, 0, 0, 0))
                continue
            colour = ACCENT
            for bx, by, bw, bh, alpha in BARS:
                gx, gy = (cx - offset) / scale, (cy - offset) / scale
                if bx <= gx < bx + bw and by <= gy < by + bh:
                    colour = tuple(round(a * (1 - alpha) + w * alpha) for a, w in zip(ACCENT, WHITE))
            row += bytes((*colour, 255))
        rows.append(bytes(row))
    return rows


def png(rows, size):
    raw = b"".join(b"\x00" + r for r in rows)

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


out = Path(__file__).resolve().parent.parent / "public" / "icons"
out.mkdir(parents=True, exist_ok=True)
for name, size, maskable in [("icon-192.png", 192, False), ("icon-512.png", 512, False), ("icon-maskable-512.png", 512, True)]:
    (out / name).write_bytes(png(icon(size, maskable), size))
    print(f"{out / name}: {(out / name).stat().st_size} B")
