"""Subset the Noto fonts the handouts embed: ``python tools/build_fonts.py``.

The handouts print Vietnamese, Korean (Juche, 주체) and Khmer. A fresh clone on any
system must build the same PDFs, with no box where a letter should be, so the fonts are
committed in ``src/comrades/publish/fonts/``: subsets of Google's Noto fonts (SIL Open
Font License 1.1, ``OFL.txt`` beside them), made from Debian's ``fonts-noto-core`` and
``fonts-noto-cjk`` by this script, which only a maintainer runs.

* Noto Sans (regular, bold, italic): every Latin letter the course can print, by block
  (Basic Latin to Latin Extended-B, the combining marks, Latin Extended Additional for
  Vietnamese) and common punctuation, so new Vietnamese text needs no rebuild.
* Noto Sans Math: arrows and mathematical signs (the minus sign, →), which Noto Sans
  lacks.
* Noto Sans Khmer: the whole Khmer block (128 code points).
* Noto Sans CJK KR: only the Hangul and Han characters the course's text uses (the full
  font is 16 MB). ``tests/test_handouts.py`` fails, naming this script, when a handout
  holds a character no committed font covers.
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection, TTFont

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "src" / "comrades" / "publish" / "fonts"
NOTO = Path("/usr/share/fonts/truetype/noto")
CJK = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")

LATIN_BLOCKS = [(0x20, 0x24F), (0x250, 0x2FF), (0x300, 0x36F), (0x1E00, 0x1EFF),
                (0x2000, 0x206F), (0x20A0, 0x20CF), (0x2100, 0x214F), (0x2190, 0x21FF),
                (0x2212, 0x2212), (0x2248, 0x2265), (0x25A0, 0x25FF)]
KHMER_BLOCK = [(0x1780, 0x17FF), (0x19E0, 0x19FF), (0x200B, 0x200D), (0x25CC, 0x25CC)]
SYMBOL_BLOCKS = [(0x20, 0x7E), (0x2190, 0x21FF), (0x2200, 0x22FF), (0x25A0, 0x25FF)]
CJK_RANGES = [(0x1100, 0x11FF), (0x3000, 0x303F), (0x3130, 0x318F), (0x4E00, 0x9FFF),
              (0xAC00, 0xD7AF), (0xFF00, 0xFFEF)]
# The course's text, where a Korean or Chinese character can appear.
SOURCES = ("notebooks/*.ipynb", "exercises/*.ipynb", "data/*.csv", "data/quizzes/*.toml",
           "docs/*.md")

FONTS = {  # committed file -> (source, code points)
    "NotoSans-Regular.subset.ttf": (NOTO / "NotoSans-Regular.ttf", "latin"),
    "NotoSans-Bold.subset.ttf": (NOTO / "NotoSans-Bold.ttf", "latin"),
    "NotoSans-Italic.subset.ttf": (NOTO / "NotoSans-Italic.ttf", "latin"),
    "NotoSansMath-Regular.subset.ttf": (NOTO / "NotoSansMath-Regular.ttf", "symbols"),
    "NotoSansKhmer-Regular.subset.ttf": (NOTO / "NotoSansKhmer-Regular.ttf", "khmer"),
    "NotoSansCJKkr-Regular.subset.otf": (CJK, "korean"),
}


def _expand(ranges: list[tuple[int, int]]) -> set[int]:
    return {cp for low, high in ranges for cp in range(low, high + 1)}


def course_cjk_characters() -> set[int]:
    """Every Hangul or Han character in the course's text."""
    wanted = _expand(CJK_RANGES)
    found: set[int] = set()
    for pattern in SOURCES:
        for path in REPO.glob(pattern):
            found |= {ord(c) for c in path.read_text(encoding="utf-8")} & wanted
    return found


def _korean_font() -> TTFont:
    for font in TTCollection(str(CJK)).fonts:
        if font["name"].getDebugName(1) == "Noto Sans CJK KR":
            return font
    raise SystemExit(f"{CJK} holds no Noto Sans CJK KR")


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    points = {"latin": _expand(LATIN_BLOCKS), "khmer": _expand(KHMER_BLOCK),
              "symbols": _expand(SYMBOL_BLOCKS),
              "korean": course_cjk_characters() | _expand([(0x20, 0x7E)])}
    for name, (source, which) in FONTS.items():
        font = _korean_font() if which == "korean" else TTFont(str(source))
        options = subset.Options()
        options.layout_features = ["*"]  # Khmer and Vietnamese need their shaping rules
        options.name_IDs = ["*"]
        options.notdef_outline = True
        options.hinting = False
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=points[which])
        subsetter.subset(font)
        font.save(str(OUT / name))
        print(f"{(OUT / name).stat().st_size / 1024:6.0f} KB  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
