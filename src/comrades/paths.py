"""Where the course's files live.

The tables, ``datapackage.json`` and the quiz banks are package data: they ship inside
the wheel as ``comrades/course_data/`` and are found through ``importlib.resources``,
so ``pip install .`` (or a wheel) works from any folder. In the repository they stay in
``data/``; ``src/comrades/course_data`` is a symbolic link to it, which setuptools follows
when it builds the wheel, and through which a source checkout (``pip install -e .``,
``PYTHONPATH=src``, Binder's ``postBuild``) reads the same files.

``COMRADES_DATA_DIR`` points elsewhere: a teacher's own data, or a test's corrupted copy.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

# The source checkout (two levels above this file), when the package runs from one. An
# installed wheel has no checkout: nothing reads data through REPO_ROOT.
REPO_ROOT = Path(__file__).resolve().parents[2]
DATA_PACKAGE = "course_data"


def packaged_data_dir() -> Path:
    """The course's own data, shipped with the package."""
    folder = resources.files("comrades") / DATA_PACKAGE
    # Installed wheels and checkouts are folders on disk, so this is a real Path. A git
    # checkout made without symbolic links (Windows' default) holds a small text file
    # in place of the link; the data then sits in the checkout's data/ folder.
    if isinstance(folder, Path) and folder.is_dir():
        return folder
    return REPO_ROOT / "data"


def data_dir() -> Path:
    """The folder holding the CSV tables, ``datapackage.json`` and ``quizzes/``."""
    override = os.environ.get("COMRADES_DATA_DIR")
    return Path(override) if override else packaged_data_dir()


def quiz_dir() -> Path:
    return data_dir() / "quizzes"
