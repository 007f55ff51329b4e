"""Slow movements synchronised with the breath: numbers only (breath + model)."""

from .movements import (
    FLOOR_MOVEMENTS,
    FLOOR_POSITIONS,
    MOVEMENTS,
    SEATED_ALTERNATIVES,
    STOP_RULE,
    Movement,
    load_trace,
)

__all__ = [
    "FLOOR_MOVEMENTS",
    "FLOOR_POSITIONS",
    "MOVEMENTS",
    "SEATED_ALTERNATIVES",
    "Movement",
    "STOP_RULE",
    "load_trace",
]
