"""Quiz answers and exercise results, saved on the student's own machine.

One SQLite file in the user's data directory (``platformdirs.user_data_dir``), outside
the repository, so pulling a course update never conflicts with it. ``COMRADES_PROGRESS_DIR``
moves it (tests, or a hub that wants it elsewhere).

What keeps the answers safe:

* **Atomic writes, concurrent writers.** Each answer is one ``BEGIN IMMEDIATE``
  transaction; several kernels at once wait for each other (SQLite's busy timeout) and,
  should SQLite still answer "locked", retry with a growing pause a bounded number of
  times, so no answer is lost to a busy moment.
* **A damaged file is kept, never lost.** A file is moved aside only when SQLite itself
  says it is not a database (``SQLITE_NOTADB``) or ``PRAGMA integrity_check`` fails; it
  goes to a new name that nothing ever overwrites (time, process id and a random part,
  created with ``os.link``), under a lock so that four kernels starting at once move it
  once. Any other error (no free file descriptors, no permission, a full disk) leaves the
  file where it is, with a warning.
* **Exports a teacher can trust.** :func:`export_csv` writes to a temporary file and
  links it into place only when it is complete, never over an existing name (not even a
  dangling symbolic link); each file ends with a row count that
  ``comrades.classroom`` checks, so a cut-off file is rejected, and every cell is
  neutralised for spreadsheets (:mod:`comrades.untrusted`).

**A student is a person, not an account.** :func:`set_student` (or ``COMRADES_STUDENT``)
names who answers in this kernel; each named student has a progress file of their own
(:func:`file_name_for`), so students sharing a lab login keep separate records, and
:func:`export_csv` writes their name beside the per-file ``student_id`` on every row. On
a hub the account is the person: :func:`student_name` is ``JUPYTERHUB_USER`` and the
one default file stays theirs. Graded mode asks for a name first (:func:`needs_student`);
self-study may skip it.

Recording never raises: a lesson must go on even where the disk is read-only.

In the in-browser edition (JupyterLite) the file is kept in memory and mirrored, whole,
to the student's browser storage after each change: see :mod:`comrades.lite`.
"""

from __future__ import annotations

import contextlib
import csv
import errno
import hashlib
import os
import random
import re
import secrets
import sqlite3
import time
import unicodedata
import uuid
import warnings
from pathlib import Path

from comrades import lite, status, untrusted

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
# The columns of an export: who (the name typed, and the per-install id that tells two
# students of the same name apart), then every saved column.
EXPORT_COLUMNS = ("student", "student_id") + COLUMNS
# The last line of every export; the reader checks the count, so a cut-off file is caught.
FOOTER = "# end of export: {rows} rows"
# What a saved attempt was, and which count as done: one vocabulary (comrades.status).
PASSED, FAILED, SUBMITTED, REVEALED = (status.PASSED, status.FAILED, status.SUBMITTED,
                                       status.REVEALED)
STATUSES, DONE = status.STATUSES, status.DONE

# How long SQLite itself waits for another writer, then this many more tries, pausing
# 0.05, 0.1, 0.2 … s (+ jitter): about 9 s at worst before "not saved", never a kernel
# frozen for a minute by a program that holds the file.
BUSY_TIMEOUT_S = 1.5
RETRIES = 4


def progress_dir() -> Path:
    override = os.environ.get("COMRADES_PROGRESS_DIR")
    if override:
        return Path(override)
    if lite.active():
        return lite.WORKING_DIR
    from platformdirs import user_data_dir

    return Path(user_data_dir("comrades", appauthor=False))


def progress_file() -> Path:
    """This student's progress file: :data:`FILE_NAME`, or for a student who gave a name
    (:func:`set_student`, ``COMRADES_STUDENT``) a file of their own beside it, so that
    students sharing an operating-system account keep separate records."""
    return progress_dir() / file_name_for(_STUDENT or os.environ.get(STUDENT_ENV, ""))


# --- who the student is ----------------------------------------------------------------

# A name for this kernel's student, set by a lab or a launcher (one per login session).
STUDENT_ENV = "COMRADES_STUDENT"
# On a JupyterHub every student has an account of their own; the hub says whose it is.
HUB_USER_ENV = "JUPYTERHUB_USER"
NAME_LIMIT = 80
_STUDENT = ""  # the name given in this kernel (set_student)


def clean_name(name: object) -> str:
    """A name as saved and shown: spaces tidied, control characters refused (ValueError),
    at most :data:`NAME_LIMIT` characters."""
    text = " ".join(str(name).split())
    if not text:
        raise ValueError("Type your name (as your teacher knows you).")
    if any(unicodedata.category(c).startswith("C") for c in text):
        raise ValueError("A name cannot hold control characters.")
    if len(text) > NAME_LIMIT:
        raise ValueError(f"A name of at most {NAME_LIMIT} characters, please.")
    return text


def file_name_for(name: str) -> str:
    """The progress file of the student called ``name`` ("" for the one default file).
    The same name in other case or spacing is the same student."""
    if not name.strip():
        return FILE_NAME
    folded = " ".join(name.split()).casefold()
    slug = re.sub(r"[^a-z0-9]+", "-", unicodedata.normalize("NFKD", folded)
                  .encode("ascii", "ignore").decode()).strip("-")[:30] or "student"
    tag = hashlib.sha256(folded.encode("utf-8")).hexdigest()[:10]
    return f"progress-{slug}-{tag}.sqlite3"


def set_student(name: object) -> str:
    """Say who is answering in this kernel: from now on their answers are saved in a file
    of their own and every export carries their name. Returns the name as saved.
    Raises ValueError for an empty name, control characters or a name too long."""
    global _STUDENT
    _STUDENT = clean_name(name)
    return _STUDENT


def student_name() -> str:
    """Who is answering: the name given (:func:`set_student`, or ``COMRADES_STUDENT``),
    else the hub's user name (``JUPYTERHUB_USER``), else "" (self-study, no name)."""
    for name in (_STUDENT, os.environ.get(STUDENT_ENV, ""), os.environ.get(HUB_USER_ENV, "")):
        if name.strip():
            return " ".join(name.split())
    return ""


def needs_student(graded: bool) -> bool:
    """True when the student must give a name before answering: in graded mode, when no
    name is known yet (on a hub, the hub user name is known). Self-study never needs
    one: the prompt may be skipped there."""
    return graded and not student_name()


# --- opening the file ------------------------------------------------------------------

def _busy(err: sqlite3.Error) -> bool:
    """True when another writer holds the file: worth waiting and trying again."""
    return getattr(err, "sqlite_errorcode", None) in (sqlite3.SQLITE_BUSY,
                                                      sqlite3.SQLITE_LOCKED) \
        or "locked" in str(err) or "busy" in str(err)


def _not_a_database(err: sqlite3.Error) -> bool:
    """True only when SQLite says the file is not (or no longer) a database."""
    code = getattr(err, "sqlite_errorcode", None)
    return code in (sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_CORRUPT) \
        or "file is not a database" in str(err) or "malformed" in str(err)


def _open(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
    try:
        conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        _prepare(conn)
    except BaseException:
        conn.close()
        raise
    return conn


def _prepare(conn: sqlite3.Connection) -> None:
    """Create the tables, and add the ``status`` column to a file saved before it existed.
    The saved rows are read first, so a damaged file is found before anything is written
    into it (it is then moved aside exactly as it was)."""
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    if "results" in tables:
        conn.execute("SELECT count(*), max(length(answer)) FROM results").fetchone()
    if not {"results", "meta"} <= tables:
        conn.executescript(_SCHEMA)
    columns = {row[1] for row in conn.execute("PRAGMA table_info(results)")}
    if "status" not in columns:
        with contextlib.suppress(sqlite3.OperationalError):  # another kernel added it
            conn.execute("ALTER TABLE results ADD COLUMN status TEXT NOT NULL DEFAULT ''")
    conn.execute("SELECT count(*) FROM results").fetchone()


def _damaged(path: Path) -> bool:
    """SQLite's own verdict on the file: not a database, or an integrity check failing."""
    try:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S)
    except sqlite3.Error:
        return False  # cannot even open it: not a verdict on its content
    try:
        verdict = conn.execute("PRAGMA integrity_check").fetchone()
        return verdict is None or verdict[0] != "ok"
    except sqlite3.DatabaseError as err:
        return _not_a_database(err)
    finally:
        conn.close()


@contextlib.contextmanager
def _move_lock(path: Path):
    """Hold an exclusive lock while one kernel moves a damaged file aside (POSIX only;
    elsewhere the unique aside name alone keeps every copy)."""
    try:
        import fcntl
    except ImportError:
        yield
        return
    with open(path.with_name(path.name + ".lock"), "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def aside_name(path: Path) -> Path:
    """A fresh name for a damaged file: time, process id and a random part."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    return path.with_name(f"{path.stem}.corrupt-{stamp}-{os.getpid()}-"
                          f"{secrets.token_hex(4)}{path.suffix}")


def _link_new(source: Path, target: Path) -> None:
    """Give ``source`` the name ``target`` and drop the old name; fails, rather than
    overwrite, if ``target`` exists (even as a dangling symbolic link)."""
    try:
        os.link(source, target)
    except FileExistsError:
        raise
    except (OSError, AttributeError):  # no hard links here (a file system, or Pyodide)
        fd = os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY)  # reserve the name
        os.close(fd)
        os.replace(source, target)
        return
    os.unlink(source)


def _move_aside(path: Path, err: sqlite3.Error) -> Path | None:
    """Move a damaged progress file (and its journal) to a new name; None if another
    kernel already did, or the file turns out to be readable after all."""
    with _move_lock(path):
        if not path.exists() or not _damaged(path):
            return None
        aside = aside_name(path)
        _link_new(path, aside)
        for extra in ("-journal", "-wal", "-shm"):  # never replay its journal on a new file
            sidecar = path.with_name(path.name + extra)
            if sidecar.exists():
                with contextlib.suppress(OSError):
                    _link_new(sidecar, aside.with_name(aside.name + extra))
    warnings.warn(f"Your progress file {path} is damaged ({err}); it was moved to {aside} "
                  "and a fresh one started. Nothing in it was deleted.", stacklevel=4)
    return aside


def _connect() -> sqlite3.Connection:
    path = progress_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    lite.pull(path)  # in the browser edition: what this or another notebook saved
    try:
        return _open(path)
    except sqlite3.DatabaseError as err:
        if _busy(err) or not _not_a_database(err):
            raise  # a passing problem (busy, no descriptors, permissions): leave the file
        aside = _move_aside(path, err)
        if aside is not None:
            lite.push(aside, aside.name)  # in the browser: the damaged copy kept on its drive
        return _open(path)


def _with_retries(action):
    """Run ``action(conn)`` on a fresh connection; retry a bounded number of times, with
    a growing, jittered pause, while another writer holds the file."""
    for attempt in range(RETRIES + 1):
        try:
            conn = _connect()
            try:
                return action(conn)
            finally:
                conn.close()
        except sqlite3.OperationalError as err:
            if not _busy(err) or attempt == RETRIES:
                raise
            time.sleep(0.05 * 2 ** attempt * (1 + random.random()))
    raise AssertionError("unreachable")


def _write(conn: sqlite3.Connection, sql: str, params: tuple) -> int:
    """One statement in its own immediate transaction: saved whole or not at all.
    Returns how many rows it changed."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        changed = conn.execute(sql, params).rowcount
    except BaseException:
        if conn.in_transaction:  # SQLite has already rolled back after a full disk
            with contextlib.suppress(sqlite3.Error):
                conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
    return changed


# --- the public side -------------------------------------------------------------------

def install_id() -> str:
    """A random id made once per progress file: it tells two students of the same name
    apart in the teacher's summary, and seeds each student's own order of quiz options.

    Falls back to an id for this session alone when the file cannot be written.
    """
    global _SESSION_ID

    def read_or_make(conn):
        made = _write(conn, "INSERT OR IGNORE INTO meta (key, value) VALUES "
                            "('install_id', ?)", (uuid.uuid4().hex,))
        value = conn.execute("SELECT value FROM meta WHERE key = 'install_id'").fetchone()[0]
        return value, made

    try:
        value, made = _with_retries(read_or_make)
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
    sql = (f"INSERT INTO results ({', '.join(COLUMNS)}) VALUES "
           f"({', '.join('?' * len(COLUMNS))})")
    try:
        _with_retries(lambda conn: _write(conn, sql, row))
        lite.push(progress_file())
        return True
    except (OSError, sqlite3.Error) as err:
        warnings.warn(f"Your answer was checked but could not be saved ({why_not(err)}).",
                      stacklevel=2)
        return False


def why_not(err: Exception) -> str:
    """Why a save failed, in words a student can act on."""
    if isinstance(err, sqlite3.Error) and _busy(err):
        return ("another program is using your progress file; close other copies of "
                "the course, then check again")
    code = getattr(err, "sqlite_errorcode", None)
    if code == sqlite3.SQLITE_FULL or getattr(err, "errno", None) == errno.ENOSPC:
        return "the disk is full; free some space, then check again"
    return str(err)


def results() -> list[dict]:
    """Every saved result, oldest first (empty when nothing is saved or readable).

    When the file exists but cannot be read just now, a warning says so and the file is
    left as it is: the answers are still there the next time.
    """
    try:
        lite.pull(progress_file())  # in the browser edition: what another notebook saved
    except OSError as err:
        warnings.warn(f"Saved progress could not be read just now ({err}).", stacklevel=2)
        return []
    if not progress_file().exists():
        return []
    query = f"SELECT {', '.join(COLUMNS)} FROM results ORDER BY recorded_at, rowid"
    try:
        rows = _with_retries(lambda conn: conn.execute(query).fetchall())
    except (OSError, sqlite3.Error) as err:
        warnings.warn(f"Saved progress could not be read just now ({err}); the file "
                      f"{progress_file()} was left as it is.", stacklevel=2)
        return []
    saved = [dict(zip(COLUMNS, row, strict=True)) for row in rows]
    for row in saved:  # rows saved before the status column: their status is their grade
        row["status"] = status.of_row(row["status"], row["passed"])
    return saved


def export_csv(path: str | os.PathLike, student: str = "") -> Path:
    """Write every result to one CSV for the teacher; never overwrites an existing file.

    Every row carries the student: the name given (by default the name this kernel
    knows) and :func:`install_id` as ``student_id``, so two students of
    the same name stay two; see :func:`write_csv` for how the file is written.
    """
    student = student or student_name()
    student_id = install_id()
    rows = ([student, student_id] + [row[c] for c in COLUMNS] for row in results())
    return write_csv(path, EXPORT_COLUMNS, rows)


_PARTIAL = re.compile(r"\..+\.(\d+)-[0-9a-f]+\.partial")


def _clear_stale_partials(folder: Path) -> None:
    """Remove what an export killed half-way left in ``folder``: its hidden ``.partial``
    file, once the process that wrote it is gone (and a minute has passed), or after a
    day in any case. A file of another name is never touched."""
    now = time.time()
    with contextlib.suppress(OSError):
        for path in folder.glob(".*.partial"):
            match = _PARTIAL.fullmatch(path.name)
            if not match:
                continue
            with contextlib.suppress(OSError):
                age = now - path.lstat().st_mtime
                if age > 86_400 or (age > 60 and not _alive(int(match[1]))):
                    path.unlink()


def _alive(pid: int) -> bool:
    """Whether process ``pid`` may still be writing. On Windows signal 0 is Ctrl+C, not
    a probe, so there every writer counts as alive (its file goes after a day)."""
    if os.name == "nt":
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True  # someone else's process, or cannot tell: keep its file
    return True


def write_csv(path: str | os.PathLike, header, rows) -> Path:
    """The one way the course writes a CSV file that a person may open in a spreadsheet.

    The file appears complete or not at all (written beside its name, then linked into
    place), never over an existing name (not even a dangling symbolic link: that raises
    ``FileExistsError`` at once), every cell is neutralised for spreadsheets
    (:func:`comrades.untrusted.csv_cell`), and the last line is :data:`FOOTER`, whose row
    count ``comrades.classroom`` checks, so a cut-off copy is rejected.
    """
    target = Path(path)
    taken = FileExistsError(f"{target} already exists; choose another name so that "
                            "nothing is overwritten")
    if os.path.lexists(target):
        raise taken
    _clear_stale_partials(target.parent)
    temporary = target.with_name(
        f".{target.name}.{os.getpid()}-{secrets.token_hex(6)}.partial")
    try:
        with temporary.open("x", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(untrusted.csv_row(header))
            count = 0
            for row in rows:
                writer.writerow(untrusted.csv_row(row))
                count += 1
            writer.writerow([FOOTER.format(rows=count)])
            handle.flush()
            os.fsync(handle.fileno())
        try:
            _link_new(temporary, target)
        except FileExistsError:
            raise taken from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()
    return target
