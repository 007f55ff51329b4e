"""Input checks for the sensory model: refuse, never clip.

``TypeError`` for input of the wrong type, ``ValueError`` for NaN, infinite or
out-of-range input; every message names the input and its allowed range.
"""

from __future__ import annotations

import numbers

import numpy as np


def _describe(name: str, low: float, high: float, unit: str) -> str:
    unit = f" {unit}" if unit else ""
    return f"{name} must lie in [{low:g}, {high:g}]{unit}"


def check_array(name: str, value, low: float, high: float, unit: str = "") -> np.ndarray:
    """Return ``value`` as a float64 array (0-d for a scalar) in ``[low, high]``."""
    allowed = _describe(name, low, high, unit)
    if isinstance(value, bool | np.bool_):
        raise TypeError(f"{name} must be a number, not a boolean; {allowed}")
    try:
        arr = np.asarray(value)
    except Exception as exc:  # pragma: no cover - exotic objects
        raise TypeError(f"{name} must be a number or an array of numbers; {allowed}") from exc
    if arr.dtype.kind not in "iuf":
        raise TypeError(
            f"{name} must be a number or an array of numbers, got dtype {arr.dtype}; {allowed}"
        )
    arr = arr.astype(np.float64)
    if arr.size == 0:
        raise ValueError(f"{name} is an empty array; {allowed}")
    ok = (arr >= low) & (arr <= high)  # False for NaN
    if not ok.all():
        raise ValueError(f"{allowed}; got {arr[~ok].ravel()[0]!r}")
    return arr


def check_real(name: str, value, low: float, high: float, unit: str = "") -> float:
    """Return ``value`` as a float in ``[low, high]`` (scalars only)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a number; {_describe(name, low, high, unit)}")
    return float(check_array(name, value, low, high, unit))


def check_int(name: str, value, low: int, high: int) -> int:
    """Return ``value`` as an int in ``[low, high]``."""
    allowed = f"{name} must be an integer in [{low}, {high}]"
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{allowed}; got {value!r} of type {type(value).__name__}")
    if not (low <= int(value) <= high):
        raise ValueError(f"{allowed}; got {value!r}")
    return int(value)


def check_seed(seed) -> int | None:
    """A seed is ``None`` (fresh entropy) or a non-negative integer."""
    if seed is None:
        return None
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral):
        raise TypeError(f"seed must be a non-negative integer or None; got {seed!r}")
    if seed < 0:
        raise ValueError(f"seed must be a non-negative integer or None; got {seed!r}")
    return int(seed)
