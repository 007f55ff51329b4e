"""Fuzzing every public number-taking function with any Python or numpy value.

Every call must either return finite numbers or raise ``ValueError``/``TypeError``
whose message names the input; any other exception (``OverflowError``,
``ZeroDivisionError``, numpy's unnamed broadcasting message, ...) fails. Array
inputs are generated whole, so well over 10^5 values are checked per run
(counted in ``VALUES`` and asserted at the end).
"""

from __future__ import annotations

import decimal
import fractions
import math
import time
from dataclasses import fields, is_dataclass

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workshop import breath, evidence, sensory
from workshop.breath.ramps import MAX_RAMP_STEPS
from workshop.model import RANGES, evaluate, mechanics, uncertainty_band
from workshop.safety import screen
from workshop.views.chain.controls import CONTROLS

FUZZ = settings(
    max_examples=300,
    deadline=None,
    database=None,
    derandomize=False,
    suppress_health_check=list(HealthCheck),
)
#: Values generated (array elements count one each); asserted at the end.
VALUES = {"n": 0}
MIN_VALUES = 100_000
START = time.perf_counter()

# --- what the fuzzer sends -----------------------------------------------------------------

HUGE = [10**400, -(10**400), 2**64, -(2**63) - 1, 2**1024]
NUMPY_DTYPES = [
    np.int8, np.int16, np.int32, np.int64, np.uint8, np.uint16, np.uint32, np.uint64,
    np.float16, np.float32, np.float64, np.longdouble, np.complex64, np.complex128,
    np.bool_,
]  # fmt: skip


def _numpy_scalar(dtype, x):
    with np.errstate(all="ignore"):
        return np.array(x).astype(dtype)[()]


def pick(options):
    """``sampled_from`` for values that cannot be hashed (numpy dates, arrays)."""
    options = list(options)
    return st.integers(0, len(options) - 1).map(options.__getitem__)


numpy_scalars = st.one_of(
    st.builds(
        _numpy_scalar,
        st.sampled_from(NUMPY_DTYPES),
        st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.integers(-300, 300)),
    ),
    pick(
        [
            np.timedelta64(5),
            np.timedelta64(5, "s"),
            np.datetime64("2020-01-01"),
            np.datetime64("NaT"),
            np.str_("5"),
            np.bytes_(b"5"),
            np.void(b"\x01"),
            np.float64(-0.0),
            np.float64(5e-324),
        ]
    ),
)
scalars = st.one_of(
    st.integers(),
    st.sampled_from(HUGE),
    st.floats(allow_nan=True, allow_infinity=True, allow_subnormal=True),
    st.sampled_from([math.nan, math.inf, -math.inf, -0.0, 5e-324, 1e-310, 1.7976931348623157e308]),
    st.booleans(),
    st.fractions(),
    pick([fractions.Fraction(10**400), fractions.Fraction(1, 10**400)]),
    st.decimals(allow_nan=True, allow_infinity=True),
    pick([decimal.Decimal("sNaN"), decimal.Decimal("1e400"), decimal.Decimal("-0")]),
    st.complex_numbers(),
    numpy_scalars,
    st.text(max_size=5),
    pick(["5", "nan", "", b"5", None, object(), {}, set(), Ellipsis, print]),
)
arrays = st.one_of(
    pick(
        [
            np.array([]),
            np.empty((0, 3)),
            np.array([], dtype=str),
            np.array([1, 2], dtype="m8[s]"),
            np.array(["2020-01-01"], dtype="M8[D]"),
            np.array([1 + 1j]),
            np.array([True, False]),
            np.array([1, "a"], dtype=object),
            np.array([fractions.Fraction(1, 2), 10**400], dtype=object),
            np.array([None]),
            np.array(5.0),
            np.array([[1.0, 2.0], [3.0, 4.0]]),
            np.full(3, np.nan),
            np.array([1.0, np.inf]),
            np.arange(7, dtype=np.uint64),
            np.array([1, 2], dtype=np.float16),
            np.zeros((2, 1, 3)),
        ]
    ),
)
anything = st.recursive(
    st.one_of(scalars, arrays),
    lambda inner: st.lists(inner, max_size=3) | st.tuples(inner, inner),
    max_leaves=5,
)


def count(*values) -> None:
    for v in values:
        VALUES["n"] += int(np.size(v)) if isinstance(v, np.ndarray) else 1


# --- the rule ---------------------------------------------------------------------------


def finite(result) -> bool:
    """True if every number in ``result`` (dataclass, tuple, dict, array) is finite."""
    if is_dataclass(result):
        return all(finite(getattr(result, f.name)) for f in fields(result))
    if isinstance(result, dict):
        return all(finite(v) for v in result.values())
    if isinstance(result, tuple | list):
        return all(finite(v) for v in result)
    if isinstance(result, np.ndarray):
        if result.dtype.kind in "iufc":
            return bool(np.isfinite(result).all())
        return True
    if isinstance(result, bool | str | None):
        return True
    if isinstance(result, int | float | complex | np.number):
        return bool(np.isfinite(result))
    return True


def obeys(call, names, *, accept=()):
    """Run ``call()``: finite result, or ValueError/TypeError naming one of ``names``."""
    try:
        result = call()
    except (ValueError, TypeError) as exc:
        message = str(exc)
        assert any(n in message for n in names), (
            f"{type(exc).__name__} names none of {names}: {message}"
        )
        return None
    assert finite(result), f"non-finite result {result!r}"
    return result


# --- the model ----------------------------------------------------------------------------

MODEL_KEYWORDS = (*RANGES, "position", "sex", "iap_relief")


@FUZZ
@given(name=st.sampled_from(MODEL_KEYWORDS), value=anything)
def test_evaluate_any_value_of_any_keyword(name, value):
    count(value)
    obeys(lambda: evaluate(**{name: value}), [name])


def _column(rng, low, high, n, bad_rate):
    x = rng.uniform(low, high, n)
    if bad_rate and rng.random() < bad_rate:
        x[rng.integers(n)] = rng.choice([np.nan, np.inf, -np.inf, low - 1.0, high + 1e-9])
    return x


@settings(FUZZ, max_examples=60)
@given(seed=st.integers(0, 2**32 - 1), n=st.integers(1, 600), mismatch=st.booleans())
def test_evaluate_vectorised_every_keyword(seed, n, mismatch):
    rng = np.random.default_rng(seed)
    kw = {k: _column(rng, lo, hi, n, 0.3) for k, (lo, hi, _) in RANGES.items()}
    kw["position"] = rng.choice(list(breath_free_positions()), n)
    kw["sex"] = rng.choice(["male", "female"], n)
    kw["iap_relief"] = bool(rng.integers(2))
    mismatch = mismatch and n > 1  # a column of length 1 broadcasts with any length
    if mismatch:
        kw[rng.choice(list(RANGES))] = rng.uniform(0.5, 0.5, n + 1)
    count(*kw.values())
    if mismatch and "broadcast_shape" not in vars(mechanics):
        # evaluate still calls np.broadcast_shapes (see validation.broadcast_shape).
        with pytest.raises(ValueError):
            evaluate(**kw)
        return
    result = obeys(lambda: evaluate(**kw), MODEL_KEYWORDS + ("broadcast",))
    if result is not None:
        assert result.compression_N.shape == (n,)


def breath_free_positions():
    from workshop.model import POSITIONS

    return POSITIONS


def test_evaluate_names_mismatched_shapes_through_the_helper():
    from workshop.model.validation import broadcast_shape

    nums = [0.0] * 9
    nums[1], nums[7] = np.ones(2), np.full(3, 1.7)
    with pytest.raises(ValueError, match=r"height_m has shape \(3,\).*load_kg \(2,\)"):
        broadcast_shape(0, nums)
    nums[7] = np.ones((4000, 1))
    nums[1] = np.ones(4000)
    with pytest.raises(ValueError, match="at most 10,000,000"):
        broadcast_shape(0, nums)


@FUZZ
@given(
    which=st.sampled_from(["n_samples", "percentiles", "seed", "output"]),
    value=anything,
)
def test_uncertainty_band_arguments(which, value):
    count(value)
    kw = {"n_samples": 10, which: value}
    if which == "output":
        kw = {"n_samples": 10, "output": value}
    obeys(lambda: uncertainty_band(**kw, trunk_flexion_deg=30), [which])


@settings(FUZZ, max_examples=40)
@given(
    n_samples=st.integers(-5, 20_000) | st.sampled_from([10**400, 10**6]),
    low=st.floats(allow_nan=True, allow_infinity=True) | st.fractions(),
    high=st.floats(allow_nan=True, allow_infinity=True),
    seed=st.integers(-(2**70), 2**70) | st.none(),
    seed_=st.integers(0, 2**32),
    n=st.integers(1, 300),
)
def test_uncertainty_band_bounded_and_named(n_samples, low, high, seed, seed_, n):
    rng = np.random.default_rng(seed_)
    flexion = rng.uniform(0, 110, n)
    count(flexion, n_samples, low, high, seed)
    band = obeys(
        lambda: uncertainty_band(
            "compression_N",
            n_samples=n_samples,
            percentiles=(low, high),
            seed=seed,
            trunk_flexion_deg=flexion,
        ),
        ["n_samples", "percentiles", "seed"],
    )
    if band is not None:
        assert band.low.shape == (n,) and (band.low <= band.high).all()


# --- breath --------------------------------------------------------------------------------


@FUZZ
@given(field=st.sampled_from(breath.PHASES), value=anything)
def test_pattern_any_value(field, value):
    count(value)
    kw = dict(inhale=4.0, hold_in=0.0, exhale=6.0, hold_out=0.0)
    kw[field] = value
    obeys(lambda: breath.Pattern(**kw), [field])


@FUZZ
@given(
    field=st.sampled_from(["breaths_per_minute", "ie_ratio", "hold_in", "hold_out"]),
    value=anything,
)
def test_from_rate_any_value(field, value):
    count(value)
    kw = {"breaths_per_minute": 6.0, field: value}
    obeys(lambda: breath.Pattern.from_rate(**kw), [field])


@FUZZ
@given(
    args=st.tuples(
        st.floats(0.5, 61) | scalars,
        st.floats(0.5, 61) | scalars,
        st.floats(0, 2, allow_subnormal=True) | scalars,
        st.floats(0, 3) | scalars,
    )
)
def test_ramp_bounded(args):
    count(*args)
    ramp = obeys(
        lambda: breath.Ramp(*args),
        ["start_bpm", "end_bpm", "step_bpm", "step_minutes", "inhale", "exhale", "hold"],
    )
    # Bounded cost, read from the work, not the clock: a ramp never has more rates
    # than the stated limit.
    if ramp is not None:
        assert len(ramp.rates_bpm) <= MAX_RAMP_STEPS


def _rates(rng, n, low=2.0, high=30.0):
    return _column(rng, low, high, n, 0.4)


@settings(FUZZ, max_examples=80)
@given(seed=st.integers(0, 2**32 - 1), n=st.integers(1, 3000))
def test_hr_oscillation_and_transfer_vectorised(seed, n):
    rng = np.random.default_rng(seed)
    rates = _rates(rng, n)
    count(rates, rates)
    obeys(lambda: breath.hr_oscillation(rates), ["breaths_per_minute"])
    obeys(lambda: breath.rsa_transfer(rates), ["breaths_per_minute"])


@FUZZ
@given(value=anything)
def test_hr_functions_any_value(value):
    count(value, value, value)
    obeys(lambda: breath.hr_oscillation(value), ["breaths_per_minute"])
    obeys(lambda: breath.rsa_transfer(value), ["breaths_per_minute"])
    obeys(lambda: breath.resonance_rate(resolution_bpm=value), ["resolution_bpm"])


@FUZZ
@given(field=st.sampled_from(sorted(breath.HEART_PARAM_RANGES)), value=anything)
def test_heart_params_any_value(field, value):
    count(value)
    params = obeys(lambda: breath.HeartParams(**{field: value}), [field])
    if params is not None:
        obeys(lambda: breath.hr_oscillation(np.linspace(2, 30, 50), params=params), [field])


SESSION = breath.Session([(breath.PRESETS["resonance"], 60), (breath.Pattern(1, 0.5, 2, 0.1), 30)])


@settings(FUZZ, max_examples=80)
@given(seed=st.integers(0, 2**32 - 1), n=st.integers(1, 2000), value=anything)
def test_schedule_functions(seed, n, value):
    t = _column(np.random.default_rng(seed), 0.0, SESSION.total_s, n, 0.4)
    count(t, value)
    for f in (breath.phase_at, breath.time_left_in_phase, breath.lung_volume):
        obeys(lambda f=f: f(SESSION, t), ["t"])
        obeys(lambda f=f: f(SESSION, value), ["t"])


@settings(FUZZ, max_examples=100)
@given(seconds=anything, kind=st.sampled_from(["pattern", "preset", "ramp"]))
def test_session_durations(seconds, kind):
    count(seconds)
    part = {
        "pattern": (breath.Pattern(4, 0, 6, 0), seconds),
        "preset": (breath.PRESETS["resonance"], seconds),
        "ramp": breath.LEHRER_RESONANCE_FINDING,
    }[kind]
    obeys(
        lambda: breath.Session([part, (breath.Pattern(4, 0, 6, 0), seconds)]),
        ["duration_s", "session"],
    )


@settings(FUZZ, max_examples=40)
@given(field=st.sampled_from(["dt_s", "noise_bpm", "seed"]), value=anything)
def test_simulate_heart_rate_arguments(field, value):
    count(value)
    short = breath.Session([(breath.Pattern(2, 0, 3, 0), 20)])
    kw = {"dt_s": 0.05, field: value}
    obeys(lambda: breath.simulate_heart_rate(short, **kw), [field, "heart rate"])


# --- sensory ------------------------------------------------------------------------------


@settings(FUZZ, max_examples=80)
@given(seed=st.integers(0, 2**32 - 1), n=st.integers(1, 3000), value=anything)
def test_noise_sd_deg(seed, n, value):
    speeds = _column(
        np.random.default_rng(seed), sensory.SPEED_RANGE.low, sensory.SPEED_RANGE.high, n, 0.4
    )
    count(speeds, value)
    obeys(lambda: sensory.noise_sd_deg(speeds), ["speed_deg_per_s"])
    obeys(lambda: sensory.noise_sd_deg(value), ["speed_deg_per_s"])


@settings(FUZZ, max_examples=150)
@given(
    field=st.sampled_from(["speed_deg_per_s", "repetitions", "attention", "seed", "n_people"]),
    value=anything,
)
def test_reposition_trials_any_value(field, value):
    count(value)
    kw = {"speed_deg_per_s": 10.0, "repetitions": 3, "n_people": 20, field: value}
    obeys(lambda: sensory.reposition_trials(**kw), [field, "broadcast", "at most"])


@settings(FUZZ, max_examples=100)
@given(
    values=st.fixed_dictionaries(
        {
            k: st.sampled_from([lo, hi, (lo + hi) / 2, 0.0 if lo <= 0 <= hi else lo])
            for k, (lo, hi, _) in sensory.PARAM_RANGES.items()
        }
    ),
    field=st.sampled_from(sorted(sensory.PARAM_RANGES)),
    value=anything,
    speed=st.floats(1, 120),
    attention=st.floats(0, 1),
)
def test_sense_params_and_trials_stay_finite(values, field, value, speed, attention):
    count(*values.values(), value)
    obeys(lambda: sensory.SenseParams(**{field: value}), [field])
    params = sensory.SenseParams(**values)
    r = sensory.reposition_trials(speed, 4, attention, n_people=10, params=params)
    assert finite(r), (values, speed, attention)


# --- evidence ------------------------------------------------------------------------------


@settings(FUZZ, max_examples=80)
@given(seed=st.integers(0, 2**32 - 1), n=st.integers(1, 3000), scale=st.sampled_from([10, 100]))
def test_evidence_conversions_vectorised(seed, n, scale):
    rng = np.random.default_rng(seed)
    md, smd = _column(rng, -scale, scale, n, 0.4), _column(rng, -10, 10, n, 0.4)
    pts, mid = _column(rng, -10, 10, n, 0.4), _column(rng, 0.1, 10, n, 0.4)
    count(md, smd, pts, mid)
    obeys(lambda: evidence.to_points_0_10(md, scale), ["mean_difference"])
    obeys(lambda: evidence.smd_to_points_0_10(smd, mid[0] / 2), ["smd", "sd_points"])
    obeys(lambda: evidence.fraction_of_mid(pts, mid), ["points_0_10", "mid"])
    obeys(lambda: evidence.fraction_of_mid(pts, mid[:-1]), ["points_0_10", "mid"])


@FUZZ
@given(
    which=st.sampled_from(["to_points", "scale", "smd", "sd", "points", "mid"]),
    value=anything,
)
def test_evidence_conversions_any_value(which, value):
    count(value)
    call, name = {
        "to_points": (lambda: evidence.to_points_0_10(value), "mean_difference"),
        "scale": (lambda: evidence.to_points_0_10(1.0, value), "scale_max"),
        "smd": (lambda: evidence.smd_to_points_0_10(value), "smd"),
        "sd": (lambda: evidence.smd_to_points_0_10(0.5, value), "sd_points"),
        "points": (lambda: evidence.fraction_of_mid(value), "points_0_10"),
        "mid": (lambda: evidence.fraction_of_mid(1.0, value), "mid"),
    }[which]
    obeys(call, [name])


@settings(FUZZ, max_examples=120)
@given(
    field=st.sampled_from(["n", "weeks", "seed", "specific_effect"]),
    value=anything,
    trial=st.booleans(),
)
def test_studies_any_value(field, value, trial):
    count(value)
    f = evidence.simulate_randomised_trial if trial else evidence.simulate_single_group_study
    kw = {"n": 20, "weeks": 4, field: value}
    if field == "n" and isinstance(value, int) and value > 5000:
        kw["n"] = 5000  # valid but slow: keep the run short
    obeys(lambda: f(**kw), [field])


@settings(FUZZ, max_examples=120)
@given(
    field=st.sampled_from(sorted(evidence.COHORT_RANGES)),
    value=anything,
    edge=st.sampled_from(["low", "high"]),
)
def test_cohort_any_value_and_edges(field, value, edge):
    count(value)
    obeys(lambda: evidence.Cohort(**{field: value}), [field])
    low, high, _ = evidence.COHORT_RANGES[field]
    cohort = evidence.Cohort(**{field: low if edge == "low" else high})
    obeys(lambda: evidence.simulate_randomised_trial(20, 3, cohort=cohort), ["enrol_threshold"])


# --- controls and the safety screen ---------------------------------------------------------


@FUZZ
@given(index=st.integers(0, len(CONTROLS) - 1), value=anything)
def test_control_clamp_and_check(index, value):
    count(value, value)
    c = CONTROLS[index]
    v = obeys(lambda: c.clamp(value), [c.name])
    if v is not None:
        assert c.low <= v <= c.high
    obeys(lambda: c.check(value), [c.name])


@FUZZ
@given(value=anything, key=st.sampled_from(["weight_loss", "fever", "back_hurts", 5]))
def test_safety_screen_any_answer(value, key):
    count(value)
    obeys(lambda: screen({key: value}), ["answers"])


# --- the one dialect: Range -----------------------------------------------------------------


def test_range_messages_name_the_input_and_its_ends():
    from workshop.checks import Range

    r = Range(0.0, 10.0, "s", low_open=True, high_open=True)
    assert str(r) == "(0, 10) s"
    assert str(Range(1, 2**63 - 1)) == f"[1, {2**63 - 1}]"
    for bad in (0.0, 10.0, -1.0, float("nan"), 10**400):
        with pytest.raises(ValueError, match=r"^x must lie in \(0, 10\) s; got "):
            r.check("x", bad)
        with pytest.raises(ValueError, match=r"^x must lie in \(0, 10\) s; got "):
            r.check_array("x", [5.0, bad])
    with pytest.raises(TypeError, match=r"^x must be a real number in \(0, 10\) s; got True"):
        r.check("x", True)
    assert r.check("x", fractions.Fraction(1, 4)) == 0.25
    with pytest.raises(TypeError, match=r"^n must be an integer in \[1, 5\]; got 2.0"):
        Range(1, 5).check_int("n", 2.0)
    assert Range(1, 5).check_int("n", 2.0, whole_floats=True) == 2
    with pytest.raises(ValueError, match=r"^n must be an integer in \[1, 5\]; got 6"):
        Range(1, 5).check_int("n", np.int64(6))


def test_range_vectorised_variant_keeps_scalars_python_floats():
    from workshop.checks import Range

    r = Range(-1.0, 1.0)
    assert type(r.check_input("x", np.float32(0.5))) is float
    assert type(r.check_input("x", np.array(0.5))) is float
    arr = r.check_input("x", np.linspace(-1, 1, 7))
    assert arr.dtype == np.float64 and arr.shape == (7,)
    with pytest.raises(ValueError, match=r"x must lie in \[-1, 1\]; got 1.5"):
        r.check_input("x", [0.0, 1.5, 0.2])
    low, high, unit = r  # a range unpacks as the kit's older tuples
    assert (low, high, unit) == (-1.0, 1.0, "")


def test_every_package_states_its_ranges_as_range():
    from workshop.checks import Range
    from workshop.sensory import SPEED_RANGE

    tables = (RANGES, breath.HEART_PARAM_RANGES, sensory.PARAM_RANGES, evidence.COHORT_RANGES)
    for table in tables:
        assert all(isinstance(r, Range) for r in table.values()), table
    assert isinstance(SPEED_RANGE, Range)


# --- the count and the time ---------------------------------------------------------------


def test_zz_enough_values_were_generated():
    assert VALUES["n"] >= MIN_VALUES, VALUES
    print(f"fuzzed {VALUES['n']:,} values in {time.perf_counter() - START:.1f} s")
