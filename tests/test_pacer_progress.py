"""The pacer's progress line: which breath of how many, at what rate, how long to go
(``pacer.session_progress``; the page fills ``PROGRESS_TEMPLATE`` the same way,
``test_js_pacer.test_the_progress_line_is_pythons``)."""

from __future__ import annotations

import numpy as np
from breath_strategies import patterns, sessions
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
    np.testing.assert_allclose(progress["rate_per_min"], 60 / (ends - begins), atol=0.05 + 1e-9)


@settings(max_examples=60, deadline=None)
@given(patterns, st.floats(1.0, 240.0))
def test_a_steady_pattern_shows_one_rate(pattern, seconds):
    """Every breath of one pattern shows the same rate, even one whose second decimal
    is 5 (rounded once from the pattern's length, not from float noise)."""
    rates = session_progress(phase_list(Session([(pattern, seconds)])))["rate_per_min"]
    assert len(set(rates)) == 1, rates


def test_a_rate_ending_in_5_reads_the_same_all_session():
    rates = session_progress(phase_list(Session([(Pattern(4.8, 0, 4.8, 0), 600.0)])))
    assert set(rates["rate_per_min"]) == {6.2}  # 6.25, rounded half to even, every breath


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
