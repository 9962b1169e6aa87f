"""The marking desk: read each student's written work and record a band per criterion.

In a teacher's notebook (``docs/marking.ipynb``)::

    from comrades.widgets.marking import MarkingDesk
    MarkingDesk("path/to/exports")

Choose a written task and a student: the desk shows the text handed in last, the first
version beside it when they differ (a later version never hides the first), the task's
key points and, for each criterion of its rubric, the four bands to choose from. *Save
marks* appends them to the marks file (``comrades.marking``); the bands already saved
are shown when the student is chosen again. Everything from a student's file is escaped.
Every control has a visible label and works from the keyboard.
"""

from __future__ import annotations

import os
from pathlib import Path

import ipywidgets as w
import pandas as pd

from comrades import check, classroom, marking
from comrades.untrusted import render

LABEL = {"description_width": "initial"}
FULL = w.Layout(width="100%")
NOT_MARKED = "not marked yet"

ESSAY = """<div class="comrades-essay">
<h3>{{ student }} · task {{ item }}</h3>
<p><em>Handed in {{ handed_in }}, {{ words }} words{% if versions > 1 %}, version {{ versions
}} of {{ versions }}{% endif %}.</em></p>
<div style="white-space:pre-wrap;border:1px solid #999;padding:0.5em">{{ answer }}</div>
{% if first %}<h4>The first version handed in</h4>
<div style="white-space:pre-wrap;border:1px dashed #999;padding:0.5em">{{ first }}</div>
{% endif %}
{% if key_points %}<h4>Key points of a model answer</h4>
<ol>{% for point in key_points %}<li>{{ point }}</li>{% endfor %}</ol>{% endif %}
</div>"""


class MarkingDesk:
    """Written work of the exports in ``folder``, marked into ``marks`` (by default the
    marks file in ``folder``)."""

    def __init__(self, folder: str | os.PathLike, marks: str | os.PathLike | None = None):
        self.folder = Path(folder)
        self.marks = Path(marks) if marks is not None else marking.default_path(self.folder)
        results = classroom.read_exports(self.folder)
        self.work = classroom.written_work(results)
        ids = results[["student", "student_id"]].drop_duplicates()
        self._ids = dict(ids.itertuples(index=False, name=None))
        items = list(dict.fromkeys(self.work["item"]))
        self.task = w.Dropdown(options=items, description="Written task:", style=LABEL)
        self.student = w.Dropdown(description="Student:", style=LABEL)
        self.essay = w.HTML()
        self.bands = w.VBox()
        self.save = w.Button(description="Save marks", button_style="primary",
                             tooltip="Append these bands to the marks file")
        self.status = w.HTML()
        self.task.observe(lambda _change: self._choose_task(), names="value")
        self.student.observe(lambda _change: self._show(), names="value")
        self.save.on_click(lambda _button: self.save_marks())
        self.widget = w.VBox([w.HBox([self.task, self.student]), self.essay, self.bands,
                              self.save, self.status], layout=FULL)
        self.widget.add_class("comrades-marking")
        self._choose_task()

    # --- what is shown -----------------------------------------------------------------

    def _rows(self) -> pd.DataFrame:
        return self.work[self.work["item"] == self.task.value]

    def _choose_task(self) -> None:
        names = list(self._rows()["student"])
        self.student.options = names
        self.student.value = names[0] if names else None
        self._show()

    def _row(self):
        rows = self._rows()
        rows = rows[rows["student"] == self.student.value]
        return rows.iloc[0] if len(rows) else None

    def _show(self) -> None:
        row = self._row()
        if row is None:
            self.essay.value = "<p>No written work has been handed in for this task.</p>"
            self.bands.children = ()
            return
        task = check.task(row["item"]) if row["item"] in check.registered_tasks() else None
        self.essay.value = str(render(
            ESSAY, student=row["student"], item=row["item"], handed_in=row["handed_in"],
            words=row["words"], versions=int(row["versions"]), answer=row["answer"],
            first=row["first_answer"], key_points=getattr(task, "key_points", ())))
        saved = marking.read(self.marks)
        saved = saved[(saved["student_id"] == self._ids.get(row["student"], ""))
                      & (saved["item"] == row["item"])].set_index("criterion")["band"]
        rubric = marking.rubric_for(row["item"])
        self.bands.children = tuple(
            w.Dropdown(options=[(NOT_MARKED, None)] + [
                (f"{band} · {marking.BAND_NAMES[band]}: {criterion.describe(band)}", band)
                for band in marking.BANDS],
                value=int(saved[criterion.name]) if criterion.name in saved else None,
                description=f"{criterion.name}:", style=LABEL, layout=FULL)
            for criterion in rubric.criteria)
        self.status.value = ""

    # --- what is saved -----------------------------------------------------------------

    def save_marks(self) -> int:
        """Append every band chosen to the marks file; returns how many were saved."""
        row = self._row()
        if row is None:
            return 0
        rubric = marking.rubric_for(row["item"])
        saved = 0
        for criterion, choice in zip(rubric.criteria, self.bands.children, strict=True):
            if choice.value is not None:
                marking.record(self.marks, self._ids.get(row["student"], row["student"]),
                               row["student"], row["item"], criterion.name, choice.value)
                saved += 1
        self.status.value = str(render(
            "<p>Saved {{ n }} band{{ 's' if n != 1 else '' }} for {{ who }}, task {{ item }} "
            "(in {{ file }}).</p>", n=saved, who=row["student"], item=row["item"],
            file=self.marks.name))
        return saved

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)
