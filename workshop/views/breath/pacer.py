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
(``pacer_css``). Beside this module: ``movement_view`` (what the page draws of a
movement), ``run_log`` (the log's records and ``check_log``) and ``plan_picture``
(the static picture of a plan, ``plan_svg``).
"""

from __future__ import annotations

import pathlib

import anywidget
import numpy as np
import traitlets

from ...breath import PRESETS, Pattern, Preset, Session, boundaries
from ...breath.schedule import phase_list
from ...movement.movements import MOVEMENTS
from ..common.esm import bundle
from ..common.palette import OKABE_ITO
from ..common.trust import Refused, TrustBoundary, check_bool, refusal, trust_tree
from ..common.twin import StaticTwin
from .movement_view import figure_svg, movement_payload
from .plan_picture import PHASE_COLOURS, plan_svg, stacked_svg
from .run_log import check_log

HERE = pathlib.Path(__file__).parent
#: The front end's entry module; its parts (js/) are bundled with it.
ESM_ENTRY = HERE / "pacer.js"
#: Every colour the page paints, as CSS custom properties on ``.mm-pacer`` (pacer.css).
PAGE_COLOURS = {
    **{f"phase-{name}": colour for name, colour in PHASE_COLOURS.items()},
    "trace": OKABE_ITO["vermillion"],
    "focus": OKABE_ITO["blue"],
    "caution": OKABE_ITO["orange"],
}


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


def session_summary(phases: dict) -> str:
    """The session in words a learner reads: "18 breaths, 3 minutes" (or seconds)."""
    breaths = sum(1 for kind in phases["phase"] if kind == "inhale")
    total_s = float(phases["total_s"])
    length = (
        f"{total_s / 60:g} minute{'s' if total_s != 60 else ''}"
        if total_s >= 60 and (total_s / 60).is_integer()
        else f"{total_s / 60:.1f} minutes"
        if total_s >= 60
        else f"{total_s:.0f} seconds"
    )
    return f"{breaths} breath{'s' if breaths != 1 else ''}, {length}"


#: What the page shows under the phase while a session runs, filled in by the page
#: (``js/progress.js``) as ``progress_text`` does here.
PROGRESS_TEMPLATE = "Breath {breath} of {breaths} · {rate} breaths a minute · {left} left"


def session_progress(phases: dict) -> dict:
    """Where a learner is in a session, for the page to show while it runs.

    ``breath_of_phase``: for every phase of ``phases`` (``schedule.phase_list``), the
    number (1-based) of the breath it belongs to; a breath begins with an in-breath
    and lasts until the next one (phases before the first in-breath belong to the
    first). ``rate_per_min``: each breath's rate, 60 / its length in s, to 0.1 (a
    ramp's rate changes breath by breath). ``breaths``: how many there are, as in
    ``session_summary``. ``template``: ``PROGRESS_TEMPLATE``.
    """
    kinds = np.asarray(phases["phase"])
    starts = np.asarray(phases["start_s"], dtype=float)
    inhale = kinds == "inhale"
    breaths = int(inhale.sum())
    begins = starts[inhale] if breaths else starts[:1]
    ends = np.append(begins[1:], float(phases["total_s"]))
    # Lengths to the microsecond first: a rate whose second decimal is 5 (4.8 s in,
    # 4.8 s out: 6.25 a minute) must round the same way for every breath, not as the
    # float noise in the start times falls.
    length_s = np.maximum(np.round(ends - begins, 6), 1e-6)
    rate = np.round(60.0 / length_s, 1)
    breath_of_phase = np.clip(np.cumsum(inhale), 1, max(breaths, 1))
    return {
        "breath_of_phase": breath_of_phase.tolist(),
        "rate_per_min": rate.tolist(),
        "breaths": breaths,
        "template": PROGRESS_TEMPLATE,
    }


def clock_text(seconds: float) -> str:
    """Whole seconds, rounded up, as m:ss ("2:05")."""
    whole = max(0, int(np.ceil(seconds - 1e-9)))
    return f"{whole // 60}:{whole % 60:02d}"


def progress_text(progress: dict, phase_index: int, left_s: float) -> str:
    """The progress line at phase ``phase_index`` with ``left_s`` seconds of the
    session to go (the page's ``progressText`` does the same)."""
    breath = progress["breath_of_phase"][phase_index]
    return progress["template"].format(
        breath=breath,
        breaths=progress["breaths"],
        rate=f"{progress['rate_per_min'][breath - 1]:.1f}",
        left=clock_text(left_s),
    )


def pacer_plan(session: Session) -> dict:
    """What the page runs: ``session.to_dict()`` with every phase listed under
    ``"phases"`` (``schedule.phase_list``), so the page only looks phases up;
    ``"summary"``, the session in words; ``"progress"``, where a learner is in it
    (``session_progress``)."""
    phases = phase_list(session)
    return {
        **session.to_dict(),
        "phases": phases,
        "summary": session_summary(phases),
        "progress": session_progress(phases),
    }


def pacer_css() -> str:
    """pacer.css with the palette's colours (``PAGE_COLOURS``) set on ``.mm-pacer``."""
    colours = "; ".join(f"--mm-{name}: {colour}" for name, colour in PAGE_COLOURS.items())
    return f".mm-pacer {{ {colours}; }}\n" + (HERE / "pacer.css").read_text(encoding="utf-8")


class BreathPacer(StaticTwin, TrustBoundary, anywidget.AnyWidget):
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
        """A static picture of the plan (the phases along time) and, with a movement,
        its figure at lungs empty and full over its load trace (for stored outputs)."""
        if not self.movement_view:
            return plan_svg(self.plan)
        return stacked_svg(plan_svg(self.plan), figure_svg(self.movement_view))

    def static_text(self) -> str:
        return f"BreathPacer: {self.session!r}"

    def static_svg(self) -> str:
        return self.to_svg()
