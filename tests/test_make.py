"""The two commands of the README, as make would run them (dry run: nothing installed)."""

import os
import subprocess

from conftest import REPO


def _dry_run(target, *variables):
    # ENV_PREFIX= : the default set-up (.venv), even when the tests run in a conda env.
    result = subprocess.run(["make", "-n", target, "ENV_PREFIX=", *variables], cwd=REPO,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_make_lab_serves_the_course_folder_and_opens_lesson_00():
    command = _dry_run("lab")
    assert "jupyter lab" in command and "--ip=127.0.0.1" in command
    assert f'--ServerApp.root_dir="{REPO}"' in command, "links to exercises/ need the root"
    assert "--LabApp.default_url=/lab/tree/notebooks/00_introduction.ipynb" in command
    assert (REPO / "notebooks" / "00_introduction.ipynb").exists()
    assert ("--allow-root" in command) == (os.geteuid() == 0)


def test_make_test_runs_pytest_in_the_course_venv():
    assert ".venv/bin/python -m pytest" in _dry_run("test")


def test_make_uses_an_active_course_conda_env_or_binder():
    conda = _dry_run("test", "ENV_PREFIX=/opt/envs/comrades")
    assert "python3 -m venv" not in conda
    assert "/opt/envs/comrades/bin/python -m pip install --quiet --no-deps -e '.[test]'" in conda
    assert "/opt/envs/comrades/bin/python -m pytest" in conda
    detected = subprocess.run(
        ["make", "-n", "test"], cwd=REPO, capture_output=True, text=True,
        env={**os.environ, "CONDA_DEFAULT_ENV": "comrades", "CONDA_PREFIX": "/opt/c"},
    ).stdout
    assert "/opt/c/bin/python -m pytest" in detected
    base = subprocess.run(  # conda's base env is not the course's: .venv as usual
        ["make", "-n", "test"], cwd=REPO, capture_output=True, text=True,
        env={**os.environ, "CONDA_DEFAULT_ENV": "base", "CONDA_PREFIX": "/opt/c",
             "NB_PYTHON_PREFIX": ""},
    ).stdout
    assert ".venv/bin/python -m pytest" in base


def test_make_data_hashes_runs_the_refresh_command():
    assert "-m comrades.data --refresh-hashes" in _dry_run("data-hashes")


def test_ci_runs_make_test_as_the_readme_says():
    ci = (REPO / ".ci" / "run").read_text()
    readme = (REPO / "README.md").read_text()
    assert "make test" in readme and "make lab" in readme
    assert "\nmake test\n" in ci and "set -euo pipefail" in ci
