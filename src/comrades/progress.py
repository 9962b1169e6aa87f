"""Quiz answers and exercise results, saved on the student's own machine.

One SQLite file in the user's data directory (``platformdirs.user_data_dir``), outside
the repository, so pulling a course update never conflicts with it. ``COMRADES_PROGRESS_DIR``
moves it (tests, or a hub that wants it elsewhere). SQLite gives atomic writes and
safe concurrent writers (two kernels at once); a file that is not a readable database is
moved aside with a warning and a fresh one started, never silently lost.

Recording never raises: a lesson must go on even where the disk is read-only.

In the in-browser edition (JupyterLite) the file is kept in memory and mirrored, whole,
to the student's browser storage after each change: see :mod:`comrades.lite`.
"""

from __future__ import annotations

import csv
import os
import sqlite3
import time
import uuid
import warnings
from pathlib import Path

from comrades import lite

FILE_NAME = "progress.sqlite3"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS results (
    recorded_at REAL NOT NULL,
    lesson TEXT NOT NULL,
    item TEXT NOT NULL,
    kind TEXT NOT NULL,
    passed INTEGER NOT NULL,
    answer TEXT NOT NULL DEFAULT '',
    detail TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"""
COLUMNS = ("recorded_at", "lesson", "item", "kind", "passed", "status", "answer", "detail")
# What a saved attempt was: graded right or wrong, written work handed in (not graded),
# or an answer the student chose to reveal (recorded so the teacher can see it).
PASSED, FAILED, SUBMITTED, REVEALED = "passed", "failed", "submitted", "revealed"
STATUSES = (PASSED, FAILED, SUBMITTED, REVEALED)


def progress_dir() -> Path:
    override = os.environ.get("COMRADES_PROGRESS_DIR")
    if override:
        return Path(override)
    if lite.active():
        return lite.WORKING_DIR
    from platformdirs import user_data_dir

    return Path(user_data_dir("comrades", appauthor=False))


def progress_file() -> Path:
    return progress_dir() / FILE_NAME


def _connect() -> sqlite3.Connection:
    path = progress_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    lite.pull(path)
    try:
        conn = sqlite3.connect(path, timeout=10)
        _prepare(conn)
        return conn
    except sqlite3.DatabaseError as err:
        if "locked" in str(err):
            raise
        aside = path.with_name(f"{path.stem}.corrupt-{time.strftime('%Y%m%d-%H%M%S')}"
                               f"{path.suffix}")
        path.replace(aside)
        aside = lite.push(aside, aside.name) or aside  # in the browser: kept on its drive
        warnings.warn(f"Your progress file {path} could not be read ({err}); it was moved "
                      f"to {aside} and a fresh one started.", stacklevel=3)
        conn = sqlite3.connect(path, timeout=10)
        _prepare(conn)
        return conn


def _prepare(conn: sqlite3.Connection) -> None:
    """Create the tables, and add the ``status`` column to a file saved before it existed."""
    conn.executescript(_SCHEMA)
    columns = {row[1] for row in conn.execute("PRAGMA table_info(results)")}
    if "status" not in columns:
        conn.execute("ALTER TABLE results ADD COLUMN status TEXT NOT NULL DEFAULT ''")
    conn.execute("SELECT count(*) FROM results").fetchone()


def install_id() -> str:
    """A random id made once per progress file: it tells two students of the same name
    apart in the teacher's summary, and seeds each student's own order of quiz options.

    Falls back to an id for this session alone when the file cannot be written.
    """
    global _SESSION_ID
    try:
        conn = _connect()
        with conn:
            made = conn.execute("INSERT OR IGNORE INTO meta (key, value) VALUES "
                                "('install_id', ?)", (uuid.uuid4().hex,)).rowcount
        (value,) = conn.execute("SELECT value FROM meta WHERE key = 'install_id'").fetchone()
        conn.close()
        if made:
            lite.push(progress_file())
        return value
    except (OSError, sqlite3.Error):
        _SESSION_ID = _SESSION_ID or uuid.uuid4().hex
        return _SESSION_ID


_SESSION_ID = ""
# Written work is kept whole (an essay is long); other answers are short by nature.
ANSWER_LIMIT = {SUBMITTED: 20_000}


def record(lesson: str, item: str, kind: str, passed: bool, answer: str = "",
           detail: str = "", status: str | None = None) -> bool:
    """Save one result. Returns False (with a warning) when it could not be saved.

    ``status`` is one of :data:`STATUSES`; by default it follows ``passed``.
    """
    status = status or (PASSED if passed else FAILED)
    if status not in STATUSES:
        raise ValueError(f"status must be one of {STATUSES}, not {status!r}")
    row = (time.time(), str(lesson), str(item), str(kind), int(bool(passed)), status,
           str(answer)[:ANSWER_LIMIT.get(status, 2000)], str(detail)[:2000])
    try:
        conn = _connect()
        with conn:  # one transaction: either the row is saved whole or not at all
            conn.execute(f"INSERT INTO results ({', '.join(COLUMNS)}) VALUES "
                         f"({', '.join('?' * len(COLUMNS))})", row)
        conn.close()
        lite.push(progress_file())
        return True
    except (OSError, sqlite3.Error) as err:
        warnings.warn(f"Your answer was checked but could not be saved ({err}).",
                      stacklevel=2)
        return False


def results() -> list[dict]:
    """Every saved result, oldest first (empty when nothing is saved or readable)."""
    path = progress_file()
    try:
        lite.pull(path)  # in the browser edition: what this or another notebook saved
    except OSError as err:
        warnings.warn(f"Saved progress could not be read ({err}).", stacklevel=2)
        return []
    if not path.exists():
        return []
    try:
        conn = _connect()
        rows = conn.execute(f"SELECT {', '.join(COLUMNS)} FROM results "
                            "ORDER BY recorded_at, rowid").fetchall()
        conn.close()
    except (OSError, sqlite3.Error) as err:
        warnings.warn(f"Saved progress could not be read ({err}).", stacklevel=2)
        return []
    saved = [dict(zip(COLUMNS, row, strict=True)) for row in rows]
    for row in saved:  # rows saved before the status column: their status is their grade
        row["status"] = row["status"] or (PASSED if row["passed"] else FAILED)
    return saved


def export_csv(path: str | os.PathLike, student: str = "") -> Path:
    """Write every result to one CSV for the teacher; never overwrites an existing file."""
    target = Path(path)
    if target.exists():
        raise FileExistsError(f"{target} already exists; choose another name so that "
                              "nothing is overwritten")
    with target.open("x", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=("student",) + COLUMNS)
        writer.writeheader()
        for row in results():
            writer.writerow({"student": student, **row})
    return target
