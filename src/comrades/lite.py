"""Saved progress in the in-browser edition (JupyterLite, where Python runs in Pyodide).

There the kernel's own disk is memory: anything written under ``/home/pyodide`` or
``/tmp`` is gone when the page reloads. Only ``/drive`` (the files the student sees in
JupyterLab's file browser, kept in the browser's storage) survives, and SQLite cannot
work on it directly: its page-by-page writes left a malformed database. Whole-file writes
survive. So, in Pyodide only, the progress database lives in a working folder in memory
and is mirrored to one file on the drive, ``/drive/comrades-progress.sqlite3``:

* :func:`pull` before each use copies the drive's file over the working copy (another
  notebook's kernel may have saved answers since);
* :func:`push` after each change writes the working copy back in one piece.

Outside Pyodide (a laptop, a hub, Binder, the tests) :func:`active` is False and
nothing here does anything. ``COMRADES_PROGRESS_DIR`` also turns it off.
"""

from __future__ import annotations

import os
import sys
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


def pull(working: Path) -> None:
    """Replace ``working`` with the drive's copy, when there is one (no-op outside)."""
    if not active():
        return
    saved = saved_file(working)
    if saved.is_file():
        data = saved.read_bytes()
        if data:
            working.parent.mkdir(parents=True, exist_ok=True)
            working.write_bytes(data)


def push(working: Path, name: str = "") -> Path | None:
    """Write ``working`` to the drive in one piece, as ``name`` (by default its own saved
    file, :func:`saved_file`); return where it went.

    No-op (None) outside the browser edition. Raises OSError when the drive refuses."""
    if not active() or not working.is_file():
        return None
    data = working.read_bytes()
    target = DRIVE / name if name else saved_file(working)
    with target.open("wb") as handle:
        handle.write(data)
    return target
