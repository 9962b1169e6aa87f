"""Issue 21.1: graded items are variants a class secret makes; the graded edition holds
no way from an item to its key, a hand-in is saved without a verdict, and the teacher's
machine judges it with the secret."""

from __future__ import annotations

import json
import os
import re
import stat

import pytest
from conftest import REPO

from comrades import classroom, grade, graded, items, progress, status
from comrades.answers import from_record
from comrades.check import task
from comrades.widgets.handin import HANDED_IN, hand_in, hand_in_answer

SECRETS = [f"{n:064x}" for n in range(1, 31)]


@pytest.fixture(autouse=True)
def no_name(monkeypatch):
    """A name given in one test is this process's student; none leaks to the next."""
    monkeypatch.setattr(progress, "_STUDENT", "")


@pytest.fixture
def secret_file(tmp_path, monkeypatch):
    path = tmp_path / "config" / "class-secret"
    monkeypatch.setenv(graded.SECRET_ENV, str(path))
    return path


def test_the_secret_is_made_once_and_kept_private(secret_file):
    assert graded.class_secret(create=False) is None and not secret_file.exists()
    first = graded.class_secret()
    assert re.fullmatch(r"[0-9a-f]{64}", first) and graded.class_secret() == first
    assert stat.S_IMODE(secret_file.stat().st_mode) == 0o600


def test_the_variants_follow_the_secret_and_differ_between_classes():
    one, again, other = (graded.variants(s) for s in (SECRETS[0], SECRETS[0], SECRETS[1]))
    assert [v.for_students() for v in one] == [v.for_students() for v in again]
    assert [v.id for v in one] == [f"G.{n}" for n in range(1, 9)]
    differ = sum(a.for_students() != b.for_students() for a, b in zip(one, other, strict=True))
    assert differ >= 6


def test_the_public_self_study_keys_do_not_answer_a_variant():
    """The years and phase of the self-study tasks are never drawn, so 01.1's and 02.1's
    public answers are answers to other questions."""
    for secret in SECRETS:
        years, phase = graded.variants(secret)[0].prompt, graded.variants(secret)[1].prompt
        assert "between 1945 and 1954" not in years
        assert "phase 02" not in phase
    public = [task("01.1").expected, task("02.1").expected]
    public = [p() if callable(p) else p for p in public]
    answered = sum(graded.judge(f"G.{n}", public[n - 1], s).status == status.PASSED
                   for s in SECRETS for n in (1, 2))
    assert answered <= len(SECRETS) // 5, "only by coincidence, if at all"


def test_an_order_item_shows_no_id_or_date_and_not_in_order():
    for secret in SECRETS[:10]:
        item = graded.variants(secret)[3]
        assert item.form == "order" and len(set(item.shown)) == 4
        assert not any(re.search(r"\bE\d{3}\b|\b(19|20)\d\d\b", s) for s in item.shown)
        assert graded.judge("G.4", list(item.shown), secret).status == status.FAILED


def test_each_variant_is_judged_right_and_wrong():
    secret = SECRETS[2]
    for variant in graded.variants(secret):
        assert variant.key("certainly not this").status == status.FAILED, variant.id
    lens_item = graded.variants(secret)[4]
    right = next(o for o in lens_item.shown
                 if graded.judge("G.5", o, secret).status == status.PASSED)
    assert graded.judge("G.5", right.upper(), secret).status == status.PASSED
    assert graded.judge("G.9", right, secret) is None, "no such item in this class"


@pytest.fixture(scope="module")
def edition(tmp_path_factory):
    dest = tmp_path_factory.mktemp("graded") / "graded"
    graded.build(dest, SECRETS[3], REPO)
    return dest


def test_the_graded_edition_holds_no_way_from_an_item_to_its_key(edition):
    assert not list(edition.rglob("graded.py")), "the variant maker stays with the teacher"
    notebook = edition / "notebooks" / "graded.ipynb"
    text = notebook.read_text(encoding="utf-8")
    cells = json.loads(text)["cells"]
    assert "sha256" not in text and not re.search(r"[0-9a-f]{64}", text)
    assert SECRETS[3] not in text
    for path in edition.rglob("*"):
        if path.is_file() and path.suffix in (".py", ".ipynb", ".toml", ".json", ".md"):
            body = path.read_text(encoding="utf-8", errors="replace")
            assert "def variants(" not in body and SECRETS[3] not in body, path
    calls = [c["source"] for c in cells if "hand_in(" in "".join(c["source"])]
    calls = ["".join(c) for c in calls if "hand_in('G." in "".join(c)]
    assert len(calls) == 8
    for call, variant in zip(calls, graded.variants(SECRETS[3]), strict=True):
        assert call.startswith(f"hand_in({variant.id!r}") and "key" not in call
        if variant.form == "number":
            assert variant.expected not in re.findall(r"-?\d+(?:\.\d+)?", call)
        if variant.form == "order":
            assert str(list(variant.shown)) in call  # shown out of order, nothing marked
            assert variant.expected.split(" | ") != list(variant.shown)
    assert "expected" not in text


def test_a_hand_in_is_saved_whole_without_a_verdict(progress_dir):
    refused = hand_in_answer("G.1", "12", "number")
    assert refused.status == status.FAILED and "name" in refused.message
    progress.set_student("Ana Lima")
    assert "Type a number" in hand_in_answer("G.1", "a lot", "number").message
    done = hand_in_answer("G.1", "twelve events", "number", "events")
    assert (done.status, done.message) == (status.SUBMITTED, HANDED_IN)
    box = hand_in("G.4", "order", shown=["b", "a", "c"])
    box.check()
    (first, second) = progress.results()
    assert (first["lesson"], first["item"], first["kind"], first["status"]) == \
        ("G", "G.1", items.GRADED, status.SUBMITTED)
    assert from_record(first["answer"]) == "twelve events"
    assert "handed in" in box.feedback.value.lower()
    assert from_record(second["answer"]) == ["b", "a", "c"], "kept whole, as handed in"


def test_the_teacher_judges_hand_ins_with_the_secret_and_ignores_forged_verdicts(
        progress_dir, tmp_path, secret_file, monkeypatch):
    secret = graded.class_secret()
    lens_item = graded.variants(secret)[4]
    right = next(o for o in lens_item.shown
                 if graded.judge("G.5", o, secret).status == status.PASSED)
    wrong = next(o for o in lens_item.shown if o != right)
    progress.set_student("Ana Lima")
    hand_in_answer("G.5", wrong, "choice")
    hand_in_answer("G.5", right, "choice")
    folder = tmp_path / "class"
    folder.mkdir()
    export = progress.export_csv(folder / "progress-ana-1.csv")
    forged = export.read_text(encoding="utf-8").replace(",0,submitted,", ",1,passed,")
    assert forged.count(",1,passed,") == 2
    os.remove(export)
    export.write_text(forged, encoding="utf-8")
    judged = grade.grade_folder(folder, secret=secret)["judged"]
    assert judged["verdict"].tolist() == [grade.WRONG, grade.RIGHT]
    by_default = grade.grade_folder(folder)["judged"]  # the secret on this machine
    assert by_default["verdict"].tolist() == [grade.WRONG, grade.RIGHT]
    monkeypatch.setenv(graded.SECRET_ENV, str(tmp_path / "elsewhere"))
    elsewhere = grade.grade_folder(folder)["judged"]
    assert set(elsewhere["verdict"]) == {grade.NOT_JUDGED}
    assert "no class secret" in elsewhere["note"].iloc[0]


def test_a_class_folder_takes_graded_rows_and_refuses_odd_ids():
    course = items.catalogue()
    assert course.problem("G.3", items.GRADED) is None
    assert course.problem("G.x", items.GRADED) == ("item", "is not a graded item (G.1, G.2 …)")
    assert classroom.lesson_id("g") == "G"


def test_the_graded_notebook_runs_and_shows_a_box_per_item(edition, progress_dir):
    import nbformat
    from nbclient import NotebookClient

    notebook = nbformat.read(edition / "notebooks" / "graded.ipynb", as_version=4)
    NotebookClient(notebook, timeout=120, kernel_name="python3").execute()
    shown = [o for c in notebook.cells if c.cell_type == "code" for o in c.outputs]
    errors = [o for o in shown if o.output_type == "error"]
    assert not errors, errors
    widgets = [o for o in shown if "application/vnd.jupyter.widget-view+json" in
               o.get("data", {})]
    assert len(widgets) == 9, "the name box and eight hand-in boxes"


OWN_QUESTIONS = '''
[[question]]
id = "graded.1"
section = "own"
kind = "single"
prompt = "Which city hosted Kim Jong-un's meeting with Donald Trump in 2019?"
options = ["Singapore", "Hanoi", "Panmunjom", "Beijing"]
answer = "Hanoi"
hint = "Lesson 06 names the city; it is in Vietnam."
explanation = "The second summit met in the Vietnamese capital in February 2019."
source = "¶1"

[[question]]
id = "graded.2"
section = "own"
kind = "multiple"
prompt = "Which of these are communist party-states today?"
options = ["Mongolia", "China", "Cambodia", "Laos"]
answer = ["China", "Laos"]
hint = "Paragraph 3 names them."
explanation = "With Vietnam, North Korea and Cuba: China and Laos."
source = "¶3"

[[question]]
id = "graded.3"
section = "own"
kind = "order"
prompt = "Put these in the order they happened, earliest first."
options = ["Korean Armistice", "Geneva Accords divide Vietnam", "Kim Jong-un visits Hanoi"]
hint = "Each peninsula had its own settlement."
explanation = "1953, 1954, 2019."
source = "¶5"

[[question]]
id = "graded.4"
section = "own"
kind = "number"
prompt = "In which year did Kim Il-sung last travel to Vietnam?"
answer = 1964
unit = "year"
hint = "Five and a half decades before his grandson's visit."
explanation = "The article dates his last trip to 1964."
source = "¶1"
'''


@pytest.fixture
def own_questions(tmp_path, monkeypatch):
    path = tmp_path / "teacher" / "graded.toml"
    path.parent.mkdir()
    path.write_text(OWN_QUESTIONS, encoding="utf-8")
    monkeypatch.setenv(graded.QUESTIONS_ENV, str(path))
    return path


def test_a_teachers_own_questions_follow_the_drawn_items(own_questions):
    secret = SECRETS[4]
    items_ = graded.variants(secret)
    assert [v.id for v in items_[8:]] == ["G.9", "G.10", "G.11", "G.12"]
    assert [v.form for v in items_[8:]] == ["choice", "choices", "order", "number"]
    order = items_[10]
    assert order.shown != ("Korean Armistice", "Geneva Accords divide Vietnam",
                           "Kim Jong-un visits Hanoi"), "never shown in its right order"
    right = {"G.9": "Hanoi", "G.10": ["Laos", "China"],
             "G.11": ["Korean Armistice", "Geneva Accords divide Vietnam",
                      "Kim Jong-un visits Hanoi"], "G.12": "1964"}
    wrong = {"G.9": "Singapore", "G.10": ["China"], "G.11": list(order.shown),
             "G.12": "1965"}
    for item, answer in right.items():
        assert graded.judge(item, answer, secret).status == status.PASSED, item
        assert graded.judge(item, wrong[item], secret).status == status.FAILED, item
    assert graded.judge("G.12", "in 1964", secret).status == status.PASSED
    assert graded.judge("G.13", "Hanoi", secret) is None


def test_a_teachers_questions_reach_the_edition_without_their_keys(own_questions, tmp_path):
    dest = tmp_path / "edition"
    graded.build(dest, SECRETS[5], REPO)
    text = (dest / "notebooks" / "graded.ipynb").read_text(encoding="utf-8")
    assert "Your teacher's questions" in text and "communist party-states today" in text
    for secret_part in ("Five and a half decades", "1953, 1954, 2019",
                        "second summit met", "graded.1", "1964"):
        assert secret_part not in text, secret_part
    assert not list(dest.rglob("graded.toml"))
    assert "hand_in('G.10', 'choices'" in text


def test_a_broken_questions_file_builds_nothing_and_says_why(
        own_questions, tmp_path, secret_file, capsys):
    own_questions.write_text(OWN_QUESTIONS.replace('answer = "Hanoi"', 'answer = "Hue"'),
                             encoding="utf-8")
    dest = tmp_path / "edition"
    assert graded.main(["--dest", str(dest)]) == 1
    said = capsys.readouterr().err
    assert "nothing was built" in said and "'Hue' is not among the options" in said
    assert not dest.exists()


def test_without_the_teachers_file_their_items_are_not_judged_wrong(
        progress_dir, tmp_path, own_questions, secret_file, monkeypatch):
    secret = graded.class_secret()
    progress.set_student("Ana Lima")
    hand_in_answer("G.9", "Hanoi", "choice")
    hand_in_answer("G.10", ["China", "Laos"], "choices")
    folder = tmp_path / "class"
    folder.mkdir()
    progress.export_csv(folder / "progress-ana-1.csv")
    judged = grade.grade_folder(folder, secret=secret)["judged"]
    assert judged["verdict"].tolist() == [grade.RIGHT, grade.RIGHT]
    monkeypatch.setenv(graded.QUESTIONS_ENV, str(tmp_path / "moved.toml"))
    judged = grade.grade_folder(folder, secret=secret)["judged"]
    assert set(judged["verdict"]) == {grade.NOT_JUDGED}
    assert "put moved.toml back" in judged["note"].iloc[0]


def test_a_box_of_several_choices_hands_in_the_ticked_ones(progress_dir):
    progress.set_student("Ana Lima")
    box = hand_in("G.10", "choices", shown=["Mongolia", "China", "Laos"])
    box.check()
    assert "Tick every option" in box.feedback.value and not progress.results()
    ticks = [c for c in box.widget.children if getattr(c, "description", "") in ("China", "Laos")]
    for tick in ticks:
        tick.value = True
    box.check()
    (saved,) = progress.results()
    assert from_record(saved["answer"]) == ["China", "Laos"]


def test_each_mode_says_what_it_is(edition):
    """Issue 21.6: a student reads which checks are practice and which work is graded."""
    intro = (REPO / "notebooks" / "00_introduction.ipynb").read_text(encoding="utf-8")
    assert "Practice, not a grade" in intro and "graded.ipynb" in intro
    graded_text = (edition / "notebooks" / "graded.ipynb").read_text(encoding="utf-8")
    assert "**graded work**" in graded_text and "does **not** say whether it is right" \
        in graded_text
    guide = (REPO / "docs" / "instructor-guide.md").read_text(encoding="utf-8")
    assert "Which mode is your class in?" in guide
