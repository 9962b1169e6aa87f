"""Helper package of the course "Close Allies, Distant Comrades".

The notebooks stay short because the machinery lives here, in small rooms with one job
each: ``data`` (tables, validated), ``charts`` (Altair builders with text descriptions),
``lens`` (the two-factor model), ``widgets`` (explorers), ``quiz`` (question banks and
their widgets), ``check`` (exercise self-checks), ``progress`` (local results),
``documents`` (primary documents and other historians) and ``maps`` (offline maps).

Importing the package is cheap: rooms are imported when a notebook asks for them.
"""

import sys

__version__ = "0.1.0"

# Import cost: Altair imports jsonschema, which imports the optional package
# rfc3987_syntax when it is installed (JupyterLab's jupyter_events brings it along).
# That package compiles a grammar at import: on the reference machine it took longer
# than all of Altair (see README, Performance). A lesson kernel never validates IRI
# formats, so the kernel skips it; jsonschema simply leaves that one format unchecked.
sys.modules.setdefault("rfc3987_syntax", None)
