"""The two installers agree: pyproject.toml (pip, make) and environment.yml (conda, Binder)."""

import re
import tomllib

from conftest import REPO

PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text())
ENV_TEXT = (REPO / "environment.yml").read_text()


def _pins(specs):
    pins = {}
    for spec in specs:
        name, _, version = spec.partition("==")
        pins[name.strip().lower()] = version.strip()
    return pins


def _conda_pins():
    pins = {}
    for line in ENV_TEXT.splitlines():
        match = re.fullmatch(r"\s*-\s*([A-Za-z0-9_.-]+)\s*(?:=\s*([^\s#]+))?\s*(#.*)?", line)
        if match and match.group(1) not in ("conda-forge",):
            pins[match.group(1).lower()] = match.group(2)
    return pins


RUNTIME = _pins(PYPROJECT["project"]["dependencies"])
TEST = _pins(PYPROJECT["project"]["optional-dependencies"]["test"])
CONDA = _conda_pins()


def test_every_dependency_is_pinned_exactly():
    for spec in PYPROJECT["project"]["dependencies"] + \
            PYPROJECT["project"]["optional-dependencies"]["test"]:
        assert re.fullmatch(r"[A-Za-z0-9_.-]+==[0-9][0-9A-Za-z.]*", spec), spec


def test_conda_has_every_runtime_dependency_at_the_same_version():
    for name, version in RUNTIME.items():
        assert CONDA.get(name) == version, f"environment.yml: {name} should be ={version}"


def test_conda_pins_agree_with_pyproject():
    for name, version in CONDA.items():
        if name in ("python", "pip"):
            continue
        assert version is not None, f"environment.yml: {name} is not pinned"
        assert RUNTIME.get(name, TEST.get(name)) == version, \
            f"environment.yml pins {name}={version}; pyproject.toml does not agree"


def test_the_course_tools_are_all_there():
    for name in ("jupyterlab", "ipywidgets", "pandas", "altair"):
        assert name in RUNTIME
    for name in ("pytest", "nbval"):
        assert name in TEST and name in CONDA


def test_conda_file_is_binder_ready():
    assert re.search(r"^channels:\n  - conda-forge\n(?!  -)", ENV_TEXT, re.M), \
        "conda-forge must be the only channel"
    assert "defaults" not in ENV_TEXT
    assert re.search(r"^  - python=3\.12$", ENV_TEXT, re.M), "pin python=3.12 exactly"
    assert "-e ." not in ENV_TEXT and "-e" not in re.findall(r"- (-e)\b", ENV_TEXT)


def test_postbuild_installs_the_package_without_dependencies():
    postbuild = REPO / "postBuild"
    text = postbuild.read_text()
    assert "set -euo pipefail" in text
    assert "python -m pip install --no-deps -e ." in text
    assert postbuild.stat().st_mode & 0o111, "postBuild must be executable"
