"""How long each lesson's core path takes to read: ``python tools/core_path.py``.

A section whose heading ends in "(extension)" is left out of the core path, with every
cell under it (a ``###`` heading marked so leaves out only its own subsection). Words
are counted in the markdown the student reads and in the documents and historians'
boxes the lesson shows (their titles, headnotes, excerpts and questions); *What's next*
is navigation and the *Discuss* prompts are read in the discussion itself, so neither is
counted as reading. Minutes are at a careful 100 words a minute (English
learners; 120 for a fluent reader), plus the 20 minutes a lesson plan gives to the
explorer, the quiz and the discussion.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

MARK = "(extension)"
SLOW, FLUENT, ACTIVITIES = 100, 120, 20


def words(text: str) -> int:
    text = re.sub(r"`[^`]*`", "x", text)
    text = re.sub(r"\]\([^)]*\)", "]", text)
    return len(re.findall(r"[\w'’-]+", text))


def _shown_documents(lesson: str, historians: bool, extension: bool = False) -> int:
    from comrades import documents

    if historians:
        table = documents.readings(lesson)
    else:
        table = documents.primary(lesson, extension)
    columns = [c for c in ("title", "headnote", "excerpt", "question_1", "question_2",
                           "question_3") if c in table.columns]
    return sum(words(" ".join(str(v) for v in row if str(v) != "<NA>"))
               for row in table[columns].itertuples(index=False))


def core_words(path: Path) -> tuple[int, int, list[str]]:
    """(core words, all words, the extension headings) of one lesson notebook."""
    lesson = path.name[:2]
    section_out = subsection_out = discussion = False
    core = total = 0
    marked = []
    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        source = "".join(cell["source"])
        if cell["cell_type"] == "markdown":
            for line in source.splitlines():
                heading = line.rstrip()
                if line.startswith("## "):
                    section_out = heading.endswith(MARK)
                    subsection_out = False
                    discussion = line.startswith(("## What's next", "## Discuss"))
                elif line.startswith("### "):
                    subsection_out = heading.endswith(MARK)
                    discussion = line.startswith("### Discuss") or (
                        discussion and not line.startswith("### Historians"))
                if line.startswith("#") and heading.endswith(MARK):
                    marked.append(heading.lstrip("# "))
            count = words(source)
        elif "documents.show(" in source:
            count = _shown_documents(lesson, historians=False,
                                     extension="extension=True" in source)
        elif "documents.historians(" in source:
            count = _shown_documents(lesson, historians=True)
        else:
            count = 0
        if discussion:
            continue
        total += count
        if not (section_out or subsection_out):
            core += count
    return core, total, marked


def minutes(core: int, pace: int = SLOW) -> int:
    return round(core / pace) + ACTIVITIES


def main() -> int:
    print("lesson | core words | all words | minutes (100 wpm) | minutes (120 wpm)")
    for path in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        core, total, _ = core_words(path)
        print(f"{path.name[:2]} | {core} | {total} | {minutes(core)} | "
              f"{minutes(core, FLUENT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
