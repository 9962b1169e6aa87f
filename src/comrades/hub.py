"""nbgitpuller links: how students on a school JupyterHub get (and update) the course.

A student clicks one link. JupyterHub logs them in, starts their server, and nbgitpuller
clones the course into their home folder on the first click; later clicks merge new
commits into that clone while keeping the student's own edits. Then JupyterLab opens
the first lesson. ``docs/hub-deployment.md`` tells teachers and admins the whole story.

The link has the form (nbgitpuller 1.3.0)::

    {hub}/hub/user-redirect/git-pull?repo=…&branch=…&urlpath=lab/tree/<folder>/<path>

nbgitpuller clones into a folder named after the last part of the repository URL, so
``https://github.com/owner/course.git`` would land in ``course.git/``. When that differs
from the URL's name without ``.git``, the link also carries ``targetpath=<folder>``, so
students see a tidy ``course/`` folder and ``urlpath`` points at the right place.

From a shell::

    python -m comrades.hub link --hub https://hub.example.edu
    python -m comrades.hub link --hub https://hub.example.edu --repo URL --branch main
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import PurePosixPath
from urllib.parse import quote, urlsplit

from comrades.paths import REPO_ROOT

FIRST_LESSON = "notebooks/00_introduction.ipynb"
APPS = ("lab", "notebook")
# Schemes git can clone from without credentials; ssh needs keys a student server lacks.
REPO_SCHEMES = ("https", "http", "git", "file")
_SCP_LIKE = re.compile(r"^(?:[\w.-]+@)?(?P<host>[\w.-]+):(?!//)(?P<path>.+)$")
_BAD_BRANCH = re.compile(r"(\.\.|[\s~^:?*\[\\]|@\{|//|^[-/.]|[/.]$|\.lock$)")


class HubLinkError(ValueError):
    """An input to :func:`nbgitpuller_link` cannot make a working link; the message says why."""


def _hub_base(hub_url: str) -> str:
    hub = (hub_url or "").strip()
    parts = urlsplit(hub)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise HubLinkError(
            f"The hub URL must start with https:// (or http://) and name a server, "
            f"e.g. https://hub.example.edu; got {hub_url!r}."
        )
    if parts.query or parts.fragment:
        raise HubLinkError(
            f"The hub URL must be the hub's address only, without '?…' or '#…'; got {hub_url!r}."
        )
    path = parts.path.rstrip("/")
    # Accept the address a teacher copies from the browser: …/hub, …/hub/home, …/hub/login.
    path = re.sub(r"/hub(/(home|login|spawn|token))?$", "", path)
    return f"{parts.scheme}://{parts.netloc}{path}"


def _check_repo(repo_url: str) -> str:
    repo = (repo_url or "").strip()
    if not repo:
        raise HubLinkError(
            "The repository URL is empty; give --repo https://… (the course's git URL)."
        )
    if any(ch.isspace() for ch in repo):
        raise HubLinkError(f"The repository URL must not contain spaces; got {repo_url!r}.")
    scheme = urlsplit(repo).scheme
    if scheme in ("ssh", "git+ssh") or (not scheme and _SCP_LIKE.match(repo)):
        raise HubLinkError(
            f"{repo_url!r} is an SSH address; students' servers have no SSH keys, so nbgitpuller "
            "cannot clone it. Use the https:// address of the repository instead."
        )
    if scheme in REPO_SCHEMES:
        if scheme != "file" and not urlsplit(repo).netloc:
            raise HubLinkError(f"The repository URL {repo_url!r} names no server.")
    elif not (scheme == "" and repo.startswith("/")):
        raise HubLinkError(
            f"The repository URL must start with https:// (or be a file:// URL or an absolute "
            f"path on the hub); got {repo_url!r}."
        )
    if not repo.rstrip("/").rsplit("/", 1)[-1]:
        raise HubLinkError(f"The repository URL {repo_url!r} has no repository name.")
    return repo


def _check_branch(branch: str) -> str:
    name = (branch or "").strip()
    if not name or _BAD_BRANCH.search(name):
        raise HubLinkError(f"{branch!r} is not a valid git branch name (e.g. main).")
    return name


def _check_path(path: str) -> str:
    p = (path or "").strip().replace("\\", "/")
    parts = PurePosixPath(p).parts
    if not p or p.startswith("/") or ".." in parts:
        raise HubLinkError(
            f"The path must be relative to the repository, e.g. {FIRST_LESSON}; got {path!r}."
        )
    return str(PurePosixPath(p))


def clone_folder(repo_url: str) -> tuple[str, bool]:
    """The folder nbgitpuller clones into, and whether the link must say so (targetpath).

    nbgitpuller 1.3.0 names it ``repo.rstrip('/').split('/')[-1]``; we drop a ``.git``.
    """
    default = repo_url.rstrip("/").split("/")[-1]
    folder = default.removesuffix(".git") or default
    return folder, folder != default


def nbgitpuller_link(
    hub_url: str,
    repo_url: str,
    branch: str = "main",
    path: str = FIRST_LESSON,
    app: str = "lab",
) -> str:
    """The link that clones (first click) or updates (later clicks) the course on a hub.

    >>> nbgitpuller_link("https://hub.example.edu", "https://github.com/o/course")
    'https://hub.example.edu/hub/user-redirect/git-pull?repo=https%3A%2F%2Fgithub.com%2Fo%2Fcourse&branch=main&urlpath=lab%2Ftree%2Fcourse%2Fnotebooks%2F00_introduction.ipynb'
    """
    hub = _hub_base(hub_url)
    repo = _check_repo(repo_url)
    branch = _check_branch(branch)
    path = _check_path(path)
    if app not in APPS:
        raise HubLinkError(f"app must be one of {', '.join(APPS)}; got {app!r}.")
    folder, explicit = clone_folder(repo)
    target = f"{folder}/{path}"
    if app == "lab":
        urlpath = f"lab/tree/{target}"
    else:  # Jupyter Notebook 7
        urlpath = f"notebooks/{target}" if target.endswith(".ipynb") else f"tree/{target}"
    params = [("repo", repo), ("branch", branch), ("urlpath", urlpath)]
    if explicit:
        params.append(("targetpath", folder))
    query = "&".join(f"{key}={quote(value, safe='')}" for key, value in params)
    return f"{hub}/hub/user-redirect/git-pull?{query}"


def https_from_remote(remote: str) -> str:
    """``git@github.com:o/r.git`` or ``ssh://git@host/o/r`` → ``https://github.com/o/r.git``."""
    remote = remote.strip()
    parts = urlsplit(remote)
    if parts.scheme in ("ssh", "git+ssh") and parts.hostname:
        return f"https://{parts.hostname}{parts.path}"
    match = _SCP_LIKE.match(remote) if not parts.scheme else None
    if match:
        return f"https://{match['host']}/{match['path'].lstrip('/')}"
    return remote


def origin_url(repo_dir=REPO_ROOT) -> str:
    """This clone's ``origin`` remote, as an https URL a student server can clone."""
    try:
        result = subprocess.run(
            ["git", "remote", "get-url", "origin"],
            cwd=repo_dir, capture_output=True, text=True, timeout=30,
        )
    except (OSError, subprocess.SubprocessError) as err:
        raise HubLinkError(f"Could not run git to read the 'origin' remote: {err}") from err
    if result.returncode != 0 or not result.stdout.strip():
        raise HubLinkError(
            "This clone has no 'origin' remote. Push the course to a public git host "
            "(e.g. GitHub) first, or pass --repo https://…"
        )
    return https_from_remote(result.stdout)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m comrades.hub",
        description="Links for running the course on a JupyterHub with nbgitpuller.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    link = sub.add_parser("link", help="print the nbgitpuller link for students")
    link.add_argument("--hub", required=True, help="the hub's address, e.g. https://hub.example.edu")
    link.add_argument("--repo", help="the course's git URL (default: this clone's origin)")
    link.add_argument("--branch", default="main", help="branch to pull (default: main)")
    link.add_argument(
        "--path", default=FIRST_LESSON, help=f"file to open (default: {FIRST_LESSON})"
    )
    link.add_argument("--app", choices=APPS, default="lab", help="interface to open (default: lab)")
    args = parser.parse_args(argv)
    try:
        repo = args.repo if args.repo else origin_url()
        print(nbgitpuller_link(args.hub, repo, args.branch, args.path, args.app))
    except HubLinkError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
