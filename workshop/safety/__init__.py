"""Safety first: red flags and precautions for low back pain, as data, and a screen.

``screen(answers)`` turns yes/no answers into advice to see a clinician (with
its urgency) and never into a conclusion about what anyone has. A screen that
finds nothing is not a clearance. Every message lists what the kit is not.
Numbers and text only: no widgets here.
"""

from .flags import (
    BEFORE_PRACTICE,
    EMERGENCY,
    PRECAUTIONS,
    RED_FLAGS,
    SOON,
    URGENCIES,
    Precaution,
    RedFlag,
)
from .screen import NOT_THE_KIT, QUESTIONS, ScreenResult, screen

__all__ = [
    "BEFORE_PRACTICE",
    "EMERGENCY",
    "NOT_THE_KIT",
    "PRECAUTIONS",
    "QUESTIONS",
    "RED_FLAGS",
    "SOON",
    "URGENCIES",
    "Precaution",
    "RedFlag",
    "ScreenResult",
    "screen",
]
