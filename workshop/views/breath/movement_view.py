"""What the breath pacer draws of a movement: the one body moving with the breath, and
the modelled load along the session.

The body is ``body.drawing``'s (the explorer's drawing), placed by
``body.movement_pose`` from the model's angles (``workshop.model.evaluate``) at
``KEYFRAME_VOLUMES`` of the lung volume: keyframes are records like the explorer's
(``{point}_x``/``_y`` m, ``{part}_rot`` deg, the muscles' forces N, ``chair_shown``).
The page (``js/figure.js``) blends the two keyframes either side of the lung volume,
field by field, and paints the drawing with the body's painter
(``body/js/paint.js``); ``record_at`` and ``figure_svg`` are its Python twins,
written alike so the two can be compared.
"""

from __future__ import annotations

import html

import numpy as np

from ...breath import Session
from ...model import CURL_POSITIONS, evaluate
from ...movement.movements import MOVEMENTS, Movement, load_trace
from ..body.drawing import El, body_elements, render
from ..body.geometry import FLOOR_Y_M
from ..body.movement_pose import movement_pose, pose_records
from ..body.paint import paint_body
from ..chain.picture import (
    MUSCLE_OPACITY_REST,
    MUSCLE_OPACITY_SPAN,
    MUSCLE_WIDTH_BASE_PX,
    MUSCLE_WIDTH_SPAN_PX,
)
from .figures import alternative_text

#: The figure's box in the panel (px): each movement's figure is scaled to fill it (at
#: most ``FIG_MAX_SCALE`` px per metre), centred across it, the floor at ``floor_y``.
FIG_BOX = {"x0": 10.0, "x1": 510.0, "top": 26.0, "floor_y": 214.0}
FIG_MAX_SCALE = 190.0
#: Room (m) kept around the keypoints for the head, hands and feet drawn about them.
FIG_MARGIN_M = 0.16
#: The floor line's ends (px).
FLOOR_X_PX = (8.0, 512.0)
#: The movement panel's layout, px: the figure above, the load trace along the session
#: below (``x0``-``x1`` is the session; the trace spans ``height`` above ``bottom``).
FIGURE_LAYOUT = {
    "width": 520,
    "height": 318,
    "trace": {"x0": 10, "x1": 510, "bottom": 308, "height": 62},
    "cursor": {"top": 240, "bottom": 312},
    "label": {"x": 4, "y": 236},
}
#: Lung volumes (0 empty … 1 full) of the keyframes; the page blends neighbours.
KEYFRAME_VOLUMES = (0.0, 0.25, 0.5, 0.75, 1.0)
#: Which figure (``body.movement_pose.FIGURES``) draws each movement.
MOVEMENT_FIGURES = {
    "pelvic_tilt": "supine_knees_bent",
    "cat_cow": "hands_knees",
    "bridge": "bridge",
    "knee_to_chest": "knee_to_chest",
    "roll_down": "standing",
    "seated_pelvic_tilt": "seated",
    "seated_cat_cow": "seated_cat_cow",
    "seated_sit_tall": "seated",
    "seated_knee_lift": "seated_knee_lift",
}
#: The model's forces each record carries for the muscles' lines (``body.drawing.MUSCLES``).
FORCES = ("psoas_force_N", "glute_force_N", "extensor_force_N", "flexor_force_N")


def figure_frame(records: list[dict]) -> tuple[float, tuple[float, float]]:
    """Scale (px per metre) and origin (px of the standing hip joint) that fit every
    keyframe of a movement into ``FIG_BOX``, the floor on its floor line."""
    xs = [r[k] for r in records for k in r if k.endswith("_x")]
    ys = [r[k] for r in records for k in r if k.endswith("_y")]
    width_m = max(xs) - min(xs) + 2 * FIG_MARGIN_M
    height_m = max(ys) + FIG_MARGIN_M - FLOOR_Y_M
    box = FIG_BOX
    scale = min(
        FIG_MAX_SCALE,
        (box["x1"] - box["x0"]) / width_m,
        (box["floor_y"] - box["top"]) / height_m,
    )
    mid_m = (max(xs) + min(xs)) / 2
    origin = ((box["x0"] + box["x1"]) / 2 - scale * mid_m, box["floor_y"] + scale * FLOOR_Y_M)
    return round(scale, 2), (round(origin[0], 1), round(origin[1], 1))


def figure_spec(scale: float, origin: tuple[float, float]) -> dict:
    """What the body's painter needs (its ``pic``): scale, origin, muscle strokes (px)."""
    return {
        "scale": scale,
        "origin": list(origin),
        "muscle_width": [MUSCLE_WIDTH_BASE_PX, MUSCLE_WIDTH_SPAN_PX],
        "muscle_opacity": [MUSCLE_OPACITY_REST, MUSCLE_OPACITY_SPAN],
        "load_side_px": [0.0, 0.0],
    }


def figure_elements(scale: float, origin: tuple[float, float]) -> list[El]:
    """The panel's body, unpainted (``body.drawing.body_elements`` with its hooks)."""
    return body_elements(scale, origin, FLOOR_X_PX, inset=False, nodding=True)


def movement_records(movement: Movement | str, volumes) -> list[dict]:
    """Painter records of ``movement`` at lung volumes ``volumes`` (0…1), one model call."""
    m = MOVEMENTS[movement] if isinstance(movement, str) else movement
    v = np.atleast_1d(np.asarray(volumes, dtype=float))
    inputs = m.inputs(v)
    r = evaluate(**inputs)
    theta = np.broadcast_to(inputs.get("trunk_flexion_deg", 0.0), v.shape)
    if m.position in CURL_POSITIONS:
        # A curl on the floor leaves the chest where it rests: the model's pelvic tilt
        # and lordosis carry it.
        theta = 0.0 * theta
    p = movement_pose(MOVEMENT_FIGURES[m.key], v, r.pelvic_tilt_deg, r.lumbar_lordosis_deg, theta)
    records = pose_records(MOVEMENT_FIGURES[m.key], p)
    forces = {f: np.broadcast_to(getattr(r, f), v.shape) for f in FORCES}
    for i, rec in enumerate(records):
        rec.update({f: float(forces[f][i]) for f in FORCES}, load_kg=0.0)
    return records


def record_at(keyframes: dict, volume: float) -> dict:
    """The record at lung volume ``volume``: each field on the straight line between the
    keyframes either side (the Python twin of ``recordAt`` in js/figure.js)."""
    vols, recs = keyframes["volumes"], keyframes["records"]
    v = min(max(float(volume), vols[0]), vols[-1])
    i = 0
    while i < len(vols) - 2 and v > vols[i + 1]:
        i += 1
    f = (v - vols[i]) / (vols[i + 1] - vols[i])
    a, b = recs[i], recs[i + 1]
    return {k: a[k] + f * (b[k] - a[k]) for k in a}


def movement_payload(movement: Movement | str, session: Session) -> dict:
    """What the page draws of ``movement`` over ``session``: the body's drawing
    (``figure_svg``: unpainted markup with hooks) and painter spec, keyframes at
    ``KEYFRAME_VOLUMES``, the load trace, the panel's layout and the movement's words."""
    m = MOVEMENTS[movement] if isinstance(movement, str) else movement
    t, _, result = load_trace(m, session, points_per_s=2.0)
    records = movement_records(m, KEYFRAME_VOLUMES)
    scale, origin = figure_frame(records)
    return {
        **m.to_dict(),
        "figure": MOVEMENT_FIGURES[m.key],
        "alternative": alternative_text(m),
        "body_svg": "".join(render(e) for e in figure_elements(scale, origin)),
        "pic": figure_spec(scale, origin),
        "keyframes": {"volumes": list(KEYFRAME_VOLUMES), "records": records},
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


def painted_body(view: dict, volume: float) -> list[El]:
    """The body of ``view`` (``movement_payload``) painted at lung volume ``volume``, as
    the page paints it."""
    pic = view["pic"]
    elements = figure_elements(pic["scale"], tuple(pic["origin"]))
    return paint_body(elements, record_at(view["keyframes"], volume), pic)


def figure_svg(view: dict, volumes=(0.0, 1.0)) -> str:
    """A static picture of a movement (``movement_payload``): its figure at each of
    ``volumes`` side by side, each titled, and the load trace along the session under them."""
    L = FIGURE_LAYOUT
    w, top = L["width"], L["trace"]["bottom"] - L["trace"]["height"] - 16
    words = {0.0: "lungs empty (end of the breath out)", 1.0: "lungs full (end of the breath in)"}
    parts = []
    for k, v in enumerate(volumes):
        body = "".join(render(e) for e in painted_body(view, v))
        title = html.escape(words.get(float(v), f"lungs {100 * v:.0f} % full"))
        parts.append(
            f'<g transform="translate({k * w},0)"><g class="body">{body}</g>'
            f'<text x="10" y="16" font-size="13">{title}</text></g>'
        )
    total = view["trace"]["t"][-1] or 1.0
    vals = view["trace"]["v"]
    low, span = min(vals), (max(vals) - min(vals)) or 1.0
    x0, x1 = 10.0, len(volumes) * w - 10.0
    bottom, height = L["trace"]["bottom"], L["trace"]["height"]
    pts = " ".join(
        f"{x0 + (x1 - x0) * t / total:.1f},{bottom - height * (p - low) / span:.1f}"
        for t, p in zip(view["trace"]["t"], vals, strict=True)
    )
    width = len(volumes) * w
    name = html.escape(view["name"])
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{L["height"]}" '
        f'viewBox="0 0 {width} {L["height"]}" font-family="sans-serif" role="img" '
        f'aria-label="{name}">'
        + "".join(parts)
        + f'<text x="4" y="{top + 12}" font-size="11">{html.escape(view["trace_label"])}</text>'
        + f'<polyline points="{pts}" fill="none" stroke="#D55E00" stroke-width="2"/></svg>'
    )
