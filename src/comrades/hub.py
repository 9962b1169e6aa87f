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

The same module prints the Binder launch link of a course on GitHub. Both commands read
this clone's ``origin`` remote and never print the credentials a remote URL may carry
(``https://x-access-token:TOKEN@github.com/…``): a link is for students.

From a shell (``make hub-link HUB=…`` and ``make binder-link`` run these)::

    python -m comrades.hub link --hub https://hub.example.edu
    python -m comrades.hub link --hub https://hub.example.edu --repo URL --branch main
    python -m comrades.hub binder

The module needs only the standard library, so ``make`` runs it before any install.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path, PurePosixPath
from urllib.parse import quote, urlsplit, urlunsplit

from comrades.paths import REPO_ROOT

FIRST_LESSON = "notebooks/00_introduction.ipynb"
# The branch students pull: the student edition (``make student-branch``), never ``main``,
# which holds the solutions, the instructor guide and plain answer keys.
STUDENT_BRANCH = "student"
_HOST = re.compile(r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)*[A-Za-z0-9](?:[A-Za-z0-9-]*"
                   r"[A-Za-z0-9])?(?::\d{1,5})?|\[[0-9A-Fa-f:.]+\](?::\d{1,5})?")
_SAFE_PATH = re.compile(r"[A-Za-z0-9._~/%-]*")
APPS = ("lab", "notebook")
# Schemes git can clone from without credentials; ssh needs keys a student server lacks.
REPO_SCHEMES = ("https", "http", "git", "file")
_SCP_LIKE = re.compile(r"^(?:[\w.-]+@)?(?P<host>[\w.-]+):(?!//)(?P<path>.+)$")
_BAD_BRANCH = re.compile(r"(\.\.|[\s~^:?*\[\\]|@\{|//|^[-/.]|[/.]$|\.lock$)")


class HubLinkError(ValueError):
    """An input cannot make a working link; the message says why."""


def without_userinfo(url: str) -> str:
    """``url`` without the ``user:password@`` part of its server, which must never be shared.

    >>> without_userinfo("https://x-access-token:TOKEN@github.com/o/r.git")
    'https://github.com/o/r.git'
    """
    parts = urlsplit(url)
    if "@" not in parts.netloc:
        return url
    host = parts.netloc.rpartition("@")[2]
    return urlunsplit(parts._replace(netloc=host))


def shareable(url: str) -> str:
    """``url`` as it may be shown to students: without ``user:password@``, and without a
    ``?query`` or ``#fragment``, where access tokens also travel (``?access_token=…``)."""
    parts = urlsplit(without_userinfo(url))
    return urlunsplit(parts._replace(query="", fragment=""))


def _shown(url) -> str:
    """How an input URL appears in an error message: quoted, without credentials."""
    return repr(without_userinfo(url)) if isinstance(url, str) else repr(url)


def _hub_base(hub_url: str) -> str:
    hub = without_userinfo((hub_url or "").strip())
    parts = urlsplit(hub)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise HubLinkError(
            f"The hub URL must start with https:// (or http://) and name a server, "
            f"e.g. https://hub.example.edu; got {_shown(hub_url)}."
        )
    if parts.query or parts.fragment:
        raise HubLinkError(
            "The hub URL must be the hub's address only, without '?…' or '#…'; "
            f"got {_shown(hub_url)}."
        )
    if not _HOST.fullmatch(parts.netloc) or not _SAFE_PATH.fullmatch(parts.path):
        raise HubLinkError(
            "The hub URL must be a plain web address (letters, digits, dots, dashes and "
            f"slashes; no spaces, quotes or backticks); got {_shown(hub_url)}."
        )
    path = parts.path.rstrip("/")
    # Accept the address a teacher copies from the browser: …/hub, …/hub/home, …/hub/login.
    path = re.sub(r"/hub(/(home|login|spawn|token))?$", "", path)
    return f"{parts.scheme}://{parts.netloc}{path}"


def _check_repo(repo_url: str) -> str:
    repo = (repo_url or "").strip()
    if urlsplit(repo).scheme:
        repo = shareable(repo)
    if not repo:
        raise HubLinkError(
            "The repository URL is empty; give --repo https://… (the course's git URL)."
        )
    if any(ch.isspace() for ch in repo):
        raise HubLinkError(f"The repository URL must not contain spaces; got {_shown(repo_url)}.")
    scheme = urlsplit(repo).scheme
    if scheme in ("ssh", "git+ssh") or (not scheme and _SCP_LIKE.match(repo)):
        raise HubLinkError(
            f"{_shown(repo_url)} is an SSH address; students' servers have no SSH keys, so "
            "nbgitpuller cannot clone it. Use the https:// address of the repository instead."
        )
    if scheme in REPO_SCHEMES:
        if scheme != "file" and not urlsplit(repo).netloc:
            raise HubLinkError(f"The repository URL {_shown(repo_url)} names no server.")
    elif not (scheme == "" and repo.startswith("/")):
        raise HubLinkError(
            f"The repository URL must start with https:// (or be a file:// URL or an absolute "
            f"path on the hub); got {_shown(repo_url)}."
        )
    if not repo.rstrip("/").rsplit("/", 1)[-1]:
        raise HubLinkError(f"The repository URL {_shown(repo_url)} has no repository name.")
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
    branch: str = STUDENT_BRANCH,
    path: str = FIRST_LESSON,
    app: str = "lab",
) -> str:
    """The link that clones (first click) or updates (later clicks) the course on a hub.

    >>> nbgitpuller_link("https://hub.example.edu", "https://github.com/o/course")
    'https://hub.example.edu/hub/user-redirect/git-pull?repo=https%3A%2F%2Fgithub.com%2Fo%2Fcourse&branch=student&urlpath=lab%2Ftree%2Fcourse%2Fnotebooks%2F00_introduction.ipynb'
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
    """The address a student server can clone, without credentials.

    ``git@github.com:o/r.git`` or ``ssh://git@host/o/r`` → ``https://github.com/o/r.git``;
    ``https://user:TOKEN@host/o/r`` → ``https://host/o/r``.
    """
    remote = remote.strip()
    parts = urlsplit(remote)
    if parts.scheme in ("ssh", "git+ssh") and parts.hostname:
        return f"https://{parts.hostname}{parts.path}"
    match = _SCP_LIKE.match(remote) if not parts.scheme else None
    if match:
        return f"https://{match['host']}/{match['path'].lstrip('/')}"
    return shareable(remote)


def binder_link(repo_url: str, path: str = FIRST_LESSON, ref: str = "HEAD") -> str:
    """The mybinder.org launch link of a course hosted on GitHub.

    >>> binder_link("git@github.com:o/course.git")
    'https://mybinder.org/v2/gh/o/course/HEAD?urlpath=lab/tree/notebooks/00_introduction.ipynb'
    """
    repo = https_from_remote(repo_url or "")
    parts = urlsplit(repo)
    segments = [s for s in parts.path.split("/") if s]
    if parts.scheme not in ("https", "http") or (parts.hostname or "").lower() != "github.com":
        raise HubLinkError(
            f"Binder links are made for repositories on GitHub (https://github.com/OWNER/REPO); "
            f"this one is {_shown(repo)}. Push the course to GitHub, or give mybinder.org's "
            "own form (https://mybinder.org) the address of your host."
        )
    if len(segments) != 2:
        raise HubLinkError(
            f"A GitHub repository address has the form https://github.com/OWNER/REPO; "
            f"got {_shown(repo)}."
        )
    owner, name = segments[0], segments[1].removesuffix(".git")
    ref = _check_branch(ref)
    urlpath = quote(f"lab/tree/{_check_path(path)}", safe="/")
    return (f"https://mybinder.org/v2/gh/{quote(owner, safe='')}/{quote(name, safe='')}/"
            f"{quote(ref, safe='')}?urlpath={urlpath}")


def _default_repo_dir() -> Path:
    """The checkout the package runs from, or (for an installed package) the current folder."""
    return REPO_ROOT if (REPO_ROOT / ".git").exists() else Path.cwd()


def origin_url(repo_dir=None) -> str:
    """This clone's ``origin`` remote, as an https URL a student server can clone."""
    try:
        result = subprocess.run(
            ["git", "remote", "get-url", "origin"],
            cwd=repo_dir or _default_repo_dir(), capture_output=True, text=True, timeout=30,
        )
    except (OSError, subprocess.SubprocessError) as err:
        raise HubLinkError(f"Could not run git to read the 'origin' remote: {err}") from err
    if result.returncode != 0 or not result.stdout.strip():
        raise HubLinkError(
            "This clone has no 'origin' remote. Push the course to a public git host "
            "(e.g. GitHub) first, or pass --repo https://…"
        )
    return https_from_remote(result.stdout)


def branch_note(branch: str, checked: bool = True, repo_dir=None) -> str:
    """What a teacher must know before sharing a link to ``branch``: that ``main`` holds
    the answers, or that the branch is not on ``origin`` as far as this clone knows
    (``checked``: the link is for this clone's origin). "" when all is well."""
    if branch != STUDENT_BRANCH:
        return (f"this link pulls '{branch}', not the student edition '{STUDENT_BRANCH}'"
                + ("; 'main' holds the solutions, the instructor guide and plain answer "
                   "keys" if branch == "main" else ""))
    if not checked:
        return ""
    try:
        known = subprocess.run(
            ["git", "rev-parse", "--verify", "--quiet", f"refs/remotes/origin/{branch}"],
            cwd=repo_dir or _default_repo_dir(), capture_output=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return ""
    if known.returncode != 0:
        return (f"the branch '{branch}' has not been pushed to origin (not found in this "
                f"clone): run `make student-branch`, then `git push origin {branch}`; the "
                "link works once it is pushed")
    return ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m comrades.hub",
        description="Links for running the course on a JupyterHub (nbgitpuller) or on Binder.",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    link = sub.add_parser("link", help="print the nbgitpuller link for students")
    link.add_argument("--hub", required=True, help="the hub's address, e.g. https://hub.example.edu")
    link.add_argument("--repo", help="the course's git URL (default: this clone's origin)")
    link.add_argument("--branch", default=STUDENT_BRANCH,
                      help=f"branch to pull (default: {STUDENT_BRANCH}, the student edition)")
    link.add_argument(
        "--path", default=FIRST_LESSON, help=f"file to open (default: {FIRST_LESSON})"
    )
    link.add_argument("--app", choices=APPS, default="lab", help="interface to open (default: lab)")
    binder = sub.add_parser("binder", help="print the mybinder.org link of the course on GitHub")
    binder.add_argument("--repo", help="the course's GitHub URL (default: this clone's origin)")
    binder.add_argument("--ref", default="HEAD", help="branch or tag to build (default: HEAD)")
    binder.add_argument(
        "--path", default=FIRST_LESSON, help=f"file to open (default: {FIRST_LESSON})"
    )
    args = parser.parse_args(argv)
    try:
        if args.command == "link":
            if not (args.hub or "").strip():
                raise HubLinkError("give the hub's address: make hub-link HUB=https://hub.example.edu")
            _hub_base(args.hub)  # a bad hub address is reported before git is asked anything
            repo = args.repo if args.repo else origin_url()
            print(nbgitpuller_link(args.hub, repo, args.branch, args.path, args.app))
            note = branch_note(args.branch, checked=not args.repo)
            if note:
                print(f"note: {note}", file=sys.stderr)
        else:
            repo = args.repo if args.repo else origin_url()
            print(binder_link(repo, args.path, args.ref))
    except HubLinkError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
