"""The pacer's progress line: which breath of how many, at what rate, how long to go
(``pacer.session_progress``; the page fills ``PROGRESS_TEMPLATE`` the same way,
``test_js_pacer.test_the_progress_line_is_pythons``)."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from workshop.breath import LEHRER_RESONANCE_FINDING, PRESETS, Pattern, Session
from workshop.breath.schedule import phase_list
from workshop.views.breath.pacer import (
    clock_text,
    pacer_plan,
    progress_text,
    session_progress,
    session_summary,
)

breath_s = st.floats(0.5, 12.0, allow_nan=False, allow_infinity=False)
hold_s = st.just(0.0) | st.floats(0.1, 8.0, allow_nan=False, allow_infinity=False)
patterns = st.builds(Pattern, breath_s, hold_s, breath_s, hold_s)
sessions = st.lists(
    st.tuples(patterns | st.sampled_from(list(PRESETS.values())), st.floats(1.0, 240.0)),
    min_size=1,
    max_size=4,
).map(Session)


@settings(max_examples=60, deadline=None)
@given(sessions)
def test_breaths_are_counted_from_in_breath_to_in_breath(session):
    phases = phase_list(session)
    progress = session_progress(phases)
    kinds = np.asarray(phases["phase"])
    starts = np.append(phases["start_s"], phases["total_s"])
    n = progress["breaths"]
    assert n == int((kinds == "inhale").sum())
    assert session_summary(phases).startswith(f"{n} breath")
    numbers = np.asarray(progress["breath_of_phase"])
    assert numbers[0] == 1 and numbers[-1] == n
    assert set(np.diff(numbers)) <= {0, 1}
    # A number steps up exactly at an in-breath.
    assert (np.diff(numbers) == 1).tolist() == (kinds[1:] == "inhale").tolist()
    # Each breath's rate is 60 s over its length, from its in-breath to the next.
    begins = starts[:-1][kinds == "inhale"]
    ends = np.append(begins[1:], phases["total_s"])
    np.testing.assert_allclose(progress["rate_per_min"], np.round(60 / (ends - begins), 1))


def test_a_ramp_shows_its_rate_falling_breath_by_breath():
    progress = pacer_plan(Session(LEHRER_RESONANCE_FINDING.segments))["progress"]
    rates = progress["rate_per_min"]
    assert rates[0] == 6.5 and rates[-1] == 4.5
    assert all(later <= earlier for earlier, later in zip(rates, rates[1:], strict=False))


def test_the_line_in_words():
    progress = pacer_plan(Session([(PRESETS["resonance"], 60.0)]))["progress"]
    assert progress_text(progress, 2, 49.5) == "Breath 2 of 6 · 6.0 breaths a minute · 0:50 left"
    assert [clock_text(s) for s in (0.0, 0.2, 59.0, 60.0, 125.0)] == [
        "0:00",
        "0:01",
        "0:59",
        "1:00",
        "2:05",
    ]
