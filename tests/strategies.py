"""Hypothesis strategies shared by the fuzz tests: whatever a student might pass in."""

import math

import pandas as pd
from hypothesis import strategies as st

frames = st.builds(
    lambda n, cols: pd.DataFrame({c: range(n) for c in cols}),
    st.integers(0, 5),
    st.lists(st.sampled_from(["x", "year", "event_id", "phase", "count", "title"]),
             max_size=3, unique=True))

scalars = (st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30)
           | st.binary(max_size=10) | st.just(...) | st.just(10**400) | st.just(math.inf)
           | st.just(float("nan")) | frames)

anything = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=6) | st.tuples(inner, inner)
    | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=12)
