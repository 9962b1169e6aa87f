"""Saved progress in the in-browser edition (JupyterLite, where Python runs in Pyodide).

There the kernel's own disk is memory: anything written under ``/home/pyodide`` or
``/tmp`` is gone when the page reloads. Only ``/drive`` (the files the student sees in
JupyterLab's file browser, kept in the browser's storage) survives, and SQLite cannot
work on it directly: its page-by-page writes left a malformed database. Whole-file writes
survive. So, in Pyodide only, the progress database lives in a working folder in memory
and is mirrored to one file on the drive, ``/drive/comrades-progress.sqlite3``:

* :func:`pull` before each use copies the drive's file over the working copy (another
  notebook's kernel may have saved answers since), but only when the drive's file is a
  readable progress database: a half-written or damaged copy never replaces a good one;
* :func:`push` after each change first merges into the working copy the rows another
  kernel saved on the drive since (answers are only ever added, so a row missing here
  is added, never dropped), then writes it back in one piece. Two notebooks open at once
  no longer lose each other's answers when they save in turn.

Outside Pyodide (a laptop, a hub, Binder, the tests) :func:`active` is False and
nothing here does anything. ``COMRADES_PROGRESS_DIR`` also turns it off.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import sys
import tempfile
import warnings
from pathlib import Path

IN_PYODIDE = sys.platform == "emscripten"
DRIVE = Path("/drive")
SAVED_NAME = "comrades-progress.sqlite3"
# In the kernel's memory: fast, and private to one kernel (one open notebook).
WORKING_DIR = Path("/tmp/comrades-progress")


def active() -> bool:
    """True in a JupyterLite kernel whose browser storage is mounted at /drive."""
    return IN_PYODIDE and not os.environ.get("COMRADES_PROGRESS_DIR") and DRIVE.is_dir()


def saved_file(working: Path | None = None) -> Path:
    """Where the progress survives a reload: visible in the file browser, downloadable.
    Each student's own progress file (``comrades.progress.set_student``) has its own."""
    if working is None or working.name == "progress.sqlite3":
        return DRIVE / SAVED_NAME
    return DRIVE / f"comrades-{working.name}"


def readable(data: bytes) -> bool:
    """True when ``data`` is a whole SQLite database holding a ``results`` table."""
    if not data.startswith(b"SQLite format 3\x00"):
        return False
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "check.sqlite3"
        copy.write_bytes(data)
        try:
            conn = sqlite3.connect(copy)
            try:
                ok = conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
                return ok and conn.execute(
                    "SELECT 1 FROM sqlite_master WHERE type='table' AND name='results'"
                ).fetchone() is not None
            finally:
                conn.close()
        except sqlite3.Error:
            return False


def pull(working: Path) -> None:
    """Replace ``working`` with the drive's copy, when there is one and it is readable
    (no-op outside the browser edition). A working copy is never replaced by a damaged
    one: the drive's file is then left for :func:`push` to mend."""
    if not active():
        return
    saved = saved_file(working)
    if not saved.is_file():
        return
    data = saved.read_bytes()
    if not data:
        return
    if not readable(data):
        keep_aside(saved, data)
        return
    working.parent.mkdir(parents=True, exist_ok=True)
    working.write_bytes(data)


def keep_aside(saved: Path, data: bytes) -> Path:
    """Keep a damaged drive copy beside it, once per content, before the next save mends
    the drive: nothing a student saved is ever simply overwritten."""
    digest = hashlib.sha256(data).hexdigest()[:12]
    aside = saved.with_name(f"{saved.stem}.corrupt-{digest}{saved.suffix}")
    if not aside.exists():
        aside.write_bytes(data)
        warnings.warn(f"Your saved progress {saved} is damaged (not a whole progress file); "
                      f"it was kept as {aside}, and the answers this notebook holds are "
                      "kept. Nothing in it was deleted.", stacklevel=3)
    return aside


def merge_from(working: Path, other: bytes) -> int:
    """Add to ``working`` every row of the database ``other`` that it lacks; return how
    many. Both are progress files written by the course (the same columns); a file of
    another shape, or an unreadable one, adds nothing."""
    if not working.is_file() or not readable(other):
        return 0
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "other.sqlite3"
        copy.write_bytes(other)
        conn = sqlite3.connect(working)
        try:
            conn.execute("ATTACH DATABASE ? AS other", (str(copy),))
            mine = [r[1] for r in conn.execute("PRAGMA main.table_info(results)")]
            theirs = [r[1] for r in conn.execute("PRAGMA other.table_info(results)")]
            if mine != theirs:
                return 0
            columns = ", ".join(mine)
            with conn:
                added = conn.execute(
                    f"INSERT INTO main.results ({columns}) SELECT {columns} FROM "
                    f"other.results EXCEPT SELECT {columns} FROM main.results").rowcount
            conn.execute("DETACH DATABASE other")
            return max(added, 0)
        except sqlite3.Error:
            return 0
        finally:
            conn.close()


def push(working: Path, name: str = "") -> Path | None:
    """Write ``working`` to the drive in one piece, as ``name`` (by default its own saved
    file, :func:`saved_file`), after merging in the rows another kernel saved there
    since; return where it went.

    No-op (None) outside the browser edition. Raises OSError when the drive refuses."""
    if not active() or not working.is_file():
        return None
    target = DRIVE / name if name else saved_file(working)
    if not name and target.is_file():
        merge_from(working, target.read_bytes())
    data = working.read_bytes()
    with target.open("wb") as handle:
        handle.write(data)
    return target
