"""The course's tables, loaded once, typed, and validated against ``datapackage.json``.

Every table is described in ``data/datapackage.json`` (a Frictionless Data Package).
This module reads that description and checks each CSV against it before handing a
typed ``pandas.DataFrame`` to a notebook. The test suite also runs Frictionless itself
on the package; this loader exists so that a notebook never imports Frictionless (slow)
and so that every problem is reported as *file, row, column* in plain words.

Each table's description also records its size and SHA-256 (the Frictionless ``bytes``
and ``hash`` properties), so a table cut short by a full disk or an interrupted copy is
reported, not silently read in part. After editing a table on purpose, record the new
size and hash (then validate) with::

    python -m comrades.data --refresh-hashes      (or: make data-hashes)

    >>> from comrades import data
    >>> data.events()            # doctest: +SKIP
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import re
import sys
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from comrades.paths import data_dir

# Cells that hold a ";"-separated list of keys of another table. Frictionless cannot
# check these, so the loader does.
LIST_REFERENCES: dict[tuple[str, str], tuple[str, str]] = {
    ("events", "actors"): ("actors", "actor_id"),
    ("events", "source_ids"): ("sources", "source_id"),
    ("actors", "source_ids"): ("sources", "source_id"),
    ("relations", "source_ids"): ("sources", "source_id"),
    ("glossary", "source_ids"): ("sources", "source_id"),
    ("disputes", "source_ids"): ("sources", "source_id"),
}
LIST_SEPARATOR = ";"
# No cell of the course's tables comes near this (the longest is about 400 characters);
# a longer one is a pasted file or a damaged table, refused before it costs memory.
MAX_CELL_CHARS = 10_000
REFRESH_COMMAND = "python -m comrades.data --refresh-hashes"


class DataWarning(UserWarning):
    """Data that loads but whose wholeness cannot be checked."""


class DataError(ValueError):
    """A table that is missing or does not match its schema.

    ``file``, ``row`` (1-based data row; the CSV line is ``row + 1``) and ``column``
    say where; ``row``/``column`` are ``None`` when the problem is the whole file.
    """

    def __init__(self, file: str, message: str, row: int | None = None,
                 column: str | None = None):
        self.file, self.row, self.column, self.reason = file, row, column, message
        where = file
        if row is not None:
            where += f", row {row} (line {row + 1})"
        if column is not None:
            where += f", column '{column}'"
        super().__init__(f"{where}: {message}")


def _clip(text: str, limit: int = 60) -> str:
    """A cell value short enough to quote in a message."""
    return text if len(text) <= limit else f"{text[:limit]}… ({len(text):,} characters)"


@dataclass(frozen=True)
class _Resource:
    name: str
    path: Path
    schema: dict
    bytes: int | None = None
    hash: str | None = None

    @property
    def label(self) -> str:
        return f"data/{self.path.name}"


def _package(folder: Path) -> dict:
    path = folder / "datapackage.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataError("data/datapackage.json", "the file is missing") from None
    except json.JSONDecodeError as err:
        raise DataError("data/datapackage.json",
                        f"not valid JSON (line {err.lineno}: {err.msg})") from None
    except RecursionError:
        raise DataError("data/datapackage.json", "nested too deeply to read") from None
    except UnicodeDecodeError:
        raise DataError("data/datapackage.json", "not UTF-8 text; save it as UTF-8") from None
    except OSError as err:
        raise DataError("data/datapackage.json", f"cannot be read ({err.strerror})") from None


def _resource(folder: Path, name: str) -> _Resource:
    for res in _package(folder).get("resources", []):
        if res.get("name") == name:
            return _Resource(name, folder / res["path"], res["schema"],
                             res.get("bytes"), res.get("hash"))
    raise DataError("data/datapackage.json", f"no table named '{name}' is described")


# --- parsing one column -------------------------------------------------------------

def _parse_integer(text: str) -> int:
    if not re.fullmatch(r"[+-]?\d+", text):
        raise ValueError(f"'{_clip(text)}' is not a whole number")
    return int(text)


def _parse_number(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise ValueError(f"'{_clip(text)}' is not a number") from None


def _parse_date(text: str) -> pd.Timestamp:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise ValueError(f"'{_clip(text)}' is not a date in the form YYYY-MM-DD")
    try:
        return pd.Timestamp(text)
    except ValueError:
        raise ValueError(f"'{text}' is not a real date") from None


_PARSERS: dict[str, Callable[[str], object]] = {
    "integer": _parse_integer, "year": _parse_integer, "number": _parse_number,
    "date": _parse_date, "string": str}
_DTYPES = {"integer": "Int64", "year": "Int64", "number": "float64",
           "date": "datetime64[ns]", "string": "string"}


def _typed_column(res: _Resource, field: dict, cells: pd.Series) -> pd.Series:
    name, ftype = field["name"], field.get("type", "string")
    constraints = field.get("constraints", {})
    parse = _PARSERS.get(ftype)
    if parse is None:
        raise DataError(res.label, f"type '{ftype}' is not supported by the loader",
                        column=name)
    values: list[object] = []
    for row, text in enumerate(cells, start=1):
        if text == "":
            if constraints.get("required"):
                raise DataError(res.label, "a value is required here", row, name)
            values.append(None)
            continue
        try:
            value = parse(text)
        except ValueError as err:
            raise DataError(res.label, str(err), row, name) from None
        _check_constraints(res, name, constraints, text, value, row)
        values.append(value)
    return pd.Series(values, index=cells.index, name=name, dtype=_DTYPES[ftype])


def _check_constraints(res, name, constraints, text, value, row) -> None:
    if "enum" in constraints and text not in [str(v) for v in constraints["enum"]]:
        allowed = ", ".join(str(v) for v in constraints["enum"])
        raise DataError(res.label, f"'{_clip(text)}' is not one of: {allowed}", row, name)
    if "pattern" in constraints and not re.fullmatch(constraints["pattern"], text):
        raise DataError(res.label, f"'{_clip(text)}' does not match the pattern "
                        f"{constraints['pattern']}", row, name)
    if "minimum" in constraints and value < _bound(constraints["minimum"]):
        raise DataError(res.label, f"{_clip(text)} is below the minimum "
                        f"{constraints['minimum']}", row, name)
    if "maximum" in constraints and value > _bound(constraints["maximum"]):
        raise DataError(res.label, f"{_clip(text)} is above the maximum "
                        f"{constraints['maximum']}", row, name)
    if "maxLength" in constraints and len(text) > constraints["maxLength"]:
        raise DataError(res.label, f"is {len(text)} characters long, more than "
                        f"{constraints['maxLength']}", row, name)


def check_cell(name: str, column: str, text: str) -> tuple[Any, str]:
    """One cell for ``column`` of table ``name``, read and checked by that table's own
    schema, as the loader checks every cell: ``(value, "")``, or ``(None, why not)``.
    Used for what students add (``comrades.lab``), so their rows meet the course's rules."""
    res = _resource(data_dir(), name)
    field = next((f for f in res.schema["fields"] if f["name"] == column), None)
    if field is None:
        raise KeyError(f"table {name!r} has no column {column!r}")
    constraints = field.get("constraints", {})
    text = text.strip()
    if not text:
        return None, ("a value is required here" if constraints.get("required") else "")
    try:
        value = _PARSERS[field.get("type", "string")](text)
        _check_constraints(res, column, constraints, text, value, None)
    except ValueError as err:
        return None, getattr(err, "reason", str(err))
    return value, ""


def _bound(limit):
    return pd.Timestamp(limit) if isinstance(limit, str) else limit


# --- reading and checking a whole table ---------------------------------------------

def _read_bytes(res: _Resource) -> bytes:
    if not res.path.exists():
        raise DataError(res.label, "the file is missing")
    if res.path.is_dir():
        raise DataError(res.label, "is a folder, not a CSV file")
    try:
        return res.path.read_bytes()
    except OSError as err:
        raise DataError(res.label, f"cannot be read ({err.strerror or err})") from None


def file_digest(raw: bytes) -> str:
    """The ``hash`` property of a file's bytes, as Frictionless writes it (``sha256:…``)."""
    return "sha256:" + hashlib.sha256(raw).hexdigest()


def _check_integrity(res: _Resource, raw: bytes) -> None:
    """The file has the size and hash ``datapackage.json`` records. When it records
    neither (a teacher's own tables, often), a file that ends in the middle of a line is
    refused as cut short, and any other is read with a warning that a cut could not be
    seen: a table is never read in part without a word."""
    fix = (f"If the file was cut short (a full disk, an interrupted copy), restore it, "
           f"e.g. with `git checkout {res.label}`; if you changed it on purpose, run "
           f"`{REFRESH_COMMAND}`.")
    if res.bytes is None and not res.hash:
        if not raw.endswith((b"\n", b"\r")):
            raise DataError(res.label, "the file ends in the middle of a line, as a file cut "
                            f"short does; datapackage.json records no size or hash to tell. "
                            f"{fix}")
        warnings.warn(f"{res.label}: datapackage.json records no size or hash for this table, "
                      "so a file cut short at the end of a line cannot be told from a whole "
                      f"one; run `{REFRESH_COMMAND}` to record them.", DataWarning,
                      stacklevel=4)
    if res.bytes is not None and len(raw) != res.bytes:
        raise DataError(res.label, f"the file has {len(raw):,} bytes, but datapackage.json "
                        f"records {res.bytes:,}. {fix}")
    if res.hash:
        algorithm, _, expected = res.hash.rpartition(":")
        algorithm = algorithm or "md5"  # the Frictionless default when no prefix is given
        if algorithm not in ("md5", "sha256"):
            raise DataError("data/datapackage.json", f"the hash of {res.label} uses "
                            f"'{algorithm}'; only sha256 and md5 are supported")
        if hashlib.new(algorithm, raw).hexdigest() != expected.lower():
            raise DataError(res.label, "the file's content differs from the hash that "
                            f"datapackage.json records. {fix}")


def _read_cells(res: _Resource) -> pd.DataFrame:
    raw = _read_bytes(res)
    if not raw.strip():
        raise DataError(res.label, "the file is empty: it needs a header line and data rows")
    _check_integrity(res, raw)
    try:
        cells = pd.read_csv(io.BytesIO(raw), dtype=str, keep_default_na=False,
                            encoding="utf-8")
    except UnicodeDecodeError as err:
        raise DataError(res.label, f"not UTF-8 text ({err.reason})") from None
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as err:
        raise DataError(res.label, f"not a readable CSV table ({err})") from None
    if cells.empty:
        raise DataError(res.label, "the table has a header but no data rows")
    _check_cell_sizes(res, cells)
    return cells


def _check_cell_sizes(res: _Resource, cells: pd.DataFrame) -> None:
    lengths = cells.apply(lambda column: column.str.len())
    too_long = lengths > MAX_CELL_CHARS
    if too_long.to_numpy().any():
        index, column = too_long.stack().loc[lambda hit: hit].index[0]
        raise DataError(res.label, f"the cell is {lengths.loc[index, column]:,} characters "
                        f"long; a cell of the course's tables holds at most "
                        f"{MAX_CELL_CHARS:,}", table_row(index), str(column))


def _check_header(res: _Resource, cells: pd.DataFrame) -> None:
    expected = [f["name"] for f in res.schema["fields"]]
    missing = [c for c in expected if c not in cells.columns]
    if missing:
        raise DataError(res.label, "the header lacks this column", column=missing[0])
    extra = [c for c in cells.columns if c not in expected]
    if extra:
        raise DataError(res.label, "the header has a column the schema does not describe",
                        column=extra[0])


def _check_unique(res: _Resource, table: pd.DataFrame) -> None:
    keys = res.schema.get("primaryKey") or []
    keys = [keys] if isinstance(keys, str) else list(keys)
    groups = [keys] if keys else []
    groups += [[f["name"]] for f in res.schema["fields"]
               if f.get("constraints", {}).get("unique")]
    for cols in groups:
        dup = table.duplicated(subset=cols, keep="first")
        if dup.any():
            row = int(dup.to_numpy().argmax()) + 1
            value = ", ".join(str(table.iloc[row - 1][c]) for c in cols)
            raise DataError(res.label, f"'{value}' appears twice (it must be unique)",
                            row, cols[-1])


def _check_foreign_keys(res: _Resource, table: pd.DataFrame) -> None:
    for fk in res.schema.get("foreignKeys", []):
        fields = fk["fields"]
        column = fields if isinstance(fields, str) else fields[0]
        target = fk["reference"]["resource"] or res.name
        target_field = fk["reference"]["fields"]
        target_field = target_field if isinstance(target_field, str) else target_field[0]
        known = set((table if target == res.name else load(target))[target_field].dropna())
        _report_unknown(res, table[column], known, column, target)


def _check_list_references(res: _Resource, table: pd.DataFrame) -> None:
    for (name, column), (target, target_field) in LIST_REFERENCES.items():
        if name != res.name or column not in table:
            continue
        known = set(load(target)[target_field])
        items = table[column].fillna("").map(
            lambda cell: [p for p in str(cell).split(LIST_SEPARATOR) if p])
        _report_unknown(res, items.explode().dropna(), known, column, target)


def _report_unknown(res, values: pd.Series, known: set, column: str, target: str) -> None:
    for index, value in values.dropna().items():
        if value not in known:
            row = table_row(index)
            raise DataError(res.label, f"'{value}' is not a known key of {target}.csv",
                            row, column)


def table_row(index) -> int:
    """The 1-based data row of a DataFrame index label produced by the loader."""
    return int(index) + 1


def _load_uncached(folder: Path, name: str) -> tuple[pd.DataFrame, _Resource]:
    res = _resource(folder, name)
    cells = _read_cells(res)
    _check_header(res, cells)
    table = pd.DataFrame({f["name"]: _typed_column(res, f, cells[f["name"]])
                          for f in res.schema["fields"]})
    _check_unique(res, table)
    return table, res


_cache: dict[tuple, pd.DataFrame] = {}


def load(name: str) -> pd.DataFrame:
    """Table ``name`` (e.g. ``"events"``), typed and validated; cached until it changes.

    Returns a copy, so a notebook that edits its table cannot corrupt the next lesson's.
    """
    folder = data_dir()
    res = _resource(folder, name)
    try:
        info = res.path.stat()
        stamp = (info.st_mtime_ns, info.st_size)
    except OSError:
        stamp = None
    key = (str(folder), name, stamp, res.bytes, res.hash)
    if key not in _cache:
        table, res = _load_uncached(folder, name)
        _cache[key] = table  # cache before cross-checks: a table may refer to itself
        try:
            _check_foreign_keys(res, table)
            _check_list_references(res, table)
        except DataError:
            del _cache[key]
            raise
    return _cache[key].copy()


def clear_cache() -> None:
    _cache.clear()


def table_names() -> list[str]:
    return [r["name"] for r in _package(data_dir()).get("resources", [])]


def validate_all() -> dict[str, int]:
    """Load every table; return its row count. Raises ``DataError`` on the first fault."""
    return {name: len(load(name)) for name in table_names()}


def split_list(cell) -> list[str]:
    """The items of a ``;``-separated cell (``actors``, ``source_ids``, ``paras``)."""
    if cell is None or cell is pd.NA or (isinstance(cell, float) and pd.isna(cell)):
        return []
    return [p for p in str(cell).split(LIST_SEPARATOR) if p]


def events_between(start: str, end: str) -> pd.DataFrame:
    """Events that begin between two ISO dates (inclusive), oldest first."""
    table = events()
    chosen = table[table["start_date"].between(pd.Timestamp(start), pd.Timestamp(end))]
    return chosen.sort_values("start_date").reset_index(drop=True)


# One short function per table, so notebooks read naturally: ``data.events()``.
def events() -> pd.DataFrame:
    return load("events")


def phases() -> pd.DataFrame:
    return load("phases")


def actors() -> pd.DataFrame:
    return load("actors")


def relations() -> pd.DataFrame:
    return load("relations")


def glossary() -> pd.DataFrame:
    return load("glossary")


def sources() -> pd.DataFrame:
    return load("sources")


def disputes() -> pd.DataFrame:
    return load("disputes")


# --- keeping datapackage.json's sizes and hashes current ----------------------------

def refresh_hashes(folder: Path | None = None) -> list[str]:
    """Record each table's current ``bytes`` and ``hash`` in ``datapackage.json``.

    Returns the names of the tables whose record changed. Only these two properties are
    written; the rest of the file keeps its content and order.
    """
    folder = Path(folder) if folder else data_dir()
    package = _package(folder)
    changed = []
    for number, res in enumerate(package.get("resources", [])):
        res_obj = _Resource(res.get("name", "?"), folder / res.get("path", "?"), {})
        raw = _read_bytes(res_obj)
        record = {"bytes": len(raw), "hash": file_digest(raw)}
        if any(res.get(k) != v for k, v in record.items()):
            changed.append(res_obj.name)
        package["resources"][number] = _with_record(res, record)
    text = json.dumps(package, indent=2, ensure_ascii=False) + "\n"
    target = folder / "datapackage.json"
    temporary = target.with_name(target.name + ".tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(target)
    clear_cache()
    return changed


def _with_record(res: dict, record: dict) -> dict:
    """``res`` with ``bytes`` and ``hash`` set, placed before the schema when new."""
    if all(k in res for k in record):
        return {**res, **record}
    out = {}
    for key, value in res.items():
        if key == "schema":
            out.update(record)
        if key not in record:
            out[key] = value
    out.update({k: v for k, v in record.items() if k not in out})
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m comrades.data",
        description="Validate the course's tables, or record their sizes and hashes.",
    )
    parser.add_argument("--refresh-hashes", action="store_true",
                        help="record each table's bytes and sha256 in datapackage.json "
                             "(after editing a table on purpose), then validate")
    parser.add_argument("--data-dir", type=Path,
                        help="the folder with datapackage.json (default: the course's data, "
                             "or $COMRADES_DATA_DIR)")
    args = parser.parse_args(argv)
    if args.data_dir:  # this process only: the loader reads the folder from there
        os.environ["COMRADES_DATA_DIR"] = str(args.data_dir)
    folder = data_dir()
    try:
        if args.refresh_hashes:
            changed = refresh_hashes(folder)
            print(f"{folder / 'datapackage.json'}: recorded sizes and hashes"
                  + (f" (changed: {', '.join(changed)})" if changed else " (none changed)"))
        for name, rows in validate_all().items():
            print(f"{name}: {rows} rows, valid")
    except DataError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
