"""Kinetic chain biomechanics at L4/L5: numbers only, numpy only, vectorised.

``evaluate`` is the model (contract in the design document); ``LINKS`` lists the
links of the chain with their sources and evidence grades; ``uncertainty_band``
samples the uncertain constants and returns percentiles for any input.
"""

from .anthropometry import PEOPLE, SEXES, Person
from .chain import GRADES, LINKS, Link
from .constants import CONSTANTS, SPREAD, Constants, sample_constants
from .mechanics import ModelResult, chest_turn_deg, evaluate, hands_ahead_m
from .uncertainty import Band, uncertainty_band, uncertainty_bands
from .validation import CURL_POSITIONS, HOLDING_POSITIONS, POSITIONS, RANGES

__all__ = [
    "CONSTANTS",
    "CURL_POSITIONS",
    "HOLDING_POSITIONS",
    "GRADES",
    "LINKS",
    "PEOPLE",
    "POSITIONS",
    "RANGES",
    "SEXES",
    "SPREAD",
    "Band",
    "Constants",
    "Link",
    "ModelResult",
    "Person",
    "chest_turn_deg",
    "hands_ahead_m",
    "evaluate",
    "sample_constants",
    "uncertainty_band",
    "uncertainty_bands",
]
