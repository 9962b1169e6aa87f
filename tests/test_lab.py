"""Issue 23.6: the historian's lab. A student's own sourced event is checked like the
course's data, saved in their progress, shown beside the course's record by the lab's
views only, and listed for the teacher; the course's data, checks and grades ignore it."""

from __future__ import annotations

import datetime as dt

import pytest

from comrades import classroom, data, grade, lab, myprogress, progress, status
from comrades.check import task
from comrades.items import LAB_EVENT, LAB_LESSON

GOOD = {"date": "1988-09-12", "pair": "VNM-PRK", "bearing": "1",
        "title": "Võ Chí Công presents the Gold Star Order to Kim Il-sung",
        "source": "Vietnam News Agency", "address": "https://en.vietnamplus.vn/example"}


def event(**changes) -> dict:
    return {**GOOD, **changes}


@pytest.fixture(autouse=True)
def own_progress(progress_dir):
    return progress_dir


@pytest.mark.parametrize("changes, date, precision", [
    ({}, "1988-09-12", "day"),
    ({"date": "1988-09"}, "1988-09-01", "month"),
    ({"date": " 1988 "}, "1988-01-01", "year"),
    ({"date": "1988-9-2"}, "1988-09-02", "day"),
])
def test_a_date_is_read_as_precisely_as_it_is_given(changes, date, precision):
    clean, problems = lab.check_event(event(**changes))
    assert problems == {} and (clean["date"], clean["precision"]) == (date, precision)


@pytest.mark.parametrize("changes, field, said", [
    ({"date": "12/09/1988"}, "date", "1988-09-12"),
    ({"date": "1988-13"}, "date", "not a real date"),
    ({"date": "1988-02-30"}, "date", "not a real date"),
    ({"date": "1944"}, "date", "from 1945"),
    ({"date": "2999-01-01"}, "date", "to today"),
    ({"pair": "VNM-FRA"}, "pair", "pairs the course scores"),
    ({"pair": ""}, "pair", "pairs the course scores"),
    ({"bearing": "3"}, "bearing", "above the maximum 2"),
    ({"bearing": "-3"}, "bearing", "below the minimum -2"),
    ({"bearing": "warm"}, "bearing", "not a whole number"),
    ({"title": ""}, "title", "required"),
    ({"title": "x" * 81}, "title", "more than 80"),
    ({"source": "  "}, "source", "who reports it"),
    ({"address": ""}, "address", "web address or a library reference"),
    ({"address": "javascript:alert(1)"}, "address", "https://"),
    ({"address": "ftp://example.org/x"}, "address", "https://"),
])
def test_a_wrong_field_is_named_with_what_to_do(changes, field, said):
    _clean, problems = lab.check_event(event(**changes))
    assert list(problems) == [field] and said in problems[field]


@pytest.mark.parametrize("address", [
    "https://digitalarchive.wilsoncenter.org/document/116616",
    "Wilson Center Digital Archive, document 116616",
    "Szalontai (2012), Journal of Cold War Studies, p. 139",
])
def test_a_web_address_or_a_library_reference_is_accepted(address):
    assert lab.check_event(event(address=address))[1] == {}


def test_an_added_event_is_saved_for_the_teacher_and_read_back():
    added, problems = lab.add(GOOD)
    assert problems == {} and added.item == "L.1" and added.bearing == 1
    (row,) = progress.results()
    assert (row["lesson"], row["item"], row["kind"], row["status"]) == \
        (LAB_LESSON, "L.1", LAB_EVENT, status.SUBMITTED)
    second, _ = lab.add(event(date="1992", pair="VNM-KOR", bearing="2",
                              title="Hanoi and Seoul open relations"))
    assert second.item == "L.2"
    assert lab.my_events() == [added, second]


def test_a_refused_event_saves_nothing():
    assert lab.add(event(date="soon"))[0] is None
    assert progress.results() == []


def test_a_withdrawn_event_leaves_the_lab_but_stays_saved():
    added, _ = lab.add(GOOD)
    assert lab.withdraw(added.item) and lab.my_events() == []
    assert [r["detail"] for r in progress.results()] == [lab.ADDED, lab.WITHDRAWN]
    assert not lab.withdraw("L.9")
    again, _ = lab.add(GOOD)
    assert again.item == "L.2", "a new event never takes a withdrawn one's id"


def test_the_course_data_and_its_checks_ignore_student_events():
    before = data.events()
    count_task = task("03.1")
    expected_before = count_task.expected()
    for year in ("1975", "1976", "1977", "1978"):
        lab.add(event(date=year, bearing="-2", title=f"A quarrel of {year}"))
    after = data.events()
    assert after.equals(before) and not after["event_id"].str.startswith("L").any()
    assert count_task.expected() == expected_before


def test_the_overlay_adds_the_students_events_to_a_copy_only():
    added, _ = lab.add(GOOD)
    events, sources = lab.overlay([added])
    course = data.events()
    assert len(events) == len(course) + 1
    mine = events[events["event_id"] == "L.1"].iloc[0]
    assert mine["title"].startswith("Yours: ") and mine["bearing"] == 1
    assert mine["scope"] == "bilateral" and mine["actors"] == "VNM;PRK"
    assert (events.dtypes == course.dtypes).all(), "each column keeps the course's type"
    cited = sources[sources["source_id"] == mine["source_ids"]].iloc[0]
    assert cited["author"] == "your source: Vietnam News Agency"
    assert len(data.events()) == len(course)


def test_a_warming_event_in_a_hostile_year_pulls_against_the_score():
    added, _ = lab.add(event(bearing="2"))
    found = lab.difference(added)
    course = data.events()
    phase = course[(course["phase"] == "03") & (course["scope"] == "bilateral")]
    assert found.phase == "03" and found.score == -2
    assert found.phase_count == len(phase)
    assert found.phase_mean == pytest.approx(phase["bearing"].mean())
    assert found.with_mine == pytest.approx((phase["bearing"].sum() + 2) / (len(phase) + 1))
    said = " ".join(found.sentences())
    assert "pulls against the course's score" in said and "sharply warmed" in said
    assert "codes “hostile”" in said and "the lens predicts “hostile”" in said


@pytest.mark.parametrize("bearing, words", [
    ("-1", "points the same way as the course's score"),
    ("0", "As context, it moves nothing by itself"),
])
def test_a_cooling_or_neutral_event_is_read_for_what_it_is(bearing, words):
    added, _ = lab.add(event(bearing=bearing))
    assert words in " ".join(lab.difference(added).sentences())


def test_every_student_event_of_the_phase_counts_in_its_average():
    first, _ = lab.add(event(bearing="2"))
    lab.add(event(date="1985", bearing="2", title="Another thaw"))
    lab.add(event(date="2010", bearing="-2", title="Another phase"))
    found = lab.difference(first)
    assert found.mine_in_phase == 2
    assert found.with_mine > found.phase_mean


def test_another_pair_moves_no_phase_average():
    added, _ = lab.add(event(pair="VNM-CHN", date="1979-02-17", bearing="-2",
                             title="China attacks Vietnam's northern border"))
    said = " ".join(lab.difference(added).sentences())
    assert "code Vietnam–North Korea only" in said and "phase 03" not in said


@pytest.mark.parametrize("year, phase", [(1945, "01"), (1954, "02"), (1973, "03"),
                                         (1988, "03"), (2024, "06")])
def test_a_year_where_phases_meet_belongs_to_the_later_one(year, phase):
    assert lab.phase_of(year) == phase


def test_the_teacher_sees_every_event_added_and_none_is_counted_as_work(tmp_path,
                                                                        monkeypatch):
    monkeypatch.setattr(progress, "_STUDENT", "")
    progress.set_student("Ana Lima")
    lab.add(event(title="<img src=x onerror=alert(1)>"))
    kept, _ = lab.add(event(date="1992", pair="VNM-KOR", bearing="2",
                            title="=HYPERLINK(\"http://x\")"))
    lab.withdraw(kept.item)
    folder = tmp_path / "class"
    folder.mkdir()
    progress.export_csv(folder / "progress-ana-1.csv")
    results = classroom.read_exports(folder)
    table = classroom.lab_events(results)
    assert table["id"].tolist() == ["L.1", "L.2"]
    assert table["state"].tolist() == [lab.ADDED, lab.WITHDRAWN]
    assert table["student"].unique().tolist() == ["Ana Lima"]
    shown = classroom.show_table(table).to_html()
    assert "<img" not in shown and "&lt;img" in shown
    saved = classroom.save_csv(table, tmp_path / "lab.csv").read_text(encoding="utf-8")
    assert "'=HYPERLINK" in saved, "a formula is neutralised in the CSV"
    assert classroom.lesson_overview(results).empty
    assert classroom.written_work(results).empty
    assert grade.grade_folder(folder)["gradebook"].empty


def test_a_hand_edited_event_is_listed_as_failing_the_checks():
    added, _ = lab.add(GOOD)
    assert lab.from_row(added.item, progress.results()[0]["answer"]) == added
    broken = progress.results()[0]["answer"].replace('"bearing": 1', '"bearing": 7')
    assert broken != progress.results()[0]["answer"]
    assert lab.from_row("L.1", broken) is None
    assert lab.from_row("L.1", "not a record") is None


def test_my_progress_leaves_lab_events_out_of_the_lessons():
    lab.add(GOOD)
    table = myprogress.summary(progress.results())
    assert LAB_LESSON not in set(table["lesson"])


def test_the_lab_widget_adds_shows_and_withdraws_an_event():
    from comrades.widgets.lab import NO_EVENT, historians_lab

    shown = historians_lab()
    assert shown.explorer.summary.value == NO_EVENT and shown.withdraw_button.disabled
    for name, value in {**GOOD, "title": "<img src=x onerror=alert(1)>"}.items():
        shown.fields[name].value = value
    added = shown.add()
    assert added.item == "L.1" and shown.chosen.value == "L.1"
    summary = shown.explorer.summary.value
    assert "What your event changes" in summary and "Yours: &lt;img" in summary
    assert "<img" not in summary
    assert len(shown.explorer.output.outputs) >= 1, "the chart of the years around it"
    assert shown.fields["title"].value == "" and shown.fields["pair"].value == "VNM-PRK"
    shown.fields["date"].value = "next year"
    assert shown.add() is None
    assert "Date:" in shown.feedback.value and "What happened:" in shown.feedback.value
    shown.withdraw()
    assert shown.chosen.options == () and shown.explorer.summary.value == NO_EVENT
    assert len(progress.results()) == 2


def test_every_control_of_the_lab_is_labelled():
    from comrades.widgets.lab import historians_lab

    shown = historians_lab()
    for control in [*shown.fields.values(), shown.chosen]:
        assert control.description and control.tooltip, control
    assert {b.description for b in (shown.add_button, shown.withdraw_button)} == \
        {"Add my event", "Withdraw this event"}


# --- what a mutation run of comrades.lab found untested ------------------------------------

@pytest.mark.parametrize("changes", [
    {"date": "1945"}, {"date": "1945-01-01"}, {"date": dt.date.today().isoformat()},
    {"address": "HTTPS://EXAMPLE.ORG/A"}, {"source": "s" * lab.MAX_SOURCE},
    {"address": "Library reference " + "r" * (lab.MAX_SOURCE - 18)},
])
def test_the_edges_of_each_field_are_accepted(changes):
    assert lab.check_event(event(**changes))[1] == {}


@pytest.mark.parametrize("changes, field, said", [
    ({"source": "s" * (lab.MAX_SOURCE + 1)}, "source", "under 300"),
    ({"address": "r" * (lab.MAX_SOURCE + 1)}, "address", "under 300"),
    ({"address": "JavaScript:alert(1)"}, "address", "https://"),
    ({"address": "Data:text/html,x"}, "address", "https://"),
])
def test_past_the_edges_a_field_is_refused(changes, field, said):
    problems = lab.check_event(event(**changes))[1]
    assert list(problems) == [field] and said in problems[field]


@pytest.mark.parametrize("changes, precision", [
    ({"date": "1988-09", "bearing": "0"}, "month"), ({"date": "1988"}, "year"),
    ({"bearing": "-2"}, "day")])
def test_an_event_comes_back_from_the_progress_file_as_it_was_added(changes, precision):
    added, _ = lab.add(event(**changes))
    assert added.precision == precision
    assert lab.my_events() == [added], "date, precision and a bearing of 0 survive"


def test_the_lab_saves_as_submitted_work_never_as_a_right_answer():
    added, _ = lab.add(GOOD)
    lab.withdraw(added.item)
    rows = progress.results()
    assert [(r["passed"], r["status"]) for r in rows] == [(0, status.SUBMITTED)] * 2
    assert rows[0]["answer"] == rows[1]["answer"], "the withdrawal keeps the event"
    assert lab.from_row("L.1", '{"v": 1, "type": "value", "value": {"pair": "VNM-PRK"}}') \
        is None


def test_an_event_that_cannot_be_saved_says_so(monkeypatch):
    monkeypatch.setattr(progress, "record", lambda *a, **k: False)
    added, problems = lab.add(GOOD)
    assert added is None and list(problems) == ["save"] and "Add again" in problems["save"]
