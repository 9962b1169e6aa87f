"""Helper package of the course "Close Allies, Distant Comrades".

The notebooks stay short because the machinery lives here, in small rooms with one job
each:

- ``data`` — the tables of ``data/``, loaded once, typed and validated; ``paths`` says
  where the course's files live.
- ``vocab`` — the shared wording: score words, signed numbers, state and pair names
  (from ``actors.csv``), phase years (from ``phases.csv``), dates.
- ``lens`` — the two-factor model itself: the rule that predicts a relationship.
- ``charts`` — Altair builders, each with a text description and a colour-blind palette.
- ``widgets`` — the explorers (one module each) and their shared wiring.
- ``quiz`` — question banks and their widgets; ``check`` and ``tasks`` — the exercises'
  self-checks; ``authoring`` — generates the exercises from the solutions.
- ``progress`` — results saved on the student's machine; ``myprogress`` — the student's
  own view and export; ``classroom`` — the teacher's view of the class's exports.
- ``hub`` — nbgitpuller links for a school JupyterHub.

Importing the package is cheap: rooms are imported when a notebook asks for them.
"""

import sys

__version__ = "0.1.0"

# Import cost: Altair imports jsonschema, which imports the optional package
# rfc3987_syntax when it is installed (JupyterLab's jupyter_events brings it along).
# That package compiles a grammar at import: on the reference machine it took longer
# than all of Altair (see README, Performance). A lesson kernel never validates IRI
# formats, so the kernel skips it; jsonschema simply leaves that one format unchecked.
# Import it before Altair (tests/test_import_order.py); bench/run.py applies the same
# settings to the bare-stack kernels it compares the course with.
SKIPPED_AT_IMPORT = ("rfc3987_syntax",)
for _name in SKIPPED_AT_IMPORT:
    sys.modules.setdefault(_name, None)
