"""A short course message above the two errors a history student meets most.

A ``NameError`` (a variable the kernel does not know: a cell above not run, a kernel
restarted, words typed without quotes) and a ``SyntaxError`` (words typed without quotes,
a bracket or quote left open) print a few plain sentences naming the likely cause, then
the usual traceback. Nothing is hidden: the error is raised and reported exactly as
before (so tests and tools still see it); only the message is added.

It must be in place before any course cell runs, since the restart case is exactly the
one where the set-up cell has not run, so it is loaded when the kernel starts, as an
IPython extension named in the environment's kernel configuration:

    python -m comrades.friendly --install     # writes {sys.prefix}/etc/ipython/…

``make lab`` and ``make test`` run that when they set up ``.venv``; Binder's
``postBuild`` runs it; the hub guide says how to run it in a hub's image. Importing the
course in a kernel also installs it (the in-browser edition, whose kernel reads no
configuration file, gets it that way from the lesson's first cell on).
"""

from __future__ import annotations

import argparse
import keyword
import re
import sys
from pathlib import Path
from typing import Any

EXTENSION = "comrades.friendly"
MARK = "# comrades: friendly errors"
CONFIG_LINE = f"c.InteractiveShellApp.extensions.append({EXTENSION!r})  {MARK}"
HEADING = "From the course:"


def name_error_message(name: str) -> str:
    """The course's words for a name the kernel does not know."""
    causes = [
        "the cell that sets it has not been run yet: run the cells above it, from the "
        "top (Run › Run All Above Selected Cell);",
        "the kernel was restarted, which forgets every variable: run the cells above "
        "again;",
    ]
    words = f"words were typed without quotes: text goes between quotes, e.g. \"{name}\";"
    # A plain word ("memo", "cordial") is most likely an answer typed without quotes.
    if re.fullmatch(r"[A-Za-z]+", name) and not keyword.iskeyword(name):
        causes.insert(0, words)
    else:
        causes.append(words)
    listed = "\n".join(f"  • {cause}" for cause in causes)
    return f"{HEADING} Python does not know the name {name!r}. Most likely:\n{listed}"


SYNTAX_MESSAGE = (
    f"{HEADING} Python could not read this cell. Most likely:\n"
    "  • an answer in words was typed without quotes: write answer = \"your words\";\n"
    "  • a quote or a bracket was opened and not closed;\n"
    "  • a line was changed outside the answer: undo with Ctrl+Z (Cmd+Z on a Mac).")


def _undefined_name(value: BaseException) -> str:
    name = getattr(value, "name", None)
    if name:
        return str(name)
    found = re.search(r"name '([^']+)' is not defined", str(value))
    return found.group(1) if found else "?"


def _on_name_error(shell: Any, etype: type, value: BaseException, tb: Any,
                   tb_offset: int | None = None) -> list[str]:
    """IPython's custom-exception handler: the course's lines, then the usual traceback,
    shown as IPython shows any error (and sent to the front end as one, so a notebook
    run by a test still fails on it). IPython calls the handler and shows nothing
    itself, so the handler shows the traceback."""
    usual = shell.InteractiveTB.structured_traceback(etype, value, tb, tb_offset=tb_offset)
    stb = [name_error_message(_undefined_name(value)), *usual]
    shell._showtraceback(etype, value, stb)
    return stb


def install(shell: Any | None = None) -> bool:
    """Add the messages to ``shell`` (the running IPython by default); True if added now.

    Installing twice does nothing the second time."""
    if shell is None:
        get_ipython = getattr(sys.modules.get("IPython"), "get_ipython", None)
        shell = get_ipython() if get_ipython else None
    if shell is None or getattr(shell, "_comrades_friendly", False):
        return False
    shell.set_custom_exc((NameError,), _on_name_error)
    # A SyntaxError is shown before any code runs, not through the custom handler: put
    # the course's lines at the head of the traceback IPython is about to show.
    usual_show = shell._showtraceback

    def _showtraceback(etype: type, evalue: BaseException, stb: list[str],
                       *args: Any, **kwargs: Any) -> Any:
        if isinstance(etype, type) and issubclass(etype, SyntaxError):
            stb = [SYNTAX_MESSAGE, *stb]
        return usual_show(etype, evalue, stb, *args, **kwargs)

    shell._showtraceback = _showtraceback
    shell._comrades_friendly = True
    return True


def load_ipython_extension(shell: Any) -> None:
    """Called by IPython when the kernel starts (see :func:`config_file`)."""
    install(shell)


def config_file(prefix: str | Path = sys.prefix) -> Path:
    """The kernel configuration file of the environment at ``prefix``, which IPython
    reads at every kernel start ({prefix}/etc/ipython is on its configuration path)."""
    return Path(prefix) / "etc" / "ipython" / "ipython_kernel_config.py"


def write_config(prefix: str | Path = sys.prefix) -> Path:
    """Name the extension in ``prefix``'s kernel configuration, once; other settings in
    that file are kept."""
    path = config_file(prefix)
    path.parent.mkdir(parents=True, exist_ok=True)
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if MARK not in text:
        head = text if not text or text.endswith("\n") else text + "\n"
        path.write_text(head + CONFIG_LINE + "\n", encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Friendly errors for the course's kernels")
    parser.add_argument("--install", action="store_true",
                        help="load them at every kernel start of this environment")
    parser.add_argument("--prefix", default=sys.prefix, help="the environment (default: this)")
    args = parser.parse_args(argv)
    if not args.install:
        parser.print_help()
        return 2
    print(f"friendly errors: {write_config(args.prefix)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
