"""In a real JupyterLab (headless Chromium): the data primer runs top to bottom, and the
page a student sees first is photographed for docs/quick-start.md.

Uses the harness and checks of ``test_browser.py``; skips without Chromium, like it.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from jupyter_harness import start_lab, stop_lab
from test_browser import (  # noqa: F401  (browser is a fixture)
    KERNEL_IDLE,
    RUN_TIMEOUT_MS,
    _require_browser,
    browser,
    check_charts_drawn,
    check_no_errors,
    check_widgets_rendered,
    run_all_cells,
    wait_until_all_cells_ran,
)

REPO_ROOT = Path(__file__).resolve().parents[1]
PRIMER = "00b_data_primer.ipynb"
# Written under build/ so a test run never changes a tracked file; docs/quick-start.md
# shows a copy: `cp build/screenshots/quick-start-first-view.png docs/` refreshes it.
FIRST_VIEW = REPO_ROOT / "build" / "screenshots" / "quick-start-first-view.png"


@pytest.fixture(scope="module")
def course_lab(tmp_path_factory):
    """A JupyterLab serving a scratch copy of the course as a student gets it."""
    _require_browser()
    root = tmp_path_factory.mktemp("course")
    for folder in ("notebooks", "exercises", "data", "docs"):
        shutil.copytree(REPO_ROOT / folder, root / folder,
                        ignore=shutil.ignore_patterns("*.png", "class_example"))
    server = start_lab(root, tmp_path_factory.mktemp("home"))
    try:
        yield server
    finally:
        stop_lab(server)


@pytest.fixture
def page(browser):  # noqa: F811
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        yield context.new_page()
    finally:
        context.close()


def _open(page, lab, notebook: str):
    from playwright.sync_api import expect

    page.goto(lab.url(f"lab/tree/notebooks/{notebook}", "reset"))
    expect(page.locator(".jp-StatusBar-Item", has_text=KERNEL_IDLE)).to_be_visible(
        timeout=RUN_TIMEOUT_MS)
    return page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")


def test_the_primer_runs_and_its_try_it_checks_wait_for_an_answer(course_lab, page):
    panel = _open(page, course_lab, PRIMER)
    run_all_cells(page)
    wait_until_all_cells_ran(page, panel)
    check_no_errors(panel)
    check_widgets_rendered(page, panel)
    check_charts_drawn(panel)
    waiting = panel.locator(".check-result[data-status='unanswered']")
    assert waiting.count() == 6, "each try-it task shows its check, not yet answered"
    course_lab.shut_down_kernels()


def test_a_student_s_first_view_is_lesson_00_with_the_course_folders(course_lab, page):
    """What a student sees first: lesson 00 open, the course's folders on the left."""
    from playwright.sync_api import expect

    panel = _open(page, course_lab, "00_introduction.ipynb")
    expect(panel.get_by_role("heading", name="Getting started: how to use a notebook")
           ).to_be_attached()
    browser_panel = page.locator(".jp-DirListing-content")
    if not browser_panel.is_visible():
        page.get_by_role("tab", name=re.compile("File Browser")).first.click()
    expect(browser_panel.get_by_text(PRIMER, exact=True)).to_be_visible()  # in notebooks/
    page.locator(".jp-BreadCrumbs-home").first.click()
    for folder in ("exercises", "notebooks"):
        expect(browser_panel.get_by_text(folder, exact=True)).to_be_visible()
    page.wait_for_timeout(500)
    FIRST_VIEW.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=FIRST_VIEW)
    assert FIRST_VIEW.stat().st_size > 20_000
    course_lab.shut_down_kernels()
