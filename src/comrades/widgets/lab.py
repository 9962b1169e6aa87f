"""The historian's lab as a widget (lesson 06): add an event, see what it changes.

A form (labelled fields, a button) adds an event through :mod:`comrades.lab`, which checks
and saves it; a drop-down chooses one of the student's events, and the view sets it
beside the course's record: what :func:`comrades.lab.difference` says, then the Hanoi–Seoul
explorer's chart and summary of the years around it with the student's events drawn in
(each titled "Yours: …"). Everything the student typed reaches the page escaped.
"""

from __future__ import annotations

import ipywidgets as w

from comrades import lab, untrusted, vocab
from comrades.widgets.base import Explorer, View, labelled
from comrades.widgets.hanoi_seoul import YEARS, hanoi_seoul_view

AROUND = 5  # years shown on each side of the chosen event
FIELD_LABELS = {
    "date": ("Date", "1988, 1988-09 or 1988-09-12: as precisely as your source says"),
    "pair": ("Pair of states", "The two states whose relations the event concerns"),
    "bearing": ("Bearing", "How the event moved their relations, from −2 to +2"),
    "title": ("What happened", "A short title, at most 80 characters"),
    "source": ("Who says so", "A newspaper, an archive, a historian: who reports it"),
    "address": ("Where to read it", "A web address (https://…) or a library reference"),
}
NO_EVENT = ("<p>Add an event above: the lab then shows it beside the course's record.</p>")
DIFFERENCE = """<div class="lab-difference"><p><b>What your event changes</b></p>
<ul>{% for said in sentences %}<li>{{ said }}</li>{% endfor %}</ul></div>"""
PROBLEMS = """<p style="color:#D55E00"><b>Not added yet.</b></p><ul>
{% for field, why in problems %}<li>{{ field }}: {{ why }}</li>{% endfor %}</ul>"""


def lab_view(item: str | None, mine: list[lab.StudentEvent]) -> View:
    """The chosen event (``item``) beside the course's record, with all of ``mine``."""
    event = next((e for e in mine if e.item == item), None)
    if event is None:
        return View(None, NO_EVENT)
    dyads = [event.pair] + ([lab.BILATERAL] if event.pair != lab.BILATERAL else [])
    start = min(max(event.year - AROUND, YEARS[0]), YEARS[1] - 1)
    end = max(min(event.year + AROUND, YEARS[1]), start + 1)
    events, sources = lab.overlay(mine)
    shown = hanoi_seoul_view((start, end), dyads, events=events, sources=sources)
    said = untrusted.render(DIFFERENCE, sentences=lab.difference(event, mine).sentences())
    return View(shown.figure, str(said) + shown.summary)


class HistoriansLab:
    """The form, the student's events and the view of the chosen one."""

    def __init__(self) -> None:
        self.fields: dict[str, w.ValueWidget] = {
            "date": w.Text(placeholder="e.g. 1988-09"),
            "pair": w.Dropdown(options=[(f"{vocab.dyad_name(d)} ({d})", d)
                                        for d in lab.pairs()], value=lab.BILATERAL),
            "bearing": w.Dropdown(options=[(f"{vocab.signed(b)}: {lab.BEARING_WORDS[b]}",
                                            str(b)) for b in (2, 1, 0, -1, -2)], value="0"),
            "title": w.Text(), "source": w.Text(), "address": w.Text(),
        }
        for name, control in self.fields.items():
            control.description, tooltip = FIELD_LABELS[name]
            control.layout = w.Layout(width="min(100%, 640px)")
            labelled(control, tooltip)
        self.add_button = w.Button(description="Add my event", button_style="primary",
                                   tooltip="Check your event and save it with your work")
        self.feedback = w.HTML()
        self.chosen = labelled(w.Dropdown(description="Show what it changes:",
                                          layout=w.Layout(width="min(100%, 640px)")),
                               "One of the events you added")
        self.withdraw_button = w.Button(description="Withdraw this event",
                                        tooltip="Leave it out of the lab; it stays in "
                                                "your saved work")
        self.add_button.on_click(lambda _b: self.add())
        self.withdraw_button.on_click(lambda _b: self.withdraw())
        self.explorer = Explorer(
            "A historian's lab", {"item": self.chosen},
            lambda item: lab_view(item, lab.my_events()),
            intro="Add an event the course does not record, then read what it changes. "
                  "Your events never change the course's data, its checks or a grade.")
        self.explorer.arrange(w.VBox([*self.fields.values(), self.add_button,
                                      self.feedback, self.chosen, self.withdraw_button]))
        self.widget = self.explorer.widget
        self.widget.add_class("comrades-lab")
        self.refresh()

    def refresh(self, choose: str | None = None) -> None:
        """List the student's events in the drop-down; choose ``choose`` (or keep)."""
        mine = lab.my_events()
        options = [(f"{e.item}: {e.when}, {e.title}", e.item) for e in mine]
        keep = choose or self.chosen.value
        self.chosen.options = options
        self.chosen.value = keep if keep in {o[1] for o in options} else (
            options[-1][1] if options else None)
        self.withdraw_button.disabled = not options
        self.explorer.update()

    def add(self) -> lab.StudentEvent | None:
        event, problems = lab.add({name: c.value for name, c in self.fields.items()})
        if event is None:
            self.feedback.value = str(untrusted.render(PROBLEMS, problems=[
                (FIELD_LABELS.get(field, (field.capitalize(),))[0], why)
                for field, why in problems.items()]))
            return None
        self.feedback.value = str(untrusted.render(
            "<p>Added and saved as {{ item }}.</p>", item=event.item))
        for name in ("date", "title", "source", "address"):
            self.fields[name].value = ""
        self.refresh(choose=event.item)
        return event

    def withdraw(self) -> None:
        item = self.chosen.value
        if item and lab.withdraw(item):
            self.feedback.value = str(untrusted.render(
                "<p>{{ item }} is left out of the lab (it stays in your saved work).</p>",
                item=item))
            self.refresh()

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)


def historians_lab() -> HistoriansLab:
    """The lab of lesson 06: add your own sourced events and see what they change."""
    return HistoriansLab()
