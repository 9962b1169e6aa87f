"""End-to-end, issue 20.6: a student who cannot code does exercise 01 and the capstone's
chart in a real JupyterLab, only by clicking and typing into answer boxes (no code cell is
edited), reloads, and finds every task recorded and the written text shown back, in its
box and in docs/my_progress.ipynb. Screenshot: build/screenshots/no_code-01.png.
"""

from __future__ import annotations

import shutil

from test_browser import (
    KERNEL_IDLE,
    REPO_ROOT,
    RUN_TIMEOUT_MS,
    SCREENSHOTS,
    _require_browser,
    lab_and_browser,
    run_all_cells,
    wait_until_all_cells_ran,
)

WRITTEN = ("D01 was produced by the Provisional Government and read to a crowd in Hanoi, "
           "but it speaks to the whole world and borrows the American declaration. What I "
           "read is an English translation on a school website, so I would check the "
           "Vietnamese original before quoting it. It says nothing about Korea, so it cannot "
           "show ties with Pyongyang; the recognition of January 1950 is other evidence.")


def _box(panel, task_id: str):
    """The answer box of ``task_id``: the box whose button names the task."""
    return panel.locator(".comrades-answer").filter(
        has=panel.page.locator(f"button[title$='task {task_id}']"))


def _open_and_run(page, lab, path: str):
    from playwright.sync_api import expect

    page.goto(lab.url(f"lab/tree/{path}", "reset"))
    panel = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")
    expect(page.locator(".jp-StatusBar-Item", has_text=KERNEL_IDLE)).to_be_visible(
        timeout=RUN_TIMEOUT_MS)
    run_all_cells(page)
    wait_until_all_cells_ran(page, panel)
    return panel


def _check(box, verdict: str) -> None:
    from playwright.sync_api import expect

    box.scroll_into_view_if_needed()
    box.locator("button", has_text="heck").first.click()
    expect(box.locator(".check-result")).to_contain_text(verdict, timeout=30_000)


def _wanted_letters() -> list[str]:
    from comrades.check import task

    kind = task("01.6")
    by_item = {item: letter for letter, item in kind._shown()}
    return [by_item[str(i)] for i in kind._stored()[1]]


def test_a_student_without_code_finishes_exercise_01_and_the_capstone_chart(
        tmp_path_factory):
    _require_browser()
    from playwright.sync_api import expect

    root = tmp_path_factory.mktemp("no-code-root")
    for folder in ("notebooks", "exercises", "data"):
        shutil.copytree(REPO_ROOT / folder, root / folder)
    (root / "docs").mkdir()
    shutil.copy(REPO_ROOT / "docs" / "my_progress.ipynb", root / "docs")
    with lab_and_browser(root, tmp_path_factory.mktemp("no-code-home")) as (lab, browser):
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        panel = _open_and_run(page, lab,
                              "exercises/01_comrades_without_a_common_cause.ipynb")
        # 01.9: a choice, by clicking its option
        choice = _box(panel, "01.9")
        choice.scroll_into_view_if_needed()
        choice.get_by_text("C. measured").click()
        _check(choice, "Correct")
        # 01.10: a number typed in words, as a history student writes it
        number = _box(panel, "01.10")
        number.locator("input[type=text]").fill("two km")
        _check(number, "Correct")
        # 01.6: put the events in order with the list and the Move up button
        ordering = _box(panel, "01.6")
        listbox = ordering.locator("select")
        for place, letter in enumerate(_wanted_letters()):
            while True:
                values = listbox.evaluate("(s) => [...s.options].map(o => o.text)")
                at = next(i for i, text in enumerate(values)
                          if text.startswith(f"{letter}."))
                if at <= place:
                    break
                listbox.select_option(index=at)
                ordering.get_by_role("button", name="Move up").click()
                page.wait_for_timeout(150)
        _check(ordering, "Correct")
        # 01.7: the phase coded with three labelled drop-downs
        coding = _box(panel, "01.7")
        selects = coding.locator("select")
        selects.nth(0).select_option(label="shared")
        selects.nth(1).select_option(label="none")
        selects.nth(2).select_option(label="measured")
        _check(coding, "Correct")
        # 01.11: a sourcing judgement in words, saved for the teacher
        written = _box(panel, "01.11")
        written.locator("textarea").fill(WRITTEN)
        _check(written, "Submitted")
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        written.screenshot(path=SCREENSHOTS / "no_code-01.png")

        # A reload (and a fresh kernel): the text comes back in its box
        page.reload()
        panel = _open_and_run(page, lab,
                              "exercises/01_comrades_without_a_common_cause.ipynb")
        again = _box(panel, "01.11").locator("textarea")
        again.scroll_into_view_if_needed()
        expect(again).to_have_value(WRITTEN, timeout=30_000)

        # The capstone's chart, built by choosing
        panel = _open_and_run(page, lab, "exercises/07_capstone.ipynb")
        builder = _box(panel, "07.3")
        builder.scroll_into_view_if_needed()
        expect(builder.locator(".vega-embed").first).to_be_attached(timeout=30_000)
        builder.locator("select[multiple]").select_option(
            label=["Vietnam–North Korea", "Vietnam–South Korea"])
        builder.locator("input[type=text]").fill("Hanoi turned to Seoul")
        _check(builder, "Correct")

        # What the student's progress page shows
        panel = _open_and_run(page, lab, "docs/my_progress.ipynb")
        text = " ".join(panel.locator(".jp-OutputArea-output").all_text_contents())
        assert WRITTEN[:60] in " ".join(text.split()), "the written text is shown"
        table = panel.locator(".jp-OutputArea-output").first.inner_text()
        row = next(line.split("\t") for line in table.splitlines()
                   if line.startswith("01\t"))
        assert int(row[-1]) >= 5, f"lesson 01's tasks done: {row}"
        capstone = next(line.split("\t") for line in table.splitlines()
                        if line.startswith("07\t"))
        assert int(capstone[-1]) >= 1, f"the capstone's chart: {capstone}"
