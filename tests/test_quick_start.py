"""docs/quick-start.md: one page a teacher new to Jupyter can follow, linked first."""

from __future__ import annotations

import re

from conftest import REPO

PAGE = (REPO / "docs" / "quick-start.md").read_text(encoding="utf-8")


def test_the_readme_links_it_first_for_teachers():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## For teachers", 1)[1].split("\n## ", 1)[0]
    first = re.search(r"\]\(([^)]+)\)", section).group(1)
    assert first == "docs/quick-start.md"


def test_it_gives_the_three_ways_and_the_three_systems():
    for words in ("Binder", "JupyterHub", "Windows", "macOS", "Linux"):
        assert words in PAGE, words


def test_the_windows_commands_are_the_ones_make_would_run():
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    lock = re.search(r"^LOCK := (\S+)", makefile, re.M).group(1)
    first = re.search(r"^FIRST_LESSON := (\S+)", makefile, re.M).group(1)
    block = PAGE.split("```powershell", 1)[1].split("```", 1)[0]
    assert "-m venv .venv" in block
    # what `make lab` installs: the course with its lab extra (JupyterLab)
    target = re.search(r"^\$\(STAMPS\)/\.lab-installed:.*\n\t\$\(INSTALL\) '([^']+)'",
                       makefile, re.M).group(1)
    assert target == ".[lab]"
    assert f'pip install -c {lock} -e "{target}"' in block
    assert "jupyter lab " + first.replace("/", "\\") in block
    assert (REPO / lock).exists() and (REPO / first).exists()


def test_the_troubleshooting_table_covers_a_newcomer_s_errors():
    table = PAGE.split("## 3.", 1)[1]
    for error in ("No module named 'comrades'", "already in use", "Kernel died",
                  "Restart Kernel", "shows as text"):
        assert error in table, error


def test_the_screenshot_is_there_and_described():
    match = re.search(r"!\[([^\]]{40,})\]\(([^)]+\.png)\)", PAGE)
    assert match, "an image with a real text description"
    image = REPO / "docs" / match.group(2)
    assert image.exists() and image.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_its_links_resolve():
    for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", PAGE):
        if not target.startswith("http"):
            assert (REPO / "docs" / target).exists(), target


def test_the_ways_run_from_nothing_to_install_to_one_s_own_computer():
    """Zero-install first: the in-browser edition, then Binder, a hub, one's own computer."""
    ways = re.findall(r"^### (.+)$", PAGE.split("## 1.", 1)[1].split("\n## ", 1)[0], re.M)
    assert ways == ["In the browser, nothing to install", "Binder", "A school JupyterHub",
                    "Your own computer"]
    table = PAGE.split("## 1.", 1)[1].split("###", 1)[0]
    rows = [line.split("|")[1].strip(" *") for line in table.splitlines()
            if line.startswith("| **")]
    assert rows[0].startswith("In the browser"), rows


def test_publishing_one_s_own_copy_takes_three_steps_and_the_workflow_exists():
    section = PAGE.split("### In the browser", 1)[1].split("\n### ", 1)[0]
    steps = section.split("in three steps", 1)[1].split("\n\n", 2)[1]
    assert re.findall(r"^(\d)\. ", steps, re.M) == ["1", "2", "3"]
    assert "GitHub Actions" in steps and "Fork" in steps
    workflow = re.search(r"`(\.github/workflows/[\w.-]+\.yml)`", section).group(1)
    assert (REPO / workflow).is_file()
    assert "hand in" in section and "Export for my teacher" in section


def test_a_fresh_mac_is_told_how_to_get_make():
    mac = PAGE.split("**macOS.**", 1)[1].split("**Linux.**", 1)[0]
    assert "xcode-select --install" in mac


def test_nothing_developer_facing_is_asked_of_a_newcomer():
    """`make binder-link`, OWNER placeholders to fill in by hand in a command, or git
    pushes are not how a teacher new to Jupyter starts."""
    assert "make binder-link" not in PAGE
