"""Draw the picture an explorer's chart carries for readers without Vega:
``python tools/build_chart_standin.py`` (a maintainer runs it; vl-convert is in the test
extra). It writes ``src/comrades/widgets/chart-standin.png``; see ``CHART_STANDIN`` in
``comrades.widgets.base`` for why an explorer's chart carries a picture at all.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import vl_convert

OUT = Path(__file__).resolve().parents[1] / "src" / "comrades" / "widgets" / "chart-standin.png"
TEXT = "Run this notebook in JupyterLab to draw the chart."
SPEC = {
    "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
    "width": 420, "height": 24, "background": "white",
    "config": {"view": {"stroke": "#999"}},
    "data": {"values": [{"text": TEXT}]},
    "mark": {"type": "text", "fontSize": 14, "color": "#333"},
    "encoding": {"text": {"field": "text"}},
}


def _chunks(png: bytes):
    at = 8
    while at < len(png):
        (length,) = struct.unpack(">I", png[at:at + 4])
        yield png[at + 4:at + 8], png[at + 8:at + 8 + length]
        at += 12 + length


def _unfilter(raw: bytes, width: int, height: int, bpp: int) -> list[bytearray]:
    """The rows of a non-interlaced PNG's pixels (PNG specification, section 9)."""
    stride, rows, prior = width * bpp, [], bytearray(width * bpp)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prior[i], prior[i - bpp] if i >= bpp else 0
            if kind == 1:
                line[i] = (line[i] + a) & 255
            elif kind == 2:
                line[i] = (line[i] + b) & 255
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(line)
        prior = line
    return rows


def grey(png: bytes) -> bytes:
    """The RGBA picture vl-convert draws, as an 8-bit grey PNG (a quarter of the bytes)."""
    chunks = list(_chunks(png))
    width, height, depth, colour = struct.unpack(">IIBB", chunks[0][1][:10])
    assert (depth, colour) == (8, 6), "vl-convert drew something other than 8-bit RGBA"
    raw = zlib.decompress(b"".join(data for kind, data in chunks if kind == b"IDAT"))
    rows = _unfilter(raw, width, height, 4)
    pixels = b"".join(b"\0" + bytes(round(0.299 * r[i] + 0.587 * r[i + 1] + 0.114 * r[i + 2])
                                      for i in range(0, len(r), 4)) for r in rows)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data)))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(pixels, 9)) + chunk(b"IEND", b""))


def main() -> None:
    OUT.write_bytes(grey(vl_convert.vegalite_to_png(SPEC, scale=1)))
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
