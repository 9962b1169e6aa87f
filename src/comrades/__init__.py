"""Helper package of the course "Close Allies, Distant Comrades".

The notebooks stay short because the machinery lives here, in small rooms with one job
each:

- ``data`` — the tables of ``data/``, loaded once, typed and validated; ``paths`` says
  where the course's files live.
- ``vocab`` — the shared wording: score words, signed numbers, state and pair names
  (from ``actors.csv``), phase years (from ``phases.csv``), dates; ``status`` — the
  status of an answer and the words a person reads for it, in quizzes and checks alike.
- ``answers`` — reading what a student wrote (one number reader and printer, one
  text-folding rule) and keeping an answer whole for the teacher's grading.
- ``lens`` — the two-factor model itself: the rule that predicts a relationship.
- ``scores`` — the yearly dyad scores as lookups, and the tested sentences about them;
  ``realignments`` — who changed score in each year of 1973–1989; ``visit_record`` —
  the high-level visits derived from the events, with their rules; ``tablecache`` —
  one shared copy of a table, and what is prepared from it, for tasks and explorers.
- ``charts`` — Altair builders, each with a text description and a colour-blind palette;
  ``tables`` — every table shown the same way: escaped, accessible, text left-aligned.
- ``widgets`` — the explorers (one module each) and their shared wiring.
- ``objectives`` — each lesson's learning objectives by id, which every quiz question
  and task names.
- ``quiz`` — question banks and their widgets; ``check`` and ``tasks`` — the exercises'
  self-checks; ``authoring`` — generates the exercises from the solutions.
- ``progress`` — results saved on the student's machine (``lite`` mirrors them to the
  browser's storage in the in-browser edition); ``myprogress`` — the student's
  own view and export; ``classroom`` — the teacher's view of the class's exports;
  ``lab`` — the historian's lab: events a student adds, checked like the course's data,
  saved with their work and shown beside the course's record by the lab's views only.
- ``hub`` — nbgitpuller links for a school JupyterHub.
- ``grade`` — grades decided on the teacher's machine: every handed-in answer judged
  again (``python -m comrades.grade FOLDER``); ``marking`` — written work banded by its
  rubric; ``graded`` — a class's graded variants, made from its secret and never in an
  edition; ``friendly`` — a short course note above
  a ``NameError`` or ``SyntaxError``, loaded at every kernel start.
- ``publish`` — the builds for reach: the student edition (keys hashed), the reading
  site and the printable handouts.
- ``items`` — every quiz question and task id of the course; ``untrusted`` — escaping
  and spreadsheet-safe cells for whatever a student's or teacher's file holds.
- ``documents`` — primary documents and other historians' readings; ``maps`` — offline
  maps of the two peninsulas and of Indochina.

Importing the package is cheap: rooms are imported when a notebook asks for them.

Two things happen at import. In a kernel, the course's messages for a ``NameError`` or
a ``SyntaxError`` are added if the kernel's configuration has not already done it
(:mod:`comrades.friendly`; the in-browser edition's kernel reads no configuration).
And one more, which must happen here. Altair imports jsonschema, which
imports the optional package ``rfc3987_syntax`` when it is installed (JupyterLab's
``jupyter_events`` brings it along) to check the ``iri`` string format. That package
compiles a grammar at import: about 1.2 s on the reference machine, longer than all of
Altair (README, Performance), and no chart or lesson validates an IRI. A dozen modules
of the package import Altair, so the first of them cannot be known in advance: hence at
package import. The effect is kept as narrow as Python allows (no entry is put into
``sys.modules``): :class:`_SkipIriGrammarForJsonschema` hides ``rfc3987_syntax`` from
jsonschema's own format module only, so that jsonschema, when it is first imported after
this package, leaves the ``iri`` formats unchecked. Any other code may still import
``rfc3987_syntax``, and a jsonschema loaded earlier keeps its checks.
"""

import sys
from importlib import import_module
from importlib.abc import MetaPathFinder

__version__ = "0.1.0"

# What jsonschema is kept from importing (bench/run.py gives its bare-stack kernels the
# same saving, so that its ratio measures only what the course adds).
SKIPPED_AT_IMPORT = ("rfc3987_syntax",)


class _SkipIriGrammarForJsonschema(MetaPathFinder):
    """Answers "not installed" when jsonschema's format module, and only it, asks for
    ``rfc3987_syntax``; every other import goes on to the normal finders."""

    def find_spec(self, fullname, path=None, target=None):
        if fullname not in SKIPPED_AT_IMPORT:
            return None
        frame = sys._getframe(1)
        while frame is not None:
            if frame.f_globals.get("__name__") == "jsonschema._format":
                raise ModuleNotFoundError(
                    "rfc3987_syntax is skipped by comrades while jsonschema loads",
                    name=fullname)
            frame = frame.f_back
        return None


if not any(isinstance(f, _SkipIriGrammarForJsonschema) for f in sys.meta_path):
    sys.meta_path.insert(0, _SkipIriGrammarForJsonschema())

if "IPython" in sys.modules:  # in a kernel (or an IPython shell), never elsewhere
    import_module("comrades.friendly").install()
