"""Helper package of the course "Close Allies, Distant Comrades".

The notebooks stay short because the machinery lives here, in small rooms with one job
each: ``data`` (tables, validated), ``charts`` (Altair builders with text descriptions),
``lens`` (the two-factor model), ``widgets`` (explorers), ``quiz`` (question banks and
their widgets), ``check`` (exercise self-checks) and ``progress`` (local results).

Importing the package is cheap: rooms are imported when a notebook asks for them.
"""

__version__ = "0.1.0"
