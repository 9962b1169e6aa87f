"""The two warm-up tasks of notebook 00."""

from comrades.check import register
from comrades.tasks.kinds import Ordering, Year

# Sources: facts.md (the day the DPRK and the DRV recognised each other) and the article
# [¶5]. (No date in this comment: the student edition ships this file with a hashed key.)
RELATIONS_YEAR = 1950

# Chronological order of four events of notebook 00 (facts.md dates).
FOUR_EVENTS_IN_ORDER = [
    "Ho Chi Minh declares independence",       # 1945-09-02
    "Kim Il-sung visits North Vietnam",         # 1958-11-28
    "Vietnam and South Korea establish relations",  # 1992-12-22
    "Kim Jong-un's visit to Vietnam",          # 2019-03-01
]

register("00.1", Year(RELATIONS_YEAR, "year North Korea and North Vietnam established "
                      "relations"), objective="00-O2")
register("00.2", Ordering(FOUR_EVENTS_IN_ORDER, ids=False), objective="00-O4")
