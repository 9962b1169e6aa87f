"""Where the course's files live.

The package is installed in editable mode from the repository (``pip install -e .``,
also on Binder through ``postBuild``), so the data sits beside it in ``data/``.
``COMRADES_DATA_DIR`` points elsewhere, e.g. to a test's corrupted copy.
"""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]


def data_dir() -> Path:
    """The folder holding the CSV tables, ``datapackage.json`` and ``quizzes/``."""
    override = os.environ.get("COMRADES_DATA_DIR")
    return Path(override) if override else REPO_ROOT / "data"


def quiz_dir() -> Path:
    return data_dir() / "quizzes"
