"""Hypothesis strategies for breathing patterns and sessions, shared by the tests."""

from __future__ import annotations

from hypothesis import strategies as st

from workshop.breath import PRESETS, Pattern, Session

breath_s = st.floats(0.5, 12.0, allow_nan=False, allow_infinity=False)
hold_s = st.just(0.0) | st.floats(0.1, 8.0, allow_nan=False, allow_infinity=False)
patterns = st.builds(Pattern, breath_s, hold_s, breath_s, hold_s)
sessions = st.lists(
    st.tuples(patterns | st.sampled_from(list(PRESETS.values())), st.floats(1.0, 240.0)),
    min_size=1,
    max_size=4,
).map(Session)
