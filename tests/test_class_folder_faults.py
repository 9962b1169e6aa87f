"""A class folder is data: a device, a pipe, a flood of bad rows or an impossible time
never hangs, exhausts or breaks the class summary (issue 24, items 7 and 8)."""

from __future__ import annotations

import os
import threading
import warnings

import pytest

from comrades import classroom, progress

ID = "0123456789abcdef0123456789abcdef"


def _good(folder, name="ann", when="1772000000.0"):
    row = [name, ID, when, "00", "00.1", "exercise", "1", "passed", "", "test"]
    return progress.write_csv(folder / f"progress-{name}-1.csv", progress.EXPORT_COLUMNS,
                              [row])


def _read(folder):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        frame = classroom.read_exports(folder)
    return frame, [str(w.message) for w in caught]


def test_a_pipe_named_like_an_export_is_left_out_without_waiting(tmp_path):
    _good(tmp_path)
    os.mkfifo(tmp_path / "progress-pipe-1.csv")
    result: dict = {}
    reader = threading.Thread(target=lambda: result.update(zip(("frame", "said"),
                                                               _read(tmp_path), strict=True)))
    reader.start()
    reader.join(timeout=20)
    assert not reader.is_alive(), "reading the folder waited on a pipe"
    assert len(result["frame"]) == 1
    assert any("not a regular file" in w for w in result["said"])


def test_a_link_to_a_device_is_left_out(tmp_path):
    _good(tmp_path)
    (tmp_path / "progress-zero-1.csv").symlink_to("/dev/zero")
    frame, said = _read(tmp_path)
    assert len(frame) == 1 and any("not a regular file" in w for w in said)


def test_a_flood_of_bad_rows_keeps_only_a_bounded_list_of_problems(tmp_path):
    path = tmp_path / "progress-flood-1.csv"
    with path.open("w", encoding="utf-8") as handle:
        handle.write(",".join(progress.EXPORT_COLUMNS) + "\n")
        handle.write("x\n" * 5000)
        handle.write("# end of export: 5000 rows\n")
    _good(tmp_path)
    frame, said = _read(tmp_path)
    assert len(frame) == 1
    problems = frame.attrs["problems"]
    assert len(problems) <= 202
    assert any("more bad rows" in p for p in problems)


@pytest.mark.parametrize("when", ["1e20", "1772000000000", "9999999999", "-5", "inf"])
def test_an_impossible_time_is_a_bad_row_not_a_broken_class(tmp_path, when):
    _good(tmp_path, "ann")
    _good(tmp_path, "bo", when=when)
    frame, said = _read(tmp_path)
    assert list(frame["student"]) == ["ann"]
    assert any("not a time an answer was saved" in w for w in said)
    classroom.who_submitted(frame)  # the views that once raised OverflowError
    classroom.written_work(frame)


def test_names_that_only_look_alike_are_told_apart(tmp_path):
    """Issue 24.11: NFC and NFD "Zoë", a zero-width space, a Cyrillic "А" showed two
    students under one name with no suffix."""
    pairs = [("Zo\u00eb", "Zoe\u0308"), ("Ann", "\u0410nn"), ("Ann", "An\u200bn")]
    for n, (first, second) in enumerate(pairs):
        folder = tmp_path / str(n)
        folder.mkdir()
        for k, name in enumerate((first, second)):
            row = [name, f"{k + 1:032x}", "1772000000.0", "00", "00.1", "exercise", "1",
                   "passed", "", "test"]
            progress.write_csv(folder / f"progress-s{k}-1.csv", progress.EXPORT_COLUMNS, [row])
        frame, _ = _read(folder)
        shown = sorted(frame["student"].unique())
        assert len(shown) == 2 and all("(" in name for name in shown), shown


def test_the_lookalike_key_folds_what_a_reader_cannot_see():
    assert classroom.lookalike("Zo\u00eb") == classroom.lookalike("Zoe\u0308")
    assert classroom.lookalike("\u0410nn") == classroom.lookalike("ann")
    assert classroom.lookalike("An\u200bn") == "ann"
    assert classroom.lookalike("Zoe") != classroom.lookalike("Zo\u00eb")


@pytest.mark.parametrize("resave", ["padded", "semicolons", "both"])
def test_an_export_saved_again_by_a_spreadsheet_is_read(tmp_path, resave):
    """Issue 24.11: rows padded with commas, or ";" between cells, were refused as cut
    off or missing a column."""
    path = _good(tmp_path)
    lines = path.read_text(encoding="utf-8").splitlines()
    if resave in ("semicolons", "both"):
        lines = [line.replace(",", ";") for line in lines]
    if resave in ("padded", "both"):
        sep = ";" if resave == "both" else ","
        lines = [line + sep * 4 for line in lines]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    frame, said = _read(tmp_path)
    assert list(frame["item"]) == ["00.1"], said
    assert not said


def test_an_export_missing_a_row_under_an_intact_end_line_is_incomplete(tmp_path):
    """Issue 24.13 (a mutation survivor): the end line's count is checked, not only that
    the end line is there."""
    rows = [["ann", ID, f"17720000{n:02d}.0", "00", f"00.{n}", "exercise", "1", "passed",
             "", "test"] for n in (1, 2, 3)]
    path = progress.write_csv(tmp_path / "progress-ann-1.csv", progress.EXPORT_COLUMNS, rows)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    assert len(lines) == 5 and "3" in lines[-1]  # header, three rows, the end line
    path.write_text("".join(lines[:2] + lines[3:]), encoding="utf-8")  # one row lost
    _good(tmp_path, "bob")
    frame, said = _read(tmp_path)
    assert set(frame["student"]) == {"bob"}
    assert any("progress-ann-1.csv" in s and "says 3 rows but holds 2" in s for s in said)


# --- what a mutation run of comrades.classroom found untested --------------------------

def test_a_file_too_big_is_named_with_its_size_and_the_limit(tmp_path, monkeypatch):
    _good(tmp_path)
    big = _good(tmp_path, name="a-much-longer-name", when="1772000001.0")
    monkeypatch.setattr(classroom, "MAX_FILE_BYTES", big.stat().st_size - 1)
    frame, said = _read(tmp_path)
    assert set(frame["student"]) == {"ann"}
    (problem,) = frame.attrs["problems"]
    assert problem == (f"{big.name}: is 0 MB, more than an export can be (0 MB); "
                       "left out")
    assert any(big.name in w for w in said)
    monkeypatch.setattr(classroom, "MAX_FILE_BYTES", big.stat().st_size)
    assert len(_read(tmp_path)[0]) == 2, "at the limit: read"


def test_a_file_that_cannot_be_opened_is_named_and_the_rest_read(tmp_path, monkeypatch):
    _good(tmp_path)
    locked = _good(tmp_path, name="locked")
    real = type(locked).stat

    def stat(self, *args, **kwargs):
        if self.name == locked.name:
            raise PermissionError(13, "Permission denied")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(type(locked), "stat", stat)
    frame, said = _read(tmp_path)
    assert set(frame["student"]) == {"ann"}
    assert frame.attrs["problems"] == [f"{locked.name}: cannot be read (Permission denied)"]
    assert any(locked.name in w for w in said)
    with pytest.raises(classroom.ExportError, match="cannot be read"):
        classroom._read_files(sorted(tmp_path.glob("*.csv")), strict=True)


def test_rows_after_the_end_line_leave_the_file_out_and_name_the_line(tmp_path):
    _good(tmp_path)
    joined = _good(tmp_path, name="joined")
    row = ",".join(["joined", ID, "1772000001.0", "00", "00.2", "exercise", "1", "passed",
                    "", "test"])
    joined.write_text(joined.read_text(encoding="utf-8") + row + "\n", encoding="utf-8")
    frame, said = _read(tmp_path)
    assert set(frame["student"]) == {"ann"}
    assert frame.attrs["problems"] == [f"{joined.name}, row 4: rows after the end line; "
                                       "the file was edited or joined"]


def test_a_cell_too_long_is_reported_and_the_next_rows_still_read(tmp_path):
    path = tmp_path / "progress-long-1.csv"
    good = ["ann", ID, "1772000000.0", "00", "00.1", "exercise", "1", "passed", "", "t"]
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write(",".join(progress.EXPORT_COLUMNS) + "\n")
        handle.write('ann,x,1,00,00.1,exercise,1,passed,"' + "a" * (classroom.MAX_CELL * 2)
                     + '",t\n')
        handle.write(",".join(good) + "\n")
        handle.write("# end of export: 2 rows\n")
    frame, said = _read(tmp_path)
    assert len(frame) == 1 and frame["item"].tolist() == ["00.1"]
    (problem,) = frame.attrs["problems"]
    assert problem == (f"{path.name}, row 2, column 'answer': "
                       f"{classroom.MAX_CELL * 2:,} characters, longer than any saved answer")
