"""One breath cycle: ``Pattern(inhale, hold_in, exhale, hold_out)`` in seconds.

A cycle always runs in this order: breathe in, hold full, breathe out, hold
empty. Holds may be zero (and are then skipped); the inhale and exhale may not.
The limits keep every pattern one that a pacer can show and a person can
follow: no breath under half a second, no hold under 0.1 s unless it is none,
no phase over 30 s, a whole cycle between 1 s (60 breaths/min) and 60 s
(1 breath/min).
"""

from __future__ import annotations

from dataclasses import dataclass

from .validation import check_scalar

#: The four phases of a cycle, in order. A phase's *code* is its index here.
PHASES = ("inhale", "hold_in", "exhale", "hold_out")

#: Allowed seconds per phase: (low, high). Both ends inclusive.
PHASE_RANGES_S = {
    "inhale": (0.5, 30.0),
    "hold_in": (0.0, 30.0),
    "exhale": (0.5, 30.0),
    "hold_out": (0.0, 30.0),
}
#: Shortest hold that is not zero, s: a pacer cannot show a shorter phase, and a
#: vanishing one would merge with its neighbours in floating point.
MIN_HOLD_S = 0.1
#: Allowed length of a whole cycle, s (60 down to 1 breath per minute).
CYCLE_RANGE_S = (1.0, 60.0)
#: Allowed breathing rates, breaths/min (the same limits as the cycle).
RATE_RANGE_BPM = (60.0 / CYCLE_RANGE_S[1], 60.0 / CYCLE_RANGE_S[0])
#: Allowed inhale:exhale ratios for ``Pattern.from_rate`` (1:10 to 10:1).
IE_RATIO_RANGE = (0.1, 10.0)


@dataclass(frozen=True)
class Pattern:
    """One breath cycle; every duration in seconds.

    ``Pattern(4, 0, 6, 0)`` breathes in for 4 s and out for 6 s: 10 s a cycle,
    6 breaths per minute. Raises ``TypeError`` for a non-number or a boolean and
    ``ValueError`` for NaN, infinity or a value outside its range
    (``PHASE_RANGES_S``; a hold is 0 or at least ``MIN_HOLD_S``; the whole
    cycle within ``CYCLE_RANGE_S``).
    """

    inhale: float
    hold_in: float
    exhale: float
    hold_out: float

    def __post_init__(self) -> None:
        for name in PHASES:
            low, high = PHASE_RANGES_S[name]
            raw = getattr(self, name)
            value = check_scalar(name, raw, low, high, "s")
            if 0.0 < value < MIN_HOLD_S:
                raise ValueError(
                    f"{name} must be 0 or lie in [{MIN_HOLD_S:g}, {high:g}] s; got {raw!r}"
                )
            object.__setattr__(self, name, value)
        low, high = CYCLE_RANGE_S
        cycle = self.cycle_s
        if not (low <= cycle <= high):
            raise ValueError(
                f"the cycle (inhale + hold_in + exhale + hold_out) must last between "
                f"{low:g} and {high:g} s; got {cycle:g} s"
            )

    @property
    def cycle_s(self) -> float:
        """Length of one cycle, s."""
        return self.inhale + self.hold_in + self.exhale + self.hold_out

    @property
    def breaths_per_minute(self) -> float:
        """Breathing rate, breaths/min."""
        return 60.0 / self.cycle_s

    @property
    def ie_ratio(self) -> float:
        """Inhale time over exhale time (0.5 means 1:2)."""
        return self.inhale / self.exhale

    @property
    def durations(self) -> tuple[float, float, float, float]:
        """The four phase durations in ``PHASES`` order, zero holds included, s."""
        return (self.inhale, self.hold_in, self.exhale, self.hold_out)

    @property
    def phases(self) -> list[tuple[str, float]]:
        """``[(name, seconds), ...]`` in order, zero-length holds left out."""
        return [(name, s) for name, s in zip(PHASES, self.durations, strict=True) if s > 0.0]

    def __str__(self) -> str:
        return "-".join(f"{s:g}" for s in self.durations)

    @classmethod
    def from_rate(
        cls,
        breaths_per_minute,
        ie_ratio=1.0,
        *,
        hold_in=0.0,
        hold_out=0.0,
    ) -> Pattern:
        """The pattern breathing at ``breaths_per_minute`` with inhale:exhale ``ie_ratio``.

        The time left after the holds (s) is split between inhale and exhale in
        the ratio ``ie_ratio`` (inhale seconds per exhale second: 1.0 even, 0.5
        for 1:2, 2/3 for 4:6). ``breaths_per_minute`` must lie in
        ``RATE_RANGE_BPM``, ``ie_ratio`` in ``IE_RATIO_RANGE``.
        """
        rate = check_scalar(
            "breaths_per_minute", breaths_per_minute, *RATE_RANGE_BPM, "breaths/min"
        )
        ratio = check_scalar("ie_ratio", ie_ratio, *IE_RATIO_RANGE)
        h_in = check_scalar("hold_in", hold_in, *PHASE_RANGES_S["hold_in"], "s")
        h_out = check_scalar("hold_out", hold_out, *PHASE_RANGES_S["hold_out"], "s")
        breathing = 60.0 / rate - h_in - h_out
        if breathing <= 0.0:
            raise ValueError(
                f"hold_in + hold_out ({h_in + h_out:g} s) leave no time to breathe in a "
                f"{60.0 / rate:g} s cycle at {rate:g} breaths/min"
            )
        exhale = breathing / (1.0 + ratio)
        return cls(breathing - exhale, h_in, exhale, h_out)
