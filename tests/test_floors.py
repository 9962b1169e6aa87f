"""Floors that hold (issue 25): no import cycle among the package's modules, counting the
imports placed inside functions too, and the bottom floors import nothing of the course.

An import inside a function is allowed only where it is listed below with its reason
(a heavy library loaded when first used, or a registry filled on demand); a new one
fails here, so a cycle cannot hide inside a function again."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "comrades"
# The vocabulary floor: what everything else may stand on.
BOTTOM = ("comrades.answers", "comrades.status", "comrades.objectives",
          "comrades.quiz.keys", "comrades.untrusted", "comrades.lens", "comrades.friendly")
# Imports inside functions that are not cycles, and why each waits.
LATE = {
    ("comrades.check", "comrades.progress"): "results are saved only when a check records",
    ("comrades.grade", "comrades.graded"): "graded work is judged only where the secret is",
    ("comrades.graded", "comrades.publish.student"): "the edition, on the teacher's command",
    ("comrades.check", "comrades.tasks"): "the task registry is filled on first use",
    ("comrades.items", "comrades.check"): "the catalogue reads the registry on demand",
    ("comrades.items", "comrades.quiz"): "the catalogue reads the banks on demand",
    ("comrades.items", "comrades.quiz.bank"): "the catalogue reads the banks on demand",
    ("comrades.myprogress", "comrades.widgets.base"): "widgets only for the notebook view",
    ("comrades.publish.task_keys", "comrades.check"): "the keys of the registry, at build",
    ("comrades.publish.task_keys", "comrades.tasks.kinds"): "the kinds asked, at build",
    ("comrades.quiz", "comrades.quiz.widget"): "ipywidgets only when a quiz is shown",
    ("comrades.quiz.shuffle", "comrades.progress"): "the student's seed, when shuffling",
    ("comrades.quiz.shuffle", "comrades.quiz.keys"): "a hashed bank's order, when shuffling",
    ("comrades.quiz.widget", "comrades.progress"): "saving is optional for a quiz",
    ("comrades.vocab", "comrades.lens"): "relationship words, when first asked for",
}


def _modules() -> dict[str, Path]:
    found = {}
    for path in SRC.rglob("*.py"):
        name = ".".join(("comrades", *path.relative_to(SRC).with_suffix("").parts))
        found[name.removesuffix(".__init__")] = path
    return found


def _imports(path: Path, modules: dict[str, Path]) -> set[tuple[str, bool]]:
    """(module imported, whether inside a function) for every import of the course."""
    found: set[tuple[str, bool]] = set()

    def visit(node: ast.AST, inside: bool) -> None:
        for child in ast.iter_child_nodes(node):
            nested = inside or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef)
            if isinstance(child, ast.Import):
                found.update((a.name, nested) for a in child.names
                             if a.name.startswith("comrades"))
            elif isinstance(child, ast.ImportFrom) and (child.module or "").startswith(
                    "comrades"):
                for alias in child.names:
                    full = f"{child.module}.{alias.name}"
                    found.add((full if full in modules else child.module, nested))
            visit(child, nested)

    visit(ast.parse(path.read_text(encoding="utf-8")), False)
    return found


MODULES = _modules()
EDGES = {name: _imports(path, MODULES) for name, path in MODULES.items()}


def test_no_import_cycle_even_inside_functions():
    graph = {m: {t for t, _ in targets if t in MODULES} for m, targets in EDGES.items()}
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def walk(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                cycles.append(path[path.index(nxt):] + [nxt])
            elif nxt not in state:
                walk(nxt, path + [nxt])
        state[node] = 2

    for module in sorted(graph):
        if module not in state:
            walk(module, [module])
    assert not cycles, " ; ".join(" -> ".join(c) for c in cycles)


def test_the_bottom_floor_imports_nothing_of_the_course():
    for module in BOTTOM:
        above = {t for t, _ in EDGES[module] if t != "comrades"} - {"comrades.answers"}
        assert not above - set(BOTTOM), f"{module} imports {sorted(above)}"


def test_every_import_inside_a_function_is_listed_with_its_reason():
    late = {(m, t) for m, targets in EDGES.items() for t, inside in targets if inside}
    unlisted = sorted(late - set(LATE))
    assert not unlisted, f"an import inside a function hides a floor: {unlisted}"
    stale = sorted(set(LATE) - late)
    assert not stale, f"listed but gone (remove from LATE): {stale}"


def test_the_catalogue_of_items_loads_no_plotting_or_widget_library():
    """Issue 25.1: confirming that an id is real (the class summary, my progress) reads
    the banks and the task registry, never Altair or ipywidgets."""
    import subprocess
    import sys

    code = ("import sys\nfrom comrades import items\nitems.catalogue()\n"
            "print(sorted(m for m in ('altair', 'ipywidgets', 'vl_convert') if m in sys.modules))")
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           check=True).stdout.strip()
    assert shown == "[]", shown


def test_no_module_reads_data_when_it_is_imported(tmp_path):
    """Issue 25.1: every module of the package imports with no data at all (the data
    folder empty), so nothing reads a table at import: tables are read when asked for."""
    names = sorted(name for name in _modules() if not name.endswith("__main__"))
    script = ("import importlib, sys\n"
              f"for name in {names!r}:\n"
              "    importlib.import_module(name)\n"
              "print('imported', len(sys.modules))\n")
    empty = tmp_path / "no-data"
    empty.mkdir()
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         timeout=300, env={**os.environ,
                                           "COMRADES_DATA_DIR": str(empty)})
    assert run.returncode == 0, run.stderr[-2000:]
    assert "imported" in run.stdout
