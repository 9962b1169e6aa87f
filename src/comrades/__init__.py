"""Helper package of the course "Close Allies, Distant Comrades".

The notebooks stay short because the machinery lives here, in small rooms with one job
each: ``data`` (tables, validated), ``charts`` (Altair builders with text descriptions),
``lens`` (the two-factor model), ``widgets`` (explorers), ``quiz`` (question banks and
their widgets), ``check`` (exercise self-checks), ``progress`` (local results),
``documents`` (primary documents and other historians) and ``maps`` (offline maps).

Importing the package is cheap: rooms are imported when a notebook asks for them.

One thing happens at import, and it must happen here. Altair imports jsonschema, which
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
from importlib.abc import MetaPathFinder

__version__ = "0.1.0"


class _SkipIriGrammarForJsonschema(MetaPathFinder):
    """Answers "not installed" when jsonschema's format module, and only it, asks for
    ``rfc3987_syntax``; every other import goes on to the normal finders."""

    def find_spec(self, fullname, path=None, target=None):
        if fullname != "rfc3987_syntax":
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
