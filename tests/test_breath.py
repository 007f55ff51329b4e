"""Unit and property tests of workshop.breath: patterns, presets, ramps, schedule, heart."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workshop.breath import (
    HEART,
    LEHRER_RESONANCE_FINDING,
    PHASES,
    PRESETS,
    HeartParams,
    Pattern,
    Preset,
    Ramp,
    Session,
    boundaries,
    hr_oscillation,
    lung_volume,
    phase_at,
    resonance_rate,
    rsa_transfer,
    simulate_heart_rate,
    time_left_in_phase,
    whole_cycles,
)

# --- strategies -----------------------------------------------------------------------

breath_s = st.floats(0.5, 12.0, allow_nan=False, allow_infinity=False)
hold_s = st.one_of(st.just(0.0), st.floats(0.1, 8.0, allow_nan=False, allow_infinity=False))
patterns = st.builds(Pattern, breath_s, hold_s, breath_s, hold_s)
segment_pairs = st.tuples(patterns, st.floats(1.0, 240.0, allow_nan=False))
sessions = st.lists(segment_pairs, min_size=1, max_size=4).map(Session)
rates = st.floats(2.0, 30.0, allow_nan=False, allow_infinity=False)

BAD_NUMBERS = [
    (float("nan"), ValueError),
    (float("inf"), ValueError),
    (-float("inf"), ValueError),
    (True, TypeError),
    (np.bool_(False), TypeError),
    ("4", TypeError),
    (None, TypeError),
    ([4.0], TypeError),
    (4 + 0j, TypeError),
]


def grid(session: Session, n: int = 20_001) -> np.ndarray:
    return np.linspace(0.0, session.total_s, n)


# --- Pattern --------------------------------------------------------------------------


def test_pattern_derived_numbers():
    p = Pattern(4, 0, 6, 0)
    assert p.cycle_s == 10.0
    assert p.breaths_per_minute == 6.0
    assert p.ie_ratio == pytest.approx(4 / 6)
    assert p.phases == [("inhale", 4.0), ("exhale", 6.0)]
    assert str(p) == "4-0-6-0"
    assert isinstance(p.inhale, float)
    box = Pattern(4, 4, 4, 4)
    assert [name for name, _ in box.phases] == list(PHASES)
    assert box.breaths_per_minute == pytest.approx(3.75)


def test_pattern_is_frozen():
    with pytest.raises(AttributeError):
        Pattern(4, 0, 6, 0).inhale = 5.0


def test_pattern_accepts_numpy_numbers():
    p = Pattern(np.float64(4.0), np.int64(0), np.float32(6.0), 0)
    assert p.cycle_s == 10.0


@pytest.mark.parametrize("field", PHASES)
@pytest.mark.parametrize(("bad", "error"), BAD_NUMBERS)
def test_pattern_refuses_bad_types_and_non_finite(field, bad, error):
    kw = dict(inhale=4.0, hold_in=0.0, exhale=6.0, hold_out=0.0)
    kw[field] = bad
    with pytest.raises(error, match=rf"{field} must .*\[\d"):
        Pattern(**kw)


@pytest.mark.parametrize(
    ("field", "bad", "rule"),
    [
        ("inhale", 0.4, r"inhale must lie in \[0.5, 30\] s"),
        ("inhale", 0.0, r"inhale must lie in \[0.5, 30\] s"),
        ("inhale", 30.5, r"inhale must lie in \[0.5, 30\] s"),
        ("exhale", 0.49, r"exhale must lie in \[0.5, 30\] s"),
        ("exhale", -1.0, r"exhale must lie in \[0.5, 30\] s"),
        ("hold_in", -0.1, r"hold_in must lie in \[0, 30\] s"),
        ("hold_in", 31.0, r"hold_in must lie in \[0, 30\] s"),
        ("hold_out", -1e-9, r"hold_out must lie in \[0, 30\] s"),
        ("hold_out", 45.0, r"hold_out must lie in \[0, 30\] s"),
        ("hold_in", 0.05, r"hold_in must be 0 or lie in \[0.1, 30\] s; got 0.05"),
        ("hold_out", 1e-93, r"hold_out must be 0 or lie in \[0.1, 30\] s"),
    ],
)
def test_pattern_refuses_out_of_range_phases(field, bad, rule):
    kw = dict(inhale=4.0, hold_in=0.0, exhale=6.0, hold_out=0.0)
    kw[field] = bad
    with pytest.raises(ValueError, match=rule):
        Pattern(**kw)


def test_pattern_refuses_a_cycle_over_a_minute():
    with pytest.raises(ValueError, match=r"cycle .* between 1 and 60 s; got 61 s"):
        Pattern(30, 1, 30, 0)
    assert Pattern(30, 0, 30, 0).cycle_s == 60.0  # the end is allowed
    assert Pattern(0.5, 0, 0.5, 0).breaths_per_minute == 60.0


@settings(max_examples=200, deadline=None)
@given(patterns)
def test_pattern_numbers_agree(p):
    assert p.breaths_per_minute * p.cycle_s == pytest.approx(60.0)
    assert sum(s for _, s in p.phases) == pytest.approx(p.cycle_s)
    assert all(s > 0 for _, s in p.phases)
    assert [n for n, _ in p.phases][0] == "inhale"
    assert "exhale" in dict(p.phases)


@settings(max_examples=200, deadline=None)
@given(st.floats(2.0, 20.0), st.floats(1 / 3, 3.0))
def test_from_rate_gives_the_rate_and_ratio(rate, ratio):
    p = Pattern.from_rate(rate, ratio)
    assert p.breaths_per_minute == pytest.approx(rate, rel=1e-12)
    assert p.ie_ratio == pytest.approx(ratio, rel=1e-12)
    assert p.hold_in == 0.0 and p.hold_out == 0.0


def test_from_rate_examples_and_holds():
    assert Pattern.from_rate(6).durations == pytest.approx((5, 0, 5, 0))
    assert Pattern.from_rate(6, 2 / 3).durations == pytest.approx((4, 0, 6, 0))
    p = Pattern.from_rate(5, 0.5, hold_out=3)
    assert p.durations == pytest.approx((3, 0, 6, 3))
    assert p.breaths_per_minute == pytest.approx(5)


@pytest.mark.parametrize(
    ("kw", "error", "rule"),
    [
        ({"breaths_per_minute": 0.5}, ValueError, r"breaths_per_minute must lie in \[1, 60\]"),
        ({"breaths_per_minute": 61}, ValueError, r"breaths_per_minute must lie in \[1, 60\]"),
        ({"breaths_per_minute": float("nan")}, ValueError, r"breaths_per_minute must lie"),
        ({"breaths_per_minute": True}, TypeError, r"breaths_per_minute must be a real number"),
        ({"breaths_per_minute": "6"}, TypeError, r"breaths_per_minute must be a real number"),
        ({"ie_ratio": 0.0}, ValueError, r"ie_ratio must lie in \[0.1, 10\]"),
        ({"ie_ratio": 11}, ValueError, r"ie_ratio must lie in \[0.1, 10\]"),
        ({"ie_ratio": False}, TypeError, r"ie_ratio must be a real number"),
        ({"hold_in": -1}, ValueError, r"hold_in must lie in \[0, 30\] s"),
        ({"hold_out": None}, TypeError, r"hold_out must be a real number"),
        ({"hold_in": 6, "hold_out": 5}, ValueError, r"leave no time to breathe"),
        ({"breaths_per_minute": 60, "ie_ratio": 0.2}, ValueError, r"inhale must lie"),
    ],
)
def test_from_rate_refuses_bad_input(kw, error, rule):
    kw = {"breaths_per_minute": 6.0, **kw}
    with pytest.raises(error, match=rule):
        Pattern.from_rate(**kw)


# --- presets --------------------------------------------------------------------------


def test_presets_are_complete_and_one_line_each():
    assert set(PRESETS) == {"resonance", "box", "4-7-8", "cyclic_sigh", "extended_exhale"}
    for preset in PRESETS.values():
        assert isinstance(preset, Preset) and isinstance(preset.pattern, Pattern)
        for text in (preset.name, preset.evidence, preset.caution):
            assert text and "\n" not in text


def test_preset_patterns_and_sources():
    res = PRESETS["resonance"]
    assert 5.5 <= res.pattern.breaths_per_minute <= 6.5
    assert "Lehrer & Gevirtz 2014" in res.evidence and "5:756" in res.evidence
    assert "Zaccaro et al. 2018" in res.evidence and "12:353" in res.evidence
    assert PRESETS["box"].pattern.durations == (4.0, 4.0, 4.0, 4.0)
    four = PRESETS["4-7-8"]
    assert four.pattern.durations == (4.0, 7.0, 8.0, 0.0)
    assert "few cycles at first" in four.caution.lower()
    assert "light-headed" in four.caution
    sigh = PRESETS["cyclic_sigh"]
    assert "Balban et al. 2023" in sigh.evidence and "4:100895" in sigh.evidence
    assert 0 < sigh.pattern.hold_in < sigh.pattern.inhale
    assert sigh.pattern.exhale >= 1.5 * (sigh.pattern.inhale + sigh.pattern.hold_in)
    assert "top-up" in sigh.caution and sigh.cue("hold_in") == "top-up inhale"
    assert sigh.cue("exhale") == "exhale"
    ext = PRESETS["extended_exhale"]
    assert ext.pattern.exhale == 2 * ext.pattern.inhale
    assert ext.evidence.lower().startswith("mixed")


def test_preset_refuses_bad_parts():
    with pytest.raises(TypeError, match="pattern must be a Pattern"):
        Preset("x", (4, 0, 6, 0), "e", "c")
    with pytest.raises(ValueError, match="cues must name phases"):
        Preset("x", Pattern(4, 0, 6, 0), "e", "c", cues=(("pause", "rest"),))


# --- ramps ----------------------------------------------------------------------------


def test_lehrer_ramp():
    ramp = LEHRER_RESONANCE_FINDING
    np.testing.assert_allclose(ramp.rates_bpm, [6.5, 6.0, 5.5, 5.0, 4.5])
    assert [p.breaths_per_minute for p in ramp.steps] == pytest.approx([6.5, 6, 5.5, 5, 4.5])
    assert ramp.step_minutes == 2.0 and ramp.duration_s == 600.0
    assert all(seconds == 120.0 for _, seconds in ramp.segments)
    session = Session([ramp])
    assert [seg.cycles for seg in session.segments] == [13, 12, 11, 10, 9]
    assert session.total_s == pytest.approx(600.0, abs=1e-9)
    assert session.n_breaths == 55


def test_ramps_up_and_single_step():
    up = Ramp(4, 7, 1, 1, ie_ratio=0.5)
    np.testing.assert_allclose(up.rates_bpm, [4, 5, 6, 7])
    assert all(p.ie_ratio == pytest.approx(0.5) for p in up.steps)
    assert len(Ramp(6, 6, 0.5, 3).steps) == 1


@settings(max_examples=100, deadline=None)
@given(st.integers(6, 24), st.integers(6, 24), st.sampled_from([0.25, 0.5, 1.0]))
def test_ramp_steps_property(a, b, step):
    start, end = a / 2, b / 2  # rates on a 0.5 grid in [3, 12]
    if abs(end - start) / step != round(abs(end - start) / step):
        return
    r = Ramp(start, end, step, 1.5).rates_bpm
    assert len(r) == round(abs(end - start) / step) + 1
    assert r[0] == start and r[-1] == end
    if len(r) > 1:
        assert np.allclose(np.abs(np.diff(r)), step)
        assert (np.diff(r) < 0).all() if end < start else (np.diff(r) > 0).all()


@pytest.mark.parametrize(
    ("args", "error", "rule"),
    [
        ((6.5, 4.4, 0.5, 2), ValueError, r"whole number of step_bpm steps"),
        ((6.5, 4.5, 0.0, 2), ValueError, r"step_bpm must lie in \(0, 30\]"),
        ((6.5, 4.5, -0.5, 2), ValueError, r"step_bpm must lie in \(0, 30\]"),
        ((6.5, 4.5, 0.5, 0), ValueError, r"step_minutes must lie in \(0, 60\] min"),
        ((6.5, 4.5, 0.5, float("nan")), ValueError, r"step_minutes must lie"),
        ((0.5, 4.5, 0.5, 2), ValueError, r"start_bpm must lie in \[1, 60\]"),
        ((6.5, 70, 0.5, 2), ValueError, r"end_bpm must lie in \[1, 60\]"),
        ((True, 4.5, 0.5, 2), TypeError, r"start_bpm must be a real number"),
        ((6.5, 4.5, "0.5", 2), TypeError, r"step_bpm must be a real number"),
        ((6.5, 4.5, 0.5, 2, 0), ValueError, r"ie_ratio must lie in \[0.1, 10\]"),
        ((60, 60, 1, 2, 0.2), ValueError, r"inhale must lie"),
    ],
)
def test_ramp_refuses_bad_input(args, error, rule):
    with pytest.raises(error, match=rule):
        Ramp(*args)


# --- sessions -------------------------------------------------------------------------


def test_whole_cycle_rounding_rule():
    assert whole_cycles(300, 10) == 30
    assert whole_cycles(304.9, 10) == 30
    assert whole_cycles(305, 10) == 31  # halves round up
    assert whole_cycles(0.1, 10) == 1  # never none
    p = Pattern(4, 0, 6, 0)
    assert Session([(p, 305)]).total_s == 310.0
    assert Session([(p, 3)]).total_s == 10.0


def test_session_totals_and_segments():
    session = Session(
        [(PRESETS["resonance"], 300), LEHRER_RESONANCE_FINDING, (Pattern(4, 4, 4, 4), 64)]
    )
    segs = session.segments
    assert len(segs) == 7
    assert segs[0].start_s == 0.0 and segs[0].cycles == 30
    assert segs[0].label == PRESETS["resonance"].name
    for before, after in zip(segs, segs[1:], strict=False):
        assert after.start_s == before.end_s
    assert session.total_s == pytest.approx(300 + 600 + 64)
    assert session.n_breaths == 30 + 55 + 4
    assert session.n_phases == 30 * 2 + 55 * 2 + 4 * 4
    assert "total_s=964" in repr(session)


@settings(max_examples=100, deadline=None)
@given(st.lists(segment_pairs, min_size=1, max_size=5))
def test_session_totals_property(pairs):
    session = Session(pairs)
    expected = sum(whole_cycles(d, p.cycle_s) * p.cycle_s for p, d in pairs)
    assert session.total_s == pytest.approx(expected, rel=1e-12)
    assert session.n_phases == sum(whole_cycles(d, p.cycle_s) * len(p.phases) for p, d in pairs)
    for (p, d), seg in zip(pairs, session.segments, strict=True):
        assert abs(seg.duration_s - d) <= p.cycle_s / 2 or seg.cycles == 1


@pytest.mark.parametrize(
    ("segments", "error", "rule"),
    [
        ([], ValueError, "segments is empty"),
        (Pattern(4, 0, 6, 0), TypeError, "segments must be a list"),
        (LEHRER_RESONANCE_FINDING, TypeError, "segments must be a list"),
        (5, TypeError, "segments must be a list"),
        ([(Pattern(4, 0, 6, 0), 60, "x")], TypeError, r"segments\[0\] must be a"),
        ([Pattern(4, 0, 6, 0)], TypeError, r"segments\[0\] must be a"),
        ([((4, 0, 6, 0), 60)], TypeError, r"segments\[0\] must start with a Pattern"),
        ([(Pattern(4, 0, 6, 0), 0)], ValueError, r"segments\[0\] duration_s must lie in \(0, "),
        ([(Pattern(4, 0, 6, 0), -5)], ValueError, r"segments\[0\] duration_s must lie"),
        ([(Pattern(4, 0, 6, 0), float("nan"))], ValueError, r"duration_s must lie"),
        ([(Pattern(4, 0, 6, 0), float("inf"))], ValueError, r"duration_s must lie"),
        ([(Pattern(4, 0, 6, 0), True)], TypeError, r"duration_s must be a real number"),
        ([(Pattern(4, 0, 6, 0), "60")], TypeError, r"duration_s must be a real number"),
        (
            [(Pattern(4, 0, 6, 0), 14_000), (Pattern(4, 0, 6, 0), 1_000)],
            ValueError,
            "the session must last at most 14400 s",
        ),
    ],
)
def test_session_refuses_bad_segments(segments, error, rule):
    with pytest.raises(error, match=rule):
        Session(segments)


# --- schedule -------------------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(sessions)
def test_phase_changes_exactly_at_boundaries(session):
    b = boundaries(session)
    assert b["phase"][-1] == "end" and b["time_s"][-1] == session.total_s
    assert b["time_s"][0] == 0.0 and b["phase"][0] == "inhale"
    assert (np.diff(b["time_s"]) > 0).all()
    starts = b["time_s"][:-1]
    at = phase_at(session, starts)
    np.testing.assert_array_equal(at.name, b["phase"][:-1])
    np.testing.assert_array_equal(at.index, np.arange(len(starts)))
    np.testing.assert_array_equal(np.array(PHASES)[at.code], at.name)
    just_before = phase_at(session, np.nextafter(starts[1:], -np.inf))
    np.testing.assert_array_equal(just_before.name, b["phase"][:-2])
    np.testing.assert_array_equal(just_before.index, np.arange(len(starts) - 1))
    # consecutive phases differ, and the cycle order is kept
    order = np.array([PHASES.index(p) for p in b["phase"][:-1]])
    steps = (np.diff(order) % 4)[order[1:] != 0]
    assert (steps > 0).all()


@settings(max_examples=60, deadline=None)
@given(sessions)
def test_lung_volume_at_inhale_ends(session):
    b = boundaries(session)
    inhale = np.flatnonzero(b["phase"] == "inhale")
    assert np.all(lung_volume(session, b["time_s"][inhale]) == 0.0)
    end_of_inhale = b["time_s"][inhale + 1]
    np.testing.assert_allclose(lung_volume(session, end_of_inhale), 1.0, atol=1e-12)
    almost = np.nextafter(end_of_inhale, -np.inf)
    np.testing.assert_allclose(lung_volume(session, almost), 1.0, atol=1e-9)
    assert lung_volume(session, session.total_s) == pytest.approx(0.0, abs=1e-12)


@settings(max_examples=40, deadline=None)
@given(sessions)
def test_lung_volume_is_continuous_and_bounded(session):
    t = grid(session)
    v = lung_volume(session, t)
    assert v.min() >= 0.0 and v.max() <= 1.0
    shortest = min(s for seg in session.segments for _, s in seg.pattern.phases)
    max_slope = math.pi / (2 * shortest)  # raised cosine: peak slope pi / (2 T)
    assert np.abs(np.diff(v)).max() <= max_slope * (t[1] - t[0]) * (1 + 1e-9) + 1e-12
    # and across every boundary, from either side
    b = boundaries(session)["time_s"][1:-1]
    left = lung_volume(session, np.nextafter(b, -np.inf))
    np.testing.assert_allclose(left, lung_volume(session, b), atol=1e-9)


@settings(max_examples=40, deadline=None)
@given(sessions)
def test_time_left_counts_down_within_each_phase(session):
    t = grid(session)
    left = time_left_in_phase(session, t)
    index = phase_at(session, t).index
    assert left.min() >= 0.0
    same = np.diff(index) == 0
    np.testing.assert_allclose(np.diff(left)[same], -np.diff(t)[same], atol=1e-9)
    assert (np.diff(left)[~same] > -1e-9).all()  # a new phase starts with time in hand
    ends = boundaries(session)["time_s"][1:]
    np.testing.assert_allclose(t + left, ends[index], rtol=0, atol=1e-9)
    assert time_left_in_phase(session, session.total_s) == 0.0


def test_schedule_examples():
    box = Session([(PRESETS["box"], 32)])
    assert phase_at(box, 0.0) == (0, 0, "inhale")
    assert phase_at(box, 4.0).name == "hold_in"
    assert phase_at(box, 8.0).name == "exhale"
    assert phase_at(box, 12.0).name == "hold_out"
    assert phase_at(box, 16.0) == (4, 0, "inhale")
    assert phase_at(box, 32.0) == (7, 3, "hold_out")  # the end: last phase, no time left
    assert lung_volume(box, [2.0, 4.0, 6.0, 8.0, 10.0, 12.0, 14.0]) == pytest.approx(
        [0.5, 1, 1, 1, 0.5, 0, 0]
    )
    assert time_left_in_phase(box, 1.0) == 3.0
    assert isinstance(lung_volume(box, 1), float)


def test_even_breathing_is_an_exact_sinusoid():
    session = Session([(Pattern(5, 0, 5, 0), 60)])
    t = grid(session, 6001)
    np.testing.assert_allclose(
        lung_volume(session, t), 0.5 * (1 - np.cos(2 * np.pi * t / 10)), atol=1e-12
    )


@settings(max_examples=50, deadline=None)
@given(sessions, st.lists(st.floats(0.0, 1.0), min_size=1, max_size=20))
def test_schedule_vectorised_equals_scalar_calls(session, fractions):
    t = np.array(fractions) * session.total_s
    at, left, vol = phase_at(session, t), time_left_in_phase(session, t), lung_volume(session, t)
    for i, ti in enumerate(t):
        one = phase_at(session, float(ti))
        assert (one.index, one.code, one.name) == (at.index[i], at.code[i], at.name[i])
        assert time_left_in_phase(session, float(ti)) == left[i]
        assert lung_volume(session, float(ti)) == vol[i]


def test_schedule_keeps_the_shape_of_t():
    session = Session([(PRESETS["resonance"], 60)])
    t = np.linspace(0, 60, 12).reshape(3, 4)
    assert lung_volume(session, t).shape == (3, 4)
    assert phase_at(session, t).name.shape == (3, 4)
    assert time_left_in_phase(session, t).shape == (3, 4)
    assert lung_volume(session, [1, 2, 3]).shape == (3,)


@pytest.mark.parametrize("func", [phase_at, time_left_in_phase, lung_volume])
@pytest.mark.parametrize(
    ("t", "error", "rule"),
    [
        (-0.1, ValueError, r"t must lie in \[0, 60\] s; got -0.1"),
        (60.001, ValueError, r"t must lie in \[0, 60\] s"),
        ([1.0, float("nan")], ValueError, r"t must lie in \[0, 60\] s; got nan"),
        (float("inf"), ValueError, r"t must lie in \[0, 60\] s"),
        ([], ValueError, r"t is an empty array"),
        (True, TypeError, r"t must be a number"),
        ("3", TypeError, r"t must be a number"),
        (None, TypeError, r"t must be a number"),
        (["a", "b"], TypeError, r"t must be a number"),
    ],
)
def test_schedule_refuses_bad_times(func, t, error, rule):
    session = Session([(PRESETS["resonance"], 60)])
    with pytest.raises(error, match=rule):
        func(session, t)


@pytest.mark.parametrize("func", [phase_at, time_left_in_phase, lung_volume])
def test_schedule_refuses_a_non_session(func):
    with pytest.raises(TypeError, match="session must be a Session"):
        func([(PRESETS["box"].pattern, 60)], 1.0)
    with pytest.raises(TypeError, match="session must be a Session"):
        boundaries("box")


# --- export for a browser pacer -------------------------------------------------------


def pacer_phase(plan: dict, elapsed: float) -> str:
    """What a browser pacer does with the exported dict (no Python schedule)."""
    seg = [s for s in plan["segments"] if s["start_s"] <= elapsed][-1]
    within = min(elapsed - seg["start_s"], seg["cycles"] * seg["cycle_s"])
    in_cycle = within - seg["cycle_s"] * min(within // seg["cycle_s"], seg["cycles"] - 1)
    for name, seconds in seg["phases"]:
        if in_cycle < seconds:
            return name
        in_cycle -= seconds
    return seg["phases"][-1][0]


def test_export_is_compact_json():
    session = Session([(PRESETS["cyclic_sigh"], 120), LEHRER_RESONANCE_FINDING])
    plan = session.to_dict()
    text = json.dumps(plan)
    assert json.loads(text) == plan
    assert len(text) < 3000
    assert plan["total_s"] == session.total_s
    first = plan["segments"][0]
    assert first["phases"] == [["inhale", 3.0], ["hold_in", 1.0], ["exhale", 6.0]]
    assert first["cues"] == {"hold_in": "top-up inhale"}
    assert first["start_s"] == 0.0 and first["cycles"] == 12 and first["cycle_s"] == 10.0
    assert [s["start_s"] for s in plan["segments"][1:3]] == pytest.approx([120.0, 240.0])


@settings(max_examples=50, deadline=None)
@given(sessions, st.lists(st.floats(0.0, 1.0), min_size=1, max_size=30))
def test_a_pacer_needs_only_the_export(session, fractions):
    plan = json.loads(json.dumps(session.to_dict()))
    b = boundaries(session)["time_s"]
    for f in fractions:
        t = f * session.total_s
        if np.min(np.abs(b - t)) < 1e-9:  # float rounding right at a boundary
            continue
        assert pacer_phase(plan, t) == phase_at(session, t).name


@settings(max_examples=50, deadline=None)
@given(sessions)
def test_export_round_trips(session):
    again = Session.from_dict(json.loads(json.dumps(session.to_dict())))
    np.testing.assert_array_equal(boundaries(again)["phase"], boundaries(session)["phase"])
    np.testing.assert_allclose(
        boundaries(again)["time_s"], boundaries(session)["time_s"], rtol=1e-12
    )


def test_from_dict_refuses_other_dicts():
    with pytest.raises(ValueError, match="format"):
        Session.from_dict({"segments": []})


# --- heart-rate oscillation (frequency domain) -----------------------------------------


def test_hr_oscillation_resonance_properties():
    r = np.linspace(2.0, 30.0, 28_001)
    swing = hr_oscillation(r)
    peak = r[np.argmax(swing)]
    assert 4.5 <= peak <= 6.5
    assert 4.5 <= resonance_rate() <= 6.5
    assert hr_oscillation(3.0) < swing.max()
    assert hr_oscillation(6.0) >= 3.0 * hr_oscillation(15.0)
    # the curve rises to one peak and falls after it (no ripples in 2-30/min)
    i = np.argmax(swing)
    assert (np.diff(swing[: i + 1]) > 0).all() and (np.diff(swing[i:]) < 0).all()


def test_hr_oscillation_calibration():
    assert hr_oscillation(6.0) == pytest.approx(15.0, rel=1e-12)
    assert 10.0 <= hr_oscillation(6.0) <= 20.0
    assert 2.0 <= hr_oscillation(15.0) <= 8.0  # spontaneous-rate RSA: a few beats/min


@settings(max_examples=100, deadline=None)
@given(st.lists(rates, min_size=1, max_size=30))
def test_hr_oscillation_vectorised_equals_scalar_calls(values):
    together = hr_oscillation(np.array(values))
    for i, value in enumerate(values):
        alone = hr_oscillation(value)
        assert isinstance(alone, float)
        assert together[i] == pytest.approx(alone, rel=1e-13)


@settings(max_examples=100, deadline=None)
@given(rates)
def test_analytic_magnitude_matches_the_complex_loop(rate):
    # h = r - b solved directly in complex numbers for the same constants
    p = HEART
    s = 2j * math.pi * rate / 60
    drive = p.drive_gain_bpm / (1 + s * p.respiratory_tau_s)
    loop = p.loop_gain * np.exp(-s * p.baroreflex_delay_s) / (1 + s * p.baroreflex_tau_s)
    assert abs(drive / (1 + loop)) == pytest.approx(hr_oscillation(rate), rel=1e-12)
    assert abs(rsa_transfer(rate)) == pytest.approx(hr_oscillation(rate), rel=1e-12)


def test_hr_oscillation_keeps_shape():
    assert hr_oscillation(np.full((2, 3), 6.0)).shape == (2, 3)
    assert rsa_transfer(np.array([6.0, 10.0])).shape == (2,)
    assert isinstance(rsa_transfer(6.0), complex)


@pytest.mark.parametrize(
    ("bad", "error", "rule"),
    [
        (1.9, ValueError, r"breaths_per_minute must lie in \[2, 30\] breaths/min; got 1.9"),
        (30.5, ValueError, r"breaths_per_minute must lie in \[2, 30\]"),
        (0, ValueError, r"breaths_per_minute must lie in \[2, 30\]"),
        (float("nan"), ValueError, r"breaths_per_minute must lie in \[2, 30\]"),
        (float("inf"), ValueError, r"breaths_per_minute must lie in \[2, 30\]"),
        ([6.0, 40.0], ValueError, r"got 40.0"),
        ([], ValueError, r"breaths_per_minute is an empty array"),
        (True, TypeError, r"breaths_per_minute must be a number"),
        ("6", TypeError, r"breaths_per_minute must be a number"),
        (None, TypeError, r"breaths_per_minute must be a number"),
        (np.array([6 + 0j]), TypeError, r"breaths_per_minute must be a number"),
        (np.array([True, False]), TypeError, r"breaths_per_minute must be a number"),
    ],
)
def test_hr_oscillation_refuses_bad_rates(bad, error, rule):
    with pytest.raises(error, match=rule):
        hr_oscillation(bad)
    with pytest.raises(error, match=rule):
        rsa_transfer(bad)


@pytest.mark.parametrize(
    ("kw", "error", "rule"),
    [
        ({"loop_gain": 1.0}, ValueError, r"loop_gain must lie in \[0, 0.95\]"),
        ({"loop_gain": -0.1}, ValueError, r"loop_gain must lie"),
        ({"baroreflex_delay_s": 0.0}, ValueError, r"baroreflex_delay_s must lie in \[0.1, 10\] s"),
        ({"baroreflex_tau_s": 0.0}, ValueError, r"baroreflex_tau_s must lie in \(0, 10\] s"),
        ({"respiratory_tau_s": float("nan")}, ValueError, r"respiratory_tau_s must lie"),
        ({"resting_hr_bpm": 200}, ValueError, r"resting_hr_bpm must lie in \[40, 100\]"),
        ({"calibration_swing_bpm": 0}, ValueError, r"calibration_swing_bpm must lie in \(0, 40\]"),
        ({"calibration_rate_bpm": 1}, ValueError, r"calibration_rate_bpm must lie in \[2, 30\]"),
        ({"loop_gain": True}, TypeError, r"loop_gain must be a real number"),
        ({"baroreflex_delay_s": "3"}, TypeError, r"baroreflex_delay_s must be a real number"),
    ],
)
def test_heart_params_refuse_bad_values(kw, error, rule):
    with pytest.raises(error, match=rule):
        HeartParams(**kw)


def test_heart_functions_refuse_bad_params():
    for call in (
        lambda: hr_oscillation(6, params="fast"),
        lambda: rsa_transfer(6, params=None),
        lambda: resonance_rate(params={}),
    ):
        with pytest.raises(TypeError, match="params must be a HeartParams"):
            call()
    with pytest.raises(ValueError, match=r"resolution_bpm must lie"):
        resonance_rate(resolution_bpm=0)


def test_the_loop_explains_the_resonance():
    """A longer baroreflex lag slows the resonance; no loop, no resonance."""
    slower = HEART.replace(baroreflex_delay_s=4.0)
    assert resonance_rate(params=slower) < resonance_rate() - 0.3
    open_loop = HEART.replace(loop_gain=0.0)
    assert resonance_rate(params=open_loop) == 2.0  # a plain low-pass: largest when slowest
    stronger = HEART.replace(loop_gain=0.8)
    ratio = hr_oscillation([6.0, 3.0], params=stronger)
    assert ratio[0] / ratio[1] > hr_oscillation(6.0) / hr_oscillation(3.0)
    assert hr_oscillation(6.0, params=stronger) == pytest.approx(15.0)  # still calibrated


# --- heart-rate simulation (time domain) ----------------------------------------------


def steady(rate_bpm: float, seconds: float = 240.0) -> Session:
    half = 30.0 / rate_bpm
    return Session([(Pattern(half, 0, half, 0), seconds)])


def test_simulation_agrees_with_hr_oscillation_at_6_per_minute():
    trace = simulate_heart_rate(steady(6.0))
    beats = trace.swing_bpm(after_s=120.0)
    assert beats == pytest.approx(hr_oscillation(6.0), rel=0.15)
    late = trace.time_s >= 120.0
    continuous = np.ptp(trace.heart_rate_bpm[late])
    assert continuous == pytest.approx(hr_oscillation(6.0), rel=0.02)
    assert trace.heart_rate_bpm[late].mean() == pytest.approx(HEART.resting_hr_bpm, abs=0.1)


@pytest.mark.parametrize("rate", [3.0, 4.5, 10.0, 15.0])
def test_simulation_agrees_with_hr_oscillation_at_other_rates(rate):
    trace = simulate_heart_rate(steady(rate, 300.0))
    late = trace.time_s >= 150.0
    assert np.ptp(trace.heart_rate_bpm[late]) == pytest.approx(hr_oscillation(rate), rel=0.02)


def test_simulation_beats():
    session = Session([(PRESETS["4-7-8"], 76), (PRESETS["box"], 64)])
    trace = simulate_heart_rate(session)
    assert trace.time_s[0] == 0.0 and trace.time_s[-1] == pytest.approx(session.total_s)
    assert trace.lung_volume == pytest.approx(lung_volume(session, trace.time_s))
    bt = trace.beat_times_s
    assert (np.diff(bt) > 0).all() and bt[0] > 0 and bt[-1] <= session.total_s
    np.testing.assert_allclose(trace.beat_hr_bpm, 60 / np.diff(np.concatenate([[0], bt])))
    assert 40 < trace.beat_hr_bpm.min() < trace.beat_hr_bpm.max() < 100
    n_expected = np.sum(trace.heart_rate_bpm[:-1] * np.diff(trace.time_s)) / 60
    assert len(bt) == math.floor(n_expected)


def test_simulation_starts_at_rest_with_empty_lungs():
    trace = simulate_heart_rate(steady(6.0, 60))
    p = HEART
    start = p.resting_hr_bpm - 0.5 * p.drive_gain_bpm / (1 + p.loop_gain)
    assert trace.heart_rate_bpm[0] == pytest.approx(start)


def test_simulation_is_deterministic_and_seedable():
    session = steady(6.0, 60)
    a, b = simulate_heart_rate(session), simulate_heart_rate(session, seed=7)
    np.testing.assert_array_equal(a.heart_rate_bpm, b.heart_rate_bpm)  # no noise: seed unused
    n1 = simulate_heart_rate(session, noise_bpm=2.0, seed=1)
    n1_again = simulate_heart_rate(session, noise_bpm=2.0, seed=1)
    n2 = simulate_heart_rate(session, noise_bpm=2.0, seed=2)
    np.testing.assert_array_equal(n1.beat_times_s, n1_again.beat_times_s)
    assert not np.array_equal(n1.heart_rate_bpm, n2.heart_rate_bpm)
    assert not np.array_equal(n1.heart_rate_bpm, a.heart_rate_bpm)


def test_simulation_step_size_barely_matters():
    session = steady(6.0, 120)
    fine = simulate_heart_rate(session, dt_s=0.005)
    coarse = simulate_heart_rate(session, dt_s=0.05)
    late_f, late_c = fine.time_s >= 60, coarse.time_s >= 60
    assert np.ptp(coarse.heart_rate_bpm[late_c]) == pytest.approx(
        np.ptp(fine.heart_rate_bpm[late_f]), rel=0.02
    )


@pytest.mark.parametrize(
    ("kw", "error", "rule"),
    [
        ({"dt_s": 0.0}, ValueError, r"dt_s must lie in \[0.001, 0.1\] s"),
        ({"dt_s": 0.5}, ValueError, r"dt_s must lie in \[0.001, 0.1\] s"),
        ({"dt_s": float("nan")}, ValueError, r"dt_s must lie"),
        ({"dt_s": True}, TypeError, r"dt_s must be a real number"),
        ({"noise_bpm": -1.0}, ValueError, r"noise_bpm must lie in \[0, 10\] beats/min"),
        ({"noise_bpm": 11.0}, ValueError, r"noise_bpm must lie in \[0, 10\] beats/min"),
        ({"noise_bpm": "low"}, TypeError, r"noise_bpm must be a real number"),
        ({"seed": -1}, ValueError, r"seed must be an integer in \[0, "),
        ({"seed": 1.5}, TypeError, r"seed must be an integer"),
        ({"seed": True}, TypeError, r"seed must be an integer"),
        ({"params": "calm"}, TypeError, r"params must be a HeartParams"),
    ],
)
def test_simulation_refuses_bad_input(kw, error, rule):
    with pytest.raises(error, match=rule):
        simulate_heart_rate(steady(6.0, 30), **kw)


def test_simulation_refuses_a_non_session_and_impossible_heart_rates():
    with pytest.raises(TypeError, match="session must be a Session"):
        simulate_heart_rate(PRESETS["box"])
    wild = HEART.replace(resting_hr_bpm=40.0, calibration_swing_bpm=40.0)
    with pytest.raises(ValueError, match="below 20 beats/min"):
        simulate_heart_rate(steady(6.0, 60), params=wild)


def test_swing_needs_two_beats():
    trace = simulate_heart_rate(steady(6.0, 30))
    with pytest.raises(ValueError, match="fewer than two beats"):
        trace.swing_bpm(after_s=1e6)
