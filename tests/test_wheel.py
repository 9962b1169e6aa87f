"""The course as an installable package: the wheel carries the data and quiz banks, and
an installation outside the checkout finds them from any working directory.

The wheel is built the way `python -m build` does (an sdist first, then the wheel from
the unpacked sdist), offline: the build backend comes from the test environment.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest
from conftest import DATA, REPO

TABLES = sorted(p.name for p in DATA.glob("*.csv"))
BANKS = sorted(p.name for p in (DATA / "quizzes").glob("*.toml"))


def _backend(hook: str, source: Path, out: Path) -> Path:
    code = (f"from setuptools import build_meta as b; "
            f"print(b.{hook}({str(out)!r}))")
    result = subprocess.run([sys.executable, "-c", code], cwd=source, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    return out / result.stdout.strip().splitlines()[-1]


def _checkout_copy(target: Path) -> Path:
    """The files git would commit (tracked or new, not ignored), symbolic links kept."""
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=REPO,
                            capture_output=True, check=True).stdout.decode().split("\0")
    for name in filter(None, listed):
        source, dest = REPO / name, target / name
        if not source.exists() and not source.is_symlink():
            continue  # deleted in the working tree
        dest.parent.mkdir(parents=True, exist_ok=True)
        if source.is_symlink():
            dest.symlink_to(os.readlink(source))
        else:
            dest.write_bytes(source.read_bytes())
    return target


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("wheel")
    source = _checkout_copy(root / "checkout")
    assert (source / "src/comrades/course_data").is_symlink()
    dist = root / "dist"
    dist.mkdir()
    sdist = _backend("build_sdist", source, dist)
    with tarfile.open(sdist) as archive:
        archive.extractall(root / "unpacked", filter="data")
    wheel = _backend("build_wheel", next((root / "unpacked").iterdir()), dist)
    return sdist, wheel, root


def test_the_wheel_contains_every_table_the_datapackage_and_every_bank(built):
    sdist, wheel, _ = built
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        for table in TABLES:
            assert f"comrades/course_data/{table}" in names
            # byte for byte: datapackage.json's recorded hashes must hold in the wheel
            assert archive.read(f"comrades/course_data/{table}") == (DATA / table).read_bytes()
        for bank in BANKS:
            assert f"comrades/course_data/quizzes/{bank}" in names
        # every data file, in every folder (the maps' geometry was once left out: the
        # in-browser edition, which installs this wheel, could draw no map)
        shipped = sorted(p.relative_to(DATA).as_posix() for p in DATA.rglob("*")
                         if p.is_file() and not p.name.startswith("."))
        missing = [f for f in shipped if f"comrades/course_data/{f}" not in names]
        assert not missing, f"data files the wheel leaves out: {missing}"
        for name in shipped:
            assert archive.read(f"comrades/course_data/{name}") == (DATA / name).read_bytes()
        assert "comrades/course_data/datapackage.json" in names
        assert "comrades/course_data/README.md" in names
        assert not any("solutions/" in n or n.startswith("tests/") for n in names)
        metadata = archive.read("comrades-0.1.0.dist-info/METADATA").decode()
    assert "Requires-Dist: pandas<3,>=2.2" in metadata  # ranges, not the lock's pins
    with tarfile.open(sdist) as archive:
        members = {m.name: m for m in archive.getmembers()}
    data_member = members["comrades-0.1.0/src/comrades/course_data/events.csv"]
    assert data_member.isfile(), "the sdist must hold the files, not a link"


def test_installed_wheel_loads_data_and_quizzes_from_any_folder(built, tmp_path):
    _, wheel, _ = built
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps",
                    "--no-index", "--target", str(target), str(wheel)],
                   check=True, capture_output=True, timeout=300)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    script = f"""
import json, sys
sys.path.insert(0, {str(target)!r})
import comrades
from comrades import data, paths
from comrades.quiz import load_bank
from comrades.charts import timeline
print(json.dumps({{
    "package": comrades.__file__,
    "data_dir": str(paths.data_dir()),
    "tables": data.validate_all(),
    "bank_03": [q.id for q in load_bank("03")],
    "chart": sorted(timeline(data.events()).mimebundles()[0]),
    "map_features": len(__import__("comrades.maps").maps.features()),
}}))
"""
    env = {k: v for k, v in os.environ.items()
           if k not in ("COMRADES_DATA_DIR", "PYTHONPATH")}
    # -I: the checkout (or the test's own src/) is never on the path
    result = subprocess.run([sys.executable, "-I", "-c", script], cwd=elsewhere, env=env,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["package"].startswith(str(target))
    assert report["data_dir"] == str(target / "comrades" / "course_data")
    assert report["tables"]["events"] >= 90 and report["tables"]["phases"] == 6
    assert report["bank_03"] and all(i.startswith("03.") for i in report["bank_03"])
    assert report["chart"] == ["application/vnd.vegalite.v5+json", "text/plain"]
    assert report["map_features"] > 10

    # A teacher's own data still wins over the packaged copy.
    env["COMRADES_DATA_DIR"] = str(tmp_path / "teacher")
    override = subprocess.run(
        [sys.executable, "-I", "-c",
         f"import sys; sys.path.insert(0, {str(target)!r}); from comrades import paths; "
         "print(paths.data_dir())"],
        cwd=elsewhere, env=env, capture_output=True, text=True, timeout=120, check=True)
    assert override.stdout.strip() == str(tmp_path / "teacher")


def test_importing_the_package_leaves_rfc3987_syntax_importable():
    """comrades keeps jsonschema from compiling the IRI grammar (slow) without blocking
    the package for anyone else in the kernel."""
    code = ("import sys, comrades, altair; "
            "print('rfc3987_syntax' in sys.modules, sys.modules.get('rfc3987_syntax', 1) is None)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=120, check=True, env={**os.environ,
                                                          "PYTHONPATH": str(REPO / "src")})
    assert result.stdout.split() == ["False", "False"]
    if importlib.util.find_spec("rfc3987_syntax") is None:
        return  # not installed here (it comes with JupyterLab's jupyter_events): no more to show
    later = subprocess.run(
        [sys.executable, "-c", "import comrades, altair, rfc3987_syntax; print('ok')"],
        capture_output=True, text=True, timeout=120,
        env={**os.environ, "PYTHONPATH": str(REPO / "src")})
    assert later.stdout.strip() == "ok", later.stderr
