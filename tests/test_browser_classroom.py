"""End-to-end, issue 13.1: a hostile export in a class folder runs no script in the
teacher's JupyterLab.

A student's file is crafted as an attacker would: an item id
``03.<img src=x onerror=…>`` (which once passed validation and ran script through the
"missed" table's pandas Styler), a student name holding a ``<script>`` tag, and the same
in an answer and in a handed-in essay. The class summary notebook runs in a real
JupyterLab in headless Chromium (the harness of ``tests/test_browser.py``); each payload
would set ``window.__pwned``. The test checks that none did, that no injected element is
in the page, that the name is shown as text, and that the summary still shows the
honest students' results. Screenshot: ``build/screenshots/class_summary-hostile.png``.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from test_browser import (
    KERNEL_IDLE,
    REPO_ROOT,
    RUN_TIMEOUT_MS,
    SCREENSHOTS,
    _require_browser,
    check_no_errors,
    lab_and_browser,
    run_all_cells,
    wait_until_all_cells_ran,
)

# The header of exports made before the per-install id (no student_id, no end line).
OLD_HEADER = "student,recorded_at,lesson,item,kind,passed,status,answer,detail\n"
NAME = "<script>window.__pwned = 'name'</script>Eve"
ROWS = [  # an older-format export, hand-made: no id, no end line, nothing to lean on
    f'"{NAME}",1,03,"03.<img src=x onerror=""window.__pwned=\'item\'"">",single,0,failed,,',
    f'"{NAME}",2,03,03.1,single,0,failed,"<img src=x onerror=""window.__pwned=\'answer\'"">",'
    '"<svg onload=""window.__pwned=\'detail\'""></svg>"',
    f'"{NAME}",3,07,07.5,exercise,0,submitted,'
    '"<img src=x onerror=""window.__pwned=\'essay\'""> My essay.",',
]


def _hostile_root(root: Path) -> Path:
    docs = root / "docs"
    docs.mkdir(parents=True)
    shutil.copy(REPO_ROOT / "docs" / "class_summary.ipynb", docs)
    shutil.copytree(REPO_ROOT / "docs" / "class_example", docs / "class_example")
    (docs / "class_example" / "progress-eve-1.csv").write_text(
        OLD_HEADER + "\n".join(ROWS) + "\n", encoding="utf-8")
    return root


def test_a_hostile_export_runs_no_script_in_the_class_summary(tmp_path_factory):
    _require_browser()
    from playwright.sync_api import expect

    root = _hostile_root(tmp_path_factory.mktemp("hostile-root"))
    with lab_and_browser(root, tmp_path_factory.mktemp("hostile-home")) as (lab, browser):
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(lab.url("lab/tree/docs/class_summary.ipynb", "reset"))
        panel = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")
        expect(page.locator(".jp-StatusBar-Item", has_text=KERNEL_IDLE)) \
            .to_be_visible(timeout=RUN_TIMEOUT_MS)
        run_all_cells(page)
        wait_until_all_cells_ran(page, panel)
        check_no_errors(panel)
        expect(panel.locator(".vega-embed svg.marks, .vega-embed canvas.marks")
               .first).to_be_attached(timeout=20_000)
        page.wait_for_timeout(1500)  # time for any injected handler to fire
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        scroller = panel.locator(".jp-WindowedPanel-outer").first
        height = scroller.evaluate("(el) => el.scrollHeight")
        page.set_viewport_size({"width": 1280, "height": min(height + 200, 16_000)})
        page.wait_for_timeout(500)
        page.screenshot(path=SCREENSHOTS / "class_summary-hostile.png",
                        full_page=True)

        pwned = page.evaluate("() => window.__pwned === undefined ? null "
                              ": String(window.__pwned)")
        assert pwned is None, f"an injected handler ran: {pwned}"
        assert not dialogs
        outputs = panel.locator(".jp-OutputArea-output")
        injected = outputs.locator("img[src='x'], script, svg[onload], [onerror]")
        assert injected.count() == 0, "an element from the student's file is live"
        text = " ".join(outputs.all_inner_texts())
        assert "<script>window.__pwned = 'name'</script>Eve" in text, \
            "the student's name is shown, as text"
        assert "progress-eve-1.csv" in text and "row 2, column 'item'" in text, \
            "the teacher is told which row was skipped"
        assert re.search(r"\b8 students\b", text), "the class is still summarised"
