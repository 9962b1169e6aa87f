"""Every course notebook imports ``comrades`` before Altair, pandas or ipywidgets.

``comrades/__init__.py`` makes Altair's import skip an optional grammar that jsonschema
would otherwise compile (over a second per kernel on the reference machine). The setting
only works if ``comrades`` is imported first: exercise 02 took 8.1 s in the bench, the
slowest notebook, because its first line was ``import altair as alt``.
"""

import re
from pathlib import Path

import nbformat
import pytest

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted(p for folder in ("notebooks", "exercises", "solutions")
                   for p in (REPO / folder).glob("*.ipynb"))
HEAVY = {"altair", "pandas", "ipywidgets", "jsonschema"}


def _imports(path: Path) -> list[str]:
    found = []
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type == "code":
            found += [m.group(1).split(".")[0] for m in
                      re.finditer(r"^(?:import|from)\s+([\w.]+)", cell.source, re.M)]
    return found


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_comrades_is_imported_before_the_heavy_libraries(path):
    modules = _imports(path)
    heavy = [i for i, m in enumerate(modules) if m in HEAVY]
    if heavy:
        assert "comrades" in modules[:heavy[0]], \
            f"{path.name} imports {modules[heavy[0]]} before comrades"
