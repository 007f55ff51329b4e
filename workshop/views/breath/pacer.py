"""``BreathPacer``: a breathing pacer timed by the browser, with optional movement.

The kernel sends the session plan with every phase listed
(``pacer_plan``: ``Session.to_dict()`` plus ``schedule.phase_list``); the browser
looks the phase up from its own clock on every animation frame, schedules the
sound cues ahead on the ``AudioContext`` clock, and sends back a log: every
phase shown with its planned and actual time, and the pauses, as named records.

The contract is two-way: every synced trait has a handler in the page
(``js/syncer.js``), so a change made in Python after display (``session``,
``movement``, ``sound``, ``tick``, ``eyes_closed``) reaches the browser. What
the browser sends is checked in the kernel (``trust.TrustBoundary``): the
options as true/false and the log against the plan (``check_log``). The plan
and the movement are the kernel's: sent from the browser, they are refused and
the kernel's sent back.

The front end is small ES modules in ``js/`` (clock, audio, figure, controls,
runlog, syncer, dom; ``pacer.js`` the entry), bundled into one module for
anywidget by ``common.esm.bundle``; its colours come from ``common.palette``
(``pacer_css``).
"""

from __future__ import annotations

import hashlib
import html
import json
import pathlib

import anywidget
import numpy as np
import traitlets

from ...breath import PRESETS, Pattern, Preset, Session, boundaries
from ...breath.schedule import phase_list
from ...model import POSITIONS, evaluate
from ...movement.movements import MOVEMENTS, Movement, load_trace
from ..body.geometry import SKELETON, keypoints
from ..common.esm import bundle
from ..common.palette import OKABE_ITO
from ..common.trust import (
    Refused,
    TrustBoundary,
    check_bool,
    check_integer,
    check_real,
    refusal,
    shown,
    trust_tree,
)

HERE = pathlib.Path(__file__).parent
#: The front end's entry module; its parts (js/) are bundled with it.
ESM_ENTRY = HERE / "pacer.js"
#: The figure's scale, px per metre, and where the hip sits, px from the panel's top left.
FIG_SCALE, FIG_ORIGIN = 120.0, (250.0, 115.0)
#: The movement panel's layout, px: the figure above, the load trace along the session
#: below (``x0``-``x1`` is the session; the trace spans ``height`` above ``bottom``).
FIGURE_LAYOUT = {
    "width": 520,
    "height": 230,
    "head_r": 12,
    "trace": {"x0": 10, "x1": 510, "bottom": 222, "height": 60},
    "cursor": {"top": 150, "bottom": 225},
    "label": {"x": 4, "y": 148},
}
PHASE_COLOURS = {
    "inhale": OKABE_ITO["sky_blue"],
    "hold_in": OKABE_ITO["bluish_green"],
    "exhale": OKABE_ITO["blue"],
    "hold_out": OKABE_ITO["bluish_green"],
}
#: Every colour the page paints, as CSS custom properties on ``.mm-pacer`` (pacer.css).
PAGE_COLOURS = {
    **{f"phase-{name}": colour for name, colour in PHASE_COLOURS.items()},
    "lumbar": OKABE_ITO["blue"],
    "trace": OKABE_ITO["vermillion"],
    "focus": OKABE_ITO["blue"],
    "caution": OKABE_ITO["orange"],
}
#: Phases drawn one by one in ``plan_svg``; a segment past this budget is drawn as a
#: repeating pattern of one cycle, so the picture's cost does not grow with its length.
MAX_DRAWN_PHASES = 2000

#: Keys of the run log the page sends (js/runlog.js), of its records, and how a run can end.
LOG_KEYS = ("started_wall_ms", "total_s", "shown", "pauses", "end")
SHOWN_KEYS = ("index", "phase", "planned_s", "shown_s", "boundary")
PAUSE_KEYS = ("at_s", "duration_s")
END_KEYS = ("reason", "at_s")
END_REASONS = ("completed", "stopped")
#: Shown rows beyond one per phase: a phase shown again after a pause or a hidden tab.
SPARE_SHOWN_ROWS = 1000
MAX_PAUSES = 10_000
#: Slack on the browser's times (it rounds them to 0.1 ms), s.
TIME_SLACK_S = 1e-3
#: Latest time a log may name, s, and latest wall clock, ms: bounds, not expectations.
MAX_ELAPSED_S = 1e9
MAX_WALL_MS = 1e15


def as_session(session=None, minutes: float = 5.0) -> Session:
    """A ``Session`` from a session, a preset name or object, or a pattern."""
    if isinstance(session, Session):
        return session
    if session is None:
        session = "resonance"
    if isinstance(session, str):
        if session not in PRESETS:
            raise ValueError(f"unknown preset {session!r}; presets are {sorted(PRESETS)}")
        session = PRESETS[session]
    if isinstance(session, Preset | Pattern):
        if not (0.1 <= minutes <= 240):
            raise ValueError(f"minutes must lie in [0.1, 240]; got {minutes!r}")
        return Session([(session, minutes * 60.0)])
    raise TypeError("session must be a Session, a Preset, a Pattern or a preset name")


def pacer_plan(session: Session) -> dict:
    """What the page runs: ``session.to_dict()`` with every phase listed under
    ``"phases"`` (``schedule.phase_list``), so the page only looks phases up."""
    return {**session.to_dict(), "phases": phase_list(session)}


def figure_px(points: dict) -> dict[str, list[float]]:
    """Keypoints in metres (``body.geometry.keypoints``, scalars) as panel px, y down."""
    return {
        k: [FIG_ORIGIN[0] + FIG_SCALE * float(x), FIG_ORIGIN[1] - FIG_SCALE * float(y)]
        for k, (x, y) in points.items()
    }


def movement_keypoints(movement: Movement, volume: float) -> dict:
    """The body's keypoints (m) in ``movement`` at lung volume 0 (empty) or 1 (full),
    from the model's pelvic tilt and lordosis there."""
    inputs = movement.inputs(volume)
    r = evaluate(**inputs)
    return keypoints(
        POSITIONS.index(inputs["position"]),
        r.pelvic_tilt_deg,
        r.lumbar_lordosis_deg,
        inputs.get("trunk_flexion_deg", 0.0),
        0.0,
        0.0,
    )


def movement_payload(movement: Movement | str, session: Session) -> dict:
    """What the page draws of ``movement`` over ``session``: the skeleton's bones
    (``SKELETON``), keypoints (px) at lungs empty and full, the load trace, the
    panel's layout (``FIGURE_LAYOUT``) and the movement's words."""
    m = MOVEMENTS[movement] if isinstance(movement, str) else movement
    frames = {
        end: figure_px(movement_keypoints(m, v)) for end, v in (("empty", 0.0), ("full", 1.0))
    }
    t, _, result = load_trace(m, session, points_per_s=2.0)
    return {
        **m.to_dict(),
        "lines": [[name, list(points)] for name, points in SKELETON],
        "keyframes": frames,
        "layout": FIGURE_LAYOUT,
        "trace": {
            "t": np.round(t, 2).tolist(),
            "v": np.round(result.disc_pressure_MPa, 4).tolist(),
        },
        "trace_label": (
            f"modelled L4/L5 disc pressure, {float(result.disc_pressure_MPa.min()):.2f}–"
            f"{float(result.disc_pressure_MPa.max()):.2f} MPa"
        ),
    }


def pacer_css() -> str:
    """pacer.css with the palette's colours (``PAGE_COLOURS``) set on ``.mm-pacer``."""
    colours = "; ".join(f"--mm-{name}: {colour}" for name, colour in PAGE_COLOURS.items())
    return f".mm-pacer {{ {colours}; }}\n" + (HERE / "pacer.css").read_text(encoding="utf-8")


def _records(name: str, rows, keys: tuple[str, ...], max_rows: int) -> list[dict]:
    """``rows``: a list of at most ``max_rows`` objects with exactly ``keys``."""
    if not isinstance(rows, list):
        raise TypeError(f"{name} must be a list; got {shown(rows)}")
    if len(rows) > max_rows:
        raise ValueError(f"{name} may hold at most {max_rows} records; got {len(rows)}")
    for row in rows:
        if not isinstance(row, dict) or set(row) != set(keys):
            raise ValueError(
                f"each record of {name} must hold exactly {list(keys)}; got {shown(row)}"
            )
    return rows


def check_log(log, phases: np.ndarray) -> dict:
    """A run log as the page sends it (js/runlog.js), checked against the plan's
    ``boundaries``.

    ``{}`` (no run yet), or exactly ``LOG_KEYS``: ``shown`` records (``SHOWN_KEYS``:
    the plan's phase ``index`` and its ``phase`` name, its ``planned_s`` start, the
    ``shown_s`` time it appeared, s, and ``boundary``, true when it came in on the
    clock), ``pauses`` records (``PAUSE_KEYS``: ``at_s``, ``duration_s`` or ``None``
    while paused) and ``end`` ``None`` or a record (``END_KEYS``: ``reason``, ``at_s``).
    Returns a clean copy; raises ``TypeError``/``ValueError`` naming what is wrong.
    """
    if not isinstance(log, dict):
        raise TypeError(f"log must be an object; got {shown(log)}")
    if not log:
        return {}
    if set(log) != set(LOG_KEYS):
        raise ValueError(f"log must hold exactly {list(LOG_KEYS)}; got {shown(list(log))}")
    starts, names = phases["time_s"].tolist(), phases["phase"].tolist()
    n, total = len(starts) - 1, starts[-1]
    started = check_real(log["started_wall_ms"], "log started_wall_ms", 0.0, MAX_WALL_MS)
    log_total = check_real(log["total_s"], "log total_s", 0.0, MAX_ELAPSED_S)
    if abs(log_total - total) > TIME_SLACK_S:
        raise ValueError(f"log total_s must be this plan's {total:g} s; got {log_total:g}")
    shown_rows = []
    for row in _records("log shown", log["shown"], SHOWN_KEYS, 2 * n + SPARE_SHOWN_ROWS):
        i = check_integer(row["index"], "log shown index", 0, n - 1)
        if row["phase"] != names[i]:
            raise ValueError(f"log shown phase {i} must be {names[i]!r}; got {shown(row['phase'])}")
        planned = check_real(row["planned_s"], "log shown planned_s", 0.0, total)
        if abs(planned - starts[i]) > TIME_SLACK_S:
            raise ValueError(f"log shown phase {i} starts at {starts[i]:g} s; got {planned:g}")
        at = check_real(row["shown_s"], "log shown shown_s", -TIME_SLACK_S, total + TIME_SLACK_S)
        boundary = check_bool(row["boundary"], "log shown boundary")
        shown_rows.append(
            {
                "index": i,
                "phase": names[i],
                "planned_s": planned,
                "shown_s": at,
                "boundary": boundary,
            }
        )
    pauses = [
        {
            "at_s": check_real(row["at_s"], "log pause at_s", -TIME_SLACK_S, MAX_ELAPSED_S),
            "duration_s": None
            if row["duration_s"] is None
            else check_real(row["duration_s"], "log pause duration_s", 0.0, MAX_ELAPSED_S),
        }
        for row in _records("log pauses", log["pauses"], PAUSE_KEYS, MAX_PAUSES)
    ]
    end = log["end"]
    if end is not None:
        (end,) = _records("log end", [end], END_KEYS, 1)
        if not isinstance(end["reason"], str) or end["reason"] not in END_REASONS:
            raise ValueError(f"log end reason must be one of {END_REASONS}; got {shown(end)}")
        at_s = check_real(end["at_s"], "log end at_s", -TIME_SLACK_S, MAX_ELAPSED_S)
        end = {"reason": end["reason"], "at_s": at_s}
    return {
        "started_wall_ms": started,
        "total_s": log_total,
        "shown": shown_rows,
        "pauses": pauses,
        "end": end,
    }


def _phase_rects(phases, t: float, x_of, w_of) -> tuple[list[str], float]:
    rects = []
    for name, dur in phases:
        rects.append(
            f'<rect x="{x_of(t):.2f}" y="30" width="{w_of(dur):.2f}" height="24" '
            f'fill="{PHASE_COLOURS[name]}"><title>{name} {dur:g} s</title></rect>'
        )
        t += dur
    return rects, t


def plan_svg(plan: dict) -> str:
    """A static picture of a plan (``Session.to_dict()``): the phases along time.

    Every phase is a rectangle up to ``MAX_DRAWN_PHASES``; a segment beyond that
    budget is one rectangle filled with a pattern of its cycle.
    """
    total = plan["total_s"]
    width, x0 = 640.0, 10.0
    span = width - 2 * x0

    def x_of(t):
        return x0 + span * t / total

    def w_of(d):
        return span * d / total

    defs, rects, budget = [], [], MAX_DRAWN_PHASES
    for k, seg in enumerate(plan["segments"]):
        n_phases = seg["cycles"] * len(seg["phases"])
        if n_phases <= budget:
            budget -= n_phases
            t = seg["start_s"]
            for _ in range(seg["cycles"]):
                drawn, t = _phase_rects(seg["phases"], t, x_of, w_of)
                rects += drawn
            continue
        budget = 0
        # Pattern ids must be unique on the page: named after the plan itself.
        # The phase list (pacer_plan) follows from the rest: leave it out of the hash.
        named = {key: value for key, value in plan.items() if key != "phases"}
        tag = hashlib.sha1(json.dumps(named, sort_keys=True).encode()).hexdigest()[:10]
        pid = f"plan-{tag}-{k}"
        start = x_of(seg["start_s"])
        cycle, _ = _phase_rects(seg["phases"], 0.0, w_of, w_of)
        defs.append(
            f'<pattern id="{pid}" patternUnits="userSpaceOnUse" x="{start:.4f}" y="30" '
            f'width="{w_of(seg["cycle_s"]):.6f}" height="24">{"".join(cycle)}</pattern>'
        )
        rects.append(
            f'<rect x="{start:.2f}" y="30" width="{w_of(seg["cycle_s"] * seg["cycles"]):.2f}" '
            f'height="24" fill="url(#{pid})"><title>{seg["cycles"]} breaths</title></rect>'
        )
    labels = " · ".join(
        f"{html.escape(s['label'] or 'pattern')}: {s['cycles']} breaths at "
        f"{s['breaths_per_minute']:.1f}/min"
        for s in plan["segments"]
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="80" '
        f'font-family="sans-serif" font-size="12">'
        + (f"<defs>{''.join(defs)}</defs>" if defs else "")
        + f'<text x="{x0}" y="18">Breathing plan, {total / 60:.1f} min '
        f"(light blue: in, dark blue: out, green: hold)</text>"
        + "".join(rects)
        + f'<text x="{x0}" y="72">{labels}</text></svg>'
    )


class BreathPacer(TrustBoundary, anywidget.AnyWidget):
    """A pacer for ``session`` (a ``Session``, preset name, ``Preset`` or ``Pattern``).

    ``movement`` (a key of ``workshop.movement.MOVEMENTS``) adds a figure that moves
    with the breath and the modelled lumbar load under it. After a run, ``log``
    holds what the browser showed and when (seconds from the start); a widget's
    Python logger is ``logger`` here, as ``log`` is this synced trait.

    Set ``session``, ``movement``, ``sound``, ``tick`` or ``eyes_closed`` in Python
    at any time: the page on show follows (a new session ends a run and clears the
    log).
    """

    _esm = bundle(ESM_ENTRY)
    _css = pacer_css()

    #: The plan the page runs (``pacer_plan``): the kernel's, refused from the page.
    plan = traitlets.Dict().tag(sync=True)
    #: What the page draws of the movement (``movement_payload``), ``{}`` for none.
    movement_view = traitlets.Dict().tag(sync=True)
    sound = traitlets.Bool(True).tag(sync=True)
    tick = traitlets.Bool(False).tag(sync=True)
    eyes_closed = traitlets.Bool(False).tag(sync=True)
    #: The last run as the page logged it (``check_log``), ``{}`` before any.
    log = traitlets.Dict().tag(sync=True)

    def __init__(self, session=None, *, minutes: float = 5.0, movement: str | None = None, **kw):
        self._session = as_session(session, minutes)
        self._phases = boundaries(self._session)
        self._plan = pacer_plan(self._session)
        self._movement: str | None = None
        super().__init__(**kw)
        self.plan = self._plan
        self.movement = movement
        trust_tree(self)  # its layout widget too

    @property
    def session(self) -> Session:
        """The session this pacer runs. Set it (to anything ``as_session`` takes, a
        preset name or pattern for 5 minutes) to run another: the page follows."""
        return self._session

    @session.setter
    def session(self, value) -> None:
        session = as_session(value)
        with self.hold_trait_notifications():
            self._session, self._phases = session, boundaries(session)
            self._plan = pacer_plan(session)
            self.log = {}
            self.plan = self._plan
            if self._movement is not None:
                self.movement_view = movement_payload(self._movement, session)

    @property
    def movement(self) -> str | None:
        """The movement shown with the breath (a key of ``MOVEMENTS``), or ``None``.
        Set it to show another, or none: the page follows."""
        return self._movement

    @movement.setter
    def movement(self, value: str | None) -> None:
        if value is not None and value not in MOVEMENTS:
            raise ValueError(f"unknown movement {value!r}; movements are {sorted(MOVEMENTS)}")
        self.movement_view = {} if value is None else movement_payload(value, self._session)
        self._movement = value

    def _frontend_checks(self):
        return {
            "sound": check_bool,
            "tick": check_bool,
            "eyes_closed": check_bool,
            "log": lambda log: check_log(log, self._phases),
        }

    @traitlets.validate("plan")
    def _plan_is_the_sessions(self, proposal):
        # Why: the kernel's session, lags_s() and to_svg() all follow this plan.
        if proposal["value"] != self._plan:
            raise Refused("plan is the session's own (pacer_plan); set pacer.session instead")
        return proposal["value"]

    @traitlets.validate("log")
    def _check_log(self, proposal):
        try:
            return check_log(proposal["value"], self._phases)
        except (TypeError, ValueError) as exc:
            raise refusal(exc) from None

    def lags_s(self) -> np.ndarray:
        """Shown minus planned time of every phase boundary in the last run, s."""
        rows = self.log.get("shown", [])
        return np.array([r["shown_s"] - r["planned_s"] for r in rows if r["boundary"]], dtype=float)

    def to_svg(self) -> str:
        """A static picture of the plan: the phases along time (for stored outputs)."""
        return plan_svg(self.plan)

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs)
        data = bundle[0] if isinstance(bundle, tuple) else bundle
        data["image/svg+xml"] = self.to_svg()
        data["text/plain"] = f"BreathPacer: {self.session!r}"
        return bundle
