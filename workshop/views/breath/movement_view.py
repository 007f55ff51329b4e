"""What the breath pacer draws of a movement: the body at lungs empty and full, and the
modelled load along the session.

The body is the one skeleton (``body.geometry.SKELETON``) through the keypoints
``body.geometry.keypoints`` computes from the model's angles at each end of the
breath; the page (``js/figure.js``) only blends the two poses by the lung volume.
"""

from __future__ import annotations

import numpy as np

from ...breath import Session
from ...model import POSITIONS, evaluate
from ...movement.movements import MOVEMENTS, Movement, load_trace
from ..body.geometry import SKELETON, keypoints

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
