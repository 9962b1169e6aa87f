"""comrades.hub: the nbgitpuller link a teacher gives students on a school JupyterHub.

The real hub (JupyterHub + nbgitpuller + a local upstream) is exercised by
hub_tests/test_hub.py (`make test-hub`); these tests pin the link's exact shape.
"""

import shutil
import subprocess
import sys
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import REPO

from comrades import hub
from comrades.hub import HubLinkError, nbgitpuller_link

GH = "https://github.com/owner/close-allies"


def _query(link):
    parts = urlsplit(link)
    return parts, {k: v[0] for k, v in parse_qs(parts.query, strict_parsing=True).items()}


def test_the_documented_shape():
    link = nbgitpuller_link("https://hub.example.edu", GH)
    assert link == (
        "https://hub.example.edu/hub/user-redirect/git-pull"
        "?repo=https%3A%2F%2Fgithub.com%2Fowner%2Fclose-allies&branch=student"
        "&urlpath=lab%2Ftree%2Fclose-allies%2Fnotebooks%2F00_introduction.ipynb"
    )


def test_dot_git_urls_get_a_tidy_folder_through_targetpath():
    # nbgitpuller 1.3.0 would clone into "close-allies.git"; the link names the folder.
    parts, query = _query(nbgitpuller_link("https://hub.example.edu", GH + ".git"))
    assert query["repo"] == GH + ".git"
    assert query["targetpath"] == "close-allies"
    assert query["urlpath"] == "lab/tree/close-allies/notebooks/00_introduction.ipynb"


def test_trailing_slashes_and_hub_paths_are_tolerated():
    for hub_url in ("https://hub.example.edu/", "https://hub.example.edu/hub/",
                    "https://hub.example.edu/hub/home"):
        assert nbgitpuller_link(hub_url, GH).startswith(
            "https://hub.example.edu/hub/user-redirect/git-pull?")
    # A hub served under a prefix keeps it.
    link = nbgitpuller_link("https://school.example.edu/jupyter/", GH + "/")
    parts, query = _query(link)
    assert parts.path == "/jupyter/hub/user-redirect/git-pull"
    assert query["urlpath"].startswith("lab/tree/close-allies/")


def test_branch_path_and_app_are_encoded():
    link = nbgitpuller_link("http://127.0.0.1:8000", "file:///srv/courses/c.git",
                            branch="term-2", path="exercises/02 ex & more.ipynb", app="notebook")
    assert " " not in link and link.count("&") == 3  # 4 parameters; the & inside a value is escaped
    _, query = _query(link)
    assert query == {
        "repo": "file:///srv/courses/c.git",
        "branch": "term-2",
        "urlpath": "notebooks/c/exercises/02 ex & more.ipynb",
        "targetpath": "c",
    }
    _, query = _query(nbgitpuller_link("http://h", GH, path="data", app="notebook"))
    assert query["urlpath"] == "tree/close-allies/data"


@pytest.mark.parametrize("hub_url", ["", "hub.example.edu", "ftp://hub.example.edu",
                                     "https://", "https://hub.example.edu/?next=x", None])
def test_bad_hub_urls_are_refused_clearly(hub_url):
    with pytest.raises(HubLinkError, match="hub URL"):
        nbgitpuller_link(hub_url, GH)


@pytest.mark.parametrize(("repo", "words"), [
    ("", "empty"),
    ("git@github.com:owner/close-allies.git", "SSH"),
    ("ssh://git@github.com/owner/close-allies", "SSH"),
    ("github.com/owner/close-allies", "https://"),
    ("relative/path", "https://"),
    ("https:///nohost", "no server"),
    ("https://github.com/owner/close allies", "spaces"),
])
def test_bad_repo_urls_are_refused_clearly(repo, words):
    with pytest.raises(HubLinkError, match=words):
        nbgitpuller_link("https://hub.example.edu", repo)


@pytest.mark.parametrize("branch", ["", "a b", "-x", "a..b", "x.lock", "a:b", "~1"])
def test_bad_branches_are_refused(branch):
    with pytest.raises(HubLinkError, match="branch"):
        nbgitpuller_link("https://hub.example.edu", GH, branch=branch)


@pytest.mark.parametrize("path", ["", "/etc/passwd", "../x.ipynb", "notebooks/../../x"])
def test_paths_must_stay_inside_the_repository(path):
    with pytest.raises(HubLinkError, match="relative"):
        nbgitpuller_link("https://hub.example.edu", GH, path=path)


def test_unknown_app_is_refused():
    with pytest.raises(HubLinkError, match="app"):
        nbgitpuller_link("https://hub.example.edu", GH, app="classic")


@pytest.mark.parametrize(("remote", "https"), [
    ("git@github.com:owner/close-allies.git", "https://github.com/owner/close-allies.git"),
    ("ssh://git@gitlab.example.org/team/course", "https://gitlab.example.org/team/course"),
    ("https://github.com/owner/close-allies", "https://github.com/owner/close-allies"),
])
def test_ssh_remotes_become_https(remote, https):
    assert hub.https_from_remote(remote + "\n") == https


def _git(*args, cwd):
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def test_cli_reads_origin(tmp_path, monkeypatch, capsys):
    _git("init", "-q", cwd=tmp_path)
    _git("remote", "add", "origin", "git@github.com:owner/close-allies.git", cwd=tmp_path)
    monkeypatch.setattr(hub, "REPO_ROOT", tmp_path)
    monkeypatch.setattr(hub.origin_url, "__defaults__", (tmp_path,))
    assert hub.main(["link", "--hub", "https://hub.example.edu", "--branch", "main"]) == 0
    link = capsys.readouterr().out.strip()
    assert link == nbgitpuller_link("https://hub.example.edu", GH + ".git", branch="main")


def test_cli_without_origin_says_what_to_do(tmp_path, monkeypatch, capsys):
    _git("init", "-q", cwd=tmp_path)
    monkeypatch.setattr(hub.origin_url, "__defaults__", (tmp_path,))
    assert hub.main(["link", "--hub", "https://hub.example.edu"]) == 2
    err = capsys.readouterr().err
    assert "no 'origin' remote" in err and "--repo" in err and "Traceback" not in err


def test_cli_as_a_module():
    result = subprocess.run(
        [sys.executable, "-m", "comrades.hub", "link", "--hub", "ftp://x", "--repo", GH],
        capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 2
    assert result.stderr.startswith("error: The hub URL must start with https://")
    result = subprocess.run(
        [sys.executable, "-m", "comrades.hub", "link", "--hub", "https://h.example", "--repo", GH],
        capture_output=True, text=True, timeout=60, check=True,
    )
    assert result.stdout.strip() == nbgitpuller_link("https://h.example", GH)


# --- credentials never reach a student's link (issue 13, finding 3) -----------------------

TOKEN_REMOTE = "https://x-access-token:ghs_SECRET123@github.com/owner/close-allies.git"


@pytest.mark.parametrize(("remote", "https"), [
    (TOKEN_REMOTE, GH + ".git"),
    ("https://teacher@github.com/owner/close-allies", GH),
    ("https://oauth2:glpat-SECRET123@gitlab.example.org/team/course.git",
     "https://gitlab.example.org/team/course.git"),
    ("ssh://git:SECRET123@github.com:2222/owner/close-allies.git", GH + ".git"),
    ("git@github.com:owner/close-allies.git", GH + ".git"),
])
def test_remotes_lose_their_credentials(remote, https):
    assert hub.https_from_remote(remote) == https
    if remote.startswith("https://"):  # given as --repo, the link is just as clean
        link = nbgitpuller_link("https://hub.example.edu", remote)
        assert link == nbgitpuller_link("https://hub.example.edu", https)


def test_a_repo_or_hub_given_with_credentials_makes_a_clean_link():
    link = nbgitpuller_link("https://admin:pw@hub.example.edu", TOKEN_REMOTE)
    assert "SECRET" not in link and "admin" not in link and "pw@" not in link
    assert link == nbgitpuller_link("https://hub.example.edu", GH + ".git")


def test_error_messages_do_not_echo_credentials():
    with pytest.raises(HubLinkError) as info:
        nbgitpuller_link("https://hub.example.edu",
                         "https://x-access-token:ghs_SECRET123@github.com/owner/close allies")
    assert "SECRET" not in str(info.value) and "github.com/owner/close allies" in str(info.value)


@pytest.mark.parametrize("remote", [TOKEN_REMOTE, "git@github.com:owner/close-allies.git",
                                    "ssh://git@github.com/owner/close-allies.git", GH])
def test_binder_link_for_github_remotes(remote):
    assert hub.binder_link(remote) == (
        "https://mybinder.org/v2/gh/owner/close-allies/HEAD"
        "?urlpath=lab/tree/notebooks/00_introduction.ipynb")


@pytest.mark.parametrize(("remote", "words"), [
    ("https://oauth2:glpat-SECRET123@gitlab.com/team/course.git", "GitHub"),
    ("git@gitlab.com:team/course.git", "GitHub"),
    ("https://github.com/owner", "OWNER/REPO"),
    ("file:///srv/course.git", "GitHub"),
])
def test_binder_link_refuses_other_hosts_clearly(remote, words):
    with pytest.raises(HubLinkError, match=words) as info:
        hub.binder_link(remote)
    assert "SECRET" not in str(info.value)


def _course_clone(tmp_path, origin):
    """A git checkout with this course's Makefile and package, and the given origin."""
    clone = tmp_path / "course"
    (clone / "src").mkdir(parents=True)
    shutil.copy(REPO / "Makefile", clone / "Makefile")
    shutil.copytree(REPO / "src" / "comrades", clone / "src" / "comrades", symlinks=True,
                    ignore=shutil.ignore_patterns("__pycache__"))
    _git("init", "-q", cwd=clone)
    _git("remote", "add", "origin", origin, cwd=clone)
    return clone


def _make(clone, *args):
    return subprocess.run(["make", "--no-print-directory", f"PYTHON={sys.executable}", *args],
                          cwd=clone, capture_output=True, text=True, timeout=120)


def test_make_links_hide_a_token_in_origin(tmp_path):
    clone = _course_clone(tmp_path, TOKEN_REMOTE)
    hub_link = _make(clone, "hub-link", "HUB=https://hub.example.edu")
    assert hub_link.returncode == 0, hub_link.stderr
    assert hub_link.stdout.strip() == nbgitpuller_link("https://hub.example.edu", GH + ".git")
    binder = _make(clone, "binder-link")
    assert binder.returncode == 0, binder.stderr
    assert binder.stdout.strip() == hub.binder_link(GH)
    assert "SECRET" not in hub_link.stdout + hub_link.stderr + binder.stdout + binder.stderr


def test_make_binder_link_refuses_a_gitlab_origin(tmp_path):
    clone = _course_clone(tmp_path, "https://oauth2:glpat-SECRET123@gitlab.com/team/course.git")
    result = _make(clone, "binder-link")
    assert result.returncode != 0 and result.stdout == ""
    assert "error: Binder links are made for repositories on GitHub" in result.stderr
    assert "SECRET" not in result.stderr


def test_make_binder_link_uses_the_python_code_not_a_copy():
    recipe = _dry_run_recipe("binder-link")
    assert "-m comrades.hub binder" in recipe and "sed" not in recipe


def _dry_run_recipe(target):
    result = subprocess.run(["make", "-n", target], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout


# --- make variables are data, never shell (issue 13, finding 4) ---------------------------

@pytest.mark.parametrize("template", [
    "x'; touch {marker}; echo '",
    'x"; touch {marker}; echo "',
    "x$(touch {marker})",
    "x`touch {marker}`",
    "$(shell touch {marker})",
])
def test_make_hub_link_never_runs_the_hub_value(tmp_path, template):
    marker = tmp_path / "pwned"
    hub_value = template.format(marker=marker)
    result = _make(REPO, "hub-link", f"HUB={hub_value}")
    assert not marker.exists(), f"make ran part of HUB={hub_value!r}"
    assert result.returncode != 0
    assert "error: The hub URL must start with https://" in result.stderr
    assert hub_value in result.stderr  # reported verbatim, as the address it claimed to be


def test_make_hub_link_without_hub_says_how(tmp_path):
    result = _make(REPO, "hub-link")
    assert result.returncode != 0
    assert "make hub-link HUB=https://hub.example.edu" in result.stderr


# --- issue 24, items 3 and 14: tokens in a query, odd hubs, the student branch -------------

@pytest.mark.parametrize("remote", [
    "https://github.com/owner/close-allies?access_token=ghp_SECRET123",
    "https://github.com/owner/close-allies#ghp_SECRET123",
    "https://x:ghp_SECRET123@github.com/owner/close-allies?token=ghp_SECRET123#frag"])
def test_tokens_in_a_query_or_fragment_never_reach_the_link(remote):
    link = nbgitpuller_link("https://hub.example.edu", remote)
    assert "SECRET" not in link and "frag" not in link
    assert link == nbgitpuller_link("https://hub.example.edu", GH)
    assert hub.https_from_remote(remote) == GH


@pytest.mark.parametrize("address", ["https://hub example.edu", "https://hub.example.edu/`x`",
                                     "https://hub.example.edu/a b", "https://hub.exa'mple.edu",
                                     'https://hub.example.edu/"x"', "https://hub.example.edu/<x>"])
def test_a_hub_address_with_spaces_quotes_or_backticks_is_refused(address):
    with pytest.raises(HubLinkError, match="plain web address"):
        nbgitpuller_link(address, GH)


def test_the_link_pulls_the_student_edition_by_default_and_says_so_if_unpushed(
        tmp_path, monkeypatch, capsys):
    _git("init", "-q", cwd=tmp_path)
    _git("remote", "add", "origin", "https://github.com/owner/close-allies", cwd=tmp_path)
    monkeypatch.setattr(hub, "REPO_ROOT", tmp_path)
    monkeypatch.setattr(hub.origin_url, "__defaults__", (tmp_path,))
    monkeypatch.setattr(hub.branch_note, "__defaults__", (True, tmp_path))
    assert hub.main(["link", "--hub", "https://hub.example.edu"]) == 0
    out, err = capsys.readouterr()
    assert "branch=student" in out and "branch=main" not in out
    assert "has not been pushed" in err and "make student-branch" in err
    assert hub.main(["link", "--hub", "https://hub.example.edu", "--branch", "main"]) == 0
    assert "plain answer keys" in capsys.readouterr().err
