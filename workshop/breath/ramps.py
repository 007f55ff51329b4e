"""Rate ramps: a run of patterns stepping from one breathing rate to another.

The classic use is finding a person's resonance rate: breathe a couple of
minutes at each rate from 6.5 down to 4.5 breaths/min and keep the rate at
which the heart-rate swing is largest (Lehrer, Vaschillo & Vaschillo 2000,
Appl Psychophysiol Biofeedback 25:177).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .patterns import IE_RATIO_RANGE, RATE_RANGE_BPM, Pattern
from .validation import check_scalar

#: Allowed rate step, breaths/min (exclusive of zero).
STEP_RANGE_BPM = (0.0, 30.0)
#: Allowed time at each step, minutes (exclusive of zero).
STEP_MINUTES_RANGE = (0.0, 60.0)
#: Most rates (patterns) one ramp may hold: a 4-hour session of 1-minute steps.
MAX_RAMP_STEPS = 240
#: Relative slack when checking that the end rate is a whole number of steps away.
_WHOLE_STEPS_TOL = 1e-9


@dataclass(frozen=True)
class Ramp:
    """Rates from ``start_bpm`` to ``end_bpm`` (both included) in steps of ``step_bpm``.

    Each rate is held for ``step_minutes`` with inhale:exhale ``ie_ratio`` (see
    ``Pattern.from_rate``). The ramp runs down when ``end_bpm < start_bpm``;
    ``step_bpm`` is always positive. ``end_bpm`` must be a whole number of steps
    from ``start_bpm``. Raises ``TypeError``/``ValueError`` naming the input.
    """

    start_bpm: float
    end_bpm: float
    step_bpm: float
    step_minutes: float
    ie_ratio: float = 1.0

    def __post_init__(self) -> None:
        for name in ("start_bpm", "end_bpm"):
            value = check_scalar(name, getattr(self, name), *RATE_RANGE_BPM, "breaths/min")
            object.__setattr__(self, name, value)
        step = check_scalar(
            "step_bpm", self.step_bpm, *STEP_RANGE_BPM, "breaths/min", low_open=True
        )
        minutes = check_scalar(
            "step_minutes", self.step_minutes, *STEP_MINUTES_RANGE, "min", low_open=True
        )
        ratio = check_scalar("ie_ratio", self.ie_ratio, *IE_RATIO_RANGE)
        object.__setattr__(self, "step_bpm", step)
        object.__setattr__(self, "step_minutes", minutes)
        object.__setattr__(self, "ie_ratio", ratio)
        span = abs(self.end_bpm - self.start_bpm)
        if span / step + 1 > MAX_RAMP_STEPS + 0.5:  # checked before any pattern is built
            raise ValueError(
                f"a ramp may hold at most {MAX_RAMP_STEPS} rates; {self.start_bpm:g} to "
                f"{self.end_bpm:g} breaths/min in steps of step_bpm={step:g} is "
                f"{span / step + 1:.3g} rates: raise step_bpm"
            )
        n = round(span / step)
        if abs(n * step - span) > _WHOLE_STEPS_TOL * max(1.0, span):
            raise ValueError(
                f"end_bpm must be a whole number of step_bpm steps from start_bpm; "
                f"{self.start_bpm:g} to {self.end_bpm:g} in steps of {step:g} is "
                f"{span / step:.3g} steps"
            )
        _ = self.steps  # every step must itself be a valid pattern: fail here, not later

    @property
    def rates_bpm(self) -> np.ndarray:
        """The rates in order, breaths/min; the last is exactly ``end_bpm``."""
        n = round(abs(self.end_bpm - self.start_bpm) / self.step_bpm)
        sign = -1.0 if self.end_bpm < self.start_bpm else 1.0
        rates = self.start_bpm + sign * self.step_bpm * np.arange(n + 1)
        rates[-1] = self.end_bpm
        return rates

    @property
    def steps(self) -> list[Pattern]:
        """One ``Pattern`` per rate, in order."""
        return [Pattern.from_rate(float(r), self.ie_ratio) for r in self.rates_bpm]

    @property
    def segments(self) -> list[tuple[Pattern, float]]:
        """``[(pattern, seconds), ...]``: each step with its requested duration."""
        return [(p, self.step_minutes * 60.0) for p in self.steps]

    @property
    def duration_s(self) -> float:
        """Requested length of the whole ramp, s (before rounding to whole cycles)."""
        return len(self.rates_bpm) * self.step_minutes * 60.0


#: Lehrer, Vaschillo & Vaschillo 2000 (Appl Psychophysiol Biofeedback 25:177):
#: 6.5 down to 4.5 breaths/min in 0.5 steps of 2 minutes each, 10 minutes in all.
#: Every step is a whole number of breaths (13, 12, 11, 10, 9).
LEHRER_RESONANCE_FINDING = Ramp(6.5, 4.5, 0.5, 2.0)
