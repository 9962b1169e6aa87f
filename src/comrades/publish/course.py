"""What the course holds, found from the files (never a hand-kept list): the lessons in
``notebooks/``, the exercises in ``exercises/``, each with its title and question."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import nbformat

from comrades.paths import REPO_ROOT


@dataclass(frozen=True)
class Page:
    """One notebook of the course."""

    path: Path  # relative to the course root
    kind: str  # "lesson", "exercises" or "document"
    number: str  # "00".."07", or "" for an unnumbered notebook
    title: str
    question: str

    @property
    def stem(self) -> str:
        return self.path.stem


FOLDERS = {"notebooks": "lesson", "exercises": "exercises"}


def pages(root: Path = REPO_ROOT) -> list[Page]:
    """Every lesson and exercise notebook, lessons first, each folder in file order."""
    found = []
    for folder, kind in FOLDERS.items():
        for path in sorted((root / folder).glob("*.ipynb")):
            found.append(read_page(path, root, kind))
    return found


def lessons(root: Path = REPO_ROOT) -> list[Page]:
    return [p for p in pages(root) if p.kind == "lesson"]


def numbered_lessons(root: Path = REPO_ROOT) -> list[Page]:
    """The lessons of the course's phases (00–06), each with a summary, key terms and
    discussion prompts: the ones that get a handout. The data primer is a skills
    notebook without them."""
    return [p for p in lessons(root) if p.number]


def read_page(path: Path, root: Path, kind: str) -> Page:
    notebook = nbformat.read(path, as_version=4)
    title, question = path.stem.replace("_", " "), ""
    for cell in notebook.cells:
        if cell.cell_type == "markdown" and cell.source.lstrip().startswith("# "):
            lines = cell.source.strip().splitlines()
            title = lines[0][2:].strip()
            question = _question(cell.source)
            break
    match = re.match(r"(\d\d)_", path.name)
    return Page(path.relative_to(root), kind, match.group(1) if match else "", title, question)


def _question(markdown: str) -> str:
    """The lesson's one-line question ("**The question of this lesson:** …"), as text."""
    match = re.search(r"\*\*The question of this [a-z]+:\*\*\s*(.+?)(?:\n\n|$)", markdown,
                      re.S)
    text = " ".join(match.group(1).split()) if match else ""
    return text[:1].upper() + text[1:]


def section(notebook: nbformat.NotebookNode, heading: str) -> str:
    """The markdown under the level-2 heading ``heading`` (e.g. "Key terms"), up to the
    next level-2 heading; "" when the notebook has no such section."""
    out: list[str] = []
    inside = False
    for cell in notebook.cells:
        if cell.cell_type != "markdown":
            continue
        for line in cell.source.splitlines():
            if line.startswith("## "):
                if inside:
                    return "\n".join(out).strip()
                inside = line[3:].strip().lower().startswith(heading.lower())
                continue
            if inside:
                out.append(line)
        if inside:
            out.append("")
    return "\n".join(out).strip()
