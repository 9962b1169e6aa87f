"""Answer boxes: the no-code way into the same checks (``answer_box("01.9")``).

A student who does not code answers a task by clicking and typing words: a text field
for a number or a name, lettered options for a choice, a list to put in order, three
labelled drop-downs to code a phase, a text area for written work. What the box holds
goes to the same task kind, through the same ``comrades.check.check`` and into the same
progress store as a coder's variable: one engine, two ways in.

Written work is saved on every check and shown back: the text area starts with the
text last saved for the task, so it survives a kernel restart and a page reload.

Every control has a visible label and works from the keyboard: Tab to move, the arrow
keys in a list or a set of options, Enter or Space on a button.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import altair as alt
import ipywidgets as w

from comrades import charts, check, data, lens, progress, status, vocab
from comrades.tasks import kinds
from comrades.untrusted import render

FULL = w.Layout(width="100%")
LABEL = {"description_width": "initial"}
NOTHING = "—"


class AnswerBox:
    """One task's answer box: its input, a Check button and the verdict below.
    ``act`` is what the button does with the answer (by default the task's check)."""

    def __init__(self, task_id: str, value: Callable[[], Any], controls: list[w.Widget],
                 button: str = "Check",
                 act: Callable[[str, Any], check.CheckResult] | None = None) -> None:
        self.task_id = task_id
        self._value = value
        self._act = act or check.check
        self.button = w.Button(description=button, button_style="primary",
                               tooltip=f"{button} your answer to task {task_id}")
        self.feedback = w.HTML()
        self.button.on_click(lambda _button: self.check())
        self.widget = w.VBox([*controls, self.button, self.feedback],
                             layout=w.Layout(border="1px solid #ccc", padding="0.5em"))
        self.widget.add_class("comrades-answer")

    def value(self) -> Any:
        return self._value()

    def check(self) -> check.CheckResult:
        """Check what the box holds, as ``check(task, value)`` would; show the verdict."""
        result = self._act(self.task_id, self.value())
        self.feedback.value = result._repr_html_()
        return result

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)


def answer_box(task_id: str) -> AnswerBox:
    """The answer box for ``task_id``, built from its kind; a task that needs code (a
    table, a chart) says so instead of offering a box that could not answer it, except
    the capstone's chart (07.3), which has a chart builder."""
    task = check.task(task_id)
    if task_id in CHART_BUILDERS:
        return CHART_BUILDERS[task_id](task_id, task)
    for kind, build in BUILDERS:
        if isinstance(task, kind):
            return build(task_id, task)
    note = w.HTML(render("<p><em>Task {{ t }} is answered in code (a table or a chart): "
                         "use the cell above.</em></p>", t=task_id))
    return AnswerBox(task_id, lambda: None, [note])


def _number(task_id: str, task: kinds.Number) -> AnswerBox:
    unit = f" in {task.unit}" if task.unit else ""
    field = w.Text(description=f"Your answer ({task.what}{unit}):", style=LABEL,
                   placeholder="a number, in digits or in words", layout=FULL)
    return AnswerBox(task_id, lambda: field.value, [field])


def _words(task_id: str, task: kinds.Words) -> AnswerBox:
    field = w.Text(description=f"Your answer ({task.what}):", style=LABEL, layout=FULL,
                   placeholder="a few words")
    return AnswerBox(task_id, lambda: field.value, [field])


def _choice(task_id: str, task: kinds.Choice) -> AnswerBox:
    letters = kinds.LETTERS[:len(task.options)]
    options = w.RadioButtons(options=[(f"{letter}. {text}", letter) for letter, text
                                      in zip(letters, task.options, strict=True)],
                             value=None, description="Your choice:", style=LABEL,
                             layout=FULL)
    return AnswerBox(task_id, lambda: options.value, [options])


def order_control(shown: list[tuple[Any, str]]) -> tuple[list[w.Widget], Callable[[], list]]:
    """A list to put in order, shown as ``(value, label)`` pairs: choose an item with the
    arrow keys, then move it with the buttons. Returns the controls and a function giving
    the values in their current order."""
    label_of = dict(shown)
    order = w.Select(options=[(label, value) for value, label in shown], rows=len(shown),
                     description="Order (first at the top):", style=LABEL, layout=FULL)
    up = w.Button(description="Move up", icon="arrow-up",
                  tooltip="Move the chosen item one place up")
    down = w.Button(description="Move down", icon="arrow-down",
                    tooltip="Move the chosen item one place down")

    def move(step: int) -> None:
        values = [value for _, value in order.options]
        chosen = order.value
        if chosen is None:
            return
        at = values.index(chosen)
        to = min(max(at + step, 0), len(values) - 1)
        values.insert(to, values.pop(at))
        order.options = [(label_of[v], v) for v in values]
        order.value = chosen

    up.on_click(lambda _b: move(-1))
    down.on_click(lambda _b: move(1))
    return [order, w.HBox([up, down])], lambda: [value for _, value in order.options]


def _ordering(task_id: str, task: kinds.Ordering) -> AnswerBox:
    """The items as the task shows them (neutral letters, in a shuffled order)."""
    shown = task.choices() if task.labelled else [(i, str(i)) for i in task._stored()[1]]
    controls, value = order_control(shown)
    return AnswerBox(task_id, value, controls)


def _coding(task_id: str, task: kinds.Coding) -> AnswerBox:
    scale = [(NOTHING, None)] + [(word, score) for score, word
                                 in sorted(lens.ALIGNMENT.items(), reverse=True)]
    ideology = w.Dropdown(options=scale, value=None, description="Party ideology:",
                          style=LABEL)
    interests = w.Dropdown(options=scale, value=None, description="State interests:",
                           style=LABEL)
    relationship = w.Dropdown(options=[(NOTHING, None)] + [(r, r) for r in
                                                            lens.RELATIONSHIPS],
                              value=None, description="The relationship:", style=LABEL)

    def value() -> Any:
        chosen = {"ideology": ideology.value, "interests": interests.value,
                  "relationship": relationship.value}
        return None if all(v is None for v in chosen.values()) else chosen

    return AnswerBox(task_id, value, [ideology, interests, relationship])


def saved_text(task_id: str) -> str:
    """The text last saved for written task ``task_id`` ("" if none)."""
    texts = [row["answer"] for row in progress.results()
             if row["item"] == task_id and row["kind"] == "exercise"
             and row["status"] in (status.SUBMITTED, status.FAILED) and row["answer"]]
    return texts[-1] if texts else ""


def _written(task_id: str, task: kinds.FreeText) -> AnswerBox:
    least, most = task.words
    text = w.Textarea(value=saved_text(task_id), description="Your text:", style=LABEL,
                      placeholder=f"Write {least}–{most} words here.",
                      layout=w.Layout(width="100%", height="14em"))
    note = w.HTML()

    def count(_change: Any = None) -> None:
        words = len(text.value.split())
        note.value = render("<small>{{ n }} word{{ '' if n == 1 else 's' }} (aim for "
                            "{{ least }}–{{ most }}). Check saves it for your teacher."
                            "</small>", n=words, least=least, most=most)

    text.observe(count, names="value")
    count()
    box = AnswerBox(task_id, lambda: text.value, [text, note], button="Save and check")
    # Comparing with a model answer is a deliberate act, recorded for the teacher (the
    # written kind shows the key points only for a real attempt).
    show = w.Button(description="Compare with the key points",
                    tooltip=f"Show the key points of a model answer to task {task_id}; "
                            "your teacher sees that you looked")

    def compare(_button: Any) -> None:
        box.feedback.value = check.check(task_id, text.value, reveal=True)._repr_html_()

    show.on_click(compare)
    box.widget.children = (*box.widget.children[:-1], show, box.widget.children[-1])
    return box


MARKS = {"line": "a line", "point": "points", "bar": "bars"}


def pair_chart(dyads: list[str], start: int, end: int, mark: str, title: str) -> alt.Chart:
    """The chart a coder would write for yearly scores of some pairs:
    ``alt.Chart(rows).mark_line().encode(x="year:Q", y="score:Q", color="pair:N")``,
    with a title and a text description (the course's colour-blind-safe palette)."""
    rows = charts.with_pair_names(data.relations())
    rows = rows[rows["dyad"].isin(dyads) & rows["year"].between(start, end)]
    rows = rows[["pair", "year", "score"]].reset_index(drop=True)
    names = [vocab.dyad_name(d) for d in dyads]
    chart = alt.Chart(rows)
    chart = {"line": chart.mark_line(), "point": chart.mark_point(filled=True),
             "bar": chart.mark_bar()}[mark]
    described = (f"{MARKS[mark].capitalize()} of the course's yearly scores (-2 hostile to "
                 f"+2 allied) of {', '.join(names)}, {start}–{end}.")
    return chart.encode(
        x=alt.X("year:O" if mark == "bar" else "year:Q", title="Year",
                axis=alt.Axis(format="d") if mark != "bar" else alt.Axis()),
        y=alt.Y("score:Q", title="Score (-2 hostile … 2 allied)",
                scale=alt.Scale(domain=[-2, 2])),
        color=alt.Color("pair:N", title="Pair",
                        scale=alt.Scale(domain=names, range=charts.PALETTE[:len(names)])),
        xOffset="pair:N" if mark == "bar" else alt.Undefined,
        tooltip=["pair:N", "year:Q", "score:Q"],
    ).properties(title=title or "Yearly scores", description=described, width=520)


def _chart_builder(task_id: str, task: kinds.Chart) -> AnswerBox:
    """Pairs, years, a mark and a title: the chart a coder would make, shown as it is
    built and judged by the task's own check."""
    dyads = sorted(data.relations()["dyad"].unique())
    pairs = w.SelectMultiple(options=[(vocab.dyad_name(d), d) for d in dyads],
                             value=("VNM-PRK",), rows=min(8, len(dyads)),
                             description="Pairs (Ctrl or Shift to choose several):",
                             style=LABEL, layout=FULL)
    years = data.relations()["year"]
    first = w.BoundedIntText(value=int(years.min()), min=int(years.min()),
                             max=int(years.max()), description="From:", style=LABEL)
    last = w.BoundedIntText(value=int(years.max()), min=int(years.min()),
                            max=int(years.max()), description="To:", style=LABEL)
    mark = w.Dropdown(options=[(v, k) for k, v in MARKS.items()], value="line",
                      description="Draw as:", style=LABEL)
    title = w.Text(description="Title:", style=LABEL, layout=FULL,
                   placeholder="what your chart shows, in a sentence")
    preview = w.Output()

    def chart() -> alt.Chart | None:
        if not pairs.value:
            return None
        return pair_chart(list(pairs.value), min(first.value, last.value),
                          max(first.value, last.value), mark.value, title.value.strip())

    def redraw(_change: Any = None) -> None:
        shown = chart()
        preview.outputs = () if shown is None else tuple(
            charts.make_figure(shown, shown.description).outputs())

    for control in (pairs, first, last, mark, title):
        control.observe(redraw, names="value")
    redraw()
    return AnswerBox(task_id, chart, [pairs, w.HBox([first, last]), mark, title, preview])


CHART_BUILDERS: dict[str, Callable[[str, Any], AnswerBox]] = {"07.3": _chart_builder}


BUILDERS: list[tuple[type, Callable[[str, Any], AnswerBox]]] = [
    (kinds.FreeText, _written), (kinds.Coding, _coding), (kinds.Ordering, _ordering),
    (kinds.Choice, _choice), (kinds.Words, _words), (kinds.Number, _number)]
