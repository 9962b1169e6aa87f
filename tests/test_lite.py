"""End-to-end: the in-browser edition (build/lite/) runs offline in headless Chromium.

A plain static server on 127.0.0.1 serves the site built by ``make lite``; the browser
resolves no other host, and every request to anything else is blocked and counted. The
test opens lesson 00 and an exercise notebook in JupyterLite, runs all cells (Python runs
in Pyodide, in the page), and checks what a student would see: every cell ran, no
traceback, charts drawn, widgets shown, a quiz answered, an exercise check passing, and
the saved progress still there after the page is opened again; then every other
notebook the edition ships runs whole, with no error (one once stopped at a map whose
file the edition lacked, unnoticed while only lesson 00 was run). Screenshots go to
``build/screenshots/lite-*.png``; kernel-ready and Run All times are printed (``-s``).

Skips when build/lite/ has not been built, unless COMRADES_TEST_LITE=1 (``make
test-lite`` sets it, after building), where it fails instead.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from lite_harness import NO_OTHER_HOSTS, SITE, Stopwatch, start_site, stop_site, watch
from test_browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    KERNEL_IDLE,
    SCREENSHOTS,
    check_charts_drawn,
    check_no_errors,
    check_quiz,
    check_widgets_rendered,
    run_all_cells,
    take_screenshots,
    wait_until_all_cells_ran,
)

REPO_ROOT = Path(__file__).resolve().parents[1]
LESSON = "notebooks/00_introduction.ipynb"
EXERCISE = "exercises/01_comrades_without_a_common_cause.ipynb"
TASK = "01.1"
# Pyodide downloads and starts in the page: slower than a local kernel, above all on a
# busy machine. Generous, so that only a broken edition fails.
KERNEL_TIMEOUT_MS = 180_000
RUN_TIMEOUT_MS = 180_000


def _require_site() -> None:
    reason = ""
    if not (SITE / "index.html").is_file():
        reason = "build/lite/ is not built (make lite)"
    elif not CHROMIUM.exists():
        reason = f"{CHROMIUM} is missing (apt-get install chromium)"
    if reason and os.environ.get("COMRADES_TEST_LITE") == "1":
        pytest.fail(f"COMRADES_TEST_LITE=1: {reason}")
    if reason:
        pytest.skip(reason)


@pytest.fixture(scope="module")
def site():
    _require_site()
    server = start_site(SITE)
    try:
        yield server
    finally:
        stop_site(server)


@pytest.fixture(scope="module")
def context(site):
    """One browser profile for the module: its storage is the student's saved work."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=[*CHROMIUM_ARGS, NO_OTHER_HOSTS]
        )
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        requests = watch(context)
        try:
            yield context, requests
        finally:
            context.close()
            browser.close()
        assert requests.local, "the request filter saw no requests at all: is it installed?"
        assert not requests.blocked, "the edition tried to reach the internet:\n" + "\n".join(
            requests.blocked
        )


def open_notebook(context, site, path: str, clock: Stopwatch):
    """Open ``path`` in JupyterLite; return (page, panel) once its kernel is idle."""
    from playwright.sync_api import expect

    page = context.new_page()
    page.goto(site.notebook_url(path))
    panel = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")
    expect(panel.locator(".jp-Cell").first).to_be_visible(timeout=KERNEL_TIMEOUT_MS)
    kernel_ready = page.locator(".jp-StatusBar-Item", has_text=KERNEL_IDLE)
    expect(kernel_ready).to_be_visible(timeout=KERNEL_TIMEOUT_MS)
    # The kernel is started only when Pyodide and every package are installed.
    expect(page.locator(".jp-StatusBar-Item", has_text="Pyodide")).to_be_visible()
    clock.lap("kernel ready")
    return page, panel


def run_everything(page, panel, clock: Stopwatch) -> None:
    run_all_cells(page)
    page.wait_for_timeout(500)  # let the run start before waiting for idle
    wait_until_all_cells_ran_slowly(page, panel)
    clock.lap("run all")


def wait_until_all_cells_ran_slowly(page, panel) -> None:
    page.set_default_timeout(RUN_TIMEOUT_MS)
    try:
        wait_until_all_cells_ran(page, panel)
    finally:
        page.set_default_timeout(30_000)


def run_in_new_cell(page, panel, code: str, expected: re.Pattern) -> str:
    """Add a code cell at the end, type ``code``, run it; return its output text."""
    from playwright.sync_api import expect

    last = panel.locator(".jp-Cell").last
    last.scroll_into_view_if_needed()
    last.locator(".jp-InputArea-prompt, .jp-InputPrompt").first.click()
    page.keyboard.press("Escape")
    page.keyboard.press("b")
    # By index: Shift+Enter on the last cell adds another, which ``.last`` would follow.
    cell = panel.locator(".jp-Cell").nth(panel.locator(".jp-Cell").count() - 1)
    cell.locator(".cm-content").click()
    page.keyboard.insert_text(code)
    page.keyboard.press("Shift+Enter")
    output = cell.locator(".jp-OutputArea-output")
    expect(output.first).to_contain_text(expected, timeout=RUN_TIMEOUT_MS)
    return "\n".join(output.all_inner_texts())


def replace_cell_and_run(page, panel, cell_index: int, code: str):
    """Put ``code`` into code cell number ``cell_index`` (0-based) and run it."""
    cell = panel.locator(".jp-CodeCell").nth(cell_index)
    cell.scroll_into_view_if_needed()
    cell.locator(".cm-content").click()
    page.keyboard.press("Control+a")
    page.keyboard.insert_text(code)
    page.keyboard.press("Shift+Enter")
    return cell


def solution_of(task: str) -> tuple[int, str]:
    """The code cell of ``task`` in solutions/ (index among code cells, without markers)."""
    notebook = json.loads((REPO_ROOT / "solutions" / Path(EXERCISE).name).read_text("utf-8"))
    code_cells = [c for c in notebook["cells"] if c["cell_type"] == "code"]
    for index, cell in enumerate(code_cells):
        source = "".join(cell["source"])
        if f'check("{task}"' in source:
            lines = [line for line in source.splitlines() if not line.startswith("###")]
            return index, "\n".join(lines)
    raise AssertionError(f"no cell checks task {task} in solutions/{Path(EXERCISE).name}")


def open_and_run_all(context, site, path: str):
    """Open ``path``, run all its cells; every cell ran, none raised, no widget stuck."""
    clock = Stopwatch()
    page, panel = open_notebook(context, site, path, clock)
    run_everything(page, panel, clock)
    check_no_errors(panel)
    check_widgets_rendered(page, panel)
    print(f"\nlite {path}: kernel ready {clock.laps['kernel ready']:.1f} s, run all "
          f"{clock.laps['run all']:.1f} s")
    return page, panel


def test_lesson_00_runs_offline_and_its_progress_survives_a_reload(context, site):
    context, requests = context
    page, panel = open_and_run_all(context, site, LESSON)
    widgets = panel.locator(".jp-OutputArea-output .widget-slider, .jp-OutputArea-output "
                            ".widget-radio-box, .jp-OutputArea-output .jupyter-widgets")
    assert widgets.count() > 0, "no widget is shown"
    check_charts_drawn(panel)
    explorer = panel.locator(".comrades-explorer").first
    explorer.scroll_into_view_if_needed()
    page.screenshot(path=SCREENSHOTS / "lite-00-explorer.png")
    take_screenshots(page, panel, "lite-00")
    answered = check_quiz(page, panel)  # one answer by mouse, one by keyboard: two saved
    answered.screenshot(path=SCREENSHOTS / "lite-00-quiz.png")
    saved = run_in_new_cell(page, panel, "from comrades import progress\n"
                            "print('SAVED', len(progress.results()))", re.compile(r"SAVED \d+"))
    before = int(re.search(r"SAVED (\d+)", saved)[1])
    assert before >= 2, f"the quiz answers were not saved: {saved}"
    page.close()

    # Opening the page again starts a new kernel with empty memory, as a reload does.
    page, panel = open_notebook(context, site, LESSON, Stopwatch())
    after = run_in_new_cell(
        page, panel,
        "from comrades import progress\n"
        "rows = progress.results()\n"
        "out = progress.export_csv('progress-lite-test.csv', student='Test')\n"
        "lines = out.read_text().splitlines()  # a header, the rows, a row-count footer\n"
        "print('AFTER', len(rows), 'EXPORTED', len(lines) - 2, lines[-1])",
        re.compile(r"AFTER \d+ EXPORTED \d+"),
    )
    kept, exported = map(int, re.search(r"AFTER (\d+) EXPORTED (\d+)", after).groups())
    assert kept == before, f"saved progress was lost on reload: {before} before, {kept} after"
    assert exported == kept, f"the export holds {exported} rows of {kept}"
    assert f"# end of export: {kept} rows" in after, "the export has no row-count footer"
    page.close()
    assert not requests.blocked, "blocked requests:\n" + "\n".join(requests.blocked)


def test_an_exercise_check_passes(context, site):
    from playwright.sync_api import expect

    context, requests = context
    page, panel = open_and_run_all(context, site, EXERCISE)
    index, solution = solution_of(TASK)
    cell = replace_cell_and_run(page, panel, index, solution)
    expect(cell.locator(".jp-OutputArea-output").first).to_contain_text(
        re.compile(r"\bCorrect\b"), timeout=RUN_TIMEOUT_MS
    )
    cell.screenshot(path=SCREENSHOTS / "lite-exercise-check.png")
    page.close()
    assert not requests.blocked, "blocked requests:\n" + "\n".join(requests.blocked)


# Every notebook a student gets in the edition, but the two the tests above run.
EVERY_OTHER = sorted(
    str(p.relative_to(REPO_ROOT))
    for p in [*REPO_ROOT.glob("notebooks/*.ipynb"), *REPO_ROOT.glob("exercises/*.ipynb"),
              REPO_ROOT / "docs" / "my_progress.ipynb"]
    if str(p.relative_to(REPO_ROOT)) not in (LESSON, EXERCISE))


@pytest.mark.parametrize("path", EVERY_OTHER)
def test_every_notebook_runs_whole_in_the_edition(context, site, path):
    context, requests = context
    page, panel = open_and_run_all(context, site, path)
    if path.startswith("notebooks/"):
        check_charts_drawn(panel)
    page.close()
    assert not requests.blocked, "blocked requests:\n" + "\n".join(requests.blocked)


def test_the_historians_lab_adds_and_keeps_an_event(context, site):
    """Issue 23.6 in the in-browser edition: an event added by typing and clicking is
    shown beside the course's record and saved in the browser's progress file."""
    from playwright.sync_api import expect

    context, requests = context
    page, panel = open_and_run_all(context, site, LESSON)
    run_in_new_cell(page, panel, "from comrades.widgets.lab import historians_lab\n"
                    "historians_lab()", re.compile("A historian's lab"))
    box = panel.locator(".comrades-lab").last
    box.get_by_label("Date").fill("1988-09")
    box.get_by_label("Bearing").select_option(label="+1: warmed")
    box.get_by_label("What happened").fill("Võ Chí Công visits Pyongyang")
    box.get_by_label("Who says so").fill("Vietnam News Agency")
    box.get_by_label("Where to read it").fill("https://en.vietnamplus.vn/example")
    box.get_by_role("button", name="Add my event").click()
    summary = box.locator(".explorer-summary")
    expect(summary).to_contain_text("What your event changes", timeout=RUN_TIMEOUT_MS)
    expect(summary).to_contain_text("Yours: Võ Chí Công visits Pyongyang")
    box.screenshot(path=SCREENSHOTS / "lite-lab.png")
    saved = run_in_new_cell(page, panel, "from comrades import lab\n"
                            "print('LAB', [e.item for e in lab.my_events()])",
                            re.compile(r"LAB \["))
    assert "LAB ['L.1']" in saved, saved
    page.close()
    assert not requests.blocked, "blocked requests:\n" + "\n".join(requests.blocked)
