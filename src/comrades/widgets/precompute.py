"""Build an explorer's chart once; on every redraw swap only its data and a few values.

Building an Altair chart costs tens of milliseconds (every ``encode`` is checked against
the Vega-Lite schema); an explorer redraws the same chart with other data. So each
explorer builds its chart once, with *named* datasets (``alt.NamedData("lines")``) and
*slots* (``slot("x_domain")``, a placeholder string wherever a value depends on the
choice, such as a scale's domain), and :meth:`ChartTemplate.fill` puts the data and the
values in a copy of the spec. The result is a :class:`~comrades.charts.Figure` like any
other; its ``chart.to_dict()`` validates the filled spec, which the tests do.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

import altair as alt

from comrades.charts import Figure, make_figure

_SLOT = "$slot:"


def slot(name: str) -> dict:
    """A placeholder for a value filled in on every redraw (e.g. a scale's domain).

    It is an expression reference, which Altair accepts wherever a value may be
    computed; :meth:`ChartTemplate.fill` replaces it with the value itself.
    """
    return {"expr": f"{_SLOT}{name}"}


def range_slot(name: str) -> dict:
    """A placeholder for a scale's ``range`` (which takes no expression)."""
    return {"field": f"{_SLOT}{name}"}


def _slot_name(value) -> str | None:
    if isinstance(value, dict) and len(value) == 1:
        value = next(iter(value.values()))
    if isinstance(value, str) and value.startswith(_SLOT):
        return value[len(_SLOT):]
    return None


@dataclass
class FilledChart:
    """A Vega-Lite spec built from a template; quacks like an Altair chart for Figure."""

    spec: dict

    def to_dict(self, validate: bool = True) -> dict:
        if validate:
            alt.vegalite.v5.schema.core.TopLevelSpec.validate(self.spec)
        return self.spec


@dataclass
class ChartTemplate:
    """A chart's spec with the places where data and chosen values go."""

    spec: dict
    slots: dict[str, list[tuple]] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)

    @classmethod
    def build(cls, chart, inline: dict | None = None) -> ChartTemplate:
        """From a finished Altair chart that uses named datasets and :func:`slot` values.

        ``inline`` names datasets that a shared builder embedded as tables (such as
        :func:`comrades.charts.phase_bands`), so that :meth:`fill` can replace their rows:
        ``{"bands": test}``, where ``test(rows)`` is true of exactly one embedded dataset.
        """
        spec = make_figure(chart, "", None, "title").chart.to_dict(validate=False)
        spec["title"] = f"{_SLOT}title"
        spec["description"] = f"{_SLOT}description"
        template = cls(spec)
        template._find(spec, ())
        for name, test in (inline or {}).items():
            found = [key for key, rows in spec.get("datasets", {}).items() if test(rows)]
            if len(found) != 1:
                raise ValueError(f"{len(found)} embedded datasets match {name!r}; need one")
            template.aliases[name] = found[0]
        return template

    def _find(self, node, path: tuple) -> None:
        items = node.items() if isinstance(node, dict) else enumerate(node) \
            if isinstance(node, list) else ()
        for key, value in items:
            if (name := _slot_name(value)) is not None:
                self.slots.setdefault(name, []).append((*path, key))
            else:
                self._find(value, (*path, key))

    def fill(self, datasets: dict[str, list[dict]], description: str, title: str,
             table=None, **values) -> Figure:
        """A Figure with these rows in each named dataset and these values in the slots."""
        values = {**values, "description": description, "title": title}
        missing = set(self.slots) - set(values)
        if missing:
            raise ValueError(f"no value for slot(s) {', '.join(sorted(missing))}")
        spec = copy.deepcopy(self.spec)
        for name, paths in self.slots.items():
            for path in paths:
                node = spec
                for key in path[:-1]:
                    node = node[key]
                node[path[-1]] = values[name]
        spec["datasets"] = {**spec.get("datasets", {}),
                            **{self.aliases.get(k, k): v for k, v in datasets.items()}}
        return Figure(FilledChart(spec), description, table)
