"""Position sense (proprioception), the body's internal "GPS", as a noisy estimate.

``reposition_trials`` simulates a lumbar repositioning task repeated with an
error signal between repetitions: slow, attentive repetitions shrink the bias
and spread of the internal estimate; fast or inattentive ones learn less.
Numbers only, numpy only. It teaches an idea; it measures and diagnoses no one.
"""

from .params import PARAM_RANGES, SENSE, SenseParams
from .reposition import (
    MAX_PEOPLE,
    MAX_REPETITIONS,
    SPEED_RANGE,
    RepositionResult,
    noise_sd_deg,
    reposition_trials,
)

__all__ = [
    "MAX_PEOPLE",
    "MAX_REPETITIONS",
    "PARAM_RANGES",
    "SENSE",
    "SPEED_RANGE",
    "RepositionResult",
    "SenseParams",
    "noise_sd_deg",
    "reposition_trials",
]
