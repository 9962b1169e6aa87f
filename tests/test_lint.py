"""ruff over the package, the tests and every notebook; mypy over the package."""

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO


def test_ruff_is_clean():
    ruff = shutil.which("ruff") or str(Path(sys.executable).with_name("ruff"))
    folders = ("src", "tests", "hub_tests", "bench", "tools", "notebooks", "exercises",
               "solutions", "docs", "conftest.py")
    targets = [p for p in folders
               if (REPO / p).exists()]
    result = subprocess.run([ruff, "check", *targets], cwd=REPO, capture_output=True,
                            text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.skipif(importlib.util.find_spec("mypy") is None,
                    reason="mypy is not installed (it comes with the test extra: "
                           "pip install -e '.[test]')")
def test_mypy_is_clean():
    # pyproject.toml's [tool.mypy] names the files and the untyped libraries; no cache
    # is written, as pytest writes none either.
    result = subprocess.run([sys.executable, "-m", "mypy", "--config-file", "pyproject.toml",
                             "--cache-dir", os.devnull, "src/comrades"],
                            cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    checked = re.search(r"no issues found in (\d+) source files", result.stdout)
    assert checked and int(checked.group(1)) > 50, result.stdout
