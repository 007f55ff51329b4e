"""Breathing patterns, pacer schedules and a heart-rate (RSA) model: numbers only.

numpy only, no widgets, no plotting; ``workshop.views`` draws what these compute.

* ``Pattern`` — one breath cycle in seconds; ``PRESETS`` — named practices with
  one line on their evidence; ``Ramp`` — stepped rates (``LEHRER_RESONANCE_FINDING``).
* ``Session`` — a plan of whole cycles; ``phase_at``, ``time_left_in_phase``,
  ``lung_volume`` and ``boundaries`` — its schedule, vectorised over time;
  ``Session.to_dict()`` — the plan for a browser pacer.
* ``hr_oscillation`` — modelled heart-rate swing against breathing rate from a
  closed baroreflex loop; ``simulate_heart_rate`` — the same loop in time, beats
  included, for any session.

This kit teaches. It does not diagnose and gives no treatment advice.
"""

from .heart import (
    BAROREFLEX_DELAY_S,
    BAROREFLEX_TAU_S,
    CALIBRATION_RATE_BPM,
    CALIBRATION_SWING_BPM,
    HEART,
    HEART_PARAM_RANGES,
    HR_RATE_RANGE_BPM,
    LOOP_GAIN,
    RESPIRATORY_TAU_S,
    RESTING_HR_BPM,
    HeartParams,
    hr_oscillation,
    resonance_rate,
    rsa_transfer,
)
from .patterns import (
    CYCLE_RANGE_S,
    IE_RATIO_RANGE,
    MIN_HOLD_S,
    PHASE_RANGES_S,
    PHASES,
    RATE_RANGE_BPM,
    Pattern,
)
from .presets import PRESETS, Preset
from .ramps import LEHRER_RESONANCE_FINDING, Ramp
from .schedule import (
    PhaseAt,
    Segment,
    Session,
    boundaries,
    lung_volume,
    phase_at,
    time_left_in_phase,
    whole_cycles,
)
from .simulate import HeartRateTrace, simulate_heart_rate

__all__ = [
    "BAROREFLEX_DELAY_S",
    "BAROREFLEX_TAU_S",
    "CALIBRATION_RATE_BPM",
    "CALIBRATION_SWING_BPM",
    "CYCLE_RANGE_S",
    "HEART",
    "HEART_PARAM_RANGES",
    "HR_RATE_RANGE_BPM",
    "IE_RATIO_RANGE",
    "LEHRER_RESONANCE_FINDING",
    "LOOP_GAIN",
    "MIN_HOLD_S",
    "PHASES",
    "PHASE_RANGES_S",
    "PRESETS",
    "RATE_RANGE_BPM",
    "RESPIRATORY_TAU_S",
    "RESTING_HR_BPM",
    "HeartParams",
    "HeartRateTrace",
    "Pattern",
    "PhaseAt",
    "Preset",
    "Ramp",
    "Segment",
    "Session",
    "boundaries",
    "hr_oscillation",
    "lung_volume",
    "phase_at",
    "resonance_rate",
    "rsa_transfer",
    "simulate_heart_rate",
    "time_left_in_phase",
    "whole_cycles",
]
