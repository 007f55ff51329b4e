"""The exercises of notebooks 01, 02, 04, 05 accept the model's answer and refuse others."""

from __future__ import annotations

from workshop.model import evaluate
from workshop.views.breath import movement_exercise, resonance_exercise
from workshop.views.chain import load_distance_exercise, niosh_exercise


def answer(ex, value):
    ex.answer.value = value
    return ex.submit()


def test_multiple_choice_exercises_accept_only_the_model_answer():
    for ex in (load_distance_exercise(), movement_exercise()):
        ok, _ = answer(ex, ex.correct)
        assert ok
        wrong = next(o for o in ex.answer.options if o != ex.correct)
        ok, feedback = answer(ex, wrong)
        assert not ok
        assert "MPa" in feedback or " N" in feedback


def test_niosh_answer_is_the_last_load_under_the_limit():
    ex = niosh_exercise()
    kg = ex.expected
    assert float(evaluate(load_kg=kg, load_distance_m=0.5).compression_N) <= 3400
    assert float(evaluate(load_kg=kg + 1, load_distance_m=0.5).compression_N) > 3400
    assert answer(ex, kg)[0] and not answer(ex, kg + 5)[0]


def test_resonance_exercise_expects_the_model_peak():
    ex = resonance_exercise()
    assert 4.5 <= ex.expected <= 6.5
    assert answer(ex, ex.expected)[0] and not answer(ex, 12.0)[0]
