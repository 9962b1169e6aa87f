"""Issue 24.1 in a real JupyterLab: a teacher's own data (``COMRADES_DATA_DIR``) with
markup in every free-text cell runs no script in the lessons whose explorers once ran
it (02 and 03). Each payload would set ``window.__pwned`` or open a dialog; the test
checks that none did and that no injected element is on the page.
"""

from __future__ import annotations

import shutil

import pytest
from conftest import DATA
from test_browser import REPO_ROOT, _require_browser, check_no_errors, lab_and_browser
from test_browser_no_code import _open_and_run
from test_markup_everywhere import _poison

PAYLOAD = ' <img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>'
assert len(PAYLOAD) < 80, "the payload fits the shortest limited column (a title)"
LESSONS = ["02_allies_against_a_common_enemy.ipynb", "03_from_estrangement_to_enmity.ipynb"]


def test_a_teachers_hostile_data_runs_no_script_in_the_lessons(tmp_path_factory,
                                                               monkeypatch):
    _require_browser()
    from playwright.sync_api import expect

    from comrades import data

    copy = tmp_path_factory.mktemp("hostile-data") / "data"
    shutil.copytree(DATA, copy)
    assert _poison(copy, PAYLOAD) > 500
    data.refresh_hashes(copy)
    root = tmp_path_factory.mktemp("hostile-lessons")
    (root / "notebooks").mkdir()
    for name in LESSONS:
        shutil.copy(REPO_ROOT / "notebooks" / name, root / "notebooks" / name)
    monkeypatch.setenv("COMRADES_DATA_DIR", str(copy))  # the kernels inherit it
    with lab_and_browser(root, tmp_path_factory.mktemp("hostile-lessons-home")) as (lab, browser):
        for name in LESSONS:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            dialogs: list[str] = []
            page.on("dialog", lambda d, seen=dialogs: (seen.append(d.message),
                                                       d.dismiss()))
            panel = _open_and_run(page, lab, f"notebooks/{name}")
            check_no_errors(panel)
            expect(panel.locator(".comrades-explorer").first).to_be_attached(
                timeout=30_000)
            page.wait_for_timeout(1500)  # time for an injected handler to fire
            shown = panel.inner_text()
            assert "window.__pwned=1" in shown, f"{name}: the markup is shown"
            assert page.evaluate("() => window.__pwned") is None, name
            assert dialogs == [], f"{name}: {dialogs}"
            assert panel.locator('img[src="x"]').count() == 0, name
            page.close()


@pytest.fixture(autouse=True)
def _fresh_tables():
    from comrades import data

    data.clear_cache()
    yield
    data.clear_cache()
