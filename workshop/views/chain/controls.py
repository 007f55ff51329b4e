"""The explorer's controls: ranges, steps, labels and units, and clamping.

Widgets clamp (a learner can't break the model with a slider); the model
itself refuses out-of-range input. Steps are the grid the explorer precomputes,
so every slider position the learner can reach is an exact model value.
"""

from __future__ import annotations

import reprlib
from dataclasses import asdict, dataclass
from functools import cached_property

import numpy as np

from ...checks import Range, to_float
from ...model import CONSTANTS

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

    @cached_property
    def grid(self) -> np.ndarray:
        """The slider's steps, ``low`` to ``high`` (read-only; made once)."""
        n = int(round((self.high - self.low) / self.step)) + 1
        steps = np.round(np.linspace(self.low, self.high, n), 6)
        steps.flags.writeable = False
        return steps

    @property
    def range(self) -> Range:
        """The slider's range in the kit's one check type (``workshop.checks.Range``)."""
        return Range(self.low, self.high, self.unit)

    def describe(self) -> str:
        """``"<name> must lie in [low, high] unit"``, as every input check says it."""
        return self.range.rule(self.name)

    def _number(self, value) -> float:
        # The kit's one number conversion (workshop.checks): any Python or numpy
        # real number; huge ints and Fractions become ±inf, never OverflowError.
        try:
            return to_float(value)
        except TypeError:
            raise TypeError(f"{self.describe()}; got {reprlib.repr(value)}") from None

    def clamp(self, value) -> float:
        """Nearest reachable slider value: clipped to the range, snapped to the step.

        Not a number: ``TypeError``. NaN: the default.
        """
        v = self._number(value)
        if np.isnan(v):
            return self.default
        v = min(max(v, self.low), self.high)
        return round(self.low + round((v - self.low) / self.step) * self.step, 6)

    def check(self, value) -> float:
        """A value as a slider sends it, snapped to the step; off the range is refused.

        Raises ``TypeError`` (not a number) or ``ValueError`` (NaN, infinite, outside
        the range): the browser's slider cannot send those, so they are not clamped.
        """
        v = self._number(value)
        slack = 1e-6 * self.step  # JavaScript's float arithmetic at the ends
        if not (self.low - slack <= v <= self.high + slack):  # also refuses NaN
            raise ValueError(f"{self.describe()}; got {reprlib.repr(value)}")
        return self.clamp(v)

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
        "forward bend of the trunk from upright (on a chair the chest comes to rest on "
        f"the thighs at {CONSTANTS.seated_chest_on_thighs_deg:.0f}°); lying, a curl of the "
        f"lower back (degrees of lumbar flexion, full at {CONSTANTS.full_lumbar_flexion_deg:.0f}°, "
        "later with tight hip flexors: the pelvis rolls back, the knees come up)",
    ),
    Control(
        "load_kg",
        "Load in the hands",
        "kg",
        0.0,
        50.0,
        1.0,
        0.0,
        "mass held in both hands, standing or sitting (lying, nothing is held)",
    ),
    Control(
        "load_distance_m",
        "Load distance",
        "m",
        0.0,
        0.8,
        0.01,
        0.0,
        "horizontal distance from the lower back (L4/L5) to the hands and load; "
        "nearer than the shoulders, the hands hang; no further than the arms reach",
    ),
    Control("body_mass_kg", "Body mass", "kg", 40.0, 120.0, 1.0, 70.0, "the learner's body mass"),
)
CONTROL_BY_NAME = {c.name: c for c in CONTROLS}
DEFAULT_POSITION = "standing"


def default_values() -> dict:
    values = {c.name: c.default for c in CONTROLS}
    values["position"] = DEFAULT_POSITION
    return values


def check_values(values) -> dict:
    """Controls as the browser sends them: every control and the position, nothing else.

    Strict (``Control.check``): raises ``TypeError`` or ``ValueError`` naming
    what is wrong, where ``clamp_values`` would clamp.
    """
    if not isinstance(values, dict):
        raise TypeError(f"values must be an object of controls; got {reprlib.repr(values)}")
    names = set(CONTROL_BY_NAME) | {"position"}
    missing = names - set(values)
    unknown = set(values) - names
    if missing or unknown:
        wrong = [f"missing {sorted(missing)}"] if missing else []
        wrong += [f"unknown {sorted(map(reprlib.repr, unknown))}"] if unknown else []
        raise ValueError(
            f"values must hold exactly the controls {sorted(names)}; {', '.join(wrong)}"
        )
    out = {name: CONTROL_BY_NAME[name].check(values[name]) for name in CONTROL_BY_NAME}
    position = values["position"]
    if not isinstance(position, str) or position not in POSITIONS:
        raise ValueError(f"position must be one of {POSITIONS}; got {reprlib.repr(position)}")
    out["position"] = position
    return out


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
            if not isinstance(v, str) or v not in POSITIONS:
                raise ValueError(f"position must be one of {POSITIONS}; got {reprlib.repr(v)}")
            out[name] = v
        else:
            out[name] = CONTROL_BY_NAME[name].clamp(v)
    return out
