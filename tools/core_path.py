"""How long each lesson takes in class, by a written timing model: ``python tools/core_path.py``.

The model is a history teacher's count for a class of about 25 at their own computers
(issue 22), applied to what each notebook's core path asks of the class:

* 5 minutes to log in and open the notebook, at the start of every period;
* reading at 100 words a minute (read aloud, or by English learners; 120 for a fluent
  reader): the markdown the student reads, section by section;
* 1.5 minutes a quiz question, 5 an explorer, 4 a document (read it, answer its sourcing
  questions), 5 to write an answer in a box (60–120 words), 2 a warm-up task;
* 5 minutes for the lesson's *Discuss* block (the prompts are read in the discussion,
  so their words are not counted as reading).

A section whose heading ends in "(extension)" is left out, with every cell under it (a
``###`` heading marked so leaves out only its own subsection); *What's next* is
navigation and takes no time. A lesson too long for one period is taught in two: a
markdown cell tagged ``period-break`` starts the second, and each period must fit
:data:`PERIOD` minutes, its log-in included. The plans in the instructor guide give
these minutes, section by section (``tests/test_learning_path.py`` holds them to it).
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

MARK = "(extension)"
BREAK_TAG = "period-break"
PERIOD = 50
LOGIN = 5
SLOW, FLUENT = 100, 120  # words a minute
QUESTION, EXPLORER, DOCUMENT, WRITE, WARM_UP, DISCUSSION = 1.5, 5, 4, 5, 2, 5
LOG_IN = "Log in and open the notebook"

_QUIZ = re.compile(r'quiz\.show\("(\w+)", section="(\w+)"\)')


def words(text: str) -> int:
    text = re.sub(r"`[^`]*`", "x", text)
    text = re.sub(r"\]\([^)]*\)", "]", text)
    return len(re.findall(r"[\w'’-]+", text))


@dataclass
class Step:
    """One core section of a period: its heading and what it asks of the class."""

    section: str
    words: int = 0
    questions: int = 0
    explorers: int = 0
    documents: int = 0
    writing: int = 0
    warm_ups: int = 0
    discussion: bool = False

    def minutes(self, pace: int = SLOW) -> float:
        return (self.words / pace + QUESTION * self.questions + EXPLORER * self.explorers
                + DOCUMENT * self.documents + WRITE * self.writing
                + WARM_UP * self.warm_ups + DISCUSSION * self.discussion)


def _activities(lesson: str, source: str, step: Step) -> None:
    """Add what one code cell asks of the class to ``step``."""
    from comrades import documents
    from comrades.quiz import load_bank

    for bank, section in _QUIZ.findall(source):
        step.questions += sum(q.section == section for q in load_bank(bank))
    step.explorers += source.count("_explorer(")
    if "documents.show(" in source and "extension=True" not in source:
        step.documents += len(documents.primary(lesson))
    if "documents.historians(" in source and "extension=True" not in source:
        step.documents += len(documents.readings(lesson))
    step.writing += source.count("answer_box(")
    step.warm_ups += len(re.findall(r"^check\(", source, re.M))


def periods(path: Path) -> list[list[Step]]:
    """The core path of one lesson notebook, as periods of steps (one per section)."""
    walk = _Walk(path.name[:2])
    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        walk.cell(cell)
    return walk.plan


class _Walk:
    """A lesson notebook read cell by cell: the steps of its core path, by period, and
    whether the section (or subsection) being read is off the core path or a discussion."""

    def __init__(self, lesson: str):
        self.lesson = lesson
        self.section_out = self.subsection_out = self.discussion = False
        self.plan: list[list[Step]] = [[]]
        self.step = Step("Overview")

    def cell(self, cell: dict) -> None:
        source = "".join(cell["source"])
        if BREAK_TAG in cell.get("metadata", {}).get("tags", []):
            self.plan.append([])
        elif cell["cell_type"] == "markdown":
            for line in source.splitlines():
                self._heading(line)
            if not (self.section_out or self.subsection_out or self.discussion):
                self.step.words += words(source)
        elif not (self.section_out or self.subsection_out):
            _activities(self.lesson, source, self.step)

    def _heading(self, line: str) -> None:
        heading = line.rstrip()
        if line.startswith("## "):
            self._section(heading[3:], out=heading.endswith(MARK))
        elif line.startswith("### "):
            self.subsection_out = heading.endswith(MARK)

    def _section(self, title: str, out: bool) -> None:
        """A level-2 heading: a new step, unless the section is off the core path."""
        self.section_out, self.subsection_out = out, False
        self.discussion = title.startswith("Discuss")
        if not out and not title.startswith("What's next") \
                and (self.step.section != "Overview" or title != "Overview"):
            self.step = Step(title, discussion=self.discussion)
            self.plan[-1].append(self.step)
        elif title == "Overview":
            self.plan[-1].append(self.step)


def minutes(steps: list[Step], pace: int = SLOW) -> int:
    """A period's minutes: the log-in and every step, rounded to the minute."""
    return round(LOGIN + sum(s.minutes(pace) for s in steps))


def plan_rows(steps: list[Step]) -> list[tuple[str, str]]:
    """(minutes as "a–b", section) for a period's plan, from the log-in on."""
    rows, clock = [("0–5", LOG_IN)], float(LOGIN)
    for step in steps:
        start, clock = clock, clock + step.minutes()
        rows.append((f"{round(start)}–{round(clock)}", step.section))
    return rows


def extension_headings(path: Path) -> list[str]:
    """The headings a notebook marks (extension)."""
    return [line.lstrip("# ").rstrip()
            for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]
            if cell["cell_type"] == "markdown"
            for line in "".join(cell["source"]).splitlines()
            if line.startswith("#") and line.rstrip().endswith(MARK)]


def lessons() -> list[Path]:
    return sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def main() -> int:
    print("lesson | period | minutes (100 wpm) | minutes (120 wpm) | sections")
    for path in lessons():
        for number, steps in enumerate(periods(path), start=1):
            print(f"{path.name[:2]} | {number} | {minutes(steps)} | "
                  f"{minutes(steps, FLUENT)} | {'; '.join(s.section for s in steps)}")
    if "--plans" in sys.argv:
        for path in lessons():
            for number, steps in enumerate(periods(path), start=1):
                print(f"\n{path.name[:2]} period {number}")
                for span, section in plan_rows(steps):
                    print(f"| {span} | {section} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
