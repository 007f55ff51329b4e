"""``BreathPacer``: a breathing pacer timed by the browser, with optional movement.

The kernel sends the session plan once (``workshop.breath.Session.to_dict``); the
browser computes the phase from its own clock on every animation frame,
schedules the sound cues ahead on the ``AudioContext`` clock, and sends back a
log: every phase shown with its planned and actual time, and the pauses.
"""

from __future__ import annotations

import html
import pathlib

import anywidget
import numpy as np
import traitlets

from ..breath import PRESETS, Pattern, Preset, Session
from ..model import POSITIONS, evaluate
from ..movement import MOVEMENTS, Movement, load_trace
from .geometry import keypoints
from .palette import OKABE_ITO

HERE = pathlib.Path(__file__).parent
FIGURE_LINES = (
    ("legs", ["ankle", "knee", "hip"]),
    ("pelvis", ["psis", "s1", "asis", "hip", "psis"]),
    ("lumbar", ["s1", "l5", "l4l5", "l3", "l2", "l1"]),
    ("thorax", ["l1", "c7"]),
    ("arm", ["shoulder", "elbow", "hand"]),
)
FIG_SCALE, FIG_ORIGIN = 120.0, (250.0, 75.0)


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


def movement_payload(movement: Movement | str, session: Session) -> dict:
    """Keyframes (px) of the figure at lungs empty and full, and the load trace."""
    m = MOVEMENTS[movement] if isinstance(movement, str) else movement
    frames = {}
    for end, v in (("empty", 0.0), ("full", 1.0)):
        inputs = m.inputs(v)
        r = evaluate(**inputs)
        kp = keypoints(
            POSITIONS.index(inputs["position"]),
            r.pelvic_tilt_deg,
            r.lumbar_lordosis_deg,
            inputs.get("trunk_flexion_deg", 0.0),
            0.0,
            0.0,
        )
        frames[end] = {
            k: [FIG_ORIGIN[0] + FIG_SCALE * float(x), FIG_ORIGIN[1] - FIG_SCALE * float(y) + 40]
            for k, (x, y) in kp.items()
        }
    t, _, result = load_trace(m, session, points_per_s=2.0)
    return {
        **m.to_dict(),
        "lines": [list(x) for x in FIGURE_LINES],
        "keyframes": frames,
        "trace": {
            "t": np.round(t, 2).tolist(),
            "v": np.round(result.disc_pressure_MPa, 4).tolist(),
        },
        "trace_label": (
            f"modelled L4/L5 disc pressure, {float(result.disc_pressure_MPa.min()):.2f}–"
            f"{float(result.disc_pressure_MPa.max()):.2f} MPa"
        ),
    }


class BreathPacer(anywidget.AnyWidget):
    """A pacer for ``session`` (a ``Session``, preset name, ``Preset`` or ``Pattern``).

    ``movement`` (a key of ``workshop.movement.MOVEMENTS``) adds a figure that moves
    with the breath and the modelled lumbar load under it. After a run, ``log``
    holds what the browser showed and when (seconds from the start).
    """

    _esm = HERE / "pacer.js"
    _css = HERE / "pacer.css"

    plan = traitlets.Dict().tag(sync=True)
    movement = traitlets.Dict().tag(sync=True)
    sound = traitlets.Bool(True).tag(sync=True)
    tick = traitlets.Bool(False).tag(sync=True)
    eyes_closed = traitlets.Bool(False).tag(sync=True)
    log = traitlets.Dict().tag(sync=True)

    def __init__(self, session=None, *, minutes: float = 5.0, movement: str | None = None, **kw):
        super().__init__(**kw)
        self.session = as_session(session, minutes)
        self.plan = self.session.to_dict()
        if movement is not None:
            if movement not in MOVEMENTS:
                raise ValueError(
                    f"unknown movement {movement!r}; movements are {sorted(MOVEMENTS)}"
                )
            self.movement = movement_payload(movement, self.session)

    def lags_s(self) -> np.ndarray:
        """Shown minus planned time of every phase boundary in the last run, s."""
        shown = self.log.get("shown", [])
        return np.array([row[3] - row[2] for row in shown if row[4] == 1])

    def to_svg(self) -> str:
        """A static picture of the plan: the phases along time (for stored outputs)."""
        colours = {
            "inhale": OKABE_ITO["sky_blue"],
            "hold_in": OKABE_ITO["bluish_green"],
            "exhale": OKABE_ITO["blue"],
            "hold_out": OKABE_ITO["bluish_green"],
        }
        total = self.plan["total_s"]
        width, x0 = 640.0, 10.0
        rects = []
        for seg in self.plan["segments"]:
            t = seg["start_s"]
            for _ in range(seg["cycles"]):
                for name, dur in seg["phases"]:
                    x = x0 + (width - 2 * x0) * t / total
                    w = (width - 2 * x0) * dur / total
                    rects.append(
                        f'<rect x="{x:.2f}" y="30" width="{w:.2f}" height="24" '
                        f'fill="{colours[name]}"><title>{name} {dur:g} s</title></rect>'
                    )
                    t += dur
        labels = " · ".join(
            f"{html.escape(s['label'] or 'pattern')}: {s['cycles']} breaths at "
            f"{s['breaths_per_minute']:.1f}/min"
            for s in self.plan["segments"]
        )
        return (
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="80" '
            f'font-family="sans-serif" font-size="12">'
            f'<text x="{x0}" y="18">Breathing plan, {total / 60:.1f} min '
            f"(light blue: in, dark blue: out, green: hold)</text>"
            + "".join(rects)
            + f'<text x="{x0}" y="72">{labels}</text></svg>'
        )

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs)
        data = bundle[0] if isinstance(bundle, tuple) else bundle
        data["image/svg+xml"] = self.to_svg()
        data["text/plain"] = f"BreathPacer: {self.session!r}"
        return bundle
