"""Input checks for the evidence simulations: refuse, never clip.

Each check raises ``TypeError`` for input of the wrong type and ``ValueError``
for NaN, infinite or out-of-range input, naming the input and its allowed range.
"""

from __future__ import annotations

import math
import numbers


def check_int(name: str, value, low: int, high: int) -> int:
    """Return ``value`` as an int in ``[low, high]`` or raise naming ``name``."""
    allowed = f"{name} must be an integer in [{low}, {high}]"
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{allowed}; got {value!r} of type {type(value).__name__}")
    value = int(value)
    if not (low <= value <= high):
        raise ValueError(f"{allowed}; got {value!r}")
    return value


def check_real(name: str, value, low: float, high: float, unit: str = "") -> float:
    """Return ``value`` as a float in ``[low, high]`` or raise naming ``name``."""
    unit = f" {unit}" if unit else ""
    allowed = f"{name} must be a number in [{low:g}, {high:g}]{unit}"
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{allowed}; got {value!r} of type {type(value).__name__}")
    x = float(value)
    if math.isnan(x) or not (low <= x <= high):
        raise ValueError(f"{allowed}; got {value!r}")
    return x


def check_seed(seed) -> int | None:
    """A seed is ``None`` (fresh entropy) or a non-negative integer."""
    if seed is None:
        return None
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral):
        raise TypeError(f"seed must be a non-negative integer or None; got {seed!r}")
    if seed < 0:
        raise ValueError(f"seed must be a non-negative integer or None; got {seed!r}")
    return int(seed)
