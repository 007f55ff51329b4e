"""The Python twin of ``js/painter.js``'s ``paintBody``: the body's hooks set from a record.

``paint_body`` copies ``body_elements`` (unpainted, with ``data-*`` hooks) and sets
what the browser's painter sets, formatted alike (coordinates and widths to 0.1 px,
opacity to 0.01), so a static picture and the live one can be compared element by
element. ``spec`` is the painter's ``pic``: ``origin`` and ``scale`` (px, px per
metre), ``muscle_width`` (base, span px) and ``muscle_opacity`` (rest, span). The
hooks handled are those ``body_elements`` uses: ``data-keypoints``,
``data-rotate``/``data-at``, ``data-at`` on a circle, ``data-force`` and
``data-shown-by`` (the explorer's own texts, load and close-up are painted by
``chain.picture``).
"""

from __future__ import annotations

import copy

from ..common.template import fixed
from .drawing import El


def _f(v: float) -> str:
    return fixed(v, 1)


def muscle_stroke(spec: dict, force_N: float, full_scale_N: float) -> tuple[float, float]:
    """A muscle's stroke width (px) and opacity for its force (as ``muscleStroke``)."""
    f = min(max(force_N / full_scale_N, 0.0), 1.0)
    (base, span), (rest, opacity_span) = spec["muscle_width"], spec["muscle_opacity"]
    return base + span * f, rest + opacity_span * f


def paint_body(elements: list[El], record: dict, spec: dict) -> list[El]:
    """Painted copies of body elements for ``record`` (``{point}_x``/``_y`` m,
    ``{part}_rot`` deg, the muscles' forces N, ``chair_shown``)."""
    elements = copy.deepcopy(elements)
    (ox, oy), scale = spec["origin"], spec["scale"]

    def at(name):
        return ox + scale * record[f"{name}_x"], oy - scale * record[f"{name}_y"]

    for root in elements:
        for el in root.walk():
            a = el.attrs
            if "data-keypoints" in a:
                a["points"] = " ".join(
                    f"{_f(x)},{_f(y)}" for x, y in (at(k) for k in a["data-keypoints"].split())
                )
            if "data-rotate" in a:
                x, y = at(a["data-at"])
                turn = record[a["data-rotate"] + "_rot"]
                a["transform"] = f"translate({_f(x)},{_f(y)}) rotate({_f(turn)})"
            elif "data-at" in a and el.tag == "circle":
                x, y = at(a["data-at"])
                a["cx"], a["cy"] = _f(x), _f(y)
            if "data-force" in a:
                force = record[a["data-force"]]
                width, opacity = muscle_stroke(spec, force, float(a["data-full-scale"]))
                a["stroke-width"], a["opacity"] = _f(width), fixed(opacity, 2)
                el.children = [El("title", {}, [f"{a['data-muscle']}: {fixed(force, 0)} N"])]
            if "data-shown-by" in a:
                a["visibility"] = "visible" if record[a["data-shown-by"]] > 0.5 else "hidden"
    return elements
