"""Self-check exercises: an answer widget, a Check button, feedback, and a solution behind a reveal.

``Exercise(question, check, answer=widget, hint=..., solution_text=...)`` shows
the question, the learner's answer widget (``FloatText``, ``Dropdown``,
``RadioButtons``, ``Text``, ...), a *Check* button, a *Hint* button and a
*Show solution* button. ``check(value)`` returns ``(ok, feedback)``; the
feedback appears at once below the buttons. The solution stays hidden until
the learner asks for it. No grader, no network: everything runs in the kernel.

``MultipleChoice`` (its options as :class:`Choice` records: text, correct,
explanation) and ``NumberExercise`` build the two common kinds.

An exercise and every widget in it, the answer widget too, are behind
``trust.TrustBoundary``: the browser may set the answer (of the answer widget's
type, within its options or bounds) and press the buttons, nothing else.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import ipywidgets as widgets

from .palette import OKABE_ITO
from .trust import TrustBoundary, trust_tree
from .twin import StaticTwin

Check = Callable[[object], tuple[bool, str]]

CORRECT = "Correct"
NOT_YET = "Not yet"
PROMPT = "Answer, then press <b>Check</b>."


#: Let long questions and options wrap (ipywidgets keeps labels on one line and cuts
#: them with an ellipsis). Scoped to the kit's own widgets by their classes.
CSS = """
.workshop-widget .widget-label-basic, .workshop-widget .jupyter-widget-label-basic {
  white-space: normal; overflow: visible; line-height: 1.4;
}
.workshop-widget .widget-checkbox, .workshop-widget .jupyter-widget-checkbox {
  width: auto; height: auto; margin: 2px 0;
}
.workshop-widget .widget-radio-box label, .workshop-widget .jupyter-widget-radio-box label {
  height: auto; line-height: 1.4; margin: 2px 0;
}
.workshop-widget .widget-html-content, .workshop-widget .jupyter-widget-html-content {
  line-height: 1.4;
}
"""


def style_widget() -> widgets.HTML:
    """A hidden-in-effect HTML widget carrying :data:`CSS`; add it to a widget's children."""
    return widgets.HTML(f"<style>{CSS}</style>", layout=widgets.Layout(height="0px"))


def _box(colour: str, title: str, body: str) -> str:
    """A bordered note: the title word carries the meaning, the colour only repeats it."""
    return (
        f'<div class="workshop-feedback" style="border-left:4px solid {colour};'
        f'padding:4px 8px;margin:4px 0"><b>{html.escape(title)}.</b> {body}</div>'
    )


def feedback_html(ok: bool, feedback: str) -> str:
    """The feedback shown after *Check*: 'Correct.' or 'Not yet.' and the check's words."""
    if ok:
        return _box(OKABE_ITO["bluish_green"], CORRECT, html.escape(feedback))
    return _box(OKABE_ITO["vermillion"], NOT_YET, html.escape(feedback))


def _plain(text: str) -> str:
    """HTML to one line of plain text (for the text/plain representation)."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", text)).split())


class Exercise(StaticTwin, TrustBoundary, widgets.VBox):
    """A question, an answer widget, immediate feedback and a solution behind a reveal.

    question       HTML shown above the answer (trusted text from the kit)
    check          ``check(value) -> (ok, feedback)``; ``value`` is ``answer.value``.
                   A ``ValueError`` or ``TypeError`` it raises is shown as feedback.
    answer         the widget the learner answers with (default: a ``Text``)
    hint           HTML revealed by the *Hint* button ("" for no hint button)
    solution_text  HTML revealed by the *Show solution* button

    ``submit()`` does what the *Check* button does and returns ``(ok, feedback)``;
    ``reveal()`` what *Show solution* does. ``attempts`` counts the checks.
    """

    # The static twin says "run this notebook to check your answer" itself.
    says_it_is_still = True

    def __init__(
        self,
        question: str,
        check: Check,
        *,
        answer: widgets.ValueWidget | None = None,
        hint: str = "",
        solution_text: str = "",
    ):
        if not callable(check):
            raise TypeError(f"check must be a function value -> (ok, feedback); got {check!r}")
        self.question_text = question
        self.check = check
        self.answer = answer if answer is not None else widgets.Text(placeholder="your answer")
        self.hint_text = hint
        self.solution_text = solution_text
        self.attempts = 0
        self.last_ok: bool | None = None

        self.question = widgets.HTML(f'<div class="workshop-question">{question}</div>')
        self.check_button = widgets.Button(description="Check", button_style="primary")
        self.hint_button = widgets.Button(description="Hint")
        self.solution_button = widgets.Button(description="Show solution")
        self.feedback = widgets.HTML(PROMPT)
        self.hint = widgets.HTML("")
        self.solution = widgets.HTML("")
        for b in (self.check_button, self.hint_button, self.solution_button):
            b.layout = widgets.Layout(width="auto")
        self.hint_button.layout.display = "" if hint else "none"
        self.solution_button.layout.display = "" if solution_text else "none"

        self.check_button.on_click(lambda _: self.submit())
        self.hint_button.on_click(lambda _: self.show_hint())
        self.solution_button.on_click(lambda _: self.reveal())
        # A changed answer makes old feedback stale: say so rather than keep it.
        self.answer.observe(self._answer_changed, names="value")

        buttons = widgets.HBox([self.check_button, self.hint_button, self.solution_button])
        super().__init__(
            [
                style_widget(),
                self.question,
                self.answer,
                buttons,
                self.feedback,
                self.hint,
                self.solution,
            ]
        )
        self.add_class("workshop-exercise")
        self.add_class("workshop-widget")
        trust_tree(self)

    def _answer_changed(self, _change) -> None:
        if self.last_ok is not None:
            self.feedback.value = PROMPT
            self.last_ok = None

    def submit(self) -> tuple[bool, str]:
        """Check the current answer and show the feedback; return ``(ok, feedback)``."""
        self.attempts += 1
        try:
            ok, text = self.check(self.answer.value)
        except (TypeError, ValueError) as exc:
            ok, text = False, f"I could not read that answer: {exc}"
        self.last_ok = bool(ok)
        self.feedback.value = feedback_html(self.last_ok, str(text))
        return self.last_ok, str(text)

    def show_hint(self) -> None:
        self.hint.value = _box(OKABE_ITO["blue"], "Hint", self.hint_text)

    def reveal(self) -> None:
        """Show the solution (the learner asked for it)."""
        self.solution.value = _box(OKABE_ITO["orange"], "Solution", self.solution_text)
        self.solution_button.description = "Solution shown"

    def static_html(self) -> str:
        """The question without the live parts, for exported pages and stored outputs."""
        options = getattr(self.answer, "options", None)
        listing = ""
        if options:
            labels = [o[0] if isinstance(o, tuple) else o for o in options]
            listing = "<ul>" + "".join(f"<li>{html.escape(str(x))}</li>" for x in labels) + "</ul>"
        return (
            f'<div class="workshop-exercise-static"><b>Exercise.</b> {self.question_text}'
            f"{listing}<p><i>Run this notebook to check your answer; the solution is "
            "behind the <b>Show solution</b> button.</i></p></div>"
        )

    def static_text(self) -> str:
        return f"Exercise: {_plain(self.question_text)}"


@dataclass(frozen=True)
class Choice:
    """One option of a :class:`MultipleChoice`: its text, whether it is the right one,
    and the feedback a learner who picks it gets ("" for a generic sentence)."""

    text: str
    correct: bool = False
    explanation: str = ""


def choice_check(choices: Sequence[Choice]) -> Check:
    """A check for a choice: right if the value is the text of the correct choice.

    Each choice's ``explanation`` is the feedback for it (a wrong choice gets
    its own reason); choices without one get a generic sentence.
    """
    right = next(c.text for c in choices if c.correct)
    explanations = {c.text: c.explanation for c in choices if c.explanation}

    def check(value):
        if value is None:
            return False, "Pick one of the options first."
        default = "Yes." if value == right else "That is not it; read the question again."
        return value == right, explanations.get(value, default)

    return check


def number_check(expected: float, tolerance: float, unit: str = "", *, explain: str = "") -> Check:
    """A check for a number: right if within ``tolerance`` of ``expected``.

    Feedback says whether a wrong answer is too high or too low, never the answer.
    """
    if not (tolerance >= 0 and math.isfinite(tolerance)):
        raise ValueError(f"tolerance must be a finite number >= 0; got {tolerance!r}")
    u = f" {unit}" if unit else ""

    def check(value):
        if isinstance(value, str):
            value = value.strip().replace(",", ".")
        try:
            x = float(value)
        except (TypeError, ValueError):
            return False, f"Type a number{(' in' + u) if unit else ''}."
        if not math.isfinite(x):
            return False, "Type a finite number."
        if abs(x - expected) <= tolerance:
            return True, (f"{x:g}{u} is within {tolerance:g}{u} of the answer. " + explain).strip()
        direction = "too high" if x > expected else "too low"
        return False, f"{x:g}{u} is {direction}."

    return check


class MultipleChoice(Exercise):
    """An :class:`Exercise` answered with radio buttons (nothing selected at first).

    ``choices`` are :class:`Choice` records in the order shown, exactly one of
    them correct; each carries the feedback it gets, so a wrong choice hears
    why it is wrong. ``correct`` is the text of the right choice.
    """

    def __init__(
        self,
        question: str,
        choices: Sequence[Choice],
        *,
        hint: str = "",
        solution_text: str = "",
    ):
        choices = tuple(choices)
        if not choices or not all(isinstance(c, Choice) for c in choices):
            raise TypeError(f"choices must be a non-empty sequence of Choice; got {choices!r}")
        texts = [c.text for c in choices]
        if len(set(texts)) != len(texts):
            raise ValueError(f"choices must have different texts; got {texts}")
        right = [c.text for c in choices if c.correct]
        if len(right) != 1:
            raise ValueError(f"exactly one choice must be correct; got {len(right)}: {right}")
        self.choices = choices
        self.correct = right[0]
        answer = widgets.RadioButtons(
            options=texts, value=None, layout=widgets.Layout(width="max-content")
        )
        super().__init__(
            question,
            choice_check(choices),
            answer=answer,
            hint=hint,
            solution_text=solution_text,
        )


class NumberExercise(Exercise):
    """An :class:`Exercise` answered with a number (``FloatText``), right within a tolerance."""

    def __init__(
        self,
        question: str,
        expected: float,
        tolerance: float,
        unit: str = "",
        *,
        explain: str = "",
        hint: str = "",
        solution_text: str = "",
    ):
        self.expected = float(expected)
        answer = widgets.FloatText(
            value=0.0,
            description=f"Your answer ({unit})" if unit else "Your answer",
            style={"description_width": "initial"},
        )
        super().__init__(
            question,
            number_check(expected, tolerance, unit, explain=explain),
            answer=answer,
            hint=hint,
            solution_text=solution_text,
        )
