"""Slow movements synchronised with the breath: numbers only (breath + model)."""

from .movements import (
    FLOOR_MOVEMENTS,
    FLOOR_POSITIONS,
    MOVEMENTS,
    STOP_RULE,
    Movement,
    load_trace,
)

__all__ = [
    "FLOOR_MOVEMENTS",
    "FLOOR_POSITIONS",
    "MOVEMENTS",
    "Movement",
    "STOP_RULE",
    "load_trace",
]
