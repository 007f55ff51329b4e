"""Tests of workshop.evidence: simulated studies, published effects, bad input."""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workshop.evidence import (
    COHORT,
    MEASURES,
    MID_POINTS_0_10,
    PUBLISHED_EFFECTS,
    Cohort,
    effects_for,
    fraction_of_mid,
    simulate_randomised_trial,
    simulate_single_group_study,
    smd_to_points_0_10,
    to_points_0_10,
)
from workshop.evidence.stats import t_975


def same(a, b) -> bool:
    """Field-by-field equality of two result dataclasses (arrays compared exactly)."""
    for f in dataclasses.fields(a):
        x, y = getattr(a, f.name), getattr(b, f.name)
        if isinstance(x, np.ndarray):
            if not np.array_equal(x, y):
                return False
        elif x != y:
            return False
    return True


# --- single-group study --------------------------------------------------------------


def test_single_group_is_deterministic_for_a_seed():
    assert same(simulate_single_group_study(seed=7), simulate_single_group_study(seed=7))
    assert not same(simulate_single_group_study(seed=7), simulate_single_group_study(seed=8))


def test_single_group_drop_near_40_percent_with_no_specific_effect():
    r = simulate_single_group_study()
    assert r.from_specific_effect == 0.0
    assert 30.0 <= r.percent_drop <= 50.0
    assert r.mean_drop_ci[0] > 0.0  # "significant" improvement from nothing
    assert r.n == 60 and r.weeks == 12 and r.n_screened >= r.n
    assert r.weekly_mean.shape == (13,)


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 2**32 - 1))
def test_single_group_drop_in_range_for_any_seed(seed):
    r = simulate_single_group_study(n=400, seed=seed)
    assert 30.0 <= r.percent_drop <= 50.0


def test_single_group_drop_is_explained_by_its_parts():
    r = simulate_single_group_study(n=5000, seed=3)
    parts = (
        r.from_regression_to_mean
        + r.from_natural_course
        + r.from_placebo
        + r.from_specific_effect
        + r.from_other
    )
    assert math.isclose(parts, r.mean_drop, abs_tol=1e-9)
    assert r.from_regression_to_mean > 0.5  # enrolled on a bad day
    assert r.from_natural_course > 0.5
    assert r.from_placebo == COHORT.placebo_points
    assert abs(r.from_other) < 0.2  # only chance and the floor are left


def test_no_enrolment_threshold_means_no_regression_to_the_mean():
    r = simulate_single_group_study(n=20000, seed=1, cohort=COHORT.replace(enrol_threshold=0.0))
    assert abs(r.from_regression_to_mean) < 0.05


def test_a_specific_effect_adds_to_the_drop():
    base = simulate_single_group_study(n=2000, seed=2)
    more = simulate_single_group_study(n=2000, seed=2, specific_effect=1.0)
    assert more.mean_drop == pytest.approx(base.mean_drop + 1.0, abs=0.1)


# --- randomised trial ----------------------------------------------------------------


def test_trial_is_deterministic_for_a_seed():
    assert same(simulate_randomised_trial(seed=11), simulate_randomised_trial(seed=11))


def test_trial_ci_contains_zero_with_no_specific_effect():
    t = simulate_randomised_trial()
    assert t.ci_contains_zero
    assert abs(t.difference) < 0.5
    assert t.n_intervention == t.n_control == 100 and t.n == 200
    # both arms improve a lot, and about equally: the control arm is the lesson
    for pct in (t.percent_drop_intervention, t.percent_drop_control):
        assert 30.0 <= pct <= 50.0


def test_trial_ci_excludes_zero_with_a_large_effect():
    t = simulate_randomised_trial(specific_effect=2.0)
    assert not t.ci_contains_zero
    assert t.ci_low > 0.0
    assert t.ci_low <= 2.0 <= t.ci_high


def test_trial_ci_covers_zero_about_95_percent_of_the_time():
    covered = [simulate_randomised_trial(n=100, seed=s).ci_contains_zero for s in range(300)]
    assert 0.90 <= np.mean(covered) <= 0.99


def test_odd_trial_size_splits_down_for_the_intervention():
    t = simulate_randomised_trial(n=101)
    assert (t.n_intervention, t.n_control) == (50, 51)


def test_t_quantile_matches_tables():
    for df, t in ((5, 2.5706), (10, 2.2281), (30, 2.0423), (1000, 1.9623)):
        assert t_975(df) == pytest.approx(t, abs=2e-3)


# --- bad input -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "kwargs, exc, words",
    [
        ({"n": 0}, ValueError, "n must be an integer in [5, 100000]"),
        ({"n": 2.5}, TypeError, "n must be an integer"),
        ({"n": "60"}, TypeError, "n must be an integer"),
        ({"n": True}, TypeError, "n must be an integer"),
        ({"weeks": 0}, ValueError, "weeks"),
        ({"seed": -1}, ValueError, "seed"),
        ({"seed": 1.5}, TypeError, "seed"),
        ({"specific_effect": float("nan")}, ValueError, "specific_effect"),
        ({"specific_effect": 9.0}, ValueError, "specific_effect must lie in [-5, 5] points"),
        ({"specific_effect": "big"}, TypeError, "specific_effect"),
        ({"cohort": {"enrol_threshold": 6}}, TypeError, "cohort"),
    ],
)
def test_bad_study_input_raises_naming_it(kwargs, exc, words):
    with pytest.raises(exc, match=words.replace("[", r"\[").replace("]", r"\]")):
        simulate_single_group_study(**kwargs)


def test_trial_needs_at_least_ten_people():
    with pytest.raises(ValueError, match="n must be an integer in"):
        simulate_randomised_trial(n=9)


@pytest.mark.parametrize(
    "kwargs, exc",
    [
        ({"enrol_threshold": 11.0}, ValueError),
        ({"population_sd": -1.0}, ValueError),
        ({"natural_recovery_per_week": float("inf")}, ValueError),
        ({"placebo_points": True}, TypeError),
        ({"fluctuation_sd": "1.5"}, TypeError),
    ],
)
def test_bad_cohort_raises_naming_it(kwargs, exc):
    name = next(iter(kwargs))
    with pytest.raises(exc, match=name):
        Cohort(**kwargs)


def test_unreachable_threshold_raises():
    cohort = Cohort(
        population_mean=0.0, population_sd=0.0, fluctuation_sd=0.0, enrol_threshold=10.0
    )
    with pytest.raises(ValueError, match="enrol_threshold"):
        simulate_single_group_study(cohort=cohort)


def test_cohort_is_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        COHORT.placebo_points = 0.0


# --- published effects ---------------------------------------------------------------


def test_published_effects_are_well_formed():
    assert {e.practice for e in PUBLISHED_EFFECTS} >= {"yoga", "tai chi", "MBSR"}
    for e in PUBLISHED_EFFECTS:
        assert e.measure in MEASURES
        assert e.source and e.study and e.comparison and e.follow_up
        if e.measure == "MD":
            assert e.scale_max in (10.0, 100.0)
        else:
            assert e.scale_max is None
        if e.confirmed:
            assert e.effect is not None
        else:
            assert e.note  # says why it could not be confirmed
        if e.effect is not None and e.ci_low is not None:
            assert e.ci_low <= e.effect <= e.ci_high


def test_unconfirmed_rows_carry_no_numbers():
    for e in PUBLISHED_EFFECTS:
        if not e.confirmed:
            assert e.effect is None and e.ci_low is None and e.ci_high is None


def test_points_conversion():
    assert to_points_0_10(-15.0, 100) == pytest.approx(-1.5)
    assert to_points_0_10(-1.3, 10) == pytest.approx(-1.3)
    np.testing.assert_allclose(to_points_0_10([-10.0, 20.0], 100), [-1.0, 2.0])
    yoga = effects_for("yoga")[0]
    assert yoga.points_0_10() == pytest.approx((-0.74, -1.04, -0.44))
    rr = next(e for e in PUBLISHED_EFFECTS if e.measure == "RR")
    assert rr.points_0_10() is None


def test_mid_comparison():
    assert MID_POINTS_0_10 == 2.0
    assert fraction_of_mid(-0.74) == pytest.approx(0.37)
    assert fraction_of_mid(-1.5, mid=1.5) == pytest.approx(1.0)
    assert smd_to_points_0_10(-0.5, sd_points=2.0) == pytest.approx(-1.0)
    # every confirmed pooled mean difference on pain is smaller than the MID
    for e in PUBLISHED_EFFECTS:
        if e.confirmed and e.measure == "MD":
            assert fraction_of_mid(e.points_0_10()[0]) < 1.0


@pytest.mark.parametrize(
    "call, exc",
    [
        (lambda: to_points_0_10(-1.0, 50), ValueError),
        (lambda: to_points_0_10(-1.0, True), TypeError),
        (lambda: to_points_0_10("a lot", 10), TypeError),
        (lambda: to_points_0_10(float("nan"), 10), ValueError),
        (lambda: fraction_of_mid(1.0, mid=0.0), ValueError),
        (lambda: smd_to_points_0_10(0.3, sd_points=-2.0), ValueError),
        (lambda: effects_for("pilates"), ValueError),
    ],
)
def test_bad_published_helper_input_raises(call, exc):
    with pytest.raises(exc):
        call()
