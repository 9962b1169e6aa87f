"""Self-checks of notebook 00's two warm-up tasks."""

from comrades.check import checker, expect_number, expect_sequence

# facts.md: DPRK and DRV established relations on 31 January 1950; the article [¶5]
# says January 1950, after the USSR and China.
RELATIONS_YEAR = 1950

# Chronological order of four events of notebook 00 (facts.md dates).
FOUR_EVENTS_IN_ORDER = [
    "Ho Chi Minh declares independence",       # 1945-09-02
    "Kim Il-sung visits North Vietnam",         # 1958-11-28
    "Vietnam and South Korea establish relations",  # 1992-12-22
    "Kim Jong-un's visit to Vietnam",          # 2019-03-01
]


@checker("00.1")
def relations_year(answer):
    return expect_number(answer, RELATIONS_YEAR, unit="year")


@checker("00.2")
def four_events(answer):
    return expect_sequence(answer, FOUR_EVENTS_IN_ORDER, what="events")
