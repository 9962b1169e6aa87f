"""The two commands of the README, as make would run them (dry run: nothing installed)."""

import os
import subprocess
import sys

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


def test_make_test_runs_the_tests_in_a_random_order_that_can_be_repeated_or_turned_off():
    """-p randomly: without the plugin, make test stops rather than run in file order."""
    assert ".venv/bin/python -m pytest -p randomly \n" in _dry_run("test")
    assert "-m pytest -p randomly --randomly-seed=1234\n" in _dry_run(
        "test", "PYTEST_ARGS=--randomly-seed=1234")
    assert "-m pytest -p randomly -p no:randomly\n" in _dry_run(
        "test", "PYTEST_ARGS=-p no:randomly")
    header = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "randomly", "-p", "no:randomly",
         "--collect-only", "tests/test_answers.py"], cwd=REPO, capture_output=True,
        text=True, check=True).stdout
    assert "randomly-seed" not in header, "-p no:randomly after -p randomly turns it off"


def test_the_random_order_keeps_each_notebooks_cells_together_and_in_order():
    """pytest-randomly shuffles nbval's cells like tests (they have no module); the root
    conftest.py puts each notebook's cells back together, top to bottom."""
    notebooks = ["notebooks/00_introduction.ipynb", "notebooks/00b_data_primer.ipynb"]
    for seed in (1, 2, 3):
        listed = subprocess.run(
            [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "randomly",
             f"--randomly-seed={seed}", *notebooks, "tests/test_answers.py"],
            cwd=REPO, capture_output=True, text=True, check=True).stdout.splitlines()
        ids = [line for line in listed if "::" in line]
        files = [i.split("::")[0] for i in ids]
        blocks = [f for n, f in enumerate(files) if n == 0 or files[n - 1] != f]
        assert sorted(blocks) == sorted(set(files)), f"seed {seed}: a file split: {blocks}"
        for notebook in notebooks:
            cells = [int(i.rsplit(" ", 1)[1]) for i in ids if i.startswith(notebook)]
            assert cells == list(range(len(cells))) and len(cells) > 5, (seed, cells)


def test_make_uses_an_active_course_conda_env_or_binder():
    conda = _dry_run("test", "ENV_PREFIX=/opt/envs/comrades")
    assert "python3 -m venv" not in conda
    assert ("/opt/envs/comrades/bin/python -m pip install --quiet --no-deps -e '.[lab,test]'"
            in conda)
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


def test_contributing_names_only_files_and_make_targets_that_exist():
    """CONTRIBUTING.md is followed literally: every test file, path and make target it
    names is there (a placeholder such as NN or `lessonNN.py` aside)."""
    import re

    text = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    paths = set(re.findall(r"(?<![\w/.])((?:tests|src|data|notebooks|solutions|docs|tools)"
                           r"/[\w./-]+\.(?:py|toml|csv|ipynb|md))", text))
    assert {"tests/test_primer_coverage.py", "data/quizzes/_example.toml"} <= paths
    missing = sorted(p for p in paths if "NN" not in p and not (REPO / p).exists())
    assert not missing, f"CONTRIBUTING.md names files that do not exist: {missing}"
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"`make ([\w-]+)", text))
    assert {"test", "exercises", "data-hashes"} <= targets
    unknown = sorted(t for t in targets if not re.search(rf"^{t}:", makefile, re.M))
    assert not unknown, f"CONTRIBUTING.md names make targets that do not exist: {unknown}"
