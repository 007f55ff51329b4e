"""Position sense (the body's internal GPS): demo, figures, tables and exercise."""

from .position_sense import (
    PositionSenseDemo,
    assumptions,
    body_map_exercise,
    body_map_solution,
    position_sense_figure,
    position_sense_summary,
    position_sense_table,
)

__all__ = [
    "PositionSenseDemo",
    "assumptions",
    "body_map_exercise",
    "body_map_solution",
    "position_sense_figure",
    "position_sense_summary",
    "position_sense_table",
]
