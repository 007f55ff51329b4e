"""Headless tests of the safety screen, the position-sense demo and the evidence views.

Set the controls as a learner would, and check the outputs say what the numbers
modules (workshop.safety, workshop.sensory, workshop.evidence) say.
"""

from __future__ import annotations

import re

import matplotlib.figure
import matplotlib.pyplot as plt
import numpy as np
import pytest

from workshop.evidence import (
    MID_POINTS_0_10,
    PUBLISHED_EFFECTS,
    fraction_of_mid,
    simulate_randomised_trial,
    simulate_single_group_study,
)
from workshop.safety import (
    BEFORE_PRACTICE,
    EMERGENCY,
    NOT_THE_KIT,
    PRECAUTIONS,
    RED_FLAGS,
    SOON,
    screen,
)
from workshop.sensory import reposition_trials
from workshop.views.evidence import reading as evidence_views
from workshop.views.evidence.reading import (
    StudyDesignDemo,
    decomposition_table,
    published_effects_figure,
    published_effects_table,
    published_points,
    single_group_figure,
    trial_figure,
    trial_table,
)
from workshop.views.safety import screen as safety_screen
from workshop.views.safety.screen import SafetyScreen, precautions_table, red_flags_table
from workshop.views.sensory import position_sense as body_map
from workshop.views.sensory.position_sense import (
    COMPARISON,
    PositionSenseDemo,
    position_sense_figure,
    position_sense_numbers,
    position_sense_table,
)

CLAIMS = re.compile(
    r"you have|you've got|you are suffering|you suffer|diagnos|this is (a|an) |you probably"
    r"|it is (likely|probably)|caused by",
    re.IGNORECASE,
)


def visible_text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).replace("&#x27;", "'").split())


# --- safety screen ---------------------------------------------------------------------


def test_screen_has_a_checkbox_per_question():
    s = SafetyScreen()
    assert set(s.checkboxes) == {f.key for f in RED_FLAGS + PRECAUTIONS}
    for f in RED_FLAGS:
        assert s.checkboxes[f.key].description == f.question
    assert s.answers() == dict.fromkeys(s.checkboxes, False)


@pytest.mark.parametrize(
    ("ticks", "urgency"),
    [
        (("saddle_numbness",), EMERGENCY),
        (("cancer_history",), SOON),
        (("stenosis_symptoms",), BEFORE_PRACTICE),
        (("recent_fracture", "weight_loss"), SOON),
        (("osteoporosis", "bladder_bowel_change", "cancer_history"), EMERGENCY),
    ],
)
def test_any_yes_advises_a_clinician_with_the_screens_urgency(ticks, urgency):
    s = SafetyScreen()
    for key in ticks:
        s.checkboxes[key].value = True
    s.button.click()
    expected = screen({k: k in ticks for k in s.checkboxes})
    assert s.last_result == expected and expected.urgency == urgency
    shown = visible_text(s.result.value)
    heading = safety_screen.HEADINGS[urgency]
    assert shown.startswith(heading)
    assert (
        "Please see a clinician: " not in shown
    )  # the old "see a clinician: see a clinician soon"
    # The reassurance never sits beside an emergency (it could make someone wait).
    assert ("most people who do have no serious problem" in shown) == (urgency != EMERGENCY)
    for line in expected.message.splitlines()[:-1]:
        assert visible_text(line) in shown
    for item in NOT_THE_KIT:
        assert item in shown
    assert not CLAIMS.search(shown)
    for f in RED_FLAGS:
        assert f.may_indicate not in shown  # never names what a yes might mean


def test_no_yes_is_not_a_clearance_and_still_lists_what_the_kit_is_not():
    s = SafetyScreen()
    result = s.run()
    assert not result.see_clinician
    shown = visible_text(s.result.value)
    assert "not a clearance" in shown
    for item in NOT_THE_KIT:
        assert item in shown


def test_changing_an_answer_makes_the_result_stale_and_clear_resets():
    s = SafetyScreen()
    s.checkboxes["fever_unwell"].value = True
    s.button.click()
    today = safety_screen.HEADINGS[EMERGENCY]
    assert today in s.result.value
    s.checkboxes["fever_unwell"].value = False
    assert today not in s.result.value and "changed" in s.result.value
    s.checkboxes["weight_loss"].value = True
    s.clear_button.click()
    assert not any(s.answers().values()) and s.result.value == safety_screen.PROMPT


def test_static_tables_list_every_question_with_its_urgency():
    table = red_flags_table().data
    for f in RED_FLAGS:
        assert f.question.replace("'", "&#x27;") in table
        assert f.may_indicate not in table  # learners' view: no conclusions
    assert "cauda equina" in red_flags_table(for_instructors=True).data
    for short in ("NICE NG59", "NICE NG65", "Finucane et al. 2020", "AHCPR 1994 (Bigos et al.)"):
        assert short in table, short
    ptable = precautions_table().data
    for p in PRECAUTIONS:
        assert p.advice.replace("'", "&#x27;") in ptable


def test_static_example_is_labelled_as_an_example_with_every_other_answer_no():
    shown = visible_text(safety_screen.screen_result({"saddle_numbness": True}).data)
    assert shown.startswith("Example, not your result")
    assert safety_screen.HEADINGS[EMERGENCY] in shown
    assert "not answered" not in shown  # the example answers every other question no
    live = SafetyScreen()
    live.checkboxes["saddle_numbness"].value = True
    live.run()
    assert "Example" not in visible_text(live.result.value)  # the learner's own is not


def test_safety_exercise_accepts_the_screens_own_answer():
    ex = safety_screen.safety_exercise()
    ex.answer.value = ex.correct
    ex.check_button.click()
    assert "Correct" in ex.feedback.value
    ex.answer.value = "It means the back pain comes from a cancer."
    ex.check_button.click()
    assert "Not yet" in ex.feedback.value


# --- position sense --------------------------------------------------------------------


def expected_last(speed, reps, attention):
    r = reposition_trials(speed, reps, attention=attention, seed=0, n_people=200)
    return float(r.absolute_error_deg[-1])


def test_demo_numbers_follow_reposition_trials():
    d = PositionSenseDemo()
    n = d.numbers
    assert n["last_deg"] == pytest.approx(expected_last(10.0, 20, 1.0))
    assert n["comparison_last_deg"] == pytest.approx(
        expected_last(COMPARISON["speed_deg_per_s"], 20, COMPARISON["attention"])
    )
    assert f"{n['last_deg']:.1f}°" in d.summary.value


def test_moving_sliders_updates_numbers_picture_and_sentence():
    d = PositionSenseDemo()
    slow_last, image, updates = d.numbers["last_deg"], d.image.value, d.updates
    d.speed.value = 90.0
    assert d.updates == updates + 1 and d.image.value != image
    assert d.numbers["last_deg"] == pytest.approx(expected_last(90.0, 20, 1.0))
    assert d.numbers["last_deg"] > slow_last  # fast movements stay less accurate
    assert "90°/s" in d.summary.value
    d.speed.value = 10.0
    d.attention.value = 0.0
    first = d.numbers["first_deg"]
    assert d.numbers["last_deg"] == pytest.approx(first, abs=0.6)  # no attention, no learning
    d.attention.value = 1.0
    d.repetitions.value = 40
    assert d.numbers["result"].absolute_error_deg.shape == (2, 40)
    assert d.numbers["last_deg"] == pytest.approx(expected_last(10.0, 40, 1.0))


def test_position_sense_static_outputs():
    fig = position_sense_figure(30.0, 15, 0.5)
    assert isinstance(fig, matplotlib.figure.Figure)
    assert fig.number not in plt.get_fignums()  # detached: shows once
    lines = fig.axes[0].get_lines()
    chosen = [ln for ln in lines if "your setting" in ln.get_label()][0]
    n = position_sense_numbers(30.0, 15, 0.5)
    np.testing.assert_allclose(chosen.get_ydata(), n["result"].absolute_error_deg[0])
    table = position_sense_table().data
    r = reposition_trials(60.0, 20, attention=0.3, seed=0, n_people=200)
    assert f"{r.absolute_error_deg[0]:.1f}° → {r.absolute_error_deg[-1]:.1f}°" in table
    assert "Harris &amp; Wolpert 1998" in body_map.assumptions().data


def test_body_map_exercise_answer_is_the_models():
    ex = body_map.body_map_exercise()
    ex.answer.value = round(expected_last(60.0, 20, 1.0), 1)
    ex.check_button.click()
    assert "Correct" in ex.feedback.value
    ex.answer.value = 1.0
    ex.check_button.click()
    assert "too low" in ex.feedback.value


# --- evidence --------------------------------------------------------------------------


def test_single_group_outputs_show_the_simulation():
    s = simulate_single_group_study(60, 12, 0)
    fig = single_group_figure(s)
    assert fig.number not in plt.get_fignums()
    np.testing.assert_allclose(fig.axes[0].get_lines()[0].get_ydata(), s.weekly_mean)
    assert f"{s.percent_drop:.0f}%" in fig.axes[0].get_title(loc="left")
    table = decomposition_table(s).data
    for value in (s.from_regression_to_mean, s.from_natural_course, s.from_placebo):
        assert f"{value:+.2f}" in table
    assert f"{s.mean_drop:.2f}" in table


def test_trial_outputs_show_arms_and_difference():
    t = simulate_randomised_trial(200, 12, 0)
    fig = trial_figure(t)
    ys = [ln.get_ydata() for ln in fig.axes[0].get_lines()]
    np.testing.assert_allclose(ys[0], t.weekly_mean_intervention)
    np.testing.assert_allclose(ys[1], t.weekly_mean_control)
    assert f"{t.difference:+.2f} ({t.ci_low:+.2f} to {t.ci_high:+.2f})" in fig.axes[1].get_title(
        loc="left"
    )
    table = trial_table(t).data
    assert f"{t.percent_drop_control:.1f}%" in table and f"{t.difference:+.2f}" in table
    with pytest.raises(TypeError, match="TrialResult"):
        trial_table(simulate_single_group_study(60, 12, 0))


def test_published_effects_only_confirmed_numbers_are_plotted():
    rows = published_points()
    plotted = [r for r in rows if r["kind"]]
    assert all(r["effect"].confirmed for r in plotted)
    unconfirmed = [e for e in PUBLISHED_EFFECTS if not e.confirmed]
    assert unconfirmed and all(r["kind"] is None for r in rows if not r["effect"].confirmed)
    fig = published_effects_figure()
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert len(labels) == len(plotted)
    for e in unconfirmed:
        assert not any(e.study in label for label in labels)
        assert e.study in ax.get_xlabel()  # listed as not plotted
    assert any(abs(line.get_xdata()[0] + MID_POINTS_0_10) < 1e-9 for line in ax.get_lines())
    anheyer = next(r for r in rows if r["effect"].study == "Anheyer et al. 2022")
    assert anheyer["point"] == pytest.approx(-0.74)
    table = published_effects_table().data
    assert f"{fraction_of_mid(-0.74):.2f}" in table
    assert "numbers not confirmed" in table


def test_study_design_demo_follows_the_specific_effect():
    d = StudyDesignDemo()
    t0 = d.numbers["trial"]
    assert t0.ci_contains_zero
    image = d.trial_image.value
    d.effect.value = 1.5
    t = d.numbers["trial"]
    assert t.difference == pytest.approx(
        simulate_randomised_trial(200, 12, 0, specific_effect=1.5).difference
    )
    assert t.ci_low > 0 and d.trial_image.value != image
    s = d.numbers["single"]
    assert f"{s.percent_drop:.1f}%" in d.summary.value
    assert f"{t.difference:+.2f} points" in d.summary.value


def test_evidence_exercises():
    ex = evidence_views.mid_exercise()
    ex.answer.value = 0.37
    ex.check_button.click()
    assert "Correct" in ex.feedback.value
    mc = evidence_views.evidence_exercise()
    mc.answer.value = mc.correct
    mc.check_button.click()
    assert "Correct" in mc.feedback.value
