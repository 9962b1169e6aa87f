"""The progress room: saved locally, atomic, and never a crash."""

import multiprocessing
import os
import sqlite3
import stat
import subprocess
import sys
import time
import warnings

import pytest

from comrades import progress


@pytest.fixture(autouse=True)
def own_progress(progress_dir):
    """Every test here saves in a folder of its own: in a random order, another file's
    saved answers must never show up in this one's results."""
    return progress_dir


def test_record_and_read_back(progress_dir):
    assert progress.results() == []
    assert progress.record("00", "00.1", "quiz", True, "1950")
    assert progress.record("00", "00.2", "quiz", False, "1949", "too early")
    rows = progress.results()
    assert [(r["item"], r["passed"]) for r in rows] == [("00.1", 1), ("00.2", 0)]
    assert progress.progress_file().parent == progress_dir


def test_missing_directory_is_created(tmp_path, monkeypatch):
    monkeypatch.setenv("COMRADES_PROGRESS_DIR", str(tmp_path / "a" / "b"))
    assert progress.record("00", "00.1", "quiz", True)
    assert len(progress.results()) == 1


def test_corrupt_file_is_moved_aside_with_a_warning(progress_dir):
    progress_dir.mkdir()
    progress.progress_file().write_bytes(b"this is not a database" * 100)
    with pytest.warns(UserWarning, match="moved"):
        assert progress.record("00", "00.1", "quiz", True)
    aside = [p for p in progress_dir.iterdir() if "corrupt" in p.name]
    assert len(aside) == 1 and aside[0].read_bytes().startswith(b"this is not")
    assert len(progress.results()) == 1


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write to read-only directories")
def test_read_only_directory_warns_and_does_not_raise(progress_dir):
    progress_dir.mkdir()
    progress_dir.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        with pytest.warns(UserWarning, match="could not be saved"):
            assert progress.record("00", "00.1", "quiz", True) is False
    finally:
        progress_dir.chmod(stat.S_IRWXU)


def test_unwritable_location_warns_and_does_not_raise(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("COMRADES_PROGRESS_DIR", str(blocker / "inside"))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert progress.record("00", "00.1", "quiz", True) is False
    assert any("could not be saved" in str(w.message) for w in caught)


def _write_many(folder, name, count):
    os.environ["COMRADES_PROGRESS_DIR"] = folder
    for i in range(count):
        assert progress.record("00", f"{name}.{i}", "quiz", i % 2 == 0)


def test_four_kernels_writing_at_once_lose_nothing(progress_dir):
    """Issue 13.7: 4 processes x 500 answers once lost one to "database is locked"."""
    ctx = multiprocessing.get_context("spawn")
    workers = [ctx.Process(target=_write_many, args=(str(progress_dir), name, 500))
               for name in ("a", "b", "c", "d")]
    for p in workers:
        p.start()
    for p in workers:
        p.join(300)
        assert p.exitcode == 0
    items = {r["item"] for r in progress.results()}
    assert len(items) == 2000


def test_a_busy_file_is_retried_with_back_off(progress_dir, monkeypatch):
    """SQLite's busy timeout can still end in "locked" (two writers upgrading at once):
    the answer is tried again, a bounded number of times, not dropped."""
    real = progress._write
    failures = iter([sqlite3.OperationalError("database is locked")] * 3)
    pauses = []
    monkeypatch.setattr(progress.time, "sleep", pauses.append)

    def flaky(conn, sql, params):
        error = next(failures, None)
        if error:
            raise error
        return real(conn, sql, params)

    monkeypatch.setattr(progress, "_write", flaky)
    assert progress.record("00", "00.1", "quiz", True)
    assert len(progress.results()) == 1
    assert len(pauses) == 3 and pauses[0] < pauses[1] < pauses[2]
    monkeypatch.setattr(progress, "_write", lambda *a: (_ for _ in ()).throw(
        sqlite3.OperationalError("database is locked")))
    with pytest.warns(UserWarning, match="could not be saved"):
        assert progress.record("00", "00.2", "quiz", True) is False  # bounded: gives up
    assert len(pauses) == 3 + progress.RETRIES


def test_export_writes_a_csv_and_never_overwrites(progress_dir, tmp_path):
    progress.record("00", "00.1", "quiz", True, "1950")
    target = progress.export_csv(tmp_path / "me.csv", student="ana")
    text = target.read_text()
    assert text.splitlines()[0].startswith("student,student_id,recorded_at,lesson,item")
    assert "ana" in text and "00.1" in text and progress.install_id() in text
    assert text.splitlines()[-1] == "# end of export: 1 rows"
    with pytest.raises(FileExistsError, match="nothing is overwritten"):
        progress.export_csv(target)
    assert target.read_text() == text


def _write_forever(folder):
    os.environ["COMRADES_PROGRESS_DIR"] = folder
    i = 0
    while True:
        progress.record("00", f"loop.{i}", "quiz", True, "x" * 500)
        i += 1


def test_a_kernel_killed_mid_write_loses_at_most_that_answer(progress_dir):
    import signal
    import time

    progress.record("00", "before", "quiz", True)
    ctx = multiprocessing.get_context("spawn")
    worker = ctx.Process(target=_write_forever, args=(str(progress_dir),))
    worker.start()
    deadline = time.monotonic() + 30
    while len(progress.results()) < 50 and time.monotonic() < deadline:
        time.sleep(0.05)
    os.kill(worker.pid, signal.SIGKILL)  # no chance to clean up, as when a kernel dies
    worker.join(10)
    rows = progress.results()  # readable, not corrupt: no warning, nothing moved aside
    items = [r["item"] for r in rows]
    assert items[0] == "before" and len(items) >= 50
    numbers = [int(i.split(".")[1]) for i in items[1:]]
    assert numbers == list(range(len(numbers))), "every answer before the kill is kept"
    assert not [p for p in progress_dir.iterdir() if "corrupt" in p.name]


def test_status_follows_passed_unless_given_and_written_work_is_kept_whole():
    progress.record("07", "07.5", "exercise", False, "x" * 5000, status="submitted")
    progress.record("01", "01.2", "exercise", False, "1948")
    written, wrong = progress.results()
    assert written["status"] == "submitted" and len(written["answer"]) == 5000
    assert wrong["status"] == "failed"
    with pytest.raises(ValueError):
        progress.record("01", "01.2", "exercise", True, status="graded")


def test_install_id_is_stable_per_progress_file(tmp_path, monkeypatch):
    first = progress.install_id()
    assert first == progress.install_id() and len(first) == 32
    monkeypatch.setenv("COMRADES_PROGRESS_DIR", str(tmp_path / "other"))
    assert progress.install_id() != first


def _twenty_answers():
    for i in range(20):
        assert progress.record("01", f"01.{i}", "single", True)


def _nothing_moved_aside(progress_dir):
    assert not [p for p in progress_dir.iterdir() if "corrupt" in p.name]
    assert len(progress.results()) == 20


_OUT_OF_DESCRIPTORS = """
import os, resource, warnings
from comrades import progress
resource.setrlimit(resource.RLIMIT_NOFILE, (64, 64))
held = []
try:
    while True:
        held.append(os.open(os.devnull, os.O_RDONLY))
except OSError:
    pass
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    seen = progress.results()
    saved = progress.record("01", "01.99", "single", True)
for fd in held:
    os.close(fd)
print(len(seen), saved, "|".join(str(w.message) for w in caught))
"""


def test_running_out_of_file_descriptors_moves_nothing(progress_dir):
    """Issue 13.5: EMFILE once moved a healthy 20-answer file aside (0 answers shown)."""
    _twenty_answers()
    env = dict(os.environ, COMRADES_PROGRESS_DIR=str(progress_dir),
               PYTHONPATH=os.pathsep.join(sys.path))
    out = subprocess.run([sys.executable, "-c", _OUT_OF_DESCRIPTORS], env=env,
                         capture_output=True, text=True, timeout=120, check=True).stdout
    seen, saved, said = out.strip().split(" ", 2)
    assert (seen, saved) == ("0", "False") and "left as it is" in said
    _nothing_moved_aside(progress_dir)


@pytest.mark.parametrize("message", ["unable to open database file",
                                     "attempt to write a readonly database",
                                     "disk I/O error"])
def test_a_permission_or_disk_error_moves_nothing(progress_dir, monkeypatch, message):
    """Issue 13.5: a permission error is not corruption. (Simulated: the tests run as
    root here, for whom chmod blocks nothing.)"""
    _twenty_answers()
    real_connect = sqlite3.connect

    def refusing(*args, **kwargs):
        raise sqlite3.OperationalError(message)

    monkeypatch.setattr(sqlite3, "connect", refusing)
    with pytest.warns(UserWarning, match="left as it is"):
        assert progress.results() == []
    with pytest.warns(UserWarning, match="could not be saved"):
        assert progress.record("01", "01.99", "single", True) is False
    monkeypatch.setattr(sqlite3, "connect", real_connect)
    _nothing_moved_aside(progress_dir)


def test_a_file_failing_the_integrity_check_is_moved_aside(progress_dir):
    _twenty_answers()
    path = progress.progress_file()
    data = bytearray(path.read_bytes())
    page = 4096
    data[page:page * 2] = b"\xff" * page  # wreck the results table's first page
    path.write_bytes(bytes(data))
    with pytest.warns(UserWarning, match="damaged"):
        progress.record("01", "01.99", "single", True)
    aside = [p for p in progress_dir.iterdir() if "corrupt" in p.name and
             p.suffix == ".sqlite3"]
    assert len(aside) == 1 and aside[0].read_bytes() == bytes(data)


def test_the_aside_copy_is_never_overwritten(progress_dir, monkeypatch):
    """Issue 13.6: the aside name changed once a second and Path.replace overwrote."""
    progress_dir.mkdir()
    taken = progress_dir / "progress.corrupt-taken.sqlite3"
    taken.write_bytes(b"an earlier damaged file")
    progress.progress_file().write_bytes(b"not a database" * 100)
    fresh_name = progress.aside_name
    monkeypatch.setattr(progress, "aside_name", lambda path: taken)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert progress.record("00", "00.1", "quiz", True) is False
    assert taken.read_bytes() == b"an earlier damaged file"
    assert progress.progress_file().read_bytes() == b"not a database" * 100
    names = {fresh_name(progress.progress_file()) for _ in range(50)}
    assert len(names) == 50


def _start_on_corrupt(folder, name, go):
    os.environ["COMRADES_PROGRESS_DIR"] = folder
    go.wait(60)
    warnings.simplefilter("ignore")
    assert progress.record("00", name, "quiz", True)


@pytest.mark.parametrize("trial", range(3))
def test_four_kernels_starting_on_a_corrupt_file_keep_one_whole_copy(progress_dir, trial):
    """Issue 13.6: under four kernels at once the aside copy was overwritten by an empty
    database. Now one kernel moves it, the others see the fresh file: one copy, whole,
    and all four answers saved."""
    progress_dir.mkdir()
    damaged = b"this is not a database" * 200
    progress.progress_file().write_bytes(damaged)
    ctx = multiprocessing.get_context("spawn")
    go = ctx.Event()
    workers = [ctx.Process(target=_start_on_corrupt, args=(str(progress_dir), n, go))
               for n in "abcd"]
    for p in workers:
        p.start()
    go.set()
    for p in workers:
        p.join(120)
        assert p.exitcode == 0
    aside = [p for p in progress_dir.iterdir() if "corrupt" in p.name]
    assert [p.read_bytes() for p in aside] == [damaged]
    assert sorted(r["item"] for r in progress.results()) == list("abcd")


def test_export_is_whole_or_absent_when_the_disk_fills(progress_dir, tmp_path, monkeypatch):
    """Issue 13.8: a full disk during export left a partial CSV the teacher's reader
    accepted. Now the file is written beside its name and appears only when complete."""
    for i in range(600):
        progress.record("01", f"01.{i % 8 + 1}", "single", i % 2 == 0)
    real_fsync = os.fsync

    def disk_full(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(OSError, match="No space"):
        progress.export_csv(tmp_path / "me.csv", "ana")
    assert list(tmp_path.iterdir()) == [progress_dir] or not list(tmp_path.glob("*me*"))
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".partial")]
    monkeypatch.setattr(os, "fsync", real_fsync)
    assert progress.export_csv(tmp_path / "me.csv", "ana").exists()


def test_export_refuses_a_dangling_symbolic_link_at_once(progress_dir, tmp_path):
    progress.record("00", "00.1", "quiz", True)
    link = tmp_path / "me.csv"
    link.symlink_to(tmp_path / "nowhere" / "target.csv")
    with pytest.raises(FileExistsError, match="already exists"):
        progress.export_csv(link, "ana")
    assert link.is_symlink() and not (tmp_path / "nowhere").exists()


def test_export_neutralises_formulas_and_reads_back_exactly(progress_dir, tmp_path):
    """Issue 13.2: "=HYPERLINK(…)" as a name or answer was written verbatim."""
    import csv

    from comrades import untrusted

    tricky = ["=HYPERLINK(\"http://x\",\"y\")", "+1", "-3", "@SUM(A1)", "\tx", "\rx",
              "'quoted", "''", "plain", ""]
    for answer in tricky:
        progress.record("01", "01.1", "single", False, answer)
    path = progress.export_csv(tmp_path / "me.csv", student="=cmd|' /C calc'!A0")
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))[1:-1]
    for row in rows:
        for cell in row:
            assert not cell.startswith(untrusted.FORMULA_STARTS), cell
    assert [untrusted.csv_value(r[-2]) for r in rows] == tricky
    assert {untrusted.csv_value(r[0]) for r in rows} == {"=cmd|' /C calc'!A0"}


def test_export_works_where_python_has_no_hard_links(tmp_path, monkeypatch):
    """Pyodide (the in-browser edition) has no os.link: the export reserves its name
    exclusively instead, and still never overwrites (found by tests/test_lite.py)."""
    progress.record("00", "00.1", "single", True, "1958")
    monkeypatch.delattr(os, "link")
    target = progress.export_csv(tmp_path / "me.csv", student="Ana")
    assert target.read_text(encoding="utf-8").splitlines()[-1] == \
        progress.FOOTER.format(rows=len(progress.results()))
    with pytest.raises(FileExistsError):
        progress.export_csv(target, student="Ana")


def test_a_healthy_file_is_never_moved_aside(progress_dir):
    """Issue 24.13 (a mutation survivor): between the failed open and the lock, another
    kernel may have moved the damaged file aside and started a healthy one; that one is
    checked again under the lock and stays where it is, without a warning."""
    progress.record("00", "00.1", "quiz", True)
    path = progress.progress_file()
    before = path.read_bytes()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        moved = progress._move_aside(path, sqlite3.DatabaseError("file is not a database"))
    assert moved is None and path.read_bytes() == before
    assert not [p for p in path.parent.iterdir() if "corrupt" in p.name]


# --- what a mutation run of comrades.progress found untested -------------------------------

def test_a_name_is_tidied_and_its_limits_are_said_plainly():
    assert progress.clean_name("  Ana \t  Lima\n") == "Ana Lima"
    longest = "A" * progress.NAME_LIMIT
    assert progress.clean_name(longest) == longest
    for bad, said in (("   ", "Type your name (as your teacher knows you)."),
                      ("Ana\x00", "A name cannot hold control characters."),
                      (longest + "B", f"A name of at most {progress.NAME_LIMIT} characters")):
        with pytest.raises(ValueError) as info:
            progress.clean_name(bad)
        assert str(info.value).startswith(said)


def test_an_export_s_end_line_counts_every_row(tmp_path):
    rows = [[f"r{n}"] for n in range(3)]
    path = progress.write_csv(tmp_path / "three.csv", ["cell"], rows)
    assert path.read_text(encoding="utf-8").splitlines()[-1] == progress.FOOTER.format(rows=3)


# --- issue 24.10: a full disk, a held lock, a killed export, a damaged old file -----------

def test_a_full_disk_is_reported_as_a_full_disk_and_keeps_what_was_saved(
        progress_dir, monkeypatch):
    progress.record("00", "00.1", "quiz", True, "1950")
    real = progress._open

    def no_room(path):
        conn = real(path)
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages}")  # as if the disk were full
        return conn

    monkeypatch.setattr(progress, "_open", no_room)
    with pytest.warns(UserWarning) as said:
        assert progress.record("07", "07.5", "exercise", False, "word " * 4000,
                               status=progress.SUBMITTED) is False
    message = str(said[0].message)
    assert "full" in message and "rollback" not in message
    monkeypatch.setattr(progress, "_open", real)
    assert [r["item"] for r in progress.results()] == ["00.1"]


def test_a_lock_another_program_holds_is_named_and_waited_for_a_bounded_time(
        progress_dir, monkeypatch):
    """The worst case is bounded by the settings (no timing in the test): SQLite's own
    wait on every try, and the pauses between tries."""
    pauses = sum(0.05 * 2 ** n * 2 for n in range(progress.RETRIES))
    assert progress.BUSY_TIMEOUT_S * (progress.RETRIES + 1) + pauses <= 12
    progress.record("00", "00.1", "quiz", True)
    monkeypatch.setattr(progress, "BUSY_TIMEOUT_S", 0.05)
    monkeypatch.setattr(progress.time, "sleep", lambda _s: None)
    holder = sqlite3.connect(progress.progress_file(), isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.warns(UserWarning, match="another program is using your progress file"):
            assert progress.record("00", "00.2", "quiz", True) is False
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert progress.record("00", "00.2", "quiz", True)


def test_an_export_clears_what_a_killed_export_left_behind(progress_dir, tmp_path):
    progress.record("00", "00.1", "quiz", True)
    folder = tmp_path / "out"
    folder.mkdir()
    dead = folder / ".progress-ana-1.csv.999999999-0a1b2c.partial"
    old = folder / ".progress-ana-2.csv.1-0a1b2c.partial"
    live = folder / f".progress-ana-3.csv.{os.getpid()}-0a1b2c.partial"
    other = folder / "notes.partial"
    for path in (dead, old, live, other):
        path.write_text("half a file", encoding="utf-8")
    an_hour_ago = time.time() - 3600
    os.utime(dead, (an_hour_ago, an_hour_ago))
    os.utime(old, (an_hour_ago - 86_400 * 2, an_hour_ago - 86_400 * 2))
    progress.export_csv(folder / "progress-ana-4.csv", student="ana")
    left = sorted(p.name for p in folder.iterdir())
    assert left == sorted([live.name, other.name, "progress-ana-4.csv"])


def test_a_damaged_older_file_is_moved_aside_exactly_as_it_was(progress_dir):
    path = progress.progress_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE results (recorded_at REAL NOT NULL, lesson TEXT NOT NULL, "
                  "item TEXT NOT NULL, kind TEXT NOT NULL, passed INTEGER NOT NULL, "
                  "answer TEXT NOT NULL DEFAULT '', detail TEXT NOT NULL DEFAULT '')")
    conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    conn.executemany("INSERT INTO results VALUES (?, '00', '00.1', 'quiz', 1, ?, '')",
                     [(1.7e9 + n, "x" * 300) for n in range(400)])
    conn.commit()
    conn.close()
    raw = bytearray(path.read_bytes())
    page = int.from_bytes(raw[16:18], "big")
    raw[page * 3: page * 5] = b"\xa5" * (2 * page)  # table pages, not the schema's
    path.write_bytes(bytes(raw))
    with pytest.warns(UserWarning, match="damaged"):
        assert progress.record("00", "00.2", "quiz", True)
    (aside,) = path.parent.glob("*.corrupt-*")
    assert aside.read_bytes() == bytes(raw), "moved aside untouched"


def test_on_windows_no_process_is_probed_with_a_signal(monkeypatch):
    """os.kill(pid, 0) is Ctrl+C on Windows: there a writer is taken to be alive."""
    sent = []
    monkeypatch.setattr(progress.os, "name", "nt")
    monkeypatch.setattr(progress.os, "kill", lambda *a: sent.append(a))
    assert progress._alive(999_999_999) and sent == []
