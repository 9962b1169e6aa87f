"""Issue 23.6 in a real JupyterLab: a student adds an event in the historian's lab with
the keyboard and the mouse, reads what it changes, and finds it again after a reload.
Markup typed into a field is shown as text. Screenshot: build/screenshots/lab-06.png.
"""

from __future__ import annotations

import nbformat
from test_browser import SCREENSHOTS, _require_browser, lab_and_browser
from test_browser_no_code import _open_and_run

HOSTILE = "<img src=x onerror=window.__pwned=1> thaw"


def test_a_student_adds_an_event_and_reads_what_it_changes(tmp_path_factory):
    _require_browser()
    from playwright.sync_api import expect

    root = tmp_path_factory.mktemp("lab-root")
    book = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        "from comrades.widgets.lab import historians_lab\n\nhistorians_lab()")])
    book.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                   "language": "python"}
    nbformat.write(book, root / "lab.ipynb")
    with lab_and_browser(root, tmp_path_factory.mktemp("lab-home")) as (lab, browser):
        page = browser.new_page(viewport={"width": 1280, "height": 1000})
        panel = _open_and_run(page, lab, "lab.ipynb")
        box = panel.locator(".comrades-lab")
        expect(box).to_be_visible(timeout=30_000)
        summary = box.locator(".explorer-summary")
        expect(summary).to_contain_text("Add an event above")

        box.get_by_label("Date").fill("1988-09")
        box.get_by_label("Bearing").select_option(label="+1: warmed")
        box.get_by_label("What happened").fill(HOSTILE)
        box.get_by_label("Who says so").fill("Vietnam News Agency")
        address = box.get_by_label("Where to read it")
        address.fill("https://en.vietnamplus.vn/example")
        add = box.get_by_role("button", name="Add my event")
        add.focus()
        page.keyboard.press("Enter")  # the button works from the keyboard

        expect(summary).to_contain_text("What your event changes", timeout=30_000)
        expect(summary).to_contain_text("pulls against the course's score")
        expect(summary).to_contain_text(f"Yours: {HOSTILE}")
        assert summary.locator("img").count() == 0, "markup is shown as text"
        expect(box.locator(".vega-embed").first).to_be_attached(timeout=30_000)
        assert page.evaluate("() => window.__pwned") is None
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        box.scroll_into_view_if_needed()
        box.screenshot(path=SCREENSHOTS / "lab-06.png")

        # A refused field is named, and nothing is added
        box.get_by_label("Date").fill("someday")
        box.get_by_role("button", name="Add my event").click()
        expect(box).to_contain_text("Not added yet", timeout=30_000)

        # A reload and a fresh kernel: the event is still there
        page.reload()
        panel = _open_and_run(page, lab, "lab.ipynb")
        chosen = panel.locator(".comrades-lab").get_by_label("Show what it changes:")
        expect(chosen).to_contain_text("L.1: Sep 1988", timeout=30_000)
        expect(panel.locator(".comrades-lab .explorer-summary")).to_contain_text(
            "What your event changes", timeout=30_000)
