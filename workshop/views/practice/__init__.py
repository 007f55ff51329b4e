"""The personal practice plan builder and its tables."""

from .builder import (
    PracticePlanBuilder,
    breathing_table,
    practice_exercise,
    save_and_reload_demo,
    stop_rules,
)

__all__ = [
    "PracticePlanBuilder",
    "breathing_table",
    "practice_exercise",
    "save_and_reload_demo",
    "stop_rules",
]
