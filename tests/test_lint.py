"""ruff over the package, the tests and every notebook."""

import shutil
import subprocess
import sys
from pathlib import Path

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
