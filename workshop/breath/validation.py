"""Input checks for the breath package: refuse, never clip.

Every public function raises ``TypeError`` for input of the wrong type
(booleans, strings, objects) and ``ValueError`` for NaN, infinite or
out-of-range input, with a message that names the input and its allowed range.
Widgets and pacers clamp before they call; the numbers refuse.
"""

from __future__ import annotations

import numbers

import numpy as np


def describe(name: str, low: float, high: float, unit: str, *, low_open: bool = False) -> str:
    """``"name must lie in [low, high] unit"`` (``(low, high]`` when ``low_open``)."""
    unit = f" {unit}" if unit else ""
    bracket = "(" if low_open else "["
    return f"{name} must lie in {bracket}{low:g}, {high:g}]{unit}"


def _inside(x, low: float, high: float, low_open: bool):
    above = x > low if low_open else x >= low
    return above & (x <= high)  # NaN compares False: refused as out of range


def check_scalar(
    name: str, value, low: float, high: float, unit: str = "", *, low_open: bool = False
) -> float:
    """Return ``value`` as a Python float, or raise naming ``name`` and its range."""
    rule = describe(name, low, high, unit, low_open=low_open)
    if isinstance(value, bool | np.bool_) or not isinstance(value, numbers.Real):
        kind = "a boolean" if isinstance(value, bool | np.bool_) else type(value).__name__
        raise TypeError(f"{name} must be a real number, not {kind}; {rule}")
    x = float(value)
    if not _inside(x, low, high, low_open):
        raise ValueError(f"{rule}; got {value!r}")
    return x


def check_int(name: str, value, low: int, high: int) -> int:
    """Return ``value`` as an int in ``[low, high]``, or raise naming ``name``."""
    rule = f"{name} must be an integer in [{low}, {high}]"
    if isinstance(value, bool | np.bool_) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{rule}; got {type(value).__name__} {value!r}")
    if not (low <= int(value) <= high):
        raise ValueError(f"{rule}; got {value!r}")
    return int(value)


def check_array(
    name: str, value, low: float, high: float, unit: str = "", *, low_open: bool = False
) -> np.ndarray:
    """Return ``value`` as a float64 array (0-d for a scalar), or raise naming ``name``.

    Accepts numbers and array-likes of integers or floats. Refuses booleans,
    strings, objects and empty arrays with ``TypeError``/``ValueError``.
    """
    rule = describe(name, low, high, unit, low_open=low_open)
    if isinstance(value, bool | np.bool_ | str | bytes):
        raise TypeError(f"{name} must be a number or an array of numbers; {rule}")
    try:
        arr = np.asarray(value)
    except Exception as exc:  # pragma: no cover - ragged or exotic objects
        raise TypeError(f"{name} must be a number or an array of numbers; {rule}") from exc
    if arr.dtype.kind not in "iuf":
        raise TypeError(
            f"{name} must be a number or an array of numbers, got dtype {arr.dtype}; {rule}"
        )
    arr = arr.astype(np.float64, copy=False)
    if arr.size == 0:
        raise ValueError(f"{name} is an empty array; {rule}")
    ok = _inside(arr, low, high, low_open)
    if not ok.all():
        bad = arr[~ok].ravel()[0]
        raise ValueError(f"{rule}; got {float(bad)!r}")
    return arr
