"""comrades.lite: progress in the in-browser edition survives a reload, outside Pyodide
nothing changes.

Pyodide is simulated: ``IN_PYODIDE`` is switched on, ``DRIVE`` (the browser storage) is a
temporary folder, and a "kernel" is a working folder in memory; a reload is a kernel
whose working folder is gone.
"""

from __future__ import annotations

import csv
import sqlite3

import pytest

from comrades import lite, progress


@pytest.fixture
def browser(tmp_path, monkeypatch):
    """A simulated JupyterLite kernel: returns a function that starts a fresh kernel."""
    drive = tmp_path / "drive"
    drive.mkdir()
    monkeypatch.setattr(lite, "IN_PYODIDE", True)
    monkeypatch.setattr(lite, "DRIVE", drive)
    monkeypatch.delenv("COMRADES_PROGRESS_DIR", raising=False)
    kernels = iter(range(100))

    def new_kernel():
        working = tmp_path / f"kernel-{next(kernels)}"
        monkeypatch.setattr(lite, "WORKING_DIR", working)
        return working

    new_kernel()
    return new_kernel


def test_outside_pyodide_nothing_changes(tmp_path, monkeypatch, progress_dir):
    drive = tmp_path / "drive"
    drive.mkdir()
    monkeypatch.setattr(lite, "DRIVE", drive)
    assert not lite.active()
    assert progress.progress_dir() == progress_dir
    assert progress.record("00", "q1", "single", True)
    lite.push(progress.progress_file())
    lite.pull(progress.progress_file())
    assert list(drive.iterdir()) == [], "something was written to the browser drive"
    assert (progress_dir / progress.FILE_NAME).is_file()


def test_outside_pyodide_even_without_override(tmp_path, monkeypatch):
    monkeypatch.delenv("COMRADES_PROGRESS_DIR", raising=False)
    monkeypatch.setattr(lite, "DRIVE", tmp_path)
    assert not lite.active()
    assert progress.progress_dir() != lite.WORKING_DIR


def test_progress_survives_a_reload(browser):
    assert lite.active()
    first = browser()
    assert progress.progress_dir() == first
    assert progress.record("00", "q1", "single", True, answer="1954")
    saved = lite.saved_file()
    assert saved.is_file()
    # The saved copy is a whole, readable database, not a half-written one.
    with sqlite3.connect(saved) as conn:
        assert conn.execute("SELECT count(*) FROM results").fetchone() == (1,)

    browser()  # reload: the kernel's memory is new and empty
    rows = progress.results()
    assert [(r["lesson"], r["item"], r["answer"]) for r in rows] == [("00", "q1", "1954")]


def test_install_id_is_kept_across_reloads(browser):
    before = progress.install_id()
    browser()
    assert progress.install_id() == before


def test_two_open_notebooks_do_not_overwrite_each_other(browser):
    lesson = browser()
    progress.record("00", "q1", "single", True)
    exercise = browser()
    progress.record("01", "01.1", "exercise", False)
    # Back in the first notebook's kernel, whose working copy predates the exercise.
    lite.WORKING_DIR = lesson
    progress.record("00", "q2", "single", False)
    lite.WORKING_DIR = exercise
    assert [r["item"] for r in progress.results()] == ["q1", "01.1", "q2"]


def test_export_works_in_the_browser(browser, tmp_path):
    progress.record("00", "q1", "single", True, answer="=cmd()")
    browser()
    out = progress.export_csv(tmp_path / "drive" / "progress-ana.csv", student="Ana")
    with out.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert rows[-1]["student"] == progress.FOOTER.format(rows=1)  # the export is whole
    assert [(r["student"], r["item"], r["status"]) for r in rows[:-1]] == \
        [("Ana", "q1", "passed")]


def test_an_unreadable_saved_file_is_kept_aside_on_the_drive(browser):
    lite.saved_file().write_bytes(b"not a database at all")
    with pytest.warns(UserWarning, match="is damaged"):
        assert progress.record("00", "q1", "single", True)
    kept = [p for p in lite.DRIVE.iterdir() if ".corrupt-" in p.name]
    assert [p.read_bytes() for p in kept] == [b"not a database at all"]
    browser()
    assert [r["item"] for r in progress.results()] == ["q1"]


def test_a_drive_that_cannot_be_written_is_reported_not_raised(browser, monkeypatch):
    def refuse(working, name=lite.SAVED_NAME):
        raise OSError("the browser storage is full")

    monkeypatch.setattr(lite, "push", refuse)
    with pytest.warns(UserWarning, match="could not be saved"):
        assert progress.record("00", "q1", "single", True) is False


# --- issue 24, items 5 and 6: never good replaced by bad; two kernels keep both ------------

def _rows(path):
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT item FROM results ORDER BY rowid").fetchall()


def _add(path, item, when):
    """A row saved by a kernel in its own working copy (as progress.record writes it)."""
    with sqlite3.connect(path) as conn:
        columns = [r[1] for r in conn.execute("PRAGMA table_info(results)")]
        row = {c: "" for c in columns} | {"recorded_at": when, "lesson": "00",
                                          "item": item, "kind": "single", "passed": 1,
                                          "status": "passed"}
        conn.execute(f"INSERT INTO results ({', '.join(columns)}) VALUES "
                     f"({', '.join('?' * len(columns))})", [row[c] for c in columns])


def test_a_half_written_drive_file_never_replaces_the_answers_in_memory(browser):
    for n in range(40):
        assert progress.record("00", f"00.{n % 9 + 1}", "single", True)
    working = progress.progress_file()
    saved = lite.saved_file(working)
    whole = saved.read_bytes()
    for cut in (0, 100, len(whole) // 2, len(whole) - 1):
        saved.write_bytes(whole[:cut] if cut else b"garbage, not a database")
        lite.pull(working)
        assert len(_rows(working)) == 40, cut
        assert len(progress.results()) == 40
    lite.push(working)  # the next save mends the drive
    assert lite.readable(saved.read_bytes()) and len(_rows(saved)) == 40


def test_two_kernels_saving_in_turn_keep_each_other_s_answers(browser):
    assert progress.record("00", "00.1", "single", True)
    base = progress.progress_file()
    kernel_a, kernel_b = (base.parent / k / base.name for k in ("a", "b"))
    for kernel in (kernel_a, kernel_b):  # both pulled the same file
        kernel.parent.mkdir()
        kernel.write_bytes(base.read_bytes())
    for n in range(60):  # in lockstep: each saves without having seen the other's answer
        _add(kernel_a, f"00.{n % 9 + 1}", 1000.0 + 2 * n)
        lite.push(kernel_a)
        _add(kernel_b, f"00.{n % 9 + 1}", 1001.0 + 2 * n)
        lite.push(kernel_b)
    saved = lite.saved_file(kernel_a)
    assert len(_rows(saved)) == 1 + 120


def test_merging_adds_nothing_from_a_file_of_another_shape(tmp_path):
    good = tmp_path / "good.sqlite3"
    with sqlite3.connect(good) as conn:
        conn.execute("CREATE TABLE results (item TEXT)")
        conn.execute("INSERT INTO results VALUES ('00.1')")
    other = tmp_path / "other.sqlite3"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE results (item TEXT, extra TEXT)")
        conn.execute("INSERT INTO results VALUES ('00.2', 'x')")
    assert lite.merge_from(good, other.read_bytes()) == 0
    assert lite.merge_from(good, b"not a database") == 0
    assert _rows(good) == [("00.1",)]
