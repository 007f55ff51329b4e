"""Every exercise can be solved with the control it names, and refuses near misses.

For each exercise of the notebooks: the setting its question asks for lies
within the named control's range and on its step grid (so the learner can
reach it), the control shows the answer there, and the check accepts the
answer and refuses the nearest wrong answers (one unit of the answer's last
decimal either side, or every wrong option).
"""

from __future__ import annotations

import math
import re

import pytest

from workshop.model import evaluate
from workshop.practice import STOP_RULES
from workshop.reference import NIOSH_ACTION_LIMIT_N
from workshop.safety import screen
from workshop.views.breath import movement_exercise, movement_load_ranges, resonance_exercise
from workshop.views.breath.figures import resonance_figure
from workshop.views.chain import KineticChainExplorer, load_distance_exercise, niosh_exercise
from workshop.views.chain.controls import CONTROL_BY_NAME
from workshop.views.chain.exercises import (
    CLOSER,
    FAR_WEAK,
    NIOSH_DISTANCE_M,
    STRONGER,
    load_distance_changes,
)
from workshop.views.evidence import StudyDesignDemo, evidence_exercise, mid_exercise
from workshop.views.evidence.reading import published_effects_table, study_numbers
from workshop.views.practice import practice_exercise
from workshop.views.practice.builder import stop_rules_html
from workshop.views.safety.screen import EXERCISE_FLAG, HEADINGS, SafetyScreen, safety_exercise
from workshop.views.sensory import body_map_exercise
from workshop.views.sensory.position_sense import EXERCISE_SETTING, PositionSenseDemo


def check(ex, value) -> bool:
    ex.answer.value = value
    return ex.submit()[0]


def on_grid(value: float, low: float, high: float, step: float) -> bool:
    """``value`` within [low, high] and a whole number of steps from ``low``."""
    steps = (value - low) / step
    return low - 1e-9 <= value <= high + 1e-9 and math.isclose(steps, round(steps), abs_tol=1e-6)


def reachable_on_slider(slider, value) -> bool:
    return on_grid(float(value), float(slider.min), float(slider.max), float(slider.step))


def reachable_in_explorer(setting: dict) -> bool:
    return all(
        on_grid(v, CONTROL_BY_NAME[k].low, CONTROL_BY_NAME[k].high, CONTROL_BY_NAME[k].step)
        for k, v in setting.items()
    )


def refuses_near_misses(ex, decimals: int) -> None:
    """The answer is accepted; one unit of its last decimal either side is refused."""
    unit = 10.0**-decimals
    assert check(ex, ex.expected)
    for miss in (ex.expected - unit, ex.expected + unit):
        assert not check(ex, round(miss, decimals)), f"{miss} accepted for {ex.expected}"


def refuses_wrong_choices(ex) -> None:
    assert check(ex, ex.correct)
    for option in ex.answer.options:
        if option != ex.correct:
            assert not check(ex, option)


def explorer_compression(setting: dict) -> float:
    explorer = KineticChainExplorer(**setting)
    assert {k: explorer.values[k] for k in setting} == setting  # no clamping: reachable
    return float(explorer.result().compression_N)


# --- notebook 01: the explorer's load distance and glute weakness --------------------------


def test_load_distance_exercise_settings_are_explorer_settings_with_the_same_numbers():
    for setting in (FAR_WEAK, CLOSER, STRONGER):
        assert reachable_in_explorer(setting)
        assert explorer_compression(setting) == pytest.approx(
            float(evaluate(**setting).compression_N)
        )
    refuses_wrong_choices(load_distance_exercise())


def test_load_distance_feedback_signs_follow_the_explorer():
    changes = load_distance_changes()
    base = explorer_compression(FAR_WEAK)
    ex = load_distance_exercise()
    texts = {c.text: c.explanation for c in ex.choices}
    for setting, key in ((CLOSER, "closer"), (STRONGER, "stronger")):
        drop = base - explorer_compression(setting)
        assert drop == pytest.approx(changes[key])
        explanation = next(e for t, e in texts.items() if ("glutes" in t) == (key == "stronger"))
        verb = "lowers" if drop > 0 else "raises"
        assert f"{verb} the compression by about {abs(drop):.0f} N" in explanation
        assert f"-{abs(drop):.0f} N" not in explanation  # never a signed number after a verb


# --- notebook 02: the explorer's load slider ------------------------------------------------


def test_niosh_answer_is_reachable_with_the_load_slider():
    ex = niosh_exercise()
    kg = ex.expected
    assert kg == int(kg)
    assert reachable_in_explorer({"load_kg": kg, "load_distance_m": NIOSH_DISTANCE_M})
    at = {"load_distance_m": NIOSH_DISTANCE_M}
    assert explorer_compression({**at, "load_kg": kg}) <= NIOSH_ACTION_LIMIT_N
    # One slider step more passes the limit, and that step is on the slider too.
    step = CONTROL_BY_NAME["load_kg"].step
    assert reachable_in_explorer({"load_kg": kg + step, "load_distance_m": NIOSH_DISTANCE_M})
    assert explorer_compression({**at, "load_kg": kg + step}) > NIOSH_ACTION_LIMIT_N


def test_niosh_check_accepts_only_the_answer_among_whole_kilograms():
    ex = niosh_exercise()
    control = CONTROL_BY_NAME["load_kg"]
    for kg in range(int(control.low), int(control.high) + 1):
        assert check(ex, float(kg)) == (kg == ex.expected), kg


# --- notebook 03: the position-sense demo's sliders -----------------------------------------


def test_body_map_answer_is_what_the_demo_shows_at_the_asked_setting():
    ex = body_map_exercise()
    demo = PositionSenseDemo()
    sliders = {
        "speed_deg_per_s": demo.speed,
        "repetitions": demo.repetitions,
        "attention": demo.attention,
    }
    for name, value in EXERCISE_SETTING.items():
        assert reachable_on_slider(sliders[name], value), name
        sliders[name].value = value
    shown = demo.summary.value
    assert f"<b>{ex.expected:.1f}°</b> on repetition {EXERCISE_SETTING['repetitions']}" in shown
    refuses_near_misses(ex, decimals=1)


# --- notebook 04: the resonance figure ------------------------------------------------------


def test_resonance_answer_is_written_on_the_figure():
    ex = resonance_exercise()
    fig = resonance_figure()
    legend = " ".join(t.get_text() for t in fig.axes[0].get_legend().get_texts())
    assert f"{ex.expected:.1f} breaths/min" in legend
    refuses_near_misses(ex, decimals=1)
    assert not check(ex, round(ex.expected)) or ex.expected == round(ex.expected)


# --- notebook 05: the solution table of movements -------------------------------------------


def test_movement_answer_is_the_top_of_the_movement_table():
    ex = movement_exercise()
    rows = re.findall(
        r"<tr><td[^>]*>([^<]+)</td><td[^>]*>([\d.]+)</td><td[^>]*>([\d.]+)</td></tr>",
        movement_load_ranges().data,
    )
    highest = {name: float(high) for name, _, high in rows}
    # The choices are the movements the notebook runs; the table adds their seated
    # alternatives, none of which loads the disc more.
    assert set(ex.answer.options) < set(highest)
    assert not any("Seated" in option for option in ex.answer.options)
    top = max(highest.values())
    assert [n for n, v in highest.items() if v == top] == [ex.correct]  # no tie as shown
    refuses_wrong_choices(ex)


# --- notebook 06: the study-design slider and the published table ---------------------------


def test_evidence_exercise_is_answered_by_the_demo_at_zero_effect():
    ex = evidence_exercise()
    demo = StudyDesignDemo(specific_effect=1.0)
    assert reachable_on_slider(demo.effect, 0.0)
    demo.effect.value = 0.0
    drop = demo.numbers["single"].percent_drop
    assert f"{drop:.1f}%" in demo.summary.value
    assert f"a drop of {drop:.0f}%" in ex.solution_text
    assert drop == pytest.approx(study_numbers(0.0)["single"].percent_drop)
    refuses_wrong_choices(ex)


def test_mid_exercise_effect_is_in_the_table_and_near_misses_are_refused():
    ex = mid_exercise()
    assert "-0.74" in published_effects_table().data
    assert ex.expected == pytest.approx(round(0.74 / 2.0, 2))
    refuses_near_misses(ex, decimals=2)


def test_mid_solution_is_a_table_with_the_exercises_answer():
    """Notebook 06's solution as a reader sees it (and on the slides): a table of the
    study, its effect and the share, not a Python dict."""
    from workshop.views.evidence import mid_solution

    ex = mid_exercise()
    html = mid_solution().data
    assert html.startswith("<table") and "{" not in html
    assert f">{ex.expected:.2f}<" in html and ">-0.74<" in html and "Anheyer" in html


# --- notebook 00: the red-flag screen's checkboxes ------------------------------------------


def test_safety_answer_is_what_the_screen_says_for_that_one_tick():
    ex = safety_exercise()
    live = SafetyScreen()
    assert EXERCISE_FLAG in live.checkboxes
    live.checkboxes[EXERCISE_FLAG].value = True
    result = live.run()
    assert result == screen({k: k == EXERCISE_FLAG for k in live.checkboxes})
    heading = HEADINGS[result.urgency]
    assert heading in live.result.value
    assert ex.correct.startswith(heading)
    refuses_wrong_choices(ex)


# --- notebook 07: the stop rules box --------------------------------------------------------


def test_practice_answer_is_a_stop_rule_in_the_box():
    ex = practice_exercise()
    box = stop_rules_html()
    rule = next(r for r in STOP_RULES if "down a leg" in r)
    assert rule in box or rule.replace("'", "&#x27;") in box
    assert "see a clinician if it keeps happening" in rule
    assert "see a clinician if it keeps happening" in ex.correct
    refuses_wrong_choices(ex)
