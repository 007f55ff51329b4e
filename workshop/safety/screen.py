"""``screen(answers)``: turn yes/no answers into advice to see a clinician, never a conclusion.

The screen never names a condition and never says what a person has. A yes
to any red flag gives a message to see a clinician, with the urgency of the
most urgent flag; a yes to a precaution gives a message to check with a
clinician before practising. No yes at all gives a message that the screen
found nothing **and that this is not a clearance**. Every message ends with
what the kit is not. The reassurance that most people who answer yes have no
serious problem is left out of an emergency message, which must not invite waiting.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from .flags import BEFORE_PRACTICE, EMERGENCY, PRECAUTIONS, RED_FLAGS, SOON, URGENCIES

#: What the kit is not; every screen message lists these.
NOT_THE_KIT: tuple[str, ...] = (
    "It is not a medical assessment: it cannot tell what is causing anyone's pain.",
    "A screen that finds nothing is not a clearance to exercise.",
    "It does not replace a clinician who can listen to you and examine you.",
    "It is not emergency care: in an emergency, call your local emergency number.",
)

_ITEMS = {item.key: item for item in RED_FLAGS + PRECAUTIONS}
#: Every key ``screen`` accepts, mapped to its plain-language question.
QUESTIONS: dict[str, str] = {key: item.question for key, item in _ITEMS.items()}

_ACTION = {
    EMERGENCY: (
        "Please get medical help today: go to an emergency department or urgent care "
        "service, or call your local emergency number, and mention"
    ),
    SOON: "Please arrange to see a clinician (such as your doctor or a physiotherapist) soon about",
    BEFORE_PRACTICE: "Before practising the movements in this kit, please check with a clinician about",
}


@dataclass(frozen=True)
class ScreenResult:
    """The outcome of a screen. It holds advice, never a conclusion about a person.

    see_clinician   True if any answer was yes
    urgency         the most urgent level among the yes answers (one of
                    ``URGENCIES``), or None
    red_flags       keys of red flags answered yes, most urgent first
    precautions     keys of precautions answered yes
    unanswered      keys not given in ``answers``
    message         the advice in plain language, ending with what the kit is not
    not_the_kit     what the kit is not (always the same list)
    """

    see_clinician: bool
    urgency: str | None
    red_flags: tuple[str, ...]
    precautions: tuple[str, ...]
    unanswered: tuple[str, ...]
    message: str
    not_the_kit: tuple[str, ...] = NOT_THE_KIT


def _check(answers) -> dict[str, bool]:
    if not isinstance(answers, Mapping):
        raise TypeError(
            f"answers must be a dict of question key -> bool; got {type(answers).__name__}"
        )
    unknown = [k for k in answers if not isinstance(k, str) or k not in _ITEMS]
    if unknown:
        names = ", ".join(repr(k) for k in unknown)
        raise ValueError(
            f"answers has unknown keys: {names}; known keys are {', '.join(sorted(_ITEMS))}"
        )
    for key, value in answers.items():
        if not isinstance(value, bool | np.bool_):
            raise TypeError(f"answers[{key!r}] must be True or False; got {value!r}")
    return {k: bool(v) for k, v in answers.items()}


def screen(answers: dict[str, bool]) -> ScreenResult:
    """Screen yes/no answers to the red-flag and precaution questions.

    ``answers`` maps keys of ``QUESTIONS`` to True (yes) or False (no).
    Unanswered questions are allowed and listed in the result. Unknown keys
    raise ``ValueError`` naming them; non-boolean answers raise ``TypeError``.
    """
    given = _check(answers)
    yes = [key for key, value in given.items() if value]
    rank = {u: i for i, u in enumerate(URGENCIES)}
    flags = sorted(
        (k for k in yes if k in {f.key for f in RED_FLAGS}), key=lambda k: rank[_ITEMS[k].urgency]
    )
    precautions = [k for k in yes if k in {p.key for p in PRECAUTIONS}]
    unanswered = tuple(k for k in _ITEMS if k not in given)

    parts: list[str] = []
    for level in URGENCIES:
        items = [_ITEMS[k] for k in flags + precautions if _ITEMS[k].urgency == level]
        if items:
            labels = "; ".join(item.label for item in items)
            parts.append(f"{_ACTION[level]}: {labels}.")
            for item in items:
                advice = getattr(item, "advice", "")
                if advice:
                    parts.append(advice)
    emergency = any(_ITEMS[k].urgency == EMERGENCY for k in yes)
    if yes:
        if not emergency:
            # Not beside an emergency: a soothing line there could make someone wait.
            parts.append(
                "Answering yes does not mean something serious is wrong; most people who do "
                "have no serious problem. It means a clinician should hear about it."
            )
    else:
        parts.append(
            "None of the answers given was a yes, so this screen found nothing to act on. "
            "That is not a clearance: if anything changes, gets worse or worries you, "
            "see a clinician."
        )
    if unanswered:
        parts.append(
            f"{len(unanswered)} of {len(_ITEMS)} questions were not answered; the screen "
            "can only use the answers it was given."
        )
    parts.append("What this kit is not: " + " ".join(NOT_THE_KIT))

    urgency = next((u for u in URGENCIES if any(_ITEMS[k].urgency == u for k in yes)), None)
    return ScreenResult(
        see_clinician=bool(yes),
        urgency=urgency,
        red_flags=tuple(flags),
        precautions=tuple(precautions),
        unanswered=unanswered,
        message="\n".join(parts),
    )
