"""The student edition's exercise keys (comrades.publish.task_keys), on a synthetic
lesson module: literal exact keys hashed, key points sealed, tolerances kept plain."""

from __future__ import annotations

from dataclasses import dataclass

from comrades.publish import task_keys
from comrades.quiz import keys

SOURCE = '''"""A lesson."""

from comrades.check import register

YEAR = 1950
ORDER = [
    "b event",   # 1958
    "a event",   # 1945
]

register("09.1", Year(YEAR, "year"))
register("09.2", Ordering(ORDER, ids=False))
register("09.3", FreeText(["point one", "point two"], words=(10, 20)))
register("09.4", Share(0.5, "share"))
register("09.5", Count(lambda: 3))
'''


@dataclass
class Fake:
    expected: object
    tolerance: float = 0

    def answer_text(self):
        return ", ".join(map(str, self.expected)) if isinstance(self.expected, list) \
            else str(self.expected)

    def _key(self, item):
        return item.casefold()


REGISTRY = {"09.1": Fake(1950), "09.2": Fake(["b event", "a event"]),
            "09.3": Fake(["point one", "point two"]), "09.4": Fake(0.5, 0.01),
            "09.5": Fake(3)}


def _run(source: str) -> dict:
    """The module executed with stand-ins that record what each task received."""
    seen = {}
    names = {"register": lambda tid, task: seen.__setitem__(tid, task)}
    for kind in ("Year", "Ordering", "FreeText", "Share", "Count"):
        names[kind] = lambda expected, *a, **k: expected
    exec(compile(source.replace("from comrades.check import register\n", ""), "m", "exec"),
         names)
    return seen


def test_literal_keys_are_found_and_computed_ones_skipped():
    found = {k.task: k for k in task_keys.literal_keys(SOURCE)}
    assert sorted(found) == ["09.1", "09.2", "09.3", "09.4"]
    assert found["09.4"].must_stay_plain and not found["09.1"].must_stay_plain


def test_rewrite_hashes_exact_keys_and_seals_key_points(tmp_path):
    module = tmp_path / "lesson09.py"
    module.write_text(SOURCE)
    kept = task_keys.rewrite(module, REGISTRY)
    text = module.read_text()
    assert kept == ["lesson09.py: task 09.4 (Share) keeps a plain key"]
    assert "1950" not in text and "b event" not in text.split("items=")[0]
    assert "point one" not in text and "0.5" in text
    assert [k.task for k in task_keys.literal_keys(text)] == ["09.4"]
    seen = _run(text)
    year, order, points = seen["09.1"], seen["09.2"], seen["09.3"]
    assert isinstance(year, keys.HashedKey) and year.matches(1950.0) and not year.matches(1951)
    assert year.text() == "1950"
    assert order.matches("b event", 0) and order.matches("a event", 1)
    assert not order.matches("a event", 0) and order.items == ("a event", "b event")
    assert points == ["point one", "point two"]


def test_without_kinds_that_read_hashed_keys_only_key_points_are_sealed(tmp_path):
    module = tmp_path / "lesson09.py"
    module.write_text(SOURCE)
    kept = task_keys.rewrite(module, REGISTRY, hashing=False)
    assert {k.split()[2] for k in kept} == {"09.1", "09.2", "09.4"}
    text = module.read_text()
    assert "YEAR = 1950" in text and "point one" not in text
    assert _run(text)["09.3"] == ["point one", "point two"]


def test_keys_are_hashed_only_when_the_kinds_grade_hashed_keys(monkeypatch):
    """Issue 25.3: asked of the module itself, not found by searching its text."""
    from comrades.tasks import kinds

    assert task_keys.kinds_grade_hashed_keys()
    monkeypatch.delattr(kinds, "HashedKey")
    assert not task_keys.kinds_grade_hashed_keys()
