"""The red-flag screen and the cautions, as a widget and as tables."""

from .screen import (
    SafetyScreen,
    not_the_kit,
    precautions_table,
    red_flags_table,
    safety_answer,
    safety_exercise,
    safety_solution,
    screen_result,
)

__all__ = [
    "SafetyScreen",
    "not_the_kit",
    "precautions_table",
    "red_flags_table",
    "safety_answer",
    "safety_solution",
    "safety_exercise",
    "screen_result",
]
