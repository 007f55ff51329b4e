"""Input checks for the model: the kit's one dialect (``workshop.checks.Range``), vectorised.

The model raises ``TypeError`` for input of the wrong type and ``ValueError``
for NaN, infinite or out-of-range input, naming the input and its allowed
range. Widgets clamp before they call the model; the model itself refuses.
"""

from __future__ import annotations

import math

import numpy as np

from ..checks import MAX_OBJECT_ELEMENTS, Range, show

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
#: Positions where ``trunk_flexion_deg`` is a curl of the lumbar spine: the chest stays
#: where it rests and the pelvis rolls back under the curl (``evaluate``'s docstring).
CURL_POSITIONS = ("lying", "prone", "side_lying", "hands_knees")
#: Positions where a load in the hands is part of the mechanics (in a sit-up, held at
#: the chest); in every other one nothing is held and ``load_kg`` is ignored.
HOLDING_POSITIONS = ("standing", "sitting", "sit_up")
SEXES = ("male", "female")

#: Allowed range of each numeric input (both ends closed).
RANGES = {
    "trunk_flexion_deg": Range(0.0, 110.0, "deg"),
    "load_kg": Range(0.0, 50.0, "kg"),
    "load_distance_m": Range(0.0, 1.0, "m"),
    "hip_flexor_tightness": Range(0.0, 1.0),
    "glute_weakness": Range(0.0, 1.0),
    "extensor_overactivity": Range(0.0, 1.0),
    "body_mass_kg": Range(35.0, 150.0, "kg"),
    "height_m": Range(1.40, 2.10, "m"),
}


#: Largest number of elements ``evaluate`` computes in one call (the broadcast
#: size of its inputs and sampled constants): 14 outputs of 8 bytes each, about
#: 1 GB at this size.
MAX_ELEMENTS = 10_000_000

#: Names of ``evaluate``'s array inputs in the order ``evaluate`` checks them.
INPUT_ORDER = (*RANGES, "sex")


def check_number(name: str, value) -> np.ndarray | float:
    """Return ``value`` as a float or a float array, or raise naming ``name``.

    :meth:`~workshop.checks.Range.check_input` of ``RANGES[name]``: scalars stay
    Python floats (cheap arithmetic); array-likes become float64 arrays (a 0-d
    array becomes a float), checked with one pair of reductions.
    """
    return RANGES[name].check_input(name, value)


def broadcast_shape(code, numbers, const_shapes=()) -> tuple[int, ...]:
    """Broadcast shape of ``evaluate``'s checked inputs, or a ``ValueError`` naming them.

    ``code`` is the position code, ``numbers`` the checked inputs in
    ``INPUT_ORDER`` (the numbers, then the sex code), ``const_shapes`` the
    shapes of the fields of ``constants``. Also refuses a broadcast larger
    than ``MAX_ELEMENTS``.
    """
    named = [("position", np.shape(code))]
    named += [(n, np.shape(a)) for n, a in zip(INPUT_ORDER, numbers, strict=True)]
    named += [("constants", tuple(s)) for s in const_shapes if s]
    shape = ()
    for i, (name, s) in enumerate(named):
        try:
            shape = np.broadcast_shapes(shape, s)
        except ValueError:
            earlier = [f"{n} {t}" for n, t in named[:i] if t]
            raise ValueError(
                f"the inputs must broadcast against each other: {name} has shape {s}, "
                f"which does not broadcast with {', '.join(earlier)}"
            ) from None
    size = math.prod(shape)
    if size > MAX_ELEMENTS:
        shapes = ", ".join(f"{n} {t}" for n, t in named if t)
        raise ValueError(
            f"the inputs broadcast to shape {shape} ({size:,} values); at most "
            f"{MAX_ELEMENTS:,} values in one call ({shapes})"
        )
    return shape


def _code(name: str, value, names: tuple[str, ...]) -> np.ndarray | int:
    """Map ``value`` (a name or an array of names) to its index in ``names``."""
    allowed = ", ".join(repr(p) for p in names)
    if isinstance(value, str):
        try:
            return names.index(value)
        except ValueError:
            raise ValueError(f"{name} must be one of {allowed}; got {show(value)}") from None
    refuse = TypeError(f"{name} must be a string or an array of strings ({allowed})")
    if not (isinstance(value, np.ndarray | list | tuple) or hasattr(value, "__array__")):
        raise refuse
    try:
        arr = np.asarray(value)
    except Exception:  # noqa: BLE001 - ragged lists, exotic objects
        raise refuse from None
    if arr.size == 0:
        raise ValueError(f"{name} must be one of {allowed}; got an empty array")
    if arr.dtype.kind == "O":
        if arr.size > MAX_OBJECT_ELEMENTS or not all(isinstance(v, str) for v in arr.ravel()):
            raise refuse
    elif arr.dtype.kind != "U":
        raise refuse
    codes = np.full(arr.shape, -1, dtype=np.int8)
    for i, option in enumerate(names):
        codes[arr == option] = i
    if (codes < 0).any():
        bad = arr[codes < 0].ravel()[0]
        raise ValueError(f"{name} must be one of {allowed}; got {show(bad)}")
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
        raise TypeError(f"{name} must be True or False; got {show(value)}")
    return bool(value)
