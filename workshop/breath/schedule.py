"""Session plans and their schedule: which phase, how long left, how full the lungs.

A ``Session`` is a run of segments, each one pattern repeated for a whole
number of cycles. It is built from ``(pattern, seconds)`` pairs (a ``Preset``
may stand in for its pattern) and ``Ramp`` objects, which expand into their
steps.

**Rounding rule.** A segment asked to last ``d`` seconds with a cycle of ``c``
seconds runs ``max(1, floor(d / c + 1/2))`` whole cycles: the nearest whole
number, halves rounded up, never none. Its real length is that many cycles,
so a session always starts at the start of an inhale and ends at the end of a
cycle, lungs empty.

The schedule functions are pure and vectorised over ``t``, a number or array of
seconds from the start of the session in ``[0, session.total_s]``. Phases are
half-open, ``[start, end)``: exactly at a boundary the new phase has begun; at
``t == total_s`` the last phase is reported with no time left.

``Session.to_dict()`` exports the plan as a compact JSON-able dict;
``phase_list(session)`` lists every phase's start (the same numbers as
``boundaries``), from which a browser pacer finds the phase and the lung volume
at the elapsed time on its own clock.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from .patterns import PHASES, Pattern
from .presets import Preset
from .ramps import Ramp
from .validation import check_array, check_scalar

#: Longest segment and longest session, s (4 hours).
MAX_SESSION_S = 4 * 3600.0
#: Format tag of ``Session.to_dict()``.
DICT_FORMAT = "workshop.breath.session/1"

_NAMES = np.array(PHASES)
_INHALE, _HOLD_IN, _EXHALE, _HOLD_OUT = range(4)


@dataclass(frozen=True)
class Segment:
    """One pattern repeated ``cycles`` times from ``start_s`` (s into the session)."""

    pattern: Pattern
    cycles: int
    start_s: float
    requested_s: float
    label: str = ""
    cues: tuple[tuple[str, str], ...] = ()

    @property
    def duration_s(self) -> float:
        """Real length, s: whole cycles."""
        return self.cycles * self.pattern.cycle_s

    @property
    def end_s(self) -> float:
        return self.start_s + self.duration_s


def whole_cycles(duration_s: float, cycle_s: float) -> int:
    """The rounding rule: nearest whole number of cycles, halves up, at least one."""
    return max(1, math.floor(duration_s / cycle_s + 0.5))


def _expand(parts) -> list[tuple[Pattern, float, str, tuple]]:
    """Turn the user's parts into ``(pattern, seconds, label, cues)`` rows."""
    if isinstance(parts, Ramp | Preset | Pattern) or not isinstance(parts, Iterable):
        raise TypeError(
            "segments must be a list of (Pattern or Preset, duration_s) pairs and Ramps; "
            f"got {type(parts).__name__}"
        )
    rows = []
    for i, part in enumerate(parts):
        if isinstance(part, Ramp):
            for pattern, seconds in part.segments:
                rows.append((pattern, seconds, f"{pattern.breaths_per_minute:g}/min", ()))
            continue
        if not (isinstance(part, tuple | list) and len(part) == 2):
            raise TypeError(
                f"segments[{i}] must be a (Pattern or Preset, duration_s) pair or a Ramp; "
                f"got {part!r}"
            )
        what, seconds = part
        if isinstance(what, Preset):
            pattern, label, cues = what.pattern, what.name, what.cues
        elif isinstance(what, Pattern):
            pattern, label, cues = what, "", ()
        else:
            raise TypeError(
                f"segments[{i}] must start with a Pattern or a Preset; got {type(what).__name__}"
            )
        seconds = check_scalar(
            f"segments[{i}] duration_s", seconds, 0.0, MAX_SESSION_S, "s", low_open=True
        )
        rows.append((pattern, seconds, label, cues))
    if not rows:
        raise ValueError("segments is empty; a session needs at least one segment")
    return rows


class Session:
    """A breathing session: segments of whole cycles, back to back from t = 0.

    ``Session([(PRESETS["resonance"], 300)])`` is five minutes of resonance
    breathing; ``Session([LEHRER_RESONANCE_FINDING, (Pattern(5, 0, 5, 0), 600)])``
    a rate-finding ramp then ten minutes at 6/min. See the module docstring for
    the rounding rule. Raises ``TypeError``/``ValueError`` naming the bad part.
    """

    def __init__(self, segments) -> None:
        segs, start = [], 0.0
        for pattern, seconds, label, cues in _expand(segments):
            n = whole_cycles(seconds, pattern.cycle_s)
            seg = Segment(pattern, n, start, seconds, label, tuple(cues))
            segs.append(seg)
            start = seg.end_s
        if start > MAX_SESSION_S:
            raise ValueError(f"the session must last at most {MAX_SESSION_S:g} s; got {start:g} s")
        self._segments = tuple(segs)
        self._total = start
        starts, codes = [], []
        for seg in segs:
            names, secs = zip(*seg.pattern.phases, strict=True)
            offsets = np.concatenate([[0.0], np.cumsum(secs)[:-1]])
            cycle_starts = seg.start_s + seg.pattern.cycle_s * np.arange(seg.cycles)
            starts.append(np.add.outer(cycle_starts, offsets).ravel())
            codes.append(np.tile([PHASES.index(n) for n in names], seg.cycles))
        self._starts = np.concatenate(starts)
        self._codes = np.concatenate(codes).astype(np.int8)
        # Each phase ends where the next begins, so consecutive phases share one number.
        self._ends = np.append(self._starts[1:], self._total)

    @property
    def segments(self) -> tuple[Segment, ...]:
        return self._segments

    @property
    def total_s(self) -> float:
        """Length of the session, s (whole cycles of every segment)."""
        return self._total

    @property
    def n_breaths(self) -> int:
        """Number of breath cycles in the session."""
        return sum(seg.cycles for seg in self._segments)

    @property
    def n_phases(self) -> int:
        """Number of phases in the session (zero-length holds are not phases)."""
        return len(self._starts)

    def __repr__(self) -> str:
        parts = ", ".join(f"{s.pattern} x{s.cycles}" for s in self._segments)
        return f"Session([{parts}], total_s={self._total:g})"

    def to_dict(self) -> dict:
        """The plan as a compact JSON-able dict, enough for a pacer to run it alone.

        ``segments`` lists, for each segment, ``start_s``, ``cycles``, ``cycle_s``
        and ``phases`` (``[name, seconds]`` pairs, zero holds left out). A pacer
        can find the segment with ``start_s <= elapsed``, take
        ``(elapsed - start_s) % cycle_s`` and walk the phases; the kit's own pacer
        receives ``phase_list`` as well and only looks phases up. Lung volume within
        a phase follows ``lung_volume`` (raised cosine in inhale and exhale, flat
        in holds).
        """
        return {
            "format": DICT_FORMAT,
            "total_s": self._total,
            "lung_volume": "0 empty to 1 full: raised cosine in inhale/exhale, flat in holds",
            "segments": [
                {
                    "start_s": seg.start_s,
                    "cycles": seg.cycles,
                    "cycle_s": seg.pattern.cycle_s,
                    "breaths_per_minute": seg.pattern.breaths_per_minute,
                    "phases": [[name, s] for name, s in seg.pattern.phases],
                    "label": seg.label,
                    "cues": dict(seg.cues),
                }
                for seg in self._segments
            ],
        }

    @classmethod
    def from_dict(cls, plan: dict) -> Session:
        """Rebuild a session from ``to_dict()`` output (labels kept, cues dropped)."""
        if not isinstance(plan, dict) or plan.get("format") != DICT_FORMAT:
            raise ValueError(f"plan must be a dict with format {DICT_FORMAT!r}")
        parts = []
        for seg in plan["segments"]:
            seconds = dict(seg["phases"])
            pattern = Pattern(*(seconds.get(name, 0.0) for name in PHASES))
            parts.append((pattern, seg["cycles"] * pattern.cycle_s))
        return cls(parts)


class PhaseAt(NamedTuple):
    """Phase at each time: ``index`` into ``boundaries(session)``, phase ``code``
    (0 inhale, 1 hold_in, 2 exhale, 3 hold_out, the index in ``PHASES``) and ``name``."""

    index: np.ndarray
    code: np.ndarray
    name: np.ndarray


def _locate(session: Session, t) -> tuple[np.ndarray, np.ndarray]:
    if not isinstance(session, Session):
        raise TypeError(f"session must be a Session; got {type(session).__name__}")
    t = check_array("t", t, 0.0, session.total_s, "s")
    idx = np.searchsorted(session._starts, t, side="right") - 1
    return t, np.asarray(idx).reshape(t.shape)


def _out(values: np.ndarray):
    """Scalar in, scalar out (float, int or str); array in, array out."""
    return values.item() if values.ndim == 0 else values


def phase_at(session: Session, t) -> PhaseAt:
    """Phase at ``t`` (s): ``PhaseAt(index, code, name)``.

    Each field is shaped like ``t`` (an int, int or str for a scalar ``t``).
    """
    _, idx = _locate(session, t)
    code = session._codes[idx].astype(np.intp)
    return PhaseAt(_out(idx), _out(code), _out(_NAMES[code]))


def time_left_in_phase(session: Session, t) -> np.ndarray:
    """Seconds until the current phase ends, shaped like ``t`` (a float for a
    scalar); 0 at the session end."""
    t, idx = _locate(session, t)
    return _out(session._ends[idx] - t)


def lung_volume(session: Session, t) -> np.ndarray:
    """Normalised lung volume at ``t`` (shaped like ``t``, a float for a scalar):
    0 empty (end of exhale), 1 full (end of inhale).

    Inhale: ``(1 - cos(pi*f)) / 2`` and exhale ``(1 + cos(pi*f)) / 2``, ``f`` the
    fraction of the phase elapsed: a raised-cosine ease that starts and stops
    with zero flow, so the volume and its slope are continuous. Holds are flat
    (1 after the inhale, 0 after the exhale). A 5 s in / 5 s out pattern is an
    exact sinusoid of period 10 s.
    """
    t, idx = _locate(session, t)
    start = session._starts[idx]
    frac = (t - start) / (session._ends[idx] - start)
    code = session._codes[idx]
    ease = 0.5 * (1.0 - np.cos(np.pi * frac))
    volume = np.select(
        [code == _INHALE, code == _HOLD_IN, code == _EXHALE],
        [ease, np.ones_like(ease), 1.0 - ease],
        default=0.0,
    )
    return _out(volume)


BOUNDARY_DTYPE = np.dtype([("time_s", np.float64), ("phase", "U8")])


def boundaries(session: Session) -> np.ndarray:
    """Every phase boundary: a structured array of ``(time_s, phase)`` rows.

    Row ``i`` is the start of the ``i``-th phase and names the phase that
    begins there; the last row is ``(total_s, "end")``.
    """
    if not isinstance(session, Session):
        raise TypeError(f"session must be a Session; got {type(session).__name__}")
    out = np.empty(session.n_phases + 1, dtype=BOUNDARY_DTYPE)
    out["time_s"][:-1] = session._starts
    out["phase"][:-1] = _NAMES[session._codes]
    out[-1] = (session.total_s, "end")
    return out


#: Format tag of ``phase_list()``.
PHASE_LIST_FORMAT = "workshop.breath.phases/1"


def phase_list(session: Session) -> dict:
    """Every phase of ``session`` as JSON-able columns, for a browser pacer.

    ``{"format", "total_s", "start_s": [...], "phase": [...]}``: phase ``i``
    (named as in ``PHASES``) runs from ``start_s[i]`` (s) to ``start_s[i + 1]``, the
    last one to ``total_s``. These are the numbers ``boundaries``, ``phase_at`` and
    ``lung_volume`` use, so a pacer that looks the phase up here (half-open,
    ``[start, end)``) and eases the volume as ``lung_volume`` does shows the same
    schedule. Its size grows with the number of phases: at most 48 000 (four
    hours of the shortest cycle with both holds, 1.2 s), about 1 MB of JSON.
    """
    if not isinstance(session, Session):
        raise TypeError(f"session must be a Session; got {type(session).__name__}")
    return {
        "format": PHASE_LIST_FORMAT,
        "total_s": session.total_s,
        "start_s": session._starts.tolist(),
        "phase": _NAMES[session._codes].tolist(),
    }
