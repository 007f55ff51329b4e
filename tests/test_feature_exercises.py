"""The exercises of notebooks 01, 02, 04, 05 accept the model's answer and refuse others."""

from __future__ import annotations

import numpy as np

from workshop.model import evaluate
from workshop.views.breath import movement_exercise, resonance_exercise
from workshop.views.chain import load_distance_exercise, niosh_exercise, niosh_solution


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


def test_niosh_solution_shows_both_answers_and_the_lifting_equations_load():
    """The solution table gives the exercise's answer (relief on) and the one with the
    relief off, each the last whole kilogram under the limit; the solution text names
    the lifting equation's recommended load at that distance, well below either."""
    ex = niosh_exercise()
    table = niosh_solution().data
    off = evaluate(load_kg=np.arange(51), load_distance_m=0.5, iap_relief=False)
    without = int(np.flatnonzero(off.compression_N <= 3400)[-1])
    assert without < ex.expected
    assert f">{ex.expected:.0f} kg<" in table and f">{without} kg<" in table
    assert "11.5 kg" in ex.solution_text


def test_resonance_exercise_expects_the_model_peak():
    ex = resonance_exercise()
    assert 4.5 <= ex.expected <= 6.5
    assert answer(ex, ex.expected)[0] and not answer(ex, 12.0)[0]
