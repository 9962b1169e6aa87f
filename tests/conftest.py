"""Shared set-up: every test (and every notebook kernel nbval starts) saves progress in
a throw-away folder, never in the tester's own data directory."""

import os
import shutil
import tempfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"


OURS = "COMRADES_TESTS_PROGRESS_DIR"  # the folder a test session chose itself


def pytest_configure(config):
    # Set before any kernel starts, so nbval's kernels inherit it. A folder the tester
    # chose is kept; one an earlier session in this process chose (a mutation run starts
    # many) is replaced, so no session sees another's saved answers.
    chosen = os.environ.get("COMRADES_PROGRESS_DIR")
    if chosen is None or chosen == os.environ.get(OURS):
        fresh = tempfile.mkdtemp(prefix="comrades-progress-")
        os.environ["COMRADES_PROGRESS_DIR"] = os.environ[OURS] = fresh
    # A teacher's own class secret and graded questions on this machine stay out of the
    # tests (each test that needs one names its own).
    private = tempfile.mkdtemp(prefix="comrades-config-")
    os.environ["COMRADES_CLASS_SECRET"] = os.path.join(private, "class-secret")
    os.environ["COMRADES_GRADED_QUESTIONS"] = os.path.join(private, "graded.toml")


@pytest.fixture
def progress_dir(tmp_path, monkeypatch):
    folder = tmp_path / "progress"
    monkeypatch.setenv("COMRADES_PROGRESS_DIR", str(folder))
    return folder


@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    """A private copy of data/ that a test may corrupt; the loader is pointed at it.

    The copy's datapackage.json leaves out the tables' recorded sizes and hashes, so a
    test may edit a table freely; the integrity tests record them again
    (``data.refresh_hashes``)."""
    import json

    from comrades import data

    copy = tmp_path / "data"
    shutil.copytree(DATA, copy)
    package = json.loads((copy / "datapackage.json").read_text(encoding="utf-8"))
    for resource in package["resources"]:
        resource.pop("bytes", None)
        resource.pop("hash", None)
    (copy / "datapackage.json").write_text(json.dumps(package, indent=2), encoding="utf-8")
    monkeypatch.setenv("COMRADES_DATA_DIR", str(copy))
    data.clear_cache()
    yield copy
    data.clear_cache()
