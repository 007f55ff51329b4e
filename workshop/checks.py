"""The one input-check path of the kit: refuse, never clip.

Every number the kit accepts (the model, the breath, sensory and evidence
packages, the explorer's controls) is converted and checked here, so the
messages look the same everywhere::

    <name> must lie in [low, high] unit; got <value>                  (ValueError)
    <name> must be a real number in [low, high] unit; got <value> ... (TypeError)

``TypeError`` is for input of the wrong type: booleans, strings, ``None``,
complex numbers, dates and durations (``numpy.datetime64``/``timedelta64``),
objects. ``ValueError`` is for NaN, infinite or out-of-range input and empty
arrays. Any Python or numpy number is accepted: ``int`` of any size (a huge one
is out of range, never an ``OverflowError``), ``float``, ``fractions.Fraction``,
``decimal.Decimal`` and every numpy integer or floating type.
"""

from __future__ import annotations

import decimal
import math
import numbers
import reprlib

import numpy as np

#: Largest array (elements) any check converts element by element (object arrays).
MAX_OBJECT_ELEMENTS = 100_000

_REPR = reprlib.Repr()
_REPR.maxstring = 40
_REPR.maxother = 40
_REPR.maxlong = 40


def show(value) -> str:
    """A short ``repr`` of ``value`` for a message (huge ints and strings cut)."""
    try:
        return _REPR.repr(value)
    except Exception:  # noqa: BLE001 - a broken __repr__ must not hide the real error
        return f"<{type(value).__name__}>"


def describe(name: str, low: float, high: float, unit: str = "", *, low_open: bool = False) -> str:
    """``"name must lie in [low, high] unit"`` (``(low, high]`` when ``low_open``)."""
    unit = f" {unit}" if unit else ""
    bracket = "(" if low_open else "["
    return f"{name} must lie in {bracket}{low:g}, {high:g}]{unit}"


def _range(low: float, high: float, unit: str, low_open: bool) -> str:
    unit = f" {unit}" if unit else ""
    return f"{'(' if low_open else '['}{low:g}, {high:g}]{unit}"


def _kind(value) -> str:
    if isinstance(value, bool | np.bool_):
        return "a boolean"
    if isinstance(value, np.timedelta64 | np.datetime64):
        return "a date or duration"
    if isinstance(value, numbers.Complex) and not isinstance(value, numbers.Real):
        return "a complex number"
    return f"type {type(value).__name__}"


def is_number(value) -> bool:
    """True for a real number of any Python or numpy type (not a boolean, date or duration)."""
    if isinstance(value, bool | np.bool_ | np.timedelta64 | np.datetime64):
        return False
    return isinstance(value, numbers.Real | decimal.Decimal)


def to_float(value) -> float:
    """A real number as a float: huge values become ±inf, a signalling NaN NaN.

    Raises ``TypeError`` (without a name) for anything :func:`is_number` refuses.
    """
    if not is_number(value):
        raise TypeError(_kind(value))
    try:
        return float(value)
    except OverflowError:  # an int or Fraction beyond float range
        return math.inf if value > 0 else -math.inf
    except (ValueError, ArithmeticError):  # Decimal('sNaN')
        return math.nan


def _type_error(name, value, low, high, unit, low_open, noun) -> TypeError:
    return TypeError(
        f"{name} must be {noun} in {_range(low, high, unit, low_open)}; "
        f"got {show(value)}, {_kind(value)}"
    )


def _inside(x, low: float, high: float, low_open: bool):
    above = x > low if low_open else x >= low
    return above & (x <= high)  # NaN compares False: refused as out of range


def check_number(
    name: str, value, low: float, high: float, unit: str = "", *, low_open: bool = False
) -> float:
    """Return ``value`` as a Python float in ``[low, high]`` or raise naming ``name``.

    The core scalar check of the kit (``low_open`` makes the range ``(low, high]``).
    """
    try:
        x = to_float(value)
    except TypeError:
        raise _type_error(name, value, low, high, unit, low_open, "a real number") from None
    if not _inside(x, low, high, low_open):
        raise ValueError(f"{describe(name, low, high, unit, low_open=low_open)}; got {show(value)}")
    return x


def _as_float_array(name, value, low, high, unit, low_open) -> np.ndarray:
    def refuse(got=value):
        return _type_error(name, got, low, high, unit, low_open, "a number or an array of numbers")

    if isinstance(value, str | bytes | bytearray | memoryview | dict | set | frozenset):
        raise refuse()
    if not isinstance(value, np.ndarray | list | tuple):
        # A scalar (or an exotic object): numbers go through the scalar conversion.
        if is_number(value):
            return np.asarray(to_float(value))
        if not isinstance(value, np.generic) and hasattr(value, "__array__"):
            pass  # array-likes (e.g. pandas) below
        else:
            raise refuse()
    try:
        arr = np.asarray(value)
    except Exception:  # noqa: BLE001 - ragged lists, exotic objects
        raise refuse() from None
    if arr.dtype.kind in "iuf":
        return arr.astype(np.float64, copy=False)
    if arr.dtype.kind == "O" and arr.size <= MAX_OBJECT_ELEMENTS:
        out = np.empty(arr.shape)
        flat = out.reshape(-1)
        for i, item in enumerate(arr.reshape(-1)):
            if not is_number(item):
                raise refuse(item)
            flat[i] = to_float(item)
        return out
    raise TypeError(
        f"{name} must be a number or an array of numbers in "
        f"{_range(low, high, unit, low_open)}; got an array of dtype {arr.dtype}"
    )


def check_array(
    name: str, value, low: float, high: float, unit: str = "", *, low_open: bool = False
) -> np.ndarray:
    """Return ``value`` as a float64 array (0-d for a scalar) in ``[low, high]``.

    The core array check of the kit. Accepts numbers and (nested) lists or arrays
    of them; refuses booleans, strings, complex, dates, durations and objects
    (``TypeError``) and empty arrays, NaN, infinity and values out of range
    (``ValueError``), naming ``name``.
    """
    arr = _as_float_array(name, value, low, high, unit, low_open)
    rule = describe(name, low, high, unit, low_open=low_open)
    if arr.size == 0:
        raise ValueError(f"{name} is an empty array; {rule}")
    # min/max propagate NaN, so one pair of reductions checks finiteness and range.
    if not _inside(arr.min(), low, high, low_open) or not _inside(arr.max(), low, high, low_open):
        bad = arr[~_inside(arr, low, high, low_open)].ravel()[0]
        raise ValueError(f"{rule}; got {float(bad)!r}")
    return arr


def check_int(name: str, value, low: int, high: int) -> int:
    """Return ``value`` as an int in ``[low, high]`` or raise naming ``name``.

    Integers of any Python or numpy integer type are accepted (not booleans,
    not durations, not floats, even whole ones).
    """
    allowed = f"{name} must be an integer in [{low}, {high}]"
    if isinstance(value, bool | np.bool_ | np.timedelta64) or not isinstance(
        value, numbers.Integral
    ):
        raise TypeError(f"{allowed}; got {show(value)}, {_kind(value)}")
    value = int(value)
    if not (low <= value <= high):
        raise ValueError(f"{allowed}; got {show(value)}")
    return value


#: Largest seed accepted (numpy's generators take any non-negative int; this bounds it).
MAX_SEED = 2**63 - 1


def check_seed(seed, name: str = "seed") -> int | None:
    """A seed is ``None`` (fresh entropy) or an integer in ``[0, MAX_SEED]``."""
    if seed is None:
        return None
    try:
        return check_int(name, seed, 0, MAX_SEED)
    except (TypeError, ValueError) as exc:
        raise type(exc)(str(exc).replace("]; got", "] or None; got", 1)) from None


def check_real(name: str, value, low: float, high: float, unit: str = "") -> float:
    """Return ``value`` as a float in ``[low, high]`` or raise naming ``name``.

    :func:`check_number`; an out-of-range message also says
    ``"<name> must be a number in [low, high]"`` (the wording of older callers).
    """
    try:
        return check_number(name, value, low, high, unit)
    except ValueError:
        raise ValueError(
            f"{describe(name, low, high, unit)}; got {show(value)} "
            f"({name} must be a number in {_range(low, high, unit, False)})"
        ) from None


def check_fields(obj, ranges: dict) -> None:
    """Validate every dataclass field of ``obj`` against ``ranges[name] = (low, high, unit)``.

    For frozen parameter dataclasses: call from ``__post_init__``; each field is
    replaced by its checked float.
    """
    from dataclasses import fields

    for f in fields(obj):
        low, high, unit = ranges[f.name]
        object.__setattr__(obj, f.name, check_number(f.name, getattr(obj, f.name), low, high, unit))
