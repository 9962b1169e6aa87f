"""Generate the exercise notebooks from the worked solutions (``make exercises``).

``solutions/`` is the single source. In a solution notebook, everything between a line
``### BEGIN SOLUTION`` and a line ``### END SOLUTION`` (both included) is the worked
answer: nbgrader's markers, so a teacher can also import the notebooks into nbgrader.
The exercise keeps the rest of the cell. In a code cell the region disappears (the
stub line above it, such as ``answer_02_3 = ...``, stays, so the unanswered exercise
runs and its check says "not answered yet"); in a markdown cell it is removed, and a
markdown cell left empty is dropped: a student writes in the task's answer box or its
code cell, which are saved, never in a text cell, which is not.

    python -m comrades.authoring            # write exercises/ from solutions/
    python -m comrades.authoring --check    # exit 1 if exercises/ differ from solutions/
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import nbformat

from comrades.paths import REPO_ROOT

BEGIN, END = "### BEGIN SOLUTION", "### END SOLUTION"
REGION = re.compile(rf"^[ \t]*{re.escape(BEGIN)}[ \t]*\n.*?^[ \t]*{re.escape(END)}[ \t]*\n?",
                    re.M | re.S)


class AuthoringError(ValueError):
    pass


def strip_solutions(source: str, cell_type: str, where: str = "") -> str:
    """The cell's text with every solution region removed (code) or replaced (markdown)."""
    if source.count(BEGIN) != source.count(END):
        raise AuthoringError(f"{where}: unbalanced {BEGIN} / {END} markers")
    stripped = REGION.sub("", source if source.endswith("\n") else source + "\n")
    if BEGIN in stripped or END in stripped:
        raise AuthoringError(f"{where}: a marker is not on a line of its own")
    return stripped.rstrip("\n")


def exercise_from_solution(solution: nbformat.NotebookNode, name: str = "") -> \
        nbformat.NotebookNode:
    exercise = nbformat.from_dict(solution)
    kept = []
    for index, cell in enumerate(exercise.cells):
        had_text = bool(cell.source.strip())
        cell.source = strip_solutions(cell.source, cell.cell_type, f"{name} cell {index}")
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
        elif had_text and not cell.source.strip():
            continue  # a model answer's own cell: nothing is left for the student
        kept.append(cell)
    exercise.cells = kept
    return exercise


def render(solution_path: Path) -> str:
    """The exact text of the exercise notebook generated from one solution notebook."""
    solution = nbformat.read(solution_path, as_version=4)
    exercise = exercise_from_solution(solution, solution_path.name)
    return nbformat.writes(exercise) + "\n"


def pairs(root: Path = REPO_ROOT) -> list[tuple[Path, Path]]:
    return [(s, root / "exercises" / s.name)
            for s in sorted((root / "solutions").glob("*.ipynb"))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="report exercises that differ from their solutions; write nothing")
    args = parser.parse_args(argv)
    stale = []
    for solution, exercise in pairs():
        text = render(solution)
        current = exercise.read_text(encoding="utf-8") if exercise.exists() else None
        if current == text:
            continue
        stale.append(exercise)
        if not args.check:
            exercise.parent.mkdir(exist_ok=True)
            exercise.write_text(text, encoding="utf-8")
            print(f"wrote {exercise.relative_to(REPO_ROOT)}")
    if args.check and stale:
        names = ", ".join(str(p.relative_to(REPO_ROOT)) for p in stale)
        print(f"out of date (run `make exercises`): {names}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
