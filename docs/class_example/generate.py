"""Write the synthetic class in this folder: seven invented students, no real people.

Run from the repository root (``PYTHONPATH=src python docs/class_example/generate.py``)
after the question banks or tasks change. The files are written through the course's own
CSV writer (``comrades.progress.write_csv``), so they have exactly the form a student's
"Export for my teacher" button writes. The seed is fixed: the same files every time.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime
from pathlib import Path

from comrades import lab, progress, quiz
from comrades.answers import format_number, to_record
from comrades.check import registered_tasks, task
from comrades.tasks import kinds

FOLDER = Path(__file__).resolve().parent
START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC).timestamp()
# Written tasks (free text, status "submitted") shown in the example, with invented
# answers in the course's own words, each resting on the course's two-factor reading.
WRITTEN = {
    "01.8": "Shared ideology was there from the start, but the two states' interests did "
            "not yet meet: each was fighting its own war, so the tie stayed measured.",
    "02.9": "I coded both factors as shared. Both states were divided and faced a "
            "US-backed southern state, so party ideology and state interests pointed the "
            "same way; that is when they were allies.",
    "05.8": "I kept ideology as shared but coded interests as only partly shared: reform "
            "and tourism drew them together, yet Hanoi's ties with Seoul limited how far.",
    "07.5": ["The two-factor lens explains the alliance years well, because ideology and "
             "interests aligned. It explains the later distance too: once interests "
             "diverged over Cambodia, China and Seoul, shared ideology could not hold the "
             "two states together.\n\nWhere it is weaker: the lens needs both factors, "
             "so it is hard to test one against the other.",
             "Both factors matter. Ideology alone never made the two states allies; they "
             "were allies only while both were divided and faced US-backed southern "
             "states.\n\nI am less sure about the years after 2019: the relationship "
             "looks warmer again, so I would code that phase as an open question.",
             "The lens works best for 1954-1973. For 1973-1989 I would give more weight to "
             "the ideological rivalry, Juche against Hanoi's claim to ideological "
             "leadership, which the article also stresses, rather than to interests "
             "alone."],
}
# Events three students add in the historian's lab (lesson 06), from documents the course
# cites; student07 withdraws hers on finding the course already records it (E121).
LAB = {
    "student01": [{"date": "1968-01-03", "pair": "VNM-PRK", "bearing": "1",
                   "title": "A further 2-million-ruble aid agreement is reported",
                   "source": "Hungarian Foreign Ministry report by Károly Fendler",
                   "address": "https://digitalarchive.wilsoncenter.org/document/116685.pdf"}],
    "student04": [{"date": "1983-03-02", "pair": "VNM-PRK", "bearing": "-1",
                   "title": "Hanoi's envoy calls the Korean party's line un-Marxist",
                   "source": "Hungarian Embassy in Mongolia, report of 2 March 1983",
                   "address": "https://digitalarchive.wilsoncenter.org/document/"
                              "hungarian-embassy-mongolia-report-2-march-1983-subject-"
                              "vietnamese-views-about-north-korean"}],
    "student07": [{"date": "1971-10-29", "pair": "VNM-PRK", "bearing": "-1",
                   "title": "Pak Song-chol's delegation is received coolly in Hanoi",
                   "source": "Hungarian embassy in Hanoi, telegram of 29 October 1971",
                   "address": "Wilson Center Digital Archive, document 116616",
                   "withdrawn": True}],
}
# name, how far they got (last lesson), how likely right at a first try
STUDENTS = [("student01", 7, 0.8), ("student02", 7, 0.6), ("student03", 5, 0.5),
            ("student04", 7, 0.7), ("student05", 4, 0.45), ("student06", 3, 0.55),
            ("student07", 7, 0.65)]


def attempts(rng: random.Random, skill: float) -> list[str]:
    """The statuses of one student's tries at one question or task, first to last."""
    tries = []
    for _ in range(4):
        if rng.random() < skill:
            return tries + [progress.PASSED]
        tries.append(progress.FAILED)
        if rng.random() < 0.1:
            return tries + [progress.REVEALED]
        if rng.random() < 0.3:  # gave up for now
            return tries
        skill = min(0.95, skill + 0.25)
    return tries


def quiz_answer(question: quiz.Question, right: bool, rng: random.Random) -> str:
    """What a quiz records for a right or a wrong try (option texts joined by " | ")."""
    if question.kind == "number":
        return format_number(question.answer + (0 if right else rng.choice((-3, 2, 10))))
    if question.kind == "single":
        others = [o for o in question.options if o != question.answer]
        return question.answer if right else rng.choice(others)
    chosen = list(question.answer)
    if not right:
        chosen = chosen[::-1] if question.kind == "order" else chosen[:-1] or \
            [o for o in question.options if o not in question.answer][:1]
    return " | ".join(chosen)


def task_answer(task_id: str, right: bool, rng: random.Random) -> str:
    """What a check keeps for a right or a wrong try at the tasks whose answer is a value
    a student types or picks; "" (not kept) for tables and charts, which the example
    does not invent."""
    kind = task(task_id)
    if isinstance(kind, kinds.Number):
        expected = float(kinds._value(kind.expected))
        off = (float(kind.tolerance) + 1) * rng.choice((-2, 1, 3))  # beyond the tolerance
        return to_record(expected if right else expected + off)
    if isinstance(kind, kinds.Choice):
        chosen = kinds._value(kind.answer)
        options = list(kind.options)
        if not right:
            chosen = rng.choice([o for o in options if o != chosen])
        return to_record(kinds.LETTERS[options.index(chosen)])
    if isinstance(kind, kinds.Words):
        return to_record(list(kinds._value(kind.accepted))[0] if right else "Hanoi")
    if isinstance(kind, kinds.Ordering) and kind.labelled:
        by_item = {item: letter for letter, item in kind._shown()}
        ranked = [by_item[str(i)] for i in kind._stored()[1]]
        return to_record(ranked if right else ranked[::-1])
    return ""


def student_rows(rng: random.Random, last_lesson: int, skill: float) -> list[list]:
    questions = {lesson: quiz.load_bank(lesson) for lesson in quiz.available_lessons()}
    tasks = registered_tasks()
    student = _Student(rng, skill)
    for number in range(last_lesson + 1):
        lesson = f"{number:02d}"
        for question in questions.get(lesson, ()):
            student.question(lesson, question)
        for task_id in (t for t in tasks if t.startswith(lesson + ".")):
            student.exercise(lesson, task_id)
        student.clock += 86_400  # the next lesson, the next day
    return student.rows


class _Student:
    """One invented student working through the lessons: rows of saved answers, each a
    few minutes after the last."""

    def __init__(self, rng: random.Random, skill: float):
        self.rng, self.skill = rng, skill
        self.clock = START + rng.uniform(0, 3600)
        self.rows: list[list] = []

    def add(self, lesson, item, kind, status, answer="") -> None:
        self.clock += self.rng.uniform(20, 240)
        self.rows.append([f"{self.clock:.3f}", lesson, item, kind,
                          int(status == progress.PASSED), status, answer,
                          "synthetic example"])

    def question(self, lesson: str, question) -> None:
        if self.rng.random() < 0.9:
            for status in attempts(self.rng, self.skill):
                self.add(lesson, question.id, question.kind, status,
                         quiz_answer(question, status == progress.PASSED, self.rng))

    def exercise(self, lesson: str, task_id: str) -> None:
        if task_id in WRITTEN:
            self._written(lesson, task_id)
        elif getattr(task(task_id), "written", False):
            return  # written work in the example: only the tasks of WRITTEN
        elif self.rng.random() < 0.85:
            for status in attempts(self.rng, self.skill):
                self.add(lesson, task_id, "exercise", status,
                         task_answer(task_id, status == progress.PASSED, self.rng))

    def _written(self, lesson: str, task_id: str) -> None:
        if self.rng.random() < 0.3:
            self.add(lesson, task_id, "exercise", progress.FAILED, "too short")
        if self.rng.random() < 0.85:
            texts = WRITTEN[task_id]
            self.add(lesson, task_id, "exercise", progress.SUBMITTED,
                     texts if isinstance(texts, str) else self.rng.choice(texts))


def lab_rows(name: str, after: float) -> list[list]:
    """The lab events of ``name`` (see LAB), saved as the lab saves them."""
    rows = []
    for number, fields in enumerate(LAB.get(name, ()), start=1):
        clean, problems = lab.check_event(fields)
        assert not problems, problems
        states = [lab.ADDED, lab.WITHDRAWN] if fields.get("withdrawn") else [lab.ADDED]
        for state in states:
            after += 300
            rows.append([f"{after:.3f}", "L", f"L.{number}", "lab-event", 0,
                         progress.SUBMITTED, to_record(clean), state])
    return rows


def main() -> None:
    rng = random.Random(13)
    for old in FOLDER.glob("progress-*.csv"):
        old.unlink()
    for name, last_lesson, skill in STUDENTS:
        student_id = f"{rng.getrandbits(128):032x}"
        work = student_rows(rng, last_lesson, skill)
        work += lab_rows(name, float(work[-1][0]))
        rows = [[name, student_id] + row for row in work]
        if name == "student03":  # exported once half-way, then again at the end
            progress.write_csv(FOLDER / f"progress-{name}-1.csv", progress.EXPORT_COLUMNS,
                               rows[: len(rows) // 2])
            progress.write_csv(FOLDER / f"progress-{name}-2.csv", progress.EXPORT_COLUMNS,
                               rows)
        else:
            progress.write_csv(FOLDER / f"progress-{name}-1.csv", progress.EXPORT_COLUMNS,
                               rows)


if __name__ == "__main__":
    main()
