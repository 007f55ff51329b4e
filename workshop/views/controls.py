"""The explorer's controls: ranges, steps, labels and units, and clamping.

Widgets clamp (a learner can't break the model with a slider); the model
itself refuses out-of-range input. Steps are the grid the explorer precomputes,
so every slider position the learner can reach is an exact model value.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np

#: Positions the explorer draws (the first three of ``workshop.model.POSITIONS``;
#: the floor positions and the sit-up are in ``evaluate`` and in the movements).
POSITIONS = ("standing", "sitting", "lying")


@dataclass(frozen=True)
class Control:
    name: str
    label: str
    unit: str
    low: float
    high: float
    step: float
    default: float
    help: str

    @property
    def grid(self) -> np.ndarray:
        n = int(round((self.high - self.low) / self.step)) + 1
        return np.round(np.linspace(self.low, self.high, n), 6)

    def clamp(self, value) -> float:
        """Nearest reachable slider value: clipped to the range, snapped to the step."""
        v = float(value)
        if not np.isfinite(v):
            return self.default
        v = min(max(v, self.low), self.high)
        return round(self.low + round((v - self.low) / self.step) * self.step, 6)

    def to_json(self) -> dict:
        return asdict(self)


CONTROLS: tuple[Control, ...] = (
    Control(
        "hip_flexor_tightness",
        "Hip flexor tightness",
        "",
        0.0,
        1.0,
        0.05,
        0.0,
        "0 normal length, 1 severely shortened",
    ),
    Control(
        "glute_weakness",
        "Glute weakness",
        "",
        0.0,
        1.0,
        0.05,
        0.0,
        "0 normal strength, 1 severely weak",
    ),
    Control(
        "extensor_overactivity",
        "Back muscle guarding",
        "",
        0.0,
        1.0,
        0.05,
        0.0,
        "0 relaxes as usual, 1 back muscles stay on (no flexion-relaxation, co-contraction)",
    ),
    Control(
        "trunk_flexion_deg",
        "Trunk flexion",
        "°",
        0.0,
        90.0,
        1.0,
        0.0,
        "forward bend of the trunk from upright",
    ),
    Control("load_kg", "Load in the hands", "kg", 0.0, 50.0, 1.0, 0.0, "mass held in both hands"),
    Control(
        "load_distance_m",
        "Load distance",
        "m",
        0.0,
        0.8,
        0.01,
        0.0,
        "horizontal distance from the lower back (L4/L5) to the hands and load; "
        "nearer than the shoulders, the hands hang",
    ),
    Control("body_mass_kg", "Body mass", "kg", 40.0, 120.0, 1.0, 70.0, "the learner's body mass"),
)
CONTROL_BY_NAME = {c.name: c for c in CONTROLS}
DEFAULT_POSITION = "standing"


def default_values() -> dict:
    values = {c.name: c.default for c in CONTROLS}
    values["position"] = DEFAULT_POSITION
    return values


def clamp_values(values: dict) -> dict:
    """Every control clamped; unknown names refused; position checked."""
    unknown = set(values) - set(CONTROL_BY_NAME) - {"position"}
    if unknown:
        raise ValueError(
            f"unknown control(s) {sorted(unknown)}; controls are "
            f"{sorted(CONTROL_BY_NAME) + ['position']}"
        )
    out = {}
    for name, v in values.items():
        if name == "position":
            if v not in POSITIONS:
                raise ValueError(f"position must be one of {POSITIONS}; got {v!r}")
            out[name] = v
        else:
            out[name] = CONTROL_BY_NAME[name].clamp(v)
    return out
