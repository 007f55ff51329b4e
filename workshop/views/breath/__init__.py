"""Breathing and movement seen: the pacer widget, figures, tables and exercises."""

from .exercises import (
    movement_exercise,
    resonance_exercise,
)
from .figures import (
    movement_load_ranges,
    movements_table,
    presets_table,
    resonance_figure,
    session_heart_rate_figure,
)
from .pacer import BreathPacer
from .plan_picture import plan_svg

__all__ = [
    "BreathPacer",
    "movement_exercise",
    "movement_load_ranges",
    "movements_table",
    "plan_svg",
    "presets_table",
    "resonance_exercise",
    "resonance_figure",
    "session_heart_rate_figure",
]
