"""Self-checks of the exercises of lesson 06 · Distant comrades: synthesis and outlook.

Tasks about the data compute their expected answer from ``data/`` when the check runs,
so they stay right if a row is added or corrected. Every checker returns
``(passed, message, checked)`` or a :class:`CheckResult` and is written not to raise,
whatever it is given.
"""

from __future__ import annotations

import pandas as pd

from comrades import data
from comrades.check import _short, as_number, checker, expect_number
from comrades.lens import agreement
from comrades.tasks.common import (
    as_frame,
    close,
    course_coding,
    course_coding_note,
    encoded_field,
    free_text,
    order_of_events,
    read_coding,
    single_chart_spec,
)

PHASE = "06"
# The article appeared in March 2023 (event E101, month precision): "after the article"
# means an event that starts after the end of that month.
ARTICLE = "E101"
ARTICLE_END = pd.Timestamp("2023-03-31")
# Task 06.3: the last two visits of a Vietnamese party chief to Pyongyang.
EARLIER_VISIT, LATER_VISIT = "E089", "E108"
# Task 06.4: columns of the join of post-article events with their sources.
JOIN_COLUMNS = ("event_id", "source_id", "kind")
# Task 06.7: codings of phase 06 the record after 2023 can support.
DEFENSIBLE = ("measured", "cordial")
# Task 06.6: five events after the article, given to students in this shuffled order.
ORDER_EVENTS = ["E107", "E102", "E108", "E104", "E103"]
# Task 06.9: the recoding whose agreement score students compute.
RECODE = {"phase": PHASE, "column": "interest_score", "value": 0}


# --- helpers ----------------------------------------------------------------------------

def after_article() -> pd.DataFrame:
    """Events that start after the article's month, oldest first."""
    events = data.events()
    return events[events["start_date"] > ARTICLE_END].sort_values("start_date")


# --- 06.1 filter and count ----------------------------------------------------------------

@checker("06.1")
def events_after_article(answer):
    events = data.events()
    after = after_article()
    expected = len(after)
    checked = f"that the count is {expected}, the events starting after {ARTICLE_END.date()}"
    value = as_number(answer)
    if value is not None and value != expected:
        if value == int((events["start_date"] >= pd.Timestamp("2023-03-01")).sum()):
            return False, (f"You counted the article itself ({ARTICLE}, March 2023): keep "
                           "only events that start after March 2023."), checked
        if value == int((after["scope"] == "bilateral").sum()):
            return False, "You kept only bilateral events: regional events count too.", \
                checked
        if value == int((events["phase"] == PHASE).sum()):
            return False, (f"That is every event of phase {PHASE}, which begins in 2019: keep "
                           "only those after the article."), checked
    passed, message, _ = expect_number(answer, expected, unit="number of events")
    return passed, message, checked


# --- 06.2 group ---------------------------------------------------------------------------

def expected_by_phase() -> pd.DataFrame:
    grouped = data.events().groupby("phase")["bearing"].agg(["count", "mean"])
    return pd.DataFrame({"phase": grouped.index.astype(str),
                         "events": grouped["count"].astype(int).to_numpy(),
                         "mean_bearing": grouped["mean"].astype(float).to_numpy()})


def _by_phase_problem(frame: pd.DataFrame, columns=("phase", "events", "mean_bearing")):
    """'' if ``frame`` holds the right count and mean bearing per phase, else a hint."""
    expected = expected_by_phase()
    phases = [str(p) for p in frame["phase"].tolist()[:100]]
    missing = [p for p in expected["phase"] if p not in phases]
    if missing:
        odd = [p for p in phases if p not in set(expected["phase"])]
        hint = (f" ({_short(odd[0])} is not a phase id: ids are strings such as '01')"
                if odd else "")
        return f"Phase {missing[0]} is missing{hint}."
    if len(phases) != len(set(phases)):
        return "A phase appears more than once: one row per phase."
    if len(phases) != len(expected):
        return f"Expected {len(expected)} rows, one per phase; yours has {len(phases)}."
    mine = frame.assign(phase=phases).set_index("phase")
    for row in expected.itertuples(index=False):
        if "events" in columns and not close(mine.at[row.phase, "events"], row.events, 0):
            return (f"Phase {row.phase}: events is {_short(mine.at[row.phase, 'events'])}, "
                    f"the data has {row.events}.")
        value = mine.at[row.phase, "mean_bearing"]
        if not close(value, row.mean_bearing):
            total = row.mean_bearing * row.events
            hint = (" That is the sum: divide by the number of events (use the mean)."
                    if close(value, total) else "")
            return (f"Phase {row.phase}: mean_bearing is {_short(value)}, the data gives "
                    f"{row.mean_bearing:.2f}.{hint}")
    return ""


@checker("06.2")
def bearing_by_phase(answer):
    expected = expected_by_phase()
    checked = (f"one row per phase ({len(expected)}) with its number of events and mean "
               "bearing (to 2 decimals)")
    frame, problem = as_frame(answer, "one row per phase", ["phase", "events",
                                                              "mean_bearing"])
    if frame is None:
        return False, problem, checked
    problem = _by_phase_problem(frame)
    if problem:
        return False, problem, checked
    best = expected.loc[expected["mean_bearing"].idxmax()]
    worst = expected.loc[expected["mean_bearing"].idxmin()]
    return True, (f"All {len(expected)} phases are right. The warmest on average is "
                  f"{best['phase']} ({best['mean_bearing']:+.2f}), the coldest "
                  f"{worst['phase']} ({worst['mean_bearing']:+.2f})."), checked


# --- 06.3 a date calculation --------------------------------------------------------------

@checker("06.3")
def days_between_party_chiefs(answer):
    events = data.events().set_index("event_id")
    start = events.at[EARLIER_VISIT, "start_date"]
    end = events.at[LATER_VISIT, "start_date"]
    expected = int((end - start).days)
    checked = (f"that the number of days from {start.date()} ({EARLIER_VISIT} start) to "
               f"{end.date()} ({LATER_VISIT} start) is {expected} (±1)")
    value = as_number(answer)
    if value is not None and abs(value - expected) > 1:
        if abs(value - expected / 365.25) < 1.5:
            return False, "That looks like years: the task asks for days.", checked
        ends = int((events.at[LATER_VISIT, "end_date"]
                    - events.at[EARLIER_VISIT, "end_date"]).days)
        if abs(value - ends) <= 1:
            return False, "You used the end dates: the task asks from start to start.", \
                checked
        if value < 0:
            return False, "Subtract the earlier date from the later one.", checked
    passed, message, _ = expect_number(answer, expected, unit="number of days", tolerance=1)
    return passed, message, checked


# --- 06.4 join two tables -----------------------------------------------------------------

def expected_sources_after() -> pd.DataFrame:
    after = after_article()[["event_id", "source_ids"]]
    pairs = after.assign(source_id=after["source_ids"].map(data.split_list)).explode(
        "source_id")
    joined = pairs.merge(data.sources(), on="source_id", how="left")
    return joined[list(JOIN_COLUMNS)].reset_index(drop=True)


@checker("06.4")
def sources_after_article(answer):
    expected = expected_sources_after()
    checked = (f"one row per event after the article and source of that event "
               f"({len(expected)} rows), each with the source's kind")
    frame, problem = as_frame(answer, "one row per event and source", JOIN_COLUMNS)
    if frame is None:
        return False, problem, checked
    rows = frame.head(500)
    mine = list(zip(rows["event_id"].map(str), rows["source_id"].map(str), strict=True))
    right = list(zip(expected["event_id"], expected["source_id"], strict=True))
    if ARTICLE in {e for e, _ in mine}:
        return False, (f"{ARTICLE} is the article itself (March 2023): keep only events "
                       "after it."), checked
    if any(";" in s for _, s in mine):
        return False, ("Some source_id still holds several ids separated by ';': split "
                       "them and explode to one row per source."), checked
    missing = [p for p in right if p not in mine]
    if missing:
        return False, (f"The pair {missing[0][0]} / {missing[0][1]} is missing "
                       f"({len(missing)} missing in all)."), checked
    extra = [p for p in mine if p not in right]
    if extra:
        return False, f"The pair {extra[0][0]} / {extra[0][1]} does not belong.", checked
    if len(mine) != len(right):
        return False, "Some pair appears more than once: one row per event and source.", \
            checked
    kinds = dict(zip(right, expected["kind"], strict=True))
    for pair, kind in zip(mine, rows["kind"], strict=True):
        if str(kind) != kinds[pair]:
            return False, (f"{pair[0]} / {pair[1]}: kind is {_short(kind)}, sources.csv says "
                           f"{kinds[pair]!r}; merge on source_id."), checked
    counts = expected["kind"].value_counts()
    summary = ", ".join(f"{n} {k}" for k, n in counts.items())
    return True, (f"All {len(expected)} event–source pairs are right: {summary}. Ask what "
                  "kinds of source are missing."), checked


# --- 06.5 a chart of their own ------------------------------------------------------------

@checker("06.5")
def bearing_chart(answer):
    checked = ("a single alt.Chart with a bar mark, x = phase, y = mean_bearing, drawn "
               "from a table with one row per phase and the right means")
    spec, problem = single_chart_spec(answer, "bar")
    if spec is None:
        return False, problem, checked
    encoding = spec.get("encoding") or {}
    for channel, field in (("x", "phase"), ("y", "mean_bearing")):
        found = encoded_field(encoding, channel)
        if found != field:
            return False, (f"Encode {field!r} on {channel} (found "
                           f"{repr(found) if found else 'nothing'})."), checked
    table = answer.data
    if not isinstance(table, pd.DataFrame):
        return False, "Give the chart a pandas DataFrame, e.g. your table from Task 06.2.", \
            checked
    frame, problem = as_frame(table, "the chart's data", ["phase", "mean_bearing"])
    if frame is None:
        return False, problem, checked
    problem = _by_phase_problem(frame, columns=("phase", "mean_bearing"))
    if problem:
        return False, "The chart's data: " + problem, checked
    return True, "A bar chart of the mean bearing of each phase, encoded as asked.", checked


# --- 06.7 code phase 06 after the article -------------------------------------------------

@checker("06.7")
def code_phase_06(answer):
    phases = data.phases().set_index("phase")
    recorded = str(phases.at[PHASE, "relationship"])
    checked = ("that your two codes are whole numbers from -2 to 2, that the lens predicts "
               f"the relationship you name, and that it is one the record after 2023 "
               f"supports ({' or '.join(DEFENSIBLE)})")
    scores, relationship, problem = read_coding(answer)
    if scores is None:
        return False, problem, checked
    if relationship == "alliance":
        return False, ("No event after the article records a treaty or military tie between "
                       "the two, and each found its security partner elsewhere (E102, "
                       "E104): the record does not support an alliance [¶9]."), checked
    if relationship not in DEFENSIBLE:
        return False, (f"The record after 2023 shows party talks, a Year of Friendship and "
                       f"a state visit by the party chief (E103, E107, E108): hardly "
                       f"{relationship}. Reconsider the interests."), checked
    course = course_coding(PHASE)
    same = (scores["ideology"], scores["interests"]) == course
    verdict = ("the course's own reading" if relationship == recorded else
               f"a recoding: the course records {recorded}")
    return True, (f"Your coding predicts {relationship}, which the record can support; it is "
                  f"{verdict}. "
                  + ("Your codes are also the course's." if same else
                     course_coding_note(course, "choice in Task 06.8"))), checked


# --- 06.8 justify the coding (free text) -------------------------------------------------

@checker("06.8")
def justify_phase_06(answer):
    return free_text("06.8", answer, [
        "Ideology: both parties still rule as communist parties and talk party to party "
        "(E103, E108) [¶9].",
        "Interests pulling together: visits, the Year of Friendship, tourism and reform "
        "interest (E107, E108; ¶8).",
        "Interests pulling apart: Hanoi's partnership with Washington (E102) and Seoul "
        "(E100) against Pyongyang's treaty with Moscow (E104): the US-presence split [¶9].",
        "A judgement on how to net these, and what it means for the forecast: no alliance "
        "so far, but 'none' versus 'partly shared' is a choice the evidence leaves open.",
    ], {"ideology": r"ideolog|communis|party", "cooperation": r"visit|friendship|touris|reform",
        "the US-presence split": r"united states|u\.s\.|\bus\b|washington|russia|moscow",
        "evidence": r"¶\d|e\d{3}"})


# --- 06.6 order ---------------------------------------------------------------------------

@checker("06.6")
def order_after_article(answer):
    return order_of_events(answer, ORDER_EVENTS, example="E102")


# --- 06.9 an agreement score --------------------------------------------------------------

def expected_agreement() -> float:
    phases = data.phases()
    phases.loc[phases["phase"] == RECODE["phase"], RECODE["column"]] = RECODE["value"]
    return agreement(phases)


@checker("06.9")
def recoded_agreement(answer):
    expected = expected_agreement()
    checked = (f"that the share of phases the lens gets right, with phase {PHASE}'s "
               f"interests coded none, is {expected:.3f} (±0.01)")
    value = as_number(answer)
    if value is None:
        return False, (f"Expected a number between 0 and 1, got {type(answer).__name__} "
                       f"{_short(answer)}."), checked
    if abs(value / 100 - expected) <= 0.01 and value > 1:
        return False, "That looks like a percentage: give the share between 0 and 1.", \
            checked
    if abs(value - agreement(data.phases())) <= 0.01 and abs(value - expected) > 0.01:
        return False, (f"That is the agreement with the course's codings: recode phase "
                       f"{PHASE}'s interest_score to 0 first."), checked
    n = len(data.phases())
    if abs(value * n - round(value * n)) > 0.06 and abs(value - expected) > 0.01:
        return False, f"A share of {n} phases should be a multiple of 1/{n}.", checked
    if abs(value - expected) <= 0.01:
        return True, (f"{value:.3f} is right: with interests none the lens predicts "
                      f"measured for phase {PHASE}, but the course records it as cordial."), \
            checked
    return False, f"{value:g} is {'too high' if value > expected else 'too low'}.", checked


# --- 06.10 source criticism (free text) ---------------------------------------------------

@checker("06.10")
def sources_of_the_outlook(answer):
    return free_text("06.10", answer, [
        "The post-2023 record rests on news agencies and official texts (Task 06.4), "
        "several of them state media or government statements.",
        "They record that visits and declarations happened, not what was agreed in private; "
        "official wording ('friendship') is diplomatic language, as in 2019 [¶1; ¶3].",
        "A negative forecast ('will not become allies') is hard to refute in two years; "
        "only a treaty or military tie would do it.",
        "Better evidence: texts of any agreements, trade and investment figures, later "
        "archives or memoirs, and independent reporting.",
    ], {"kinds of source": r"news|agenc|state media|official|government|reuters|afp|vna",
        "limits of visits and words": r"private|rhetoric|language|speech|substance|words",
        "testability": r"falsif|refut|negative|too soon|short|test",
        "better evidence": r"archive|trade|agreement|text|independent|memoir|figure"})
