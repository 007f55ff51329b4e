"""The one input-check dialect of the kit: a :class:`Range`, and refuse, never clip.

Every number the kit accepts (the model, the breath, sensory, evidence, safety
and practice packages, the explorer's controls) is checked against a
:class:`Range` here, so the messages look the same everywhere::

    <name> must lie in [low, high] unit; got <value>                  (ValueError)
    <name> must be a real number in [low, high] unit; got <value> ... (TypeError)
    <name> must be an integer in [low, high]; got <value> ...         (TypeError, ValueError)

``(`` or ``)`` marks an open end. ``TypeError`` is for input of the wrong type:
booleans, strings, ``None``, complex numbers, dates and durations
(``numpy.datetime64``/``timedelta64``), objects. ``ValueError`` is for NaN,
infinite or out-of-range input and empty arrays. Any Python or numpy number is
accepted: ``int`` of any size (a huge one is out of range, never an
``OverflowError``), ``float``, ``fractions.Fraction``, ``decimal.Decimal`` and
every numpy integer or floating type.

A range checks one number (:meth:`Range.check`), an array of them at numpy
speed (:meth:`Range.check_array`: one pair of reductions, whatever the size),
either, keeping a scalar a Python float (:meth:`Range.check_input`, the model's
fast path) or an integer (:meth:`Range.check_int`). The module functions
(``check_number``, ``check_array``, ``check_int``) are the same checks for a
range written in place.
"""

from __future__ import annotations

import decimal
import math
import numbers
import reprlib
from dataclasses import dataclass, fields

import numpy as np

#: Largest array (elements) any check converts element by element (object arrays).
MAX_OBJECT_ELEMENTS = 100_000

#: Largest seed accepted (numpy's generators take any non-negative int; this bounds it).
MAX_SEED = 2**63 - 1

_REPR = reprlib.Repr()
_REPR.maxstring = 40
_REPR.maxother = 40
_REPR.maxlong = 40

_TEXT_LIKE = (str, bytes, bytearray, memoryview, dict, set, frozenset)


def show(value) -> str:
    """A short ``repr`` of ``value`` for a message (huge ints and strings cut)."""
    try:
        return _REPR.repr(value)
    except Exception:  # noqa: BLE001 - a broken __repr__ must not hide the real error
        return f"<{type(value).__name__}>"


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


def _number(x) -> str:
    """An end of a range as written: an int exactly, a float short (``%g``)."""
    return str(x) if isinstance(x, int) else f"{x:g}"


@dataclass(frozen=True, slots=True)
class Range:
    """An allowed range of one input: ``low``..``high`` in ``unit``, each end closed
    unless marked open. ``str(r)`` is ``"[low, high] unit"`` (``(``/``)`` for open ends).

    A range unpacks as ``low, high, unit`` (the kit's older range tuples).
    """

    low: float
    high: float
    unit: str = ""
    low_open: bool = False
    high_open: bool = False

    def __str__(self) -> str:
        unit = f" {self.unit}" if self.unit else ""
        left = "(" if self.low_open else "["
        right = ")" if self.high_open else "]"
        return f"{left}{_number(self.low)}, {_number(self.high)}{right}{unit}"

    def __iter__(self):
        return iter((self.low, self.high, self.unit))

    def rule(self, name: str) -> str:
        """``"<name> must lie in [low, high] unit"``."""
        return f"{name} must lie in {self}"

    def contains(self, x):
        """``low <= x <= high`` (strict at open ends) for a float or an array; NaN is outside."""
        above = x > self.low if self.low_open else x >= self.low
        below = x < self.high if self.high_open else x <= self.high
        return above & below

    def _type_error(self, name: str, value, noun: str = "a real number") -> TypeError:
        return TypeError(f"{name} must be {noun} in {self}; got {show(value)}, {_kind(value)}")

    def check(self, name: str, value) -> float:
        """``value`` as a Python float inside the range, or an error naming ``name``."""
        try:
            x = to_float(value)
        except TypeError:
            raise self._type_error(name, value) from None
        if not self.contains(x):
            raise ValueError(f"{self.rule(name)}; got {show(value)}")
        return x

    def _as_float_array(self, name: str, value) -> np.ndarray:
        def refuse(got=value):
            return self._type_error(name, got, "a number or an array of numbers")

        if isinstance(value, _TEXT_LIKE):
            raise refuse()
        if not isinstance(value, np.ndarray | list | tuple):
            # A scalar (or an exotic object): numbers go through the scalar conversion.
            if is_number(value):
                return np.asarray(to_float(value))
            if isinstance(value, np.generic) or not hasattr(value, "__array__"):
                raise refuse()
            # array-likes (e.g. pandas) below
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
            f"{name} must be a number or an array of numbers in {self}; "
            f"got an array of dtype {arr.dtype}"
        )

    def check_array(self, name: str, value) -> np.ndarray:
        """``value`` as a float64 array (0-d for a scalar) inside the range.

        Accepts numbers and (nested) lists or arrays of them; refuses booleans,
        strings, complex, dates, durations and objects (``TypeError``) and empty
        arrays, NaN, infinity and values out of range (``ValueError``).
        """
        arr = self._as_float_array(name, value)
        if arr.size == 0:
            raise ValueError(f"{name} is an empty array; {self.rule(name)}")
        # min/max propagate NaN, so one pair of reductions checks finiteness and range.
        if not (self.contains(arr.min()) and self.contains(arr.max())):
            bad = arr[~self.contains(arr)].ravel()[0]
            raise ValueError(f"{self.rule(name)}; got {float(bad)!r}")
        return arr

    def check_input(self, name: str, value) -> float | np.ndarray:
        """A number stays a Python float (cheap scalar arithmetic), anything else is
        checked as an array (a 0-d array becomes a float): the model's fast path."""
        if is_number(value):
            return self.check(name, value)
        arr = self.check_array(name, value)
        return float(arr) if arr.ndim == 0 else arr

    def check_int(self, name: str, value, *, whole_floats: bool = False) -> int:
        """``value`` as a Python int inside the range, or an error naming ``name``.

        Integers of any Python or numpy integer type are accepted (not booleans,
        not durations; floats only if ``whole_floats`` and whole, e.g. 20.0 read
        from a JSON file).
        """
        allowed = f"{name} must be an integer in {self}"
        if (
            whole_floats
            and isinstance(value, float | np.floating)
            and math.isfinite(value)
            and float(value).is_integer()
        ):
            value = int(value)
        if isinstance(value, bool | np.bool_ | np.timedelta64) or not isinstance(
            value, numbers.Integral
        ):
            raise TypeError(f"{allowed}; got {show(value)}, {_kind(value)}")
        value = int(value)
        if not self.contains(value):
            raise ValueError(f"{allowed}; got {show(value)}")
        return value


def describe(
    name: str,
    low: float,
    high: float,
    unit: str = "",
    *,
    low_open: bool = False,
    high_open: bool = False,
) -> str:
    """``"name must lie in [low, high] unit"``: :meth:`Range.rule` for a range written in place."""
    return Range(low, high, unit, low_open, high_open).rule(name)


def check_number(
    name: str, value, low: float, high: float, unit: str = "", *, low_open: bool = False
) -> float:
    """:meth:`Range.check` for a range written in place: ``value`` as a float in it."""
    return Range(low, high, unit, low_open).check(name, value)


def check_array(
    name: str, value, low: float, high: float, unit: str = "", *, low_open: bool = False
) -> np.ndarray:
    """:meth:`Range.check_array` for a range written in place: a float64 array in it."""
    return Range(low, high, unit, low_open).check_array(name, value)


def check_int(name: str, value, low: int, high: int) -> int:
    """:meth:`Range.check_int` for a range written in place: an int in ``[low, high]``."""
    return Range(low, high).check_int(name, value)


#: Seeds: ``None`` (fresh entropy) or an integer in this range.
SEED_RANGE = Range(0, MAX_SEED)


def check_seed(seed, name: str = "seed") -> int | None:
    """A seed is ``None`` (fresh entropy) or an integer in ``[0, MAX_SEED]``."""
    if seed is None:
        return None
    try:
        return SEED_RANGE.check_int(name, seed)
    except (TypeError, ValueError) as exc:
        raise type(exc)(str(exc).replace("]; got", "] or None; got", 1)) from None


def check_fields(obj, ranges: dict[str, Range]) -> None:
    """Check every dataclass field of ``obj`` against ``ranges[name]`` (a :class:`Range`).

    For frozen parameter dataclasses: call from ``__post_init__``; each field is
    replaced by its checked float.
    """
    for f in fields(obj):
        object.__setattr__(obj, f.name, ranges[f.name].check(f.name, getattr(obj, f.name)))
