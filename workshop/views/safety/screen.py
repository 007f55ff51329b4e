"""The red-flag screen as a widget, and the flags as static tables (from ``workshop.safety``).

``SafetyScreen()`` shows every plain-language question of the screen as a
checkbox; *See what to do* passes the ticks to ``workshop.safety.screen`` and
shows its advice: see a clinician, with the urgency of the most urgent yes,
never a conclusion about what anyone has. Every result lists what the kit is
not. An unticked box counts as "no". The browser may tick a box (true or false)
and press the buttons, nothing else (``trust.TrustBoundary``).
"""

from __future__ import annotations

import html

import ipywidgets as widgets
from IPython.display import HTML

from ...safety import (
    BEFORE_PRACTICE,
    EMERGENCY,
    NOT_THE_KIT,
    PRECAUTIONS,
    QUESTIONS,
    RED_FLAGS,
    SOON,
    ScreenResult,
    screen,
)
from ..common.exercises import Choice, MultipleChoice, style_widget
from ..common.html import markup, table
from ..common.palette import OKABE_ITO
from ..common.trust import TrustBoundary, trust_tree
from ..common.twin import StaticTwin

#: Colour per urgency; the urgency's words are always shown too.
URGENCY_COLOURS = {
    EMERGENCY: OKABE_ITO["vermillion"],
    SOON: OKABE_ITO["orange"],
    BEFORE_PRACTICE: OKABE_ITO["blue"],
    None: OKABE_ITO["bluish_green"],
}
INTRO = (
    "Tick every question you would answer <b>yes</b>, then press <b>See what to do</b>. "
    "An unticked box counts as no. Nothing you tick is stored; on a class server it goes "
    "to that server while this page is open, and is not kept."
)
#: The result's heading per urgency (None: no yes at all).
HEADINGS = {
    EMERGENCY: "Get medical help today",
    SOON: "Please see a clinician soon",
    BEFORE_PRACTICE: "Please check with a clinician before practising",
    None: "This screen found nothing to act on (not a clearance)",
}
PROMPT = "<i>No answers screened yet: press <b>See what to do</b> when you are ready.</i>"


def not_the_kit_html() -> str:
    """What the kit is not, as an HTML list."""
    items = "".join(f"<li>{html.escape(x)}</li>" for x in NOT_THE_KIT)
    return f'<div class="workshop-not-the-kit"><b>What this kit is not</b><ul>{items}</ul></div>'


def result_html(result: ScreenResult, example: str = "") -> str:
    """A screen result as HTML: the urgency in words and colour, the advice, what the kit is not.

    ``example``: for a static example, the answers it shows in words; the result is then
    labelled as an example, so that nobody reads it as their own.
    """
    colour = URGENCY_COLOURS[result.urgency]
    heading = HEADINGS[result.urgency]
    lines = [
        line
        for line in result.message.splitlines()
        if line.strip() and not line.startswith("What this kit is not")
    ]
    body = "".join(f"<p>{html.escape(line)}</p>" for line in lines)
    label = (
        f'<p class="workshop-example-label"><i>Example, not your result: what the screen says '
        f"for {html.escape(example)}.</i></p>"
        if example
        else ""
    )
    return (
        f'<div class="workshop-screen-result" style="border-left:6px solid {colour};'
        f'padding:4px 10px;margin:6px 0">{label}<p style="font-weight:bold">'
        f"{html.escape(heading)}</p>{body}{not_the_kit_html()}</div>"
    )


def describe_answers(answers: dict[str, bool]) -> str:
    """Answers in words: 'a yes to “…”' for each yes, or 'no yes at all'."""
    yes = [QUESTIONS[k] for k, v in answers.items() if v]
    if not yes:
        return "answers with no yes at all"
    return "a yes to " + " and ".join(f"“{q}”" for q in yes) + " and no other yes"


def screen_result(answers: dict[str, bool]) -> HTML:
    """What the screen says for some yes answers, every other question answered no,
    labelled as an example (for a notebook)."""
    full = {key: False for key in QUESTIONS} | dict(answers)
    return HTML(result_html(screen(full), example=describe_answers(full)))


def not_the_kit() -> HTML:
    """What the kit is not, for a notebook."""
    return HTML(not_the_kit_html())


class SafetyScreen(StaticTwin, TrustBoundary, widgets.VBox):
    """Checkboxes for the red flags and precautions, a button, and the screen's advice.

    ``checkboxes`` maps each question key to its ``Checkbox``; ``run()`` does
    what the button does and returns the ``ScreenResult``.
    """

    def __init__(self):
        self.checkboxes: dict[str, widgets.Checkbox] = {}
        rows = [widgets.HTML("<h4>Warning signs (red flags)</h4>")]
        rows += [self._row(flag.key, flag.question) for flag in RED_FLAGS]
        rows.append(widgets.HTML("<h4>Before practising alone</h4>"))
        rows += [self._row(p.key, p.question) for p in PRECAUTIONS]
        self.button = widgets.Button(
            description="See what to do", button_style="primary", layout={"width": "auto"}
        )
        self.clear_button = widgets.Button(description="Clear", layout={"width": "auto"})
        self.result = widgets.HTML(PROMPT)
        self.last_result: ScreenResult | None = None
        self.button.on_click(lambda _: self.run())
        self.clear_button.on_click(lambda _: self.clear())
        for box in self.checkboxes.values():
            box.observe(self._stale, names="value")
        super().__init__(
            [style_widget(), widgets.HTML(INTRO)]
            + rows
            + [widgets.HBox([self.button, self.clear_button]), self.result]
        )
        self.add_class("workshop-safety-screen")
        self.add_class("workshop-widget")
        trust_tree(self)

    def _row(self, key: str, question: str) -> widgets.Checkbox:
        box = widgets.Checkbox(
            value=False,
            description=question,
            indent=False,
            layout=widgets.Layout(width="auto"),
        )
        self.checkboxes[key] = box
        return box

    def _stale(self, _change) -> None:
        if self.last_result is not None:
            self.result.value = "Your answers changed: press <b>See what to do</b> again."
            self.last_result = None

    def answers(self) -> dict[str, bool]:
        """Every question's answer: ticked = yes, unticked = no."""
        return {key: bool(box.value) for key, box in self.checkboxes.items()}

    def run(self) -> ScreenResult:
        """Screen the ticked answers and show the advice."""
        result = screen(self.answers())
        self.result.value = result_html(result)
        self.last_result = result
        return result

    def clear(self) -> None:
        for box in self.checkboxes.values():
            box.value = False
        self.result.value = PROMPT
        self.last_result = None

    def static_text(self) -> str:
        return (
            f"SafetyScreen: {len(RED_FLAGS)} red-flag and {len(PRECAUTIONS)} precaution questions"
        )

    def static_html(self) -> str:
        return (
            "<p><i>The live screen appears when this notebook runs. Its questions are "
            "listed in the table below.</i></p>"
        )


def _urgency_cell(urgency: str):
    colour = URGENCY_COLOURS[urgency]
    return markup(
        f'<span style="border-left:4px solid {colour};padding-left:4px">'
        f"{html.escape(urgency)}</span>"
    )


def _short_source(source: str) -> str:
    """Sources as their short names (the full references close each notebook)."""
    short = []
    for part in source.split("; "):
        if part.startswith("NICE guideline NG"):
            short.append("NICE " + part.split(",")[0].removeprefix("NICE guideline "))
        elif part.startswith("Finucane"):
            short.append("Finucane et al. 2020")
        elif part.startswith("Bigos"):
            short.append("AHCPR 1994 (Bigos et al.)")
        else:
            short.append(part)
    return "; ".join(short)


def red_flags_table(for_instructors: bool = False) -> HTML:
    """Every red-flag question with its urgency and source.

    ``for_instructors=True`` adds what a clinician would want to rule out
    (kept out of the learners' view: a yes is a reason to be checked, not a finding).
    """
    head = ("if yes to", "urgency", "source")
    if for_instructors:
        head = head + ("a clinician would want to rule out",)
    rows = []
    for f in RED_FLAGS:
        row = (f.question, _urgency_cell(f.urgency), _short_source(f.source))
        if for_instructors:
            row = row + (f.may_indicate,)
        rows.append(row)
    return HTML(table(head, rows, cls="workshop-red-flags"))


def precautions_table() -> HTML:
    """Situations where practising alone can hurt: why, and what to do instead."""
    rows = [(p.question, p.concern, p.advice, p.source) for p in PRECAUTIONS]
    head = ("if yes to", "why practising alone is risky", "instead", "source")
    return HTML(table(head, rows, cls="workshop-precautions"))


#: Notebook 00's exercise: the one red flag ticked.
EXERCISE_FLAG = "cancer_history"


def safety_answer() -> str:
    """Notebook 00's solution: the screen's urgency when only the exercise's flag is ticked."""
    return screen({EXERCISE_FLAG: True}).urgency


def safety_solution() -> HTML:
    """Notebook 00's solution, as the screen words it: its heading for that one tick."""
    return HTML(f"<p><b>{html.escape(HEADINGS[safety_answer()])}</b></p>")


def safety_exercise() -> MultipleChoice:
    """Notebook 00's self-check: what a single yes means."""
    flag = next(f for f in RED_FLAGS if f.key == EXERCISE_FLAG)
    urgency = safety_answer()
    return MultipleChoice(
        f"Someone answers the screen and ticks only <i>“{html.escape(flag.question)}”</i> "
        "What does the screen advise?",
        [
            Choice(
                "Nothing: one flag on its own means little.",
                explanation=(
                    "Red flags are weak tests on their own (Finucane et al. 2020), but every "
                    "yes goes to a clinician: they can weigh it with everything else."
                ),
            ),
            Choice(
                f"{HEADINGS[urgency]} and mention it; a yes is a reason to be checked, "
                "not a finding.",
                correct=True,
                explanation=(
                    f"Yes: the screen gives the urgency '{urgency}' and says that "
                    "most people who answer yes have no serious problem."
                ),
            ),
            Choice(
                "It means the back pain comes from a cancer.",
                explanation=(
                    "No: the screen never concludes what anyone has. Most people who answer "
                    "yes to a red flag have no serious problem (Finucane et al. 2020)."
                ),
            ),
        ],
        hint="Try it: tick that one box in the screen above and press <b>See what to do</b>.",
        solution_text=(
            f"The screen's advice: <b>{html.escape(HEADINGS[urgency].lower())}</b> about "
            f"{html.escape(flag.label)}. It does not say the pain comes from a cancer: red flags are prompts to get "
            "checked, and there is little high-quality evidence for the diagnostic accuracy "
            "of most of them (Finucane et al. 2020)."
        ),
    )
