"""For every test path (tests/ and the notebooks nbval runs): the random order keeps
each notebook whole."""

import pytest


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_collection_modifyitems(items):
    """The tests run in a random order (pytest-randomly, seed printed at the top), but
    a notebook (nbval: one test per cell) must run whole and in its own order: once the
    shuffle is done (this wrapper is outside pytest-randomly's), each notebook's cells
    are put together, in order, where its first cell landed."""
    yield
    cells: dict[str, list] = {}
    for item in items:
        if str(item.path).endswith(".ipynb"):
            cells.setdefault(str(item.path), []).append(item)
    ordered, placed = [], set()
    for item in items:
        path = str(item.path)
        if path not in cells:
            ordered.append(item)
        elif path not in placed:
            placed.add(path)
            ordered += sorted(cells[path], key=lambda cell: cell.cell_num)
    items[:] = ordered
