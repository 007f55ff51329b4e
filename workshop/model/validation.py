"""Input checks for the model: refuse, never clip.

The model raises ``TypeError`` for input of the wrong type and ``ValueError``
for NaN, infinite or out-of-range input, naming the input and its allowed
range. Widgets clamp before they call the model; the model itself refuses.
"""

from __future__ import annotations

import numbers

import numpy as np

#: Positions of ``evaluate``, in code order. "lying" is lying on the back (supine);
#: the explorer draws the first three.
POSITIONS = (
    "standing",
    "sitting",
    "lying",
    "prone",
    "side_lying",
    "hands_knees",
    "sit_up",
    "bridge",
)
SEXES = ("male", "female")

# Allowed ranges of the numeric inputs: (low, high, unit). Both ends inclusive.
RANGES = {
    "trunk_flexion_deg": (0.0, 110.0, "deg"),
    "load_kg": (0.0, 50.0, "kg"),
    "load_distance_m": (0.0, 1.0, "m"),
    "hip_flexor_tightness": (0.0, 1.0, ""),
    "glute_weakness": (0.0, 1.0, ""),
    "extensor_overactivity": (0.0, 1.0, ""),
    "body_mass_kg": (35.0, 150.0, "kg"),
    "height_m": (1.40, 2.10, "m"),
}


def _describe(name: str) -> str:
    low, high, unit = RANGES[name]
    unit = f" {unit}" if unit else ""
    return f"{name} must lie in [{low:g}, {high:g}]{unit}"


def check_number(name: str, value) -> np.ndarray | float:
    """Return ``value`` as a float or a float array, or raise naming ``name``.

    Scalars stay Python floats (cheap arithmetic); array-likes become float64
    arrays. Booleans, strings and objects are refused with ``TypeError``.
    """
    if isinstance(value, bool | np.bool_):
        raise TypeError(f"{name} must be a number, not a boolean; {_describe(name)}")
    if isinstance(value, numbers.Real):
        x = float(value)
        low, high, _ = RANGES[name]
        if not (low <= x <= high):  # also catches NaN
            raise ValueError(f"{_describe(name)}; got {value!r}")
        return x
    try:
        arr = np.asarray(value)
    except Exception as exc:  # pragma: no cover - exotic objects
        raise TypeError(f"{name} must be a number or an array of numbers") from exc
    if arr.dtype.kind not in "iuf":
        raise TypeError(
            f"{name} must be a number or an array of numbers, got dtype {arr.dtype}; "
            f"{_describe(name)}"
        )
    arr = arr.astype(np.float64, copy=False)
    if arr.size == 0:
        raise ValueError(f"{name} is an empty array; {_describe(name)}")
    low, high, _ = RANGES[name]
    # min/max propagate NaN, so one pair of reductions checks finiteness and range.
    lo, hi = arr.min(), arr.max()
    if not (low <= lo and hi <= high):
        bad = arr[~((arr >= low) & (arr <= high))].ravel()[0]
        raise ValueError(f"{_describe(name)}; got {bad!r}")
    if arr.ndim == 0:
        return float(arr)
    return arr


def _code(name: str, value, names: tuple[str, ...]) -> np.ndarray | int:
    """Map ``value`` (a name or an array of names) to its index in ``names``."""
    allowed = ", ".join(repr(p) for p in names)
    if isinstance(value, str):
        try:
            return names.index(value)
        except ValueError:
            raise ValueError(f"{name} must be one of {allowed}; got {value!r}") from None
    arr = np.asarray(value)
    if arr.dtype.kind not in "UO":
        raise TypeError(f"{name} must be a string or an array of strings ({allowed})")
    codes = np.full(arr.shape, -1, dtype=np.int8)
    for i, option in enumerate(names):
        codes[arr == option] = i
    if (codes < 0).any():
        bad = arr[codes < 0].ravel()[0]
        raise ValueError(f"{name} must be one of {allowed}; got {bad!r}")
    if codes.ndim == 0:
        return int(codes)
    return codes


def position_code(position) -> np.ndarray | int:
    """Map ``position`` (a name or an array of names) to its index in ``POSITIONS``."""
    return _code("position", position, POSITIONS)


def sex_code(sex) -> np.ndarray | int:
    """Map ``sex`` (a name or an array of names) to 0 male, 1 female."""
    return _code("sex", sex, SEXES)


def check_switch(name: str, value) -> bool:
    """A yes/no model switch: only ``True`` or ``False`` are accepted."""
    if not isinstance(value, bool | np.bool_):
        raise TypeError(f"{name} must be True or False; got {value!r}")
    return bool(value)
