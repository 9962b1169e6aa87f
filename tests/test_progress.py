"""The progress room: saved locally, atomic, and never a crash."""

import multiprocessing
import os
import stat
import warnings

import pytest

from comrades import progress


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


def test_two_kernels_writing_at_once_lose_nothing(progress_dir):
    ctx = multiprocessing.get_context("spawn")
    workers = [ctx.Process(target=_write_many, args=(str(progress_dir), name, 100))
               for name in ("a", "b")]
    for p in workers:
        p.start()
    for p in workers:
        p.join(60)
        assert p.exitcode == 0
    items = {r["item"] for r in progress.results()}
    assert len(items) == 200


def test_export_writes_a_csv_and_never_overwrites(progress_dir, tmp_path):
    progress.record("00", "00.1", "quiz", True, "1950")
    target = progress.export_csv(tmp_path / "me.csv", student="ana")
    text = target.read_text()
    assert text.splitlines()[0].startswith("student,recorded_at,lesson,item")
    assert "ana" in text and "00.1" in text
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
