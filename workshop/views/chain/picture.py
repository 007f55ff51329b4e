"""The explorer's picture as SVG text: the static twin of the live widget.

The live widget (explorer.js) draws the same elements from the same numbers; this
module renders them without a kernel or a browser, for stored notebook outputs,
slides and exported HTML. Numbers in, markup out: no model calls here.
"""

from __future__ import annotations

import html

from ...model import LINKS
from ...reference import NIOSH_ACTION_LIMIT_N, SHEAR_LIMIT_N, niosh_label, shear_label
from ..common.palette import GRADE_COLOURS, OKABE_ITO

WIDTH, HEIGHT = 720, 400
SCALE = 190.0  # px per metre
ORIGIN = (230.0, 215.0)  # px position of the hip joint
GAUGES = (
    # key, label, unit, full scale, limit, limit label, decimals
    ("compression_N", "L4/L5 compression", "N", 6000.0, NIOSH_ACTION_LIMIT_N, niosh_label(), 0),
    ("shear_N", "L4/L5 shear", "N", 1500.0, SHEAR_LIMIT_N, shear_label(), 0),
    ("disc_pressure_MPa", "Disc pressure", "MPa", 3.0, None, "", 2),
)
# Muscles shaded by modelled tension: output, full-scale force (N), endpoints.
MUSCLES = (
    ("hip flexors", "psoas_force_N", 250.0, "psoas_top", "psoas_bottom"),
    ("glutes", "glute_force_N", 2500.0, "glute_top", "glute_bottom"),
    ("lumbar extensors", "extensor_force_N", 3000.0, "extensor_bottom", "extensor_top"),
)
# Links of the chain shown as badges, in reading order.
BADGES = (
    ("hip flexors → pelvis", "pelvic_tilt_from_contracture_deg"),
    ("pelvis → lumbar curve", "lordosis_from_pelvic_tilt_deg"),
    ("psoas → disc load", "psoas_compression_N"),
    ("weak glutes → stoop", "lumbar_share_of_bending"),
    ("bending → passive tissues", "passive_moment_Nm"),
    ("guarding → co-contraction", "guarding"),
)
BONE = "#444444"
MUSCLE_COLOUR = OKABE_ITO["vermillion"]


def px(x: float, y: float) -> tuple[float, float]:
    return ORIGIN[0] + SCALE * x, ORIGIN[1] - SCALE * y


def _poly(points, pts, **attrs) -> str:
    coords = " ".join("{:.1f},{:.1f}".format(*px(*pts[p])) for p in points)
    extra = " ".join(f'{k.replace("_", "-")}="{v}"' for k, v in attrs.items())
    return f'<polyline points="{coords}" fill="none" {extra}/>'


def tension_opacity(force_N: float, full_scale_N: float) -> float:
    """Muscle shading: 0.12 at rest to 1 at full scale (clipped)."""
    return 0.12 + 0.88 * min(max(force_N / full_scale_N, 0.0), 1.0)


def body_svg(numbers: dict, pts: dict, *, title: str = "", ghost: bool = False) -> str:
    """The body, muscles and load as SVG elements (no <svg> wrapper)."""
    op = 0.35 if ghost else 1.0
    out = [f'<g class="body" opacity="{op}">']
    out.append(
        f'<line x1="0" y1="{px(0, -0.86)[1] + 2:.1f}" x2="{WIDTH * 0.62:.0f}" '
        f'y2="{px(0, -0.86)[1] + 2:.1f}" stroke="#bbbbbb"/>'
    )
    for name, key, full, a, b in MUSCLES:
        o = tension_opacity(numbers[key], full)
        out.append(
            f'<line class="muscle" data-muscle="{name}" x1="{px(*pts[a])[0]:.1f}" '
            f'y1="{px(*pts[a])[1]:.1f}" x2="{px(*pts[b])[0]:.1f}" y2="{px(*pts[b])[1]:.1f}" '
            f'stroke="{MUSCLE_COLOUR}" stroke-width="9" stroke-linecap="round" '
            f'opacity="{o:.2f}"><title>{name}: {numbers[key]:.0f} N</title></line>'
        )
    out.append(
        _poly(["ankle", "knee", "hip"], pts, stroke=BONE, stroke_width=7, stroke_linecap="round")
    )
    out.append(
        _poly(
            ["psis", "s1", "asis", "hip", "psis"],
            pts,
            stroke=BONE,
            stroke_width=4,
            stroke_linejoin="round",
            fill_opacity=0,
        )
    )
    out.append(
        _poly(
            ["s1", "l5", "l4l5", "l3", "l2", "l1"],
            pts,
            stroke=OKABE_ITO["blue"],
            stroke_width=6,
            stroke_linecap="round",
        )
    )
    out.append(_poly(["l1", "c7"], pts, stroke=BONE, stroke_width=7, stroke_linecap="round"))
    out.append(
        _poly(
            ["shoulder", "elbow", "hand"], pts, stroke=BONE, stroke_width=5, stroke_linecap="round"
        )
    )
    hx, hy = px(*pts["head"])
    out.append(
        f'<circle cx="{hx:.1f}" cy="{hy:.1f}" r="{0.1 * SCALE:.1f}" fill="#ffffff" '
        f'stroke="{BONE}" stroke-width="4"/>'
    )
    dx, dy = px(*pts["l4l5"])
    out.append(
        f'<circle class="l4l5" cx="{dx:.1f}" cy="{dy:.1f}" r="6" '
        f'fill="{OKABE_ITO["yellow"]}" stroke="#000"/>'
    )
    if numbers.get("load_kg", 0) > 0:
        lx, ly = px(*pts["load"])
        side = 10 + 1.2 * numbers["load_kg"]
        out.append(
            f'<rect class="load" x="{lx - side / 2:.1f}" y="{ly - side / 2:.1f}" '
            f'width="{side:.1f}" height="{side:.1f}" fill="{OKABE_ITO["sky_blue"]}" '
            f'stroke="#000"/>'
        )
    if title:
        out.append(
            f'<text x="10" y="20" font-size="14" font-weight="bold">{html.escape(title)}</text>'
        )
    out.append("</g>")
    return "".join(out)


def gauges_svg(numbers: dict, band: dict | None = None, x0: float = 470.0) -> str:
    """Horizontal gauges with their limits, the band as a pale bar behind."""
    out = ['<g class="gauges" font-size="12">']
    for i, (key, label, unit, full, limit, limit_label, dec) in enumerate(GAUGES):
        y = 40 + i * 62
        width = 220.0
        value = numbers[key]
        frac = min(max(value / full, 0.0), 1.0)
        over = limit is not None and value > limit
        colour = OKABE_ITO["vermillion"] if over else OKABE_ITO["blue"]
        out.append(
            f'<text x="{x0}" y="{y - 6}">{label}: <tspan font-weight="bold">'
            f"{value:.{dec}f} {unit}</tspan>{' — above limit' if over else ''}</text>"
        )
        out.append(f'<rect x="{x0}" y="{y}" width="{width}" height="16" fill="#eeeeee"/>')
        if band and key in band:
            lo, hi = (min(max(v / full, 0.0), 1.0) for v in band[key])
            out.append(
                f'<rect class="band" x="{x0 + lo * width:.1f}" y="{y}" '
                f'width="{(hi - lo) * width:.1f}" height="16" fill="{OKABE_ITO["sky_blue"]}" '
                f'opacity="0.6"/>'
            )
        out.append(
            f'<rect x="{x0}" y="{y + 4}" width="{frac * width:.1f}" height="8" fill="{colour}"/>'
        )
        if limit is not None:
            lx = x0 + limit / full * width
            out.append(
                f'<line x1="{lx:.1f}" y1="{y - 2}" x2="{lx:.1f}" y2="{y + 18}" '
                f'stroke="#000" stroke-dasharray="3,2"/>'
            )
            out.append(
                f'<text x="{lx:.1f}" y="{y + 30}" font-size="10" text-anchor="middle">'
                f"{limit_label}</text>"
            )
    out.append("</g>")
    return "".join(out)


def badges_svg(x0: float = 470.0, y0: float = 230.0) -> str:
    """Evidence-grade badges for the chain's links (word and colour)."""
    out = [
        '<g class="badges" font-size="11">',
        f'<text x="{x0}" y="{y0 - 8}" font-weight="bold">Evidence for each link</text>',
    ]
    for i, (label, link_name) in enumerate(BADGES):
        grade = LINKS[link_name].grade
        y = y0 + i * 22
        out.append(
            f'<rect x="{x0}" y="{y}" width="66" height="16" rx="3" fill="{GRADE_COLOURS[grade]}"/>'
        )
        out.append(
            f'<text x="{x0 + 33}" y="{y + 12}" fill="#fff" text-anchor="middle">{grade}</text>'
        )
        out.append(f'<text x="{x0 + 72}" y="{y + 12}">{html.escape(label)}</text>')
    out.append("</g>")
    return "".join(out)


def readout_text(n: dict) -> str:
    """The key numbers in one sentence (the live widget's screen-reader read-out)."""
    return (
        f"Pelvic tilt {n['pelvic_tilt_deg']:.0f} degrees, lumbar lordosis "
        f"{n['lumbar_lordosis_deg']:.0f} degrees, L4/L5 compression {n['compression_N']:.0f} "
        f"newtons, shear {n['shear_N']:.0f} newtons, disc pressure "
        f"{n['disc_pressure_MPa']:.2f} megapascals."
    )


def explorer_svg(numbers: dict, pts: dict, band: dict | None = None, title: str = "") -> str:
    """A whole explorer frame: body, gauges, badges and the read-out."""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" font-family="sans-serif" role="img" '
        f'aria-label="{html.escape(readout_text(numbers))}">'
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>'
        + body_svg(numbers, pts, title=title)
        + gauges_svg(numbers, band)
        + badges_svg()
        + f'<text x="10" y="{HEIGHT - 10}" font-size="11">{html.escape(readout_text(numbers))}</text>'
        + "</svg>"
    )
