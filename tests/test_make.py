"""The two commands of the README, as make would run them (dry run: nothing installed)."""

import os
import subprocess

from conftest import REPO


def _dry_run(target):
    result = subprocess.run(["make", "-n", target], cwd=REPO, capture_output=True, text=True)
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


def test_ci_runs_make_test_as_the_readme_says():
    ci = (REPO / ".ci" / "run").read_text()
    readme = (REPO / "README.md").read_text()
    assert "make test" in readme and "make lab" in readme
    assert "\nmake test\n" in ci and "set -euo pipefail" in ci
