"""Input checks shared by the numbers-only packages: refuse, never clip.

Each check raises ``TypeError`` for input of the wrong type and ``ValueError``
for NaN, infinite or out-of-range input, naming the input and its allowed range.
(The kinetic chain model keeps its own, faster checks in ``workshop.model``.)
"""

from __future__ import annotations

import math
import numbers

import numpy as np


def _describe(name: str, low: float, high: float, unit: str) -> str:
    unit = f" {unit}" if unit else ""
    return f"{name} must lie in [{low:g}, {high:g}]{unit}"


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


def check_fields(obj, ranges: dict) -> None:
    """Validate every dataclass field of ``obj`` against ``ranges[name] = (low, high, unit)``.

    For frozen parameter dataclasses: call from ``__post_init__``; each field is
    replaced by its checked float.
    """
    from dataclasses import fields

    for f in fields(obj):
        low, high, unit = ranges[f.name]
        object.__setattr__(obj, f.name, check_real(f.name, getattr(obj, f.name), low, high, unit))
