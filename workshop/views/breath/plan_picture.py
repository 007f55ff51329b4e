"""A breathing plan as a static picture: its phases along time (SVG, for stored outputs).

The same phase colours as the live pacer (``PHASE_COLOURS``, from the palette).
"""

from __future__ import annotations

import hashlib
import html
import json
import re

from ..common.palette import OKABE_ITO

#: Colour of each phase, in the picture and in the live pacer's breathing circle.
PHASE_COLOURS = {
    "inhale": OKABE_ITO["sky_blue"],
    "hold_in": OKABE_ITO["bluish_green"],
    "exhale": OKABE_ITO["blue"],
    "hold_out": OKABE_ITO["bluish_green"],
}
#: Phases drawn one by one in ``plan_svg``; a segment past this budget is drawn as a
#: repeating pattern of one cycle, so the picture's cost does not grow with its length.
MAX_DRAWN_PHASES = 2000


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


def stacked_svg(*svgs: str) -> str:
    """Several standalone SVG pictures one above the other, as one SVG (each keeps its
    own ``width`` and ``height`` in px, read from its root element)."""
    parts, y, width = [], 0.0, 0.0
    for svg in svgs:
        w, h = (
            float(re.search(rf'<svg[^>]*\s{k}="([0-9.]+)"', svg).group(1))
            for k in ("width", "height")
        )
        parts.append(svg.replace("<svg ", f'<svg x="0" y="{y:g}" ', 1))
        y, width = y + h, max(width, w)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:g}" height="{y:g}">'
        + "".join(parts)
        + "</svg>"
    )
