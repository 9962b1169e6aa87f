"""Grades decided on the teacher's machine: ``python -m comrades.grade FOLDER``.

The class summary shows what the students' files say. A grade cannot rest on that: a
file is the student's, and its ``passed`` and ``status`` columns can be edited. This
module reads the same hand-ins (the exports in FOLDER, through the class summary's
reader, which reports every bad row and never stops on one) and judges every answer
again here, with the course's full keys:

* an exercise answer is kept whole in the hand-in (``comrades.answers``): the task's
  own kind judges it again, exactly as the student's check did;
* a quiz answer is graded again against the question bank;
* written work is read by the teacher: it counts as handed in when it is a real
  attempt (the written kind says so), and its marks are the teacher's, a band per
  criterion of its rubric (``comrades.marking``), read from the marks file beside the
  exports and joined to the gradebook;
* an answer that was shown ("revealed") stays revealed: the act is what is recorded.

A row's own ``passed`` and ``status`` are never read for a verdict, so a forged file
(every row marked right) gets its true grade. What cannot be judged again (a row saved
before answers were kept whole, an answer too large to keep) is listed as such, never
guessed.

The gradebook has one row per student and item: attempts, the first try's verdict, the
best verdict, and whether the answer was shown. The item table gives each item's
difficulty (the share of students whose best answer is right), its discrimination (the
difference in that share between the top and the bottom 27% of the class by total), and
the most common wrong answers. Both are written as spreadsheet-safe CSV files and an
accessible HTML page.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import pandas as pd

from comrades import check, classroom, items, marking, quiz, status, tables
from comrades.answers import Unkept, from_record

RIGHT, WRONG, HANDED_IN, SHOWN, NOT_JUDGED = ("right", "wrong", "handed in",
                                              "answer shown", "not judged")
QUIZ_KINDS = ("single", "multiple", "order", "number")


def _questions() -> dict[str, quiz.Question]:
    found: dict[str, quiz.Question] = {}
    for lesson in quiz.available_lessons():
        try:
            found.update({q.id: q for q in quiz.load_bank(lesson)})
        except quiz.QuizBankError:
            continue
    return found


def _quiz_response(question: quiz.Question, answer: str) -> object:
    """A quiz answer as the quiz recorded it: several options joined by " | "."""
    if question.kind in ("multiple", "order"):
        return [part.strip() for part in answer.split(" | ")] if answer else []
    return answer


def judge_row(row: dict, questions: dict[str, quiz.Question],
              secret: str | None = None) -> tuple[str, str]:
    """(verdict, note) for one saved attempt, judged here; never the row's own status.
    A graded item (``comrades.graded``) is judged with the class ``secret``."""
    if row["status"] == status.REVEALED:
        return SHOWN, ""
    if row["kind"] == items.GRADED:
        return _judge_graded(row, secret)
    if row["kind"] in QUIZ_KINDS:
        return _judge_question(row, questions)
    return _judge_task(row)


def _judge_graded(row: dict, secret: str | None) -> tuple[str, str]:
    if secret is None:
        return NOT_JUDGED, "no class secret on this machine to judge graded work with"
    from comrades import graded

    try:
        verdict = graded.judge(row["item"], from_record(row["answer"]), secret)
    except quiz.QuizBankError as error:
        return NOT_JUDGED, f"your graded questions cannot be read: {error.problems[0]}"
    if verdict is None:
        return NOT_JUDGED, (f"not a graded item of this class (if it is one of your own "
                            f"questions, put {graded.questions_path().name} back on "
                            "this machine)")
    return (RIGHT if verdict.status == status.PASSED else WRONG), "graded item"


def _judge_question(row: dict, questions: dict[str, quiz.Question]) -> tuple[str, str]:
    question = questions.get(row["item"])
    if question is None or question.kind != row["kind"]:
        return NOT_JUDGED, "no such question in this course's banks"
    correct = quiz.grade(question, _quiz_response(question, row["answer"])).correct
    return (RIGHT if correct else WRONG), ("" if correct is not None else "unreadable")


def _judge_task(row: dict) -> tuple[str, str]:
    try:
        task = check.task(row["item"])
    except KeyError:
        return NOT_JUDGED, "no such task in this course"
    if getattr(task, "written", False):
        verdict = task.judge(row["answer"])
        return (HANDED_IN if verdict.status == status.SUBMITTED else WRONG), "written work"
    answer = from_record(row["answer"])
    if isinstance(answer, Unkept):
        return NOT_JUDGED, answer.why
    try:
        verdict = task.judge(answer)
    except Exception as err:  # noqa: BLE001 - a grade is reported, never a crash
        return NOT_JUDGED, f"the check raised {type(err).__name__}"
    return (RIGHT if verdict.status == status.PASSED else WRONG), ""


def rejudge(results: pd.DataFrame, secret: str | None = None) -> pd.DataFrame:
    """``results`` (from :func:`comrades.classroom.read_exports`) with ``verdict`` and
    ``note`` judged on this machine, in the order the attempts were made."""
    questions = _questions()
    frame = classroom.work_only(results).sort_values(["student_id", "recorded_at"],
                                                     kind="stable").copy()
    judged = [judge_row(row, questions, secret) for row in frame.to_dict("records")]
    frame["verdict"] = [v for v, _ in judged]
    frame["note"] = [n for _, n in judged]
    frame["type"] = [k if k in ("exercise", items.GRADED) else "quiz" for k in frame["kind"]]
    return frame.reset_index(drop=True)


def _best(verdicts: list[str]) -> str:
    for verdict in (RIGHT, HANDED_IN, WRONG, SHOWN, NOT_JUDGED):
        if verdict in verdicts:
            return verdict
    return NOT_JUDGED


def gradebook(judged: pd.DataFrame) -> pd.DataFrame:
    """One row per student and item: attempts, first try, best, whether it was shown.

    The best of an item whose answer was shown is "answer shown" unless a right answer
    came before the showing (an answer is closed once shown)."""
    rows = []
    for (student_id, item, kind), attempts in judged.groupby(
            ["student_id", "item", "type"], sort=True):
        verdicts = list(attempts["verdict"])
        before_shown = verdicts[:verdicts.index(SHOWN)] if SHOWN in verdicts else verdicts
        judged_tries = [v for v in verdicts if v not in (SHOWN, NOT_JUDGED)]
        rows.append({
            "student": attempts["student"].iloc[0], "student_id": student_id,
            "item": item, "type": kind, "attempts": len(judged_tries),
            "first_try": judged_tries[0] if judged_tries else "",
            "best": _best(before_shown) if before_shown else SHOWN,
            "revealed": SHOWN in verdicts,
            "not_judged": sum(v == NOT_JUDGED for v in verdicts)})
    return pd.DataFrame(rows, columns=["student", "student_id", "item", "type", "attempts",
                                       "first_try", "best", "revealed", "not_judged"])


def totals(book: pd.DataFrame) -> pd.DataFrame:
    """Per student: items right at the first try and at best, handed in, shown."""
    grouped = book.groupby(["student_id", "student"], sort=True)
    return pd.DataFrame({
        "items": grouped.size(),
        "right_first_try": grouped["first_try"].apply(lambda s: int((s == RIGHT).sum())),
        "right_best": grouped["best"].apply(lambda s: int((s == RIGHT).sum())),
        "handed_in": grouped["best"].apply(lambda s: int((s == HANDED_IN).sum())),
        "revealed": grouped["revealed"].apply(lambda s: int(s.sum())),
    }).reset_index()


def item_statistics(judged: pd.DataFrame, book: pd.DataFrame) -> pd.DataFrame:
    """Per item: students, difficulty, discrimination (upper − lower 27%), and the most
    common wrong answers (up to three, with how many gave each)."""
    scores = totals(book).set_index("student_id")["right_best"]
    ranked = scores.sort_values(kind="stable")
    group = max(1, round(0.27 * len(ranked)))
    lower, upper = set(ranked.index[:group]), set(ranked.index[-group:])
    rows = []
    for (item, kind), entries in book.groupby(["item", "type"], sort=True):
        right = entries.set_index("student_id")["best"] == RIGHT
        wrong = judged[(judged["item"] == item) & (judged["type"] == kind)
                       & (judged["verdict"] == WRONG)]["answer"]
        common = Counter(_shown(a) for a in wrong).most_common(3)
        rows.append({"item": item, "type": kind, "students": len(entries),
                     "difficulty": round(float(right.mean()), 3),
                     "discrimination": _discrimination(right, upper, lower)
                     if len(ranked) >= 4 else float("nan"),
                     "common_wrong_answers": "; ".join(f"{a} ({n})" for a, n in common)})
    return pd.DataFrame(rows, columns=["item", "type", "students", "difficulty",
                                       "discrimination", "common_wrong_answers"])


def _discrimination(right: pd.Series, upper: set, lower: set) -> float:
    """The share right among the top group less the share among the bottom group, over
    the students of each group who tried the item (NaN when a group has none)."""
    top, bottom = right[right.index.isin(upper)], right[right.index.isin(lower)]
    if top.empty or bottom.empty:
        return float("nan")
    return round(float(top.mean() - bottom.mean()), 3)


def _shown(answer: str) -> str:
    """A wrong answer as a teacher reads it: a kept record as its value, briefly."""
    value = from_record(answer)
    text = value.glimpse if isinstance(value, Unkept) else repr(value) \
        if not isinstance(value, str) else value
    return " ".join(str(text).split())[:80] or "(empty)"


def with_marks(book: pd.DataFrame, students: pd.DataFrame,
               marks: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The gradebook with the teacher's marks of written work (``points`` of
    ``out_of``, blank where nothing is marked), and each student's marked totals."""
    marked = marking.totals(marks)[["student_id", "item", "points", "out_of", "complete"]]
    marked = marked.assign(type="exercise")  # written work is a task, never a quiz item
    book = book.merge(marked, on=["student_id", "item", "type"], how="left")
    book["points"] = book["points"].astype("Int64")
    book["out_of"] = book["out_of"].astype("Int64")
    book["complete"] = book["complete"].astype("boolean")
    per_student = book.groupby("student_id")[["points", "out_of"]].sum(min_count=1)
    students = students.merge(per_student.rename(columns={
        "points": "marked_points", "out_of": "marked_out_of"}).reset_index(),
        on="student_id", how="left")
    return book, students


def grade_folder(folder: str | Path, marks: str | Path | None = None,
                 secret: str | None = None) -> dict[str, pd.DataFrame]:
    """Every table of the grading of the hand-ins in ``folder``, with the marks of the
    written work from ``marks`` (by default the marks file in ``folder``) and graded
    items judged with the class ``secret`` (by default the one on this machine)."""
    if secret is None:
        from comrades import graded

        secret = graded.class_secret(create=False)
    judged = rejudge(classroom.read_exports(folder), secret)
    book = gradebook(judged)
    marked = marking.read(marks if marks is not None else marking.default_path(folder))
    book, students = with_marks(book, totals(book), marked)
    return {"judged": judged, "gradebook": book, "students": students,
            "items": item_statistics(judged, book)}


OUTPUTS = ("students.csv", "gradebook.csv", "items.csv", "grades.html")


def fresh_folder(dest: Path) -> Path:
    """``dest``, or ``dest-2``, ``dest-3`` … the first that holds no gradebook yet: an
    earlier grading is never overwritten."""
    candidate, n = dest, 1
    while any((candidate / name).exists() for name in OUTPUTS):
        n += 1
        candidate = dest.with_name(f"{dest.name}-{n}")
    return candidate


def write(result: dict[str, pd.DataFrame], dest: Path) -> list[Path]:
    """The gradebook, per-student totals and item statistics as CSV (formula-safe, never
    over an existing file) and one HTML page of accessible tables."""
    dest.mkdir(parents=True, exist_ok=True)
    written = [classroom.save_csv(result[name], dest / f"{name}.csv")
               for name in ("students", "gradebook", "items")]
    page = dest / "grades.html"
    if not page.exists():
        parts = [tables.to_html(result[name], caption=caption, max_rows=100_000)
                 for name, caption in (("students", "Students: totals judged here"),
                                       ("items", "Items: difficulty and discrimination"),
                                       ("gradebook", "Every student and item"))]
        page.write_text("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
                        "<title>Grades</title></head><body><h1>Grades</h1>"
                        + "".join(parts) + "</body></html>", encoding="utf-8")
        written.append(page)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="the folder of the students' exports")
    parser.add_argument("--dest", type=Path, default=None,
                        help="where to write the gradebook (default: FOLDER/grades)")
    parser.add_argument("--marks", type=Path, default=None,
                        help="the marks of written work (default: FOLDER/marks/marks.csv)")
    args = parser.parse_args(argv)
    try:
        result = grade_folder(args.folder, args.marks)
    except classroom.ExportError as err:
        print(err, file=sys.stderr)
        return 1
    students = result["students"]
    judged = result["judged"]
    print(f"{len(students)} students, {judged['item'].nunique()} items, "
          f"{len(judged)} attempts judged on this machine "
          f"({int((judged['verdict'] == NOT_JUDGED).sum())} could not be judged again)")
    for path in write(result, fresh_folder(args.dest or args.folder / "grades")):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
