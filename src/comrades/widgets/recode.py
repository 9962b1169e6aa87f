"""Notebook 06's explorer: recode every phase yourself and see whether the lens still fits.

Each phase 01–06 gets a pair of controls (party ideology, state interests) on the course's
five-step scale, starting at the codings in ``data/phases.csv``. The view asks the lens
(:func:`comrades.lens.predict`) what each coding implies, compares that with the
relationship the course records for the phase, and says how many phases agree and, for
those that do not, which way the lens errs and why that matters for the argument [¶4].
"""

from __future__ import annotations

from functools import lru_cache

import altair as alt
import ipywidgets as w
import pandas as pd

from comrades import lens, untrusted, vocab
from comrades.charts import OKABE_ITO
from comrades.tablecache import once_per_tables, shared
from comrades.widgets.base import Explorer, View, labelled
from comrades.widgets.precompute import ChartTemplate

FACTORS = ("ideology", "interests")
_COLUMN = {"ideology": "ideology_score", "interests": "interest_score"}
_OPTIONS = vocab.alignment_options()
SERIES = ("recorded", "lens prediction")
_SERIES_COLOURS = [OKABE_ITO["blue"], OKABE_ITO["orange"]]


def control_name(factor: str, phase: str) -> str:
    """The keyword of one control: ``ideology_03``, ``interests_06``."""
    return f"{factor}_{phase}"


def course_codings(phases: pd.DataFrame) -> dict[str, int]:
    """The course's own codings as control values: {"ideology_01": 2, ...}."""
    return {control_name(f, str(p.phase)): int(getattr(p, _COLUMN[f]))
            for p in phases.itertuples() for f in FACTORS}


def recode(phases: pd.DataFrame, scores: dict[str, int]) -> pd.DataFrame:
    """One row per phase: the course's codings, yours, the prediction and the record.

    ``scores`` maps control names (``ideology_03``) to -2..2; a phase or factor left out
    keeps the course's coding. An unknown name or a score off the scale raises
    ``ValueError`` with a plain message.
    """
    course = course_codings(phases)
    unknown = sorted(set(scores) - set(course))
    if unknown:
        raise ValueError(f"there is no phase control named '{unknown[0]}'")
    rows = []
    for p in phases.itertuples():
        phase = str(p.phase)
        mine = {f: scores.get(control_name(f, phase), course[control_name(f, phase)])
                for f in FACTORS}
        predicted = lens.predict(mine["ideology"], mine["interests"])
        changed = [f"{f} {lens.ALIGNMENT[course[control_name(f, phase)]]} → "
                   f"{lens.ALIGNMENT[mine[f]]}" for f in FACTORS
                   if mine[f] != course[control_name(f, phase)]]
        rows.append({
            "phase": phase, "title": str(p.title),
            "years": f"{p.start_year}–{p.end_year}",
            "ideology": lens.ALIGNMENT[mine["ideology"]],
            "interests": lens.ALIGNMENT[mine["interests"]],
            "ideology_score": mine["ideology"], "interest_score": mine["interests"],
            "predicted": predicted, "recorded": str(p.relationship),
            "match": predicted == str(p.relationship),
            "changed": "; ".join(changed),
        })
    columns = ["phase", "title", "years", "ideology", "interests", "ideology_score",
               "interest_score", "predicted", "recorded", "match", "changed"]
    return pd.DataFrame(rows, columns=columns)


def why_it_matters(row) -> str:
    """One sentence on what a disagreement in this phase means for the argument."""
    predicted, recorded = row.predicted, row.recorded
    if recorded == "alliance":
        return ("The one alliance in the record is no longer explained: it is the central "
                "case of the argument that both factors must align [¶4–5].")
    if predicted == "alliance":
        return ("The lens now expects allies where the record has none: either this coding "
                "overstates the alignment, or alignment alone does not make allies [¶4].")
    if lens.warmth(predicted) > lens.warmth(recorded):
        return (f"The lens is too optimistic here: relations were {recorded}, cooler than "
                "your coding of the two factors allows. Something the lens leaves out kept "
                "them apart, or the coding is too generous.")
    return (f"The lens is too pessimistic here: relations were {recorded}, warmer than "
            "your coding allows. Either the coding is too harsh, or the two states stayed "
            "on better terms than their ideology and interests suggest.")


@lru_cache(maxsize=8)
def _template(order: tuple[str, ...]) -> ChartTemplate:
    """The dot chart for these phase labels, built once (see :func:`recode_chart`)."""
    x = alt.X("phase:N", sort=list(order), title="Phase", axis=alt.Axis(labelAngle=0))
    points = alt.Chart(alt.NamedData("points")).mark_point(
        filled=True, size=220, opacity=0.9).encode(
        x=x, xOffset=alt.XOffset("series:N", sort=list(SERIES)),
        y=alt.Y("relationship:N", sort=list(lens.RELATIONSHIPS),
                scale=alt.Scale(domain=list(lens.RELATIONSHIPS)),
                title="Relationship (warmest at the top)"),
        color=alt.Color("series:N", scale=alt.Scale(domain=list(SERIES),
                                                    range=_SERIES_COLOURS), title=None),
        shape=alt.Shape("series:N", scale=alt.Scale(domain=list(SERIES),
                                                    range=["square", "triangle-up"]),
                        title=None),
        tooltip=[alt.Tooltip("phase:N", title="Phase"), alt.Tooltip("title:N", title="Title"),
                 alt.Tooltip("series:N", title="Series"),
                 alt.Tooltip("relationship:N", title="Relationship")],
    )
    marks = alt.Chart(alt.NamedData("verdicts")).mark_text(
        fontSize=11, fontWeight="bold", dy=-8).encode(
        x=x, y=alt.value(0), text="verdict:N",
        color=alt.condition(alt.datum.verdict == "differ", alt.value(OKABE_ITO["vermillion"]),
                            alt.value(OKABE_ITO["black"])))
    chart = alt.layer(points, marks).properties(width=max(120, 95 * len(order)), height=230)
    return ChartTemplate.build(chart)


def recode_chart(table: pd.DataFrame):
    """Predicted against recorded relationship, phase by phase (a Figure)."""
    rows = list(table.itertuples())
    labels = [f"{r.phase} ({r.years})" for r in rows]
    points = [{"phase": label, "series": series, "relationship": value, "title": r.title}
              for series, column in zip(SERIES, ("recorded", "predicted"), strict=True)
              for label, r in zip(labels, rows, strict=True) for value in [getattr(r, column)]]
    verdicts = [{"phase": label, "verdict": "agree" if r.match else "differ"}
                for label, r in zip(labels, rows, strict=True)]
    agree = [r.phase for r in table.itertuples() if r.match]
    differ = [f"{r.phase} (lens predicts {r.predicted}, record says {r.recorded})"
              for r in table.itertuples() if not r.match]
    description = (
        "Dot chart with one column per phase. In each column a blue square marks the "
        "relationship the course records and an orange triangle the relationship the lens "
        "predicts from the codings; the relationship axis runs from alliance at the top to "
        "hostile at the bottom, and a word above each column says whether the two agree. "
        f"Agree: {', '.join(agree) or 'no phase'}. "
        f"Differ: {'; '.join(differ) or 'no phase'}.")
    shown = table[["phase", "title", "years", "ideology", "interests", "predicted",
                   "recorded", "match", "changed"]].assign(
        match=table["match"].map({True: "yes", False: "no"}))
    return _template(tuple(labels)).fill({"points": points, "verdicts": verdicts},
                                         description, "Lens prediction against the record",
                                         shown)


def _course_hits(phases: pd.DataFrame) -> int:
    """How many phases the lens gets right with the course's own codings."""
    return int(recode(phases, {})["match"].sum())


def recode_view(phases: pd.DataFrame | None = None, **scores: int) -> View:
    """Agreement between the lens and the record for the given codings.

    Keyword arguments are control values such as ``ideology_03=2, interests_03=-2``;
    phases not mentioned keep the course's codings from ``data/phases.csv``.
    """
    phases = shared("phases") if phases is None else phases
    if len(phases) == 0:
        return View(None, "<p>There are no phases to compare.</p>")
    table = recode(phases, scores)
    hits, total = int(table["match"].sum()), len(table)
    base_hits = once_per_tables(_course_hits, phases)
    parts = [f"<p><b>{hits} of {total} phases</b> agree with the record "
             f"(agreement {hits / total:.0%}); with the course's codings, {base_hits} of "
             f"{total}.</p>"]
    changes = [f"{r.phase}: {untrusted.text(r.changed)}" for r in table.itertuples()
               if r.changed]
    if changes:
        parts.append("<p>Your changes: " + "; ".join(changes) + ".</p>")
    else:
        parts.append("<p>These are the course's codings; change any of them.</p>")
    wrong = table[~table["match"]]
    if len(wrong):
        items = "".join(
            f"<li><b>Phase {r.phase}</b> ({r.years}, {untrusted.text(r.title)}): the lens "
            f"predicts <b>{r.predicted}</b>, the record says <b>{r.recorded}</b>. "
            f"{why_it_matters(r)}</li>" for r in wrong.itertuples())
        parts.append(f"<p>Phases that now disagree:</p><ul>{items}</ul>")
        parts.append("<p>A disagreement is evidence against either your coding or the lens. "
                     "Check the coding against the phase's rationale and sources first; if "
                     "you can still defend it, you have found a place where the two-factor "
                     "argument is weak.</p>")
    elif changes:
        parts.append("<p>Every phase still agrees: your changes moved phases to squares "
                     "where the lens predicts the same relationship, so its verdict does "
                     "not hang on them. Ask which change would break it.</p>")
    else:
        parts.append("<p>A perfect score is partly built in: the course wrote both the "
                     "codings and the rule from the same article. The real test is whether "
                     "codings you can defend from the sources also fit.</p>")
    return View(recode_chart(table), "".join(parts))


def recode_explorer(**scores: int) -> Explorer:
    """Twelve labelled drop-downs (two per phase), a reset button, the verdict and chart.

    Keyword arguments (``interests_06=1``) start a control away from the course's coding.
    """
    phases = shared("phases")
    start = {**course_codings(phases), **scores}
    recode(phases, start)  # an unknown name or an off-scale score fails here, plainly
    controls, rows = {}, []
    for p in phases.itertuples():
        phase = str(p.phase)
        pair = []
        for factor, tip in (("ideology", "how far the two ruling parties' ideology agreed"),
                            ("interests", "how far the two states' interests agreed")):
            name = control_name(factor, phase)
            controls[name] = labelled(w.Dropdown(
                options=_OPTIONS, value=start[name], description=f"{phase} {factor}",
                layout=w.Layout(width="250px")),
                f"Phase {phase} ({p.start_year}–{p.end_year}): {tip}")
            pair.append(controls[name])
        heading = w.HTML(f"<b>{phase}</b> {untrusted.text(str(p.title))} "
                         f"({p.start_year}–{p.end_year}); recorded: {p.relationship}",
                         layout=w.Layout(width="380px"))
        rows.append(w.HBox([heading, *pair]))
    explorer = Explorer(
        "Recode the phases", controls,
        lambda **values: recode_view(phases, **values),
        intro="Each row is a phase with the course's codings. Change a drop-down (Tab to "
              "it, then the arrow keys) to recode ideology or interests; the lens predicts "
              "again and the chart compares every prediction with the record.")
    reset = w.Button(description="Reset to the course's codings", layout=w.Layout(width="auto"),
                     tooltip="Put every drop-down back to the codings in data/phases.csv")

    def _reset(_button=None):
        for name, control in controls.items():
            control.unobserve(explorer.update, names="value")
            control.value = course_codings(phases)[name]
            control.observe(explorer.update, names="value")
        explorer.update()

    reset.on_click(_reset)
    explorer.reset = _reset
    explorer.arrange(w.VBox([*rows, reset]))
    return explorer
