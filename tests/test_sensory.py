"""Tests of workshop.sensory: learning from slow attentive repetitions, shapes, bad input."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workshop.sensory import SENSE, SenseParams, noise_sd_deg, reposition_trials

ARRAYS = (
    "absolute_error_deg",
    "constant_error_deg",
    "variable_error_deg",
    "bias_deg",
    "bias_spread_deg",
    "uncertainty_deg",
    "learning_gain",
)


def test_same_seed_same_numbers():
    a = reposition_trials(10.0, 15, seed=4)
    b = reposition_trials(10.0, 15, seed=4)
    c = reposition_trials(10.0, 15, seed=5)
    for name in ARRAYS:
        np.testing.assert_array_equal(getattr(a, name), getattr(b, name))
    assert not np.array_equal(a.absolute_error_deg, c.absolute_error_deg)


def test_slow_attentive_repetitions_shrink_error_and_spread():
    r = reposition_trials(5.0, 20, attention=1.0, n_people=2000)
    ae, ce, spread = r.absolute_error_deg, r.constant_error_deg, r.bias_spread_deg
    assert ae[-1] < 0.5 * ae[0]
    assert abs(ce[-1]) < 0.2 * abs(ce[0])
    assert spread[-1] < 0.5 * spread[0]
    assert r.uncertainty_deg[-1] < r.uncertainty_deg[0]
    # from the 3 deg of a painful back towards the 1-2 deg of control groups
    assert 2.5 <= ae[0] <= 4.0 and ae[-1] <= 1.5


def test_fast_repetitions_learn_less():
    r = reposition_trials([5.0, 60.0], 20, n_people=2000)
    ae = r.absolute_error_deg
    relative_drop = 1.0 - ae[:, -1] / ae[:, 0]
    assert relative_drop[0] > relative_drop[1] + 0.2
    assert ae[1, -1] > ae[0, -1] + 1.0  # fast ends far less accurate
    assert r.learning_gain[0, 0] > r.learning_gain[1, 0]


def test_inattentive_repetitions_learn_less_and_none_without_attention():
    r = reposition_trials(5.0, 20, attention=[1.0, 0.3, 0.0], n_people=2000)
    ae = r.absolute_error_deg
    assert ae[0, -1] < ae[1, -1] < ae[2, -1]
    assert np.all(r.learning_gain[2] == 0.0)
    assert ae[2, -1] > 0.9 * ae[2, 0]  # no error signal used, no learning


def test_shapes_broadcast_speed_against_attention():
    r = reposition_trials([5.0, 20.0, 60.0], 7, attention=[[1.0], [0.5]])
    assert r.speed_deg_per_s.shape == (2, 3)
    assert r.noise_sd_deg.shape == (2, 3)
    for name in ARRAYS:
        assert getattr(r, name).shape == (2, 3, 7), name
    np.testing.assert_array_equal(r.repetition, np.arange(1, 8))


def test_each_condition_is_the_same_as_a_scalar_run():
    many = reposition_trials([5.0, 60.0], 10, attention=0.7, seed=9)
    one = reposition_trials(60.0, 10, attention=0.7, seed=9)
    for name in ARRAYS:
        np.testing.assert_allclose(getattr(many, name)[1], getattr(one, name))


def test_noise_grows_with_speed():
    sd = noise_sd_deg(np.array([1.0, 10.0, 60.0, 120.0]))
    assert np.all(np.diff(sd) > 0)
    assert noise_sd_deg(5.0) == pytest.approx(SENSE.noise_floor_deg + 5 * SENSE.noise_per_speed)


@settings(max_examples=60, deadline=None)
@given(
    speed=st.floats(1.0, 120.0, allow_nan=False),
    attention=st.floats(0.0, 1.0, allow_nan=False),
    reps=st.integers(1, 30),
    seed=st.integers(0, 2**32 - 1),
)
def test_outputs_are_finite_and_consistent(speed, attention, reps, seed):
    r = reposition_trials(speed, reps, attention=attention, seed=seed, n_people=50)
    for name in ARRAYS:
        assert np.all(np.isfinite(getattr(r, name))), name
    assert np.all(r.absolute_error_deg >= np.abs(r.constant_error_deg) - 1e-12)
    assert np.all(r.variable_error_deg >= 0.0)
    assert np.all((r.learning_gain >= 0.0) & (r.learning_gain <= 1.0))


@pytest.mark.parametrize(
    "kwargs, exc, name",
    [
        ({"speed_deg_per_s": 0.0}, ValueError, "speed_deg_per_s"),
        ({"speed_deg_per_s": 500.0}, ValueError, "speed_deg_per_s"),
        ({"speed_deg_per_s": float("nan")}, ValueError, "speed_deg_per_s"),
        ({"speed_deg_per_s": [5.0, -1.0]}, ValueError, "speed_deg_per_s"),
        ({"speed_deg_per_s": "fast"}, TypeError, "speed_deg_per_s"),
        ({"speed_deg_per_s": True}, TypeError, "speed_deg_per_s"),
        ({"speed_deg_per_s": []}, ValueError, "speed_deg_per_s"),
        ({"attention": 1.5}, ValueError, "attention"),
        ({"attention": -0.1}, ValueError, "attention"),
        ({"repetitions": 0}, ValueError, "repetitions"),
        ({"repetitions": 2.5}, TypeError, "repetitions"),
        ({"n_people": 1}, ValueError, "n_people"),
        ({"seed": -3}, ValueError, "seed"),
        ({"params": {"noise_floor_deg": 1.0}}, TypeError, "params"),
        ({"speed_deg_per_s": [5.0, 10.0], "attention": [1.0, 0.5, 0.2]}, ValueError, "broadcast"),
    ],
)
def test_bad_input_raises_naming_it(kwargs, exc, name):
    call = {"speed_deg_per_s": 10.0, **kwargs}
    with pytest.raises(exc, match=name):
        reposition_trials(**call)


def test_bad_params_raise_naming_them():
    with pytest.raises(ValueError, match="noise_per_speed"):
        SenseParams(noise_per_speed=-0.1)
    with pytest.raises(TypeError, match="prior_sd_deg"):
        SenseParams(prior_sd_deg="2")
    with pytest.raises(dataclasses.FrozenInstanceError):
        SENSE.noise_floor_deg = 0.0
    assert SENSE.replace(noise_floor_deg=2.0).noise_floor_deg == 2.0
