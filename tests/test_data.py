"""The data room: every table loads, typed and valid; every fault names file, row, column.

Frictionless, the standard validator, checks the same package; the loader must agree
with it on the real data and on each corrupted copy.
"""

import csv
import json

import pandas as pd
import pytest
from conftest import DATA, REPO

from comrades import data
from comrades.data import DataError

TABLES = ["sources", "phases", "actors", "events", "relations", "glossary", "disputes"]


def _rows(path):
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.reader(handle))


def _write(path, rows):
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)


def _corrupt(path, row: int, column: str, value: str):
    """Set data row ``row`` (1-based), column ``column`` of a CSV to ``value``."""
    rows = _rows(path)
    rows[row][rows[0].index(column)] = value
    _write(path, rows)


def _frictionless_errors(folder):
    from frictionless import Package, system

    with system.use_context(trusted=True):
        report = Package(str(folder / "datapackage.json")).validate()
    return report


# --- the real data ---------------------------------------------------------------------

def test_every_table_loads():
    counts = data.validate_all()
    assert set(TABLES) <= set(counts)
    assert counts["events"] >= 90
    assert counts["phases"] == 6


def test_frictionless_validates_the_package():
    report = _frictionless_errors(DATA)
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_types():
    events = data.events()
    assert pd.api.types.is_datetime64_any_dtype(events["start_date"])
    assert events["bearing"].dtype == "Int64"
    assert data.phases()["start_year"].dtype == "Int64"


def test_load_is_cached_and_returns_a_private_copy():
    first = data.events()
    first.loc[0, "title"] = "changed by a student"
    assert data.events().loc[0, "title"] != "changed by a student"


def test_events_lie_within_their_phase():
    events, phases = data.events(), data.phases().set_index("phase")
    for e in events.itertuples():
        start, end = phases.loc[e.phase, "start_year"], phases.loc[e.phase, "end_year"]
        assert start <= e.start_date.year <= end, f"{e.event_id} lies outside phase {e.phase}"
        assert e.end_date >= e.start_date, f"{e.event_id} ends before it starts"


def test_every_phase_has_events_and_both_scopes():
    events = data.events()
    for phase in data.phases()["phase"]:
        assert (events["phase"] == phase).sum() >= 8, f"phase {phase} has too few events"
    assert set(events["scope"]) == {"bilateral", "regional"}


def test_every_reference_resolves():
    sources = set(data.sources()["source_id"])
    actors = set(data.actors()["actor_id"])
    for table in ("events", "relations", "actors", "glossary", "disputes"):
        for cell in data.load(table)["source_ids"].dropna():
            assert set(data.split_list(cell)) <= sources, (table, cell)
    for cell in data.events()["actors"]:
        assert set(data.split_list(cell)) <= actors, cell
    assert "vu2023" in sources


def test_each_change_of_a_dyad_score_has_a_reason_and_a_source():
    relations = data.relations().sort_values(["dyad", "year"])
    for dyad, rows in relations.groupby("dyad"):
        changed = rows["score"].diff().fillna(1) != 0
        for r in rows[changed].itertuples():
            assert r.rationale and not pd.isna(r.rationale), f"{dyad} {r.year}: no rationale"
            assert r.source_ids and not pd.isna(r.source_ids), f"{dyad} {r.year}: no source"


def test_the_pilot_dispute_keeps_its_competing_figures():
    disputes = data.disputes()
    pilots = disputes[disputes["topic"].str.contains("pilot", case=False)]
    figures = set(pilots["figure"].dropna())
    assert {200, 100, 90} <= figures


# --- corrupted copies: the loader names file, row and column; Frictionless agrees -------

def _expect_error(table, row, column, *, reason=None):
    data.clear_cache()
    with pytest.raises(DataError) as info:
        data.load(table)
    err = info.value
    assert err.file == f"data/{table}.csv"
    assert (err.row, err.column) == (row, column), str(err)
    if reason:
        assert reason in err.reason, str(err)
    assert f"data/{table}.csv, row {row}" in str(err) and column in str(err)
    return err


@pytest.mark.parametrize("table", TABLES)
def test_missing_column(data_copy, table):
    path = data_copy / f"{table}.csv"
    rows = _rows(path)
    column = rows[0][1]
    _write(path, [r[:1] + r[2:] for r in rows])
    data.clear_cache()
    with pytest.raises(DataError) as info:
        data.load(table)
    assert info.value.column == column and f"data/{table}.csv" in str(info.value)
    assert not _frictionless_errors(data_copy).valid


def test_missing_file(data_copy):
    (data_copy / "events.csv").unlink()
    with pytest.raises(DataError, match=r"data/events\.csv: the file is missing"):
        data.load("events")


def test_impossible_date(data_copy):
    _corrupt(data_copy / "events.csv", 5, "start_date", "1979-02-30")
    _expect_error("events", 5, "start_date", reason="not a real date")
    assert not _frictionless_errors(data_copy).valid


def test_unknown_phase(data_copy):
    _corrupt(data_copy / "events.csv", 7, "phase", "09")
    _expect_error("events", 7, "phase")
    assert not _frictionless_errors(data_copy).valid


def test_unknown_source_in_a_list(data_copy):
    _corrupt(data_copy / "events.csv", 3, "source_ids", "vu2023;no_such_source")
    _expect_error("events", 3, "source_ids", reason="no_such_source")


def test_unknown_actor(data_copy):
    _corrupt(data_copy / "events.csv", 4, "actors", "VNM;ATLANTIS")
    _expect_error("events", 4, "actors", reason="ATLANTIS")


@pytest.mark.parametrize(("table", "key"), [("events", "event_id"), ("sources", "source_id"),
                                            ("actors", "actor_id"), ("phases", "phase"),
                                            ("glossary", "term")])
def test_duplicate_id(data_copy, table, key):
    path = data_copy / f"{table}.csv"
    rows = _rows(path)
    first = rows[1][rows[0].index(key)]
    _corrupt(path, 3, key, first)
    _expect_error(table, 3, key, reason="twice")
    assert not _frictionless_errors(data_copy).valid


@pytest.mark.parametrize(("table", "column", "value"), [
    ("events", "bearing", "strong"), ("phases", "start_year", "nineteen"),
    ("relations", "score", "2.5"), ("relations", "year", "1960s"),
])
def test_wrong_type(data_copy, table, column, value):
    _corrupt(data_copy / f"{table}.csv", 2, column, value)
    _expect_error(table, 2, column)
    assert not _frictionless_errors(data_copy).valid


def test_value_outside_its_enumeration(data_copy):
    _corrupt(data_copy / "events.csv", 6, "category", "gossip")
    _expect_error("events", 6, "category", reason="not one of")
    assert not _frictionless_errors(data_copy).valid


def test_broken_datapackage(data_copy):
    (data_copy / "datapackage.json").write_text("{ not json", encoding="utf-8")
    with pytest.raises(DataError, match="datapackage.json: not valid JSON"):
        data.load("events")


def test_required_value_missing(data_copy):
    schema = json.loads((data_copy / "datapackage.json").read_text())
    events = next(r for r in schema["resources"] if r["name"] == "events")
    assert any(f["name"] == "title" and f["constraints"].get("required")
               for f in events["schema"]["fields"])
    _corrupt(data_copy / "events.csv", 8, "title", "")
    _expect_error("events", 8, "title", reason="required")


# --- integrity: each table's recorded size and hash (issue 13, finding 8) ------------------

def test_recorded_sizes_and_hashes_are_current():
    """Fails after a table is edited; the message says the one command that fixes it."""
    package = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
    stale = []
    for res in package["resources"]:
        raw = (DATA / res["path"]).read_bytes()
        if res.get("bytes") != len(raw) or res.get("hash") != data.file_digest(raw):
            stale.append(res["path"])
    assert not stale, (
        f"datapackage.json does not record the current size and hash of {', '.join(stale)}; "
        f"run `{data.REFRESH_COMMAND}` (or `make data-hashes`) and commit the result")
    assert "python -m comrades.data --refresh-hashes" == data.REFRESH_COMMAND


def test_csv_files_are_kept_byte_for_byte_by_git():
    """A checkout that turned LF into CRLF (Windows, autocrlf) would change every hash."""
    attributes = (REPO / ".gitattributes").read_text(encoding="utf-8")
    assert "data/*.csv -text" in attributes.splitlines()


def _record(folder):
    changed = data.refresh_hashes(folder)
    assert changed, "the copy should have lost its records"
    return json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))


def test_refresh_changes_only_bytes_and_hash(data_copy):
    package = _record(data_copy)
    real = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
    assert package == real
    text = (data_copy / "datapackage.json").read_text(encoding="utf-8")
    assert text == (DATA / "datapackage.json").read_text(encoding="utf-8")
    assert data.refresh_hashes(data_copy) == []  # idempotent


def test_a_truncated_table_is_reported_naming_the_file(data_copy):
    _record(data_copy)
    path = data_copy / "disputes.csv"
    raw = path.read_bytes()
    lines = raw.splitlines(keepends=True)
    path.write_bytes(b"".join(lines[:12]))  # header + 11 of 17 rows, as a full disk left it
    data.clear_cache()
    with pytest.raises(DataError) as info:
        data.disputes()
    err = info.value
    assert err.file == "data/disputes.csv" and err.row is None
    assert f"has {len(b''.join(lines[:12])):,} bytes" in str(err)
    assert f"records {len(raw):,}" in str(err)
    assert data.REFRESH_COMMAND in str(err) and "git checkout data/disputes.csv" in str(err)
    report = _frictionless_errors(data_copy)
    types = {e.type for task in report.tasks for e in task.errors}
    assert {"byte-count", "hash-count"} <= types, types


def test_a_table_cut_mid_line_is_reported(data_copy):
    _record(data_copy)
    path = data_copy / "disputes.csv"
    raw = path.read_bytes()
    path.write_bytes(raw[: len(raw) * 2 // 3])
    data.clear_cache()
    with pytest.raises(DataError, match=r"^data/disputes\.csv: the file has"):
        data.disputes()


def test_same_size_edit_is_caught_by_the_hash(data_copy):
    _record(data_copy)
    path = data_copy / "events.csv"
    raw = path.read_bytes()
    path.write_bytes(raw.replace(b"1979", b"1978", 1))
    data.clear_cache()
    with pytest.raises(DataError, match=r"^data/events\.csv: the file's content differs") as info:
        data.events()
    assert data.REFRESH_COMMAND in str(info.value)
    types = {e.type for task in _frictionless_errors(data_copy).tasks for e in task.errors}
    assert "hash-count" in types
    data.refresh_hashes(data_copy)  # the edit was on purpose: record it, and it loads
    assert len(data.events()) == len(pd.read_csv(path))


def test_refresh_command_line(data_copy):
    import subprocess
    import sys

    path = data_copy / "glossary.csv"
    _record(data_copy)
    path.write_text(path.read_text(encoding="utf-8")[:-200], encoding="utf-8")
    check = subprocess.run([sys.executable, "-m", "comrades.data", "--data-dir", str(data_copy)],
                           capture_output=True, text=True, timeout=120)
    assert check.returncode == 1
    assert check.stderr.startswith("error: data/glossary.csv: the file has")
    fix = subprocess.run([sys.executable, "-m", "comrades.data", "--refresh-hashes",
                          "--data-dir", str(data_copy)],
                         capture_output=True, text=True, timeout=120)
    assert "changed: glossary" in fix.stdout
    # The cut-off last row now fails on its own terms, or the table is valid: never silent.
    assert fix.returncode == 0 or "data/glossary.csv" in fix.stderr


# --- data-table robustness (issue 13, findings 11 and 12) ----------------------------------

def test_a_huge_cell_is_refused_naming_file_row_and_column(data_copy):
    _corrupt(data_copy / "glossary.csv", 2, "definition", "x" * 200_000)
    data.clear_cache()
    err = _expect_error("glossary", 2, "definition", reason="200,000 characters")
    assert len(str(err)) < 300, "the message must not repeat the cell"


def test_a_long_invalid_value_is_quoted_briefly(data_copy):
    _corrupt(data_copy / "events.csv", 3, "category", "y" * 5_000)
    err = _expect_error("events", 3, "category", reason="not one of")
    assert "(5,000 characters)" in str(err) and len(str(err)) < 500


@pytest.mark.parametrize("content", ["", "\n", None])
def test_an_empty_events_table_is_blamed_not_the_tables_that_refer_to_it(data_copy, content):
    path = data_copy / "events.csv"
    header = path.read_text(encoding="utf-8").splitlines()[0] + "\n"
    path.write_text(header if content is None else content, encoding="utf-8")
    for table in ("events", "disputes"):
        data.clear_cache()
        with pytest.raises(DataError) as info:
            data.load(table)
        assert info.value.file == "data/events.csv", str(info.value)
    assert "no data rows" in str(info.value) or "empty" in str(info.value)


def test_events_as_a_folder_is_a_named_error(data_copy):
    (data_copy / "events.csv").unlink()
    (data_copy / "events.csv").mkdir()
    with pytest.raises(DataError, match=r"^data/events\.csv: is a folder, not a CSV file$"):
        data.events()
    with pytest.raises(DataError, match=r"^data/events\.csv"):
        data.disputes()


def test_a_table_without_size_or_hash_is_never_read_in_part_silently(data_copy):
    """Issue 24.12: the data_copy fixture records no size or hash, as a teacher's own
    tables often do. A cut in the middle of a line is refused; a cut at a line's end, which
    nothing can tell from a whole file, is read with a warning that says how to check."""
    from comrades import data

    path = data_copy / "events.csv"
    whole = path.read_bytes()
    lines = whole.splitlines(keepends=True)
    path.write_bytes(b"".join(lines[:12])[:-15])  # cut inside the twelfth line
    data.clear_cache()
    with pytest.raises(data.DataError, match="ends in the middle of a line"):
        data.events()
    path.write_bytes(b"".join(lines[:12]))  # cut at a line's end: 11 rows
    data.clear_cache()
    with pytest.warns(data.DataWarning, match="records no size or hash"):
        assert len(data.events()) == 11


@pytest.mark.parametrize("content, said", [
    ('{"resources": ' + "[" * 100_000 + "]" * 100_000 + "}", "nested too deeply"),
    (b"\xff\xfe{\x00}\x00", "not UTF-8 text"),
])
def test_a_datapackage_too_deep_or_not_text_is_named_not_raised(data_copy, content, said):
    """Issue 24.9: a RecursionError or a decoding error becomes the loader's DataError,
    in the loader and in ``python -m comrades.data``."""
    import subprocess
    import sys

    path = data_copy / "datapackage.json"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(DataError, match=said):
        data.events()
    run = subprocess.run([sys.executable, "-m", "comrades.data", "--data-dir", str(data_copy)],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode != 0 and said in run.stdout + run.stderr
    assert "Traceback" not in run.stderr
