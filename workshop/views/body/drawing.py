"""The body as SVG elements with paint hooks: one drawing for the browser and the twin.

``body_elements`` returns the sagittal body (skin, bones, lumbar vertebrae,
pelvis, muscles, force arrows, chair and floor) as a tree of ``El`` whose moving
parts carry ``data-*`` hooks instead of coordinates. A painter fills them from a
record of ``geometry.pose`` fields (``{point}_x``, ``{point}_y`` in metres,
``{part}_rot`` in degrees, ``chair_shown``); the browser's painter
(``views/body/js/paint.js``, used by the explorer and the breath pacer) and the
Python twins (``views/chain/picture.py``; ``body/paint.py`` for the body alone)
follow the same rules:

==========================  ==============================================================
hook                        the painter sets
==========================  ==============================================================
``data-keypoints="a b"``    ``points``: the keypoints in px
``data-rotate="part"``      ``transform``: ``translate(px of data-at) rotate(part_rot)``
  with ``data-at``
``data-at`` (circle)        ``cx``, ``cy``; (text) ``x``, ``y`` plus ``data-dx``/``data-dy``;
                            (rect) the load's square centred there, sized by ``load_kg``,
                            never below the floor (``floor_y_px`` of the paint spec)
``data-force``              (a muscle) ``stroke-width`` and ``opacity`` from force / full
                            scale, and its ``<title>``
``data-inset-at``           (a nested ``<svg>``) ``viewBox``: ``data-view`` px square centred
                            on the keypoint
``data-shown-by="field"``   ``visibility``: visible when the field is above 0.5
``data-template``           the text: ``{field:.Nf}``, ``{field|abs:.Nf}`` (its size) and
                            ``{field|sign:A|B}`` (A at 0.5 or more, B at -0.5 or less, else
                            nothing) filled in (``common.template.fill_template``)
==========================  ==============================================================

Shapes of rigid parts are fixed path data in their own frame (``outline``) and
are moved only by ``transform``; deformable lines (limbs, muscles, arrows) are
keypoint polylines. Colours carry CSS classes so a theme can restyle them.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

from . import outline as o
from .geometry import (
    FLOOR_Y_M,
    HEAD_ROTATION,
    ROTATIONS,
    SKELETON,
    THORAX_LENGTH_M,
    VERTEBRAE,
)

#: Colours of the body, the same in light and dark themes: each reads on a white and on a
#: near-black card (the texts and the card itself follow the theme, see explorer.css).
BODY_COLOURS = {
    "skin": "#eec09a",
    "skin_edge": "#8d5b3d",
    "hair": "#5a3d2b",
    "bone": "#fbf6ea",
    "bone_edge": "#5b4a36",
    "disc": "#c9c2b4",
    "disc_key": "#F0E442",  # the L4/L5 disc (Okabe-Ito yellow)
    "muscle": "#D55E00",  # Okabe-Ito vermillion
    "compression": "#0072B2",  # Okabe-Ito blue
    "shear": "#CC79A7",  # Okabe-Ito reddish purple
    "chair": "#8a6d4b",
    "floor": "#8a8a8a",
    "tilt": "#1b1b1b",
    "ink": "#1b1b1b",
}
#: Muscles drawn as lines of action: label, record field of the force, full scale (N),
#: keypoints along the line.
MUSCLES = (
    ("hip flexors (psoas)", "psoas_force_N", 250.0, ("psoas_top", "psoas_brim", "psoas_bottom")),
    ("gluteus maximus", "glute_force_N", 2500.0, ("glute_top", "glute_bottom")),
    (
        "lumbar extensors",
        "extensor_force_N",
        3000.0,
        ("extensor_bottom", "extensor_mid", "extensor_top"),
    ),
    ("abdominals (rectus)", "flexor_force_N", 1500.0, ("abs_bottom", "abs_mid", "abs_top")),
)


@dataclass
class El:
    """One SVG element: tag, attributes (str or number), children (El or text)."""

    tag: str
    attrs: dict = field(default_factory=dict)
    children: list = field(default_factory=list)

    def walk(self):
        yield self
        for c in self.children:
            if isinstance(c, El):
                yield from c.walk()


def render(el: El | str) -> str:
    """The element as SVG markup (attributes and text escaped)."""
    if isinstance(el, str):
        return html.escape(el)
    a = " ".join(
        f'{k}="{html.escape(v if isinstance(v, str) else f"{v:g}")}"'
        for k, v in el.attrs.items()
        if v is not None
    )
    a = f" {a}" if a else ""
    if not el.children:
        return f"<{el.tag}{a}/>"
    return f"<{el.tag}{a}>{''.join(render(c) for c in el.children)}</{el.tag}>"


def _poly(cls: str, keypoints: tuple[str, ...], **attrs) -> El:
    return El("polyline", {"class": cls, "data-keypoints": " ".join(keypoints), **attrs})


def _rigid(cls: str, part: str, *children: El) -> El:
    anchor = {**ROTATIONS, **HEAD_ROTATION}[part]
    return El("g", {"class": cls, "data-rotate": part, "data-at": anchor}, list(children))


def _path(cls: str, d: str, **attrs) -> El:
    return El("path", {"class": cls, "d": d, **attrs})


def body_elements(
    scale: float,
    origin: tuple[float, float],
    floor_x: tuple[float, float],
    *,
    inset: bool,
    nodding: bool = False,
) -> list[El]:
    """The body, back to front, for ``scale`` px per metre, the hip of standing at ``origin``.

    ``floor_x``: the floor line's ends (px). ``inset``: the close-up
    copy (strokes keep their screen width; adds the L4/L5 force arrows and label).
    ``nodding``: the head is its own part (``head_rot`` about C7, ``HEAD_ROTATION``), as
    the movement figures draw it; otherwise it is the thorax's.
    """
    c = BODY_COLOURS
    keep = {"vector-effect": "non-scaling-stroke"} if inset else {}
    # Trunk parts get a 3 px edge, half of which the fill-only pass below covers.
    skin = {"fill": c["skin"], "stroke": c["skin_edge"], "stroke-width": 3, **keep}
    thin = {**skin, "stroke-width": 1.5}
    bone = {"fill": c["bone"], "stroke": c["bone_edge"], "stroke-width": 1, **keep}
    limb = {"fill": "none", "stroke-linecap": "round", "stroke-linejoin": "round"}

    def limbs(cls, keypoints, width_m):
        # The silhouette trick: a darker stroke 3 px wider under the skin-coloured one.
        w = width_m * scale
        return [
            _poly(f"{cls} skin-edge", keypoints, **limb, stroke=c["skin_edge"], **{"stroke-width": f"{w + 3:.1f}"}),
            _poly(f"{cls} skin", keypoints, **limb, stroke=c["skin"], **{"stroke-width": f"{w:.1f}"}),
        ]  # fmt: skip

    out: list[El] = []
    fy = origin[1] - scale * FLOOR_Y_M
    out.append(
        El(
            "line",
            {"class": "floor", "x1": floor_x[0], "y1": f"{fy:.1f}", "x2": floor_x[1], "y2": f"{fy:.1f}"}
            | {"stroke": c["floor"], "stroke-width": 2, **keep},
        )
    )  # fmt: skip
    # The chair stands still (placed metres): drawn once, shown only sitting.
    chair = El("g", {"class": "chair", "data-shown-by": "chair_shown"})
    for name, shape in o.CHAIR:
        pts = [(origin[0] + scale * x, origin[1] - scale * y) for x, y in shape]
        d = "M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in pts) + " Z"
        chair.children.append(_path(f"chair-{name}", d, fill=c["chair"], stroke="none"))
    out.append(chair)
    out += limbs("leg", ("hip", "knee", "ankle"), o.THIGH_WIDTH_M)
    out.append(_rigid("foot", "foot", _path("skin", o.path_px(o.FOOT, scale), **thin)))
    # Trunk skin: buttock and belly (pelvis), each lumbar slice, chest and neck, head.
    out.append(
        _rigid("pelvis-skin", "pelvis", _path("skin", o.path_px(o.PELVIS_SKIN, scale), **skin))
    )
    for v in VERTEBRAE:
        out.append(_rigid("lumbar-skin", v, _path("skin", o.path_px(o.LUMBAR_SKIN, scale), **skin)))

    # The head: in the thorax's frame, or (nodding) its own about C7, the thorax's length
    # further up the same shapes.
    down = THORAX_LENGTH_M if nodding else 0.0

    def lowered(shape):
        return [(x, y - down) for x, y in shape]

    (hx, hy), hr = o.HEAD
    (ex, ey), er = o.EYE
    (ax, ay), arx, ary = o.EAR
    hy, ey, ay = hy - down, ey - down, ay - down
    head = [
        El("circle", {"class": "skin head", "cx": f"{hx * scale:.1f}", "cy": f"{-hy * scale:.1f}", "r": f"{hr * scale:.1f}", **thin}),
        _path("skin nose", o.path_px(lowered(o.NOSE), scale), **thin),
        _path("hair", o.path_px(lowered(o.HAIR), scale), fill=c["hair"], stroke="none"),
        El("ellipse", {"class": "ear", **o.ellipse_px((ax, ay), arx, ary, scale), "fill": "none", "stroke": c["skin_edge"], "stroke-width": 1, **keep}),
        El("circle", {"class": "eye", "cx": f"{ex * scale:.1f}", "cy": f"{-ey * scale:.1f}", "r": f"{max(er * scale, 1.2):.1f}", "fill": c["ink"]}),
        _path("mouth", o.path_px(lowered(o.MOUTH), scale, closed=False), fill="none", stroke=c["skin_edge"], **{"stroke-width": 1.2}, **keep),
    ]  # fmt: skip
    chest = _path("skin", o.path_px(o.THORAX_SKIN, scale), **skin)
    if nodding:
        out.append(_rigid("thorax-skin", "thorax", chest))
        out.append(_rigid("head-skin", "head", *head))
    else:
        out.append(_rigid("thorax-skin", "thorax", chest, *head))
    # Skin seams inside the trunk are hidden by filling the parts again without edges.
    fill_only = {"fill": c["skin"], "stroke": "none"}
    out.append(
        _rigid(
            "pelvis-skin",
            "pelvis",
            _path("skin-fill", o.path_px(o.PELVIS_SKIN, scale), **fill_only),
        )
    )
    for v in VERTEBRAE:
        out.append(
            _rigid(
                "lumbar-skin", v, _path("skin-fill", o.path_px(o.LUMBAR_SKIN, scale), **fill_only)
            )
        )
    out.append(_rigid("thorax-skin", "thorax", _path("skin-fill", o.path_px(o.THORAX_SKIN, scale), **fill_only)))  # fmt: skip

    line = {"fill": "none", "stroke": c["bone_edge"], "stroke-linecap": "round", **keep}
    if not inset:
        # The near arm over the trunk's skin but under its bones, so the spine and
        # pelvis stay in sight (the close-up leaves it out).
        out += limbs("arm", ("shoulder", "elbow", "hand"), o.ARM_WIDTH_M)
        hand = {"r": f"{o.HAND_RADIUS_M * scale:.1f}", **thin}
        out.append(El("circle", {"class": "hand", "data-at": "hand", **hand}))
        out.append(
            _poly("bone arm-bones", ("shoulder", "elbow", "hand"), **line, **{"stroke-width": 2})
        )

    # Bones: femur and tibia, ribcage and thoracic spine, pelvis with sacrum, vertebrae.
    out.append(_poly("bone leg-bones", ("hip", "knee", "ankle"), **line, **{"stroke-width": 3}))
    knee = {"r": f"{o.KNEE_RADIUS_M * scale:.1f}", **bone}
    out.append(El("circle", {"class": "bone knee", "data-at": "knee", **knee}))
    (rx, ry), rrx, rry = o.RIBCAGE
    out.append(
        _rigid(
            "thorax-bones",
            "thorax",
            El("ellipse", {"class": "ribcage", **o.ellipse_px((rx, ry), rrx, rry, scale), "fill": "none", "stroke": c["bone_edge"], "stroke-width": 1, "stroke-dasharray": "3,2", **keep}),
            _path("thoracic-spine", o.path_px(o.THORACIC_SPINE, scale, closed=False), **line, **{"stroke-width": 3}),
        )
    )  # fmt: skip
    pelvis = [
        _path("bone ilium", o.ilium_path_px(scale), **bone, **{"fill-rule": "evenodd"}),
        El("circle", {"class": "acetabulum", "cx": 0, "cy": 0, "r": f"{o.ACETABULUM_M * scale:.1f}", "fill": c["bone_edge"], "fill-opacity": 0.35, "stroke": "none"}),
        El("circle", {"class": "bone femoral-head", "cx": 0, "cy": 0, "r": f"{o.FEMORAL_HEAD_M * scale:.1f}", **bone}),
        _path("bone sacrum", o.path_px(o.SACRUM, scale), **bone),
    ]  # fmt: skip
    if inset:
        # The tilt: ASIS-PSIS line on the pelvis against the trunk's level from the PSIS.
        asis, psis = (0.07, 0.05), (-0.08, 0.05)
        pelvis.append(
            _path("tilt-line", o.path_px([psis, asis], scale, closed=False), fill="none", stroke=c["tilt"], **{"stroke-width": 1.5, "stroke-dasharray": "5,3"}, **keep)
        )  # fmt: skip
    out.append(_rigid("pelvis-bones", "pelvis", *pelvis))
    if inset:
        out.append(_poly("tilt-ref", ("psis", "tilt_ref"), fill="none", stroke=c["tilt"], **{"stroke-width": 1, "stroke-dasharray": "1,3"}, **keep))  # fmt: skip
    for v in VERTEBRAE:
        disc_colour = c["disc_key"] if v == "L4" else c["disc"]
        out.append(
            _rigid(
                f"vertebra {v}",
                v,
                _path("disc", o.path_px(o.DISC, scale), fill=disc_colour, stroke=c["bone_edge"], **{"stroke-width": 0.8}, **keep),
                _path("bone body", o.path_px(o.VERTEBRAL_BODY, scale), **bone),
                _path("bone arch", o.path_px(o.POSTERIOR_ARCH, scale), **bone),
            )
        )  # fmt: skip

    # The modelled lumbar curve through the discs' centres (SKELETON's "lumbar" bone).
    curve = dict(SKELETON)["lumbar"]
    out.append(_poly("lumbar", curve, fill="none", stroke=c["compression"], **{"stroke-width": 1.2, "stroke-linejoin": "round"}, **keep))  # fmt: skip
    for name, force, full, keypoints in MUSCLES:
        title = El("title", {}, [])
        attrs = {"data-muscle": name, "data-force": force, "data-full-scale": full}
        attrs |= {"fill": "none", "stroke": c["muscle"], "stroke-linecap": "round"}
        attrs |= {"stroke-linejoin": "round", **keep}
        m = _poly("muscle", keypoints, **attrs)
        m.children.append(title)
        out.append(m)
    if inset:
        for force in ("compression", "shear"):
            keys = tuple(f"{force}_{k}" for k in ("tail", "tip", "wing_a", "tip", "wing_b"))
            out.append(_poly(f"arrow {force}", keys, fill="none", stroke=c[force], **{"stroke-width": 2.5, "stroke-linejoin": "round", "stroke-linecap": "round"}, **keep))  # fmt: skip
    return out
