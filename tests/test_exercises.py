"""Headless tests of the self-check exercises: set an answer, click, read the feedback."""

from __future__ import annotations

import ipywidgets as widgets
import pytest

from workshop.views.common.exercises import (
    CORRECT,
    NOT_YET,
    PROMPT,
    Choice,
    Exercise,
    MultipleChoice,
    NumberExercise,
    choice_check,
    number_check,
)


def even(value):
    n = int(value)
    return n % 2 == 0, f"{n} is {'even' if n % 2 == 0 else 'odd'}"


def test_check_button_shows_feedback_from_the_check():
    ex = Exercise("An even number?", even, answer=widgets.IntText(value=3))
    assert ex.feedback.value == PROMPT
    ex.check_button.click()
    assert NOT_YET in ex.feedback.value and "3 is odd" in ex.feedback.value
    ex.answer.value = 4
    assert ex.feedback.value == PROMPT  # a changed answer clears stale feedback
    ex.check_button.click()
    assert CORRECT in ex.feedback.value and "4 is even" in ex.feedback.value
    assert ex.attempts == 2 and ex.last_ok is True


def test_solution_stays_hidden_until_revealed():
    ex = Exercise("Q", even, answer=widgets.IntText(), solution_text="the <b>SECRET</b>")
    assert "SECRET" not in ex.solution.value
    ex.check_button.click()
    assert "SECRET" not in ex.solution.value
    ex.solution_button.click()
    assert "the <b>SECRET</b>" in ex.solution.value
    assert "SECRET" not in ex._repr_mimebundle_()["text/html"]  # not in the stored twin


def test_hint_and_solution_buttons_hidden_when_empty():
    ex = Exercise("Q", even)
    assert ex.hint_button.layout.display == "none"
    assert ex.solution_button.layout.display == "none"
    ex = Exercise("Q", even, hint="look", solution_text="s")
    ex.hint_button.click()
    assert "look" in ex.hint.value


def test_a_check_that_cannot_read_the_answer_says_so():
    ex = Exercise("Q", even, answer=widgets.Text(value="seven"))
    ok, text = ex.submit()
    assert not ok and "could not read" in text
    assert NOT_YET in ex.feedback.value


def test_feedback_is_escaped():
    ex = Exercise("Q", lambda v: (False, "<script>x</script>"), answer=widgets.Text())
    ex.check_button.click()
    assert "<script>" not in ex.feedback.value


def test_multiple_choice_explains_each_option():
    mc = MultipleChoice(
        "Pick b",
        [Choice("a", explanation="a is wrong because"), Choice("b", correct=True), Choice("c")],
        solution_text="b",
    )
    assert mc.correct == "b" and mc.answer.options == ("a", "b", "c")
    assert isinstance(mc.answer, widgets.RadioButtons) and mc.answer.value is None
    mc.check_button.click()
    assert "Pick one" in mc.feedback.value
    mc.answer.value = "a"
    mc.check_button.click()
    assert NOT_YET in mc.feedback.value and "a is wrong because" in mc.feedback.value
    mc.answer.value = "c"
    mc.check_button.click()
    assert NOT_YET in mc.feedback.value
    mc.answer.value = "b"
    mc.check_button.click()
    assert CORRECT in mc.feedback.value


def test_multiple_choice_needs_exactly_one_correct_choice_of_distinct_texts():
    with pytest.raises(ValueError, match="exactly one choice must be correct; got 0"):
        MultipleChoice("Q", [Choice("a"), Choice("b")])
    with pytest.raises(ValueError, match="exactly one choice must be correct; got 2"):
        MultipleChoice("Q", [Choice("a", correct=True), Choice("b", correct=True)])
    with pytest.raises(ValueError, match="different texts"):
        MultipleChoice("Q", [Choice("a", correct=True), Choice("a")])
    with pytest.raises(TypeError, match="sequence of Choice"):
        MultipleChoice("Q", ["a", "b"])
    with pytest.raises(TypeError, match="sequence of Choice"):
        MultipleChoice("Q", [])


def test_number_exercise_within_tolerance_and_direction():
    ex = NumberExercise("How many?", 2.8, 0.15, "°")
    ex.answer.value = 3.5
    ex.check_button.click()
    assert NOT_YET in ex.feedback.value and "too high" in ex.feedback.value
    ex.answer.value = 1.0
    ex.check_button.click()
    assert "too low" in ex.feedback.value
    ex.answer.value = 2.9
    ex.check_button.click()
    assert CORRECT in ex.feedback.value


def test_checks_on_their_own():
    check = number_check(0.37, 0.01)
    assert check("0,37")[0] and check(" 0.375 ")[0]
    assert not check("abc")[0] and not check(float("nan"))[0]
    with pytest.raises(ValueError, match="tolerance"):
        number_check(1.0, -1)
    assert choice_check([Choice("x", correct=True), Choice("y")])("x") == (True, "Yes.")


def test_static_twin_lists_the_question_and_options():
    mc = MultipleChoice("<b>Which?</b>", [Choice("one", correct=True), Choice("two")])
    bundle = mc._repr_mimebundle_()
    assert bundle["text/plain"] == "Exercise: Which?"
    assert "<li>one</li>" in bundle["text/html"] and "Show solution" in bundle["text/html"]
