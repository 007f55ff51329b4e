"""The explorer's picture: its one layout, its SVG frame, and the static twin.

Everything about the picture is defined here once: the canvas and its scale,
which bones are drawn (``body.geometry.SKELETON``) and how, the muscles, the
gauges (x 470 px, 220 px wide, 62 px rows, their full scales and the reference
limits of ``workshop.reference``), the evidence badges, the read-out sentence
and the colours (``common.palette``).

The live widget does not draw its own picture: it receives ``frame_svg()`` (the
elements with ``data-*`` hooks naming what they show) and ``paint_spec()`` (the
numbers it needs to paint them) and sets attributes on that frame as the sliders
move (``js/painter.js``). ``explorer_svg`` paints the same frame here, in
Python, for stored notebook outputs, slides and exported HTML: numbers in,
markup out, no model calls. Attributes the painter sets are formatted alike on
both sides (coordinates and widths to 0.1 px) so the two can be compared.
"""

from __future__ import annotations

import html
from dataclasses import asdict, dataclass

from ...model import LINKS
from ...reference import NIOSH_ACTION_LIMIT_N, SHEAR_LIMIT_N, niosh_label, shear_label
from ..body.geometry import FLOOR_Y_M, HEAD_RADIUS_M, SKELETON
from ..common.palette import GRADE_COLOURS, OKABE_ITO

WIDTH, HEIGHT = 720, 400  # px
SCALE = 190.0  # px per metre
ORIGIN = (230.0, 215.0)  # px position of the hip joint

BONE = "#444444"
MUSCLE_COLOUR = OKABE_ITO["vermillion"]
#: Colours of the picture: every one from the Okabe-Ito palette or a neutral grey.
COLOURS = {
    "bone": BONE,
    "lumbar": OKABE_ITO["blue"],
    "muscle": MUSCLE_COLOUR,
    "disc": OKABE_ITO["yellow"],
    "load": OKABE_ITO["sky_blue"],
    "band": OKABE_ITO["sky_blue"],
    "bar": OKABE_ITO["blue"],
    "bar_over": OKABE_ITO["vermillion"],
    "gauge_track": "#eeeeee",
    "floor": "#bbbbbb",
    "focus": OKABE_ITO["blue"],  # keyboard focus ring of the controls (CSS --mm-focus)
}
#: How each bone of ``SKELETON`` is stroked: colour and width (px).
BONE_STYLE = {
    "legs": (BONE, 7),
    "pelvis": (BONE, 4),
    "lumbar": (COLOURS["lumbar"], 6),
    "thorax": (BONE, 7),
    "arm": (BONE, 5),
}
# Muscles shaded by modelled tension: label, output, full-scale force (N), endpoints.
MUSCLES = (
    ("hip flexors", "psoas_force_N", 250.0, "psoas_top", "psoas_bottom"),
    ("glutes", "glute_force_N", 2500.0, "glute_top", "glute_bottom"),
    ("lumbar extensors", "extensor_force_N", 3000.0, "extensor_bottom", "extensor_top"),
)
#: Muscle opacity: ``REST + SPAN * clip(force / full scale, 0, 1)``.
MUSCLE_OPACITY_REST, MUSCLE_OPACITY_SPAN = 0.12, 0.88
#: The load's square: side ``BASE + PER_KG * kg`` px (none without a load).
LOAD_SIDE_BASE_PX, LOAD_SIDE_PER_KG_PX = 10.0, 1.2


@dataclass(frozen=True)
class Gauge:
    """One horizontal gauge: a model output against its full scale and limit."""

    key: str  # the output (a record field)
    label: str
    unit: str
    full_scale: float  # in the output's unit: the bar's whole width
    limit: float | None  # reference limit (workshop.reference), None for none
    limit_label: str
    decimals: int
    band: tuple[str, str] | None  # record fields of the 5-95 % band, if drawn


GAUGE_X_PX, GAUGE_WIDTH_PX = 470.0, 220.0
GAUGE_TOP_PX, GAUGE_ROW_PX = 40.0, 62.0
GAUGES = (
    Gauge(
        "compression_N",
        "L4/L5 compression",
        "N",
        6000.0,
        NIOSH_ACTION_LIMIT_N,
        niosh_label(),
        0,
        ("compression_low", "compression_high"),
    ),
    Gauge("shear_N", "L4/L5 shear", "N", 1500.0, SHEAR_LIMIT_N, shear_label(), 0, None),
    Gauge(
        "disc_pressure_MPa",
        "Disc pressure",
        "MPa",
        3.0,
        None,
        "",
        2,
        ("pressure_low", "pressure_high"),
    ),
)
OVER_LIMIT = " — above limit"
# Links of the chain shown as badges, in reading order.
BADGES = (
    ("hip flexors → pelvis", "pelvic_tilt_from_contracture_deg"),
    ("pelvis → lumbar curve", "lordosis_from_pelvic_tilt_deg"),
    ("psoas → disc load", "psoas_compression_N"),
    ("weak glutes → stoop", "lumbar_share_of_bending"),
    ("bending → passive tissues", "passive_moment_Nm"),
    ("guarding → co-contraction", "guarding"),
)
BADGE_X_PX, BADGE_Y_PX, BADGE_ROW_PX = 470.0, 230.0, 22.0

#: The key numbers in one sentence (the screen-reader read-out, the caption).
#: ``{field:.Nf}`` placeholders only: the browser fills the same template.
READOUT = (
    "Pelvic tilt {pelvic_tilt_deg:.0f} degrees, lumbar lordosis {lumbar_lordosis_deg:.0f} "
    "degrees, L4/L5 compression {compression_N:.0f} newtons, shear {shear_N:.0f} newtons, "
    "disc pressure {disc_pressure_MPa:.2f} megapascals."
)


def px(x: float, y: float) -> tuple[float, float]:
    """Picture coordinates (px, y down) of a keypoint in metres (y up, hip at origin)."""
    return ORIGIN[0] + SCALE * x, ORIGIN[1] - SCALE * y


def tension_opacity(force_N: float, full_scale_N: float) -> float:
    """Muscle shading: 0.12 at rest to 1 at full scale (clipped)."""
    return MUSCLE_OPACITY_REST + MUSCLE_OPACITY_SPAN * min(max(force_N / full_scale_N, 0.0), 1.0)


def load_side_px(load_kg: float) -> float:
    """Side of the load's square (px); 0 without a load."""
    return LOAD_SIDE_BASE_PX + LOAD_SIDE_PER_KG_PX * load_kg if load_kg > 0 else 0.0


def readout_text(n: dict) -> str:
    """The key numbers in one sentence (the live widget's screen-reader read-out)."""
    return READOUT.format(**n)


# Markup --------------------------------------------------------------------------------


def _f(v: float) -> str:
    """A painted coordinate or width: 0.1 px, as the browser's painter writes it."""
    return f"{v:.1f}"


def _tag(tag: str, attrs: dict, inner: str | None = None) -> str:
    a = " ".join(
        f'{k}="{html.escape(v if isinstance(v, str) else f"{v:g}")}"'
        for k, v in attrs.items()
        if v is not None
    )
    return f"<{tag} {a}/>" if inner is None else f"<{tag} {a}>{inner}</{tag}>"


def body_svg(numbers: dict | None, pts: dict | None, *, title: str = "") -> str:
    """The body, muscles and load as SVG elements (no <svg> wrapper).

    With ``numbers`` and ``pts`` (keypoints in metres) None: the unpainted frame.
    """
    painted = numbers is not None and pts is not None
    floor_y = px(0, FLOOR_Y_M)[1] + 2
    out = ['<g class="body">']
    out.append(
        _tag(
            "line",
            {"x1": 0, "y1": floor_y, "x2": WIDTH * 0.62, "y2": floor_y, "stroke": COLOURS["floor"]},
        )
    )
    for name, key, full, a, b in MUSCLES:
        geo = {}
        title_text = ""
        if painted:
            (x1, y1), (x2, y2) = px(*pts[a]), px(*pts[b])
            geo = {"x1": _f(x1), "y1": _f(y1), "x2": _f(x2), "y2": _f(y2)}
            geo["opacity"] = f"{tension_opacity(numbers[key], full):.2f}"
            title_text = f"{name}: {numbers[key]:.0f} N"
        attrs = {"class": "muscle", "data-muscle": name, "data-from": a, "data-to": b}
        attrs |= {"data-force": key, "data-full-scale": full, **geo, "stroke": MUSCLE_COLOUR}
        attrs |= {"stroke-width": 9, "stroke-linecap": "round"}
        out.append(_tag("line", attrs, f"<title>{html.escape(title_text)}</title>"))
    for bone, names in SKELETON:
        colour, width = BONE_STYLE[bone]
        attrs = {"class": bone, "data-bone": bone, "data-keypoints": " ".join(names)}
        if painted:
            attrs["points"] = " ".join(",".join(map(_f, px(*pts[p]))) for p in names)
        attrs |= {"fill": "none", "stroke": colour, "stroke-width": width}
        attrs |= {"stroke-linecap": "round", "stroke-linejoin": "round"}
        out.append(_tag("polyline", attrs))
    for cls, at, r, fill, stroke, sw in (
        ("head", "head", HEAD_RADIUS_M * SCALE, "#ffffff", BONE, 4),
        ("l4l5", "l4l5", 6, COLOURS["disc"], "#000", None),
    ):
        geo = {}
        if painted:
            cx, cy = px(*pts[at])
            geo = {"cx": _f(cx), "cy": _f(cy)}
        attrs = {"class": cls, "data-at": at, **geo, "r": r, "fill": fill, "stroke": stroke}
        out.append(_tag("circle", {**attrs, "stroke-width": sw}))
    geo = {}
    if painted:
        side = load_side_px(numbers.get("load_kg", 0.0))
        lx, ly = px(*pts["load"])
        geo = {"x": _f(lx - side / 2), "y": _f(ly - side / 2), "width": _f(side)}
        geo["height"] = _f(side)
    out.append(
        _tag(
            "rect",
            {"class": "load", "data-at": "load", **geo, "fill": COLOURS["load"], "stroke": "#000"},
        )
    )
    out.append(
        _tag(
            "text",
            {"x": 10, "y": 20, "font-size": 14, "font-weight": "bold", "data-role": "title"},
            html.escape(title),
        )
    )
    out.append("</g>")
    return "".join(out)


def gauge_reading(gauge: Gauge, record: dict) -> dict:
    """What one gauge shows for a record: value text, bar and band geometry (px)."""
    value = record[gauge.key]
    over = gauge.limit is not None and value > gauge.limit
    frac = min(max(value / gauge.full_scale, 0.0), 1.0)
    reading = {
        "value": f"{value:.{gauge.decimals}f} {gauge.unit}",
        "over": OVER_LIMIT if over else "",
        "bar_width": _f(frac * GAUGE_WIDTH_PX),
        "bar_fill": COLOURS["bar_over"] if over else COLOURS["bar"],
        "band_x": _f(GAUGE_X_PX),
        "band_width": _f(0.0),
    }
    if gauge.band and all(f in record for f in gauge.band):
        lo, hi = (min(max(record[f] / gauge.full_scale, 0.0), 1.0) for f in gauge.band)
        reading["band_x"] = _f(GAUGE_X_PX + lo * GAUGE_WIDTH_PX)
        reading["band_width"] = _f((hi - lo) * GAUGE_WIDTH_PX)
    return reading


def gauges_svg(record: dict | None) -> str:
    """Horizontal gauges with their limits, the band as a pale bar behind.

    ``record`` holds the gauges' outputs (and band fields); None: unpainted.
    """
    x0, width = GAUGE_X_PX, GAUGE_WIDTH_PX
    out = ['<g class="gauges" font-size="12">']
    for i, g in enumerate(GAUGES):
        y = GAUGE_TOP_PX + i * GAUGE_ROW_PX
        r = gauge_reading(g, record) if record is not None else {}
        value = _tag("tspan", {"font-weight": "bold", "data-role": "value"}, r.get("value", ""))
        over = _tag("tspan", {"data-role": "over"}, r.get("over", ""))
        label = html.escape(g.label)
        out.append(
            _tag("text", {"x": x0, "y": y - 6, "data-gauge": g.key}, f"{label}: {value}{over}")
        )
        out.append(
            _tag(
                "rect",
                {"x": x0, "y": y, "width": width, "height": 16, "fill": COLOURS["gauge_track"]},
            )
        )
        out.append(
            _tag(
                "rect",
                {
                    "class": "band",
                    "data-gauge-band": g.key,
                    "x": r.get("band_x", _f(x0)),
                    "y": y,
                    "width": r.get("band_width", _f(0)),
                    "height": 16,
                    "fill": COLOURS["band"],
                    "opacity": 0.6,
                },
            )
        )
        out.append(
            _tag(
                "rect",
                {
                    "class": "bar",
                    "data-gauge-bar": g.key,
                    "x": x0,
                    "y": y + 4,
                    "width": r.get("bar_width", _f(0)),
                    "height": 8,
                    "fill": r.get("bar_fill", COLOURS["bar"]),
                },
            )
        )
        if g.limit is not None:
            lx = _f(x0 + g.limit / g.full_scale * width)
            out.append(
                _tag(
                    "line",
                    {"x1": lx, "y1": y - 2, "x2": lx, "y2": y + 18, "stroke": "#000"}
                    | {"stroke-dasharray": "3,2"},
                )
            )
            out.append(
                _tag(
                    "text",
                    {"x": lx, "y": y + 30, "font-size": 10, "text-anchor": "middle"},
                    html.escape(g.limit_label),
                )
            )
    out.append("</g>")
    return "".join(out)


def badges_svg() -> str:
    """Evidence-grade badges for the chain's links (word and colour)."""
    x0, y0 = BADGE_X_PX, BADGE_Y_PX
    out = [
        '<g class="badges" font-size="11">',
        _tag("text", {"x": x0, "y": y0 - 8, "font-weight": "bold"}, "Evidence for each link"),
    ]
    for i, (label, link_name) in enumerate(BADGES):
        link = LINKS[link_name]
        y = y0 + i * BADGE_ROW_PX
        source = f"<title>{html.escape(link.source)}</title>"
        rect = {"x": x0, "y": y, "width": 66, "height": 16, "rx": 3}
        out.append(_tag("rect", rect | {"fill": GRADE_COLOURS[link.grade]}, source))
        out.append(
            _tag(
                "text",
                {"x": x0 + 33, "y": y + 12, "fill": "#fff", "text-anchor": "middle"},
                html.escape(link.grade),
            )
        )
        out.append(_tag("text", {"x": x0 + 72, "y": y + 12}, html.escape(label)))
    out.append("</g>")
    return "".join(out)


def _svg(inner: str, readout: str | None, caption: bool) -> str:
    label = f' aria-label="{html.escape(readout)}"' if readout is not None else ""
    tail = ""
    if caption and readout is not None:
        tail = _tag("text", {"x": 10, "y": HEIGHT - 10, "font-size": 11}, html.escape(readout))
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" font-family="sans-serif" role="img"{label}>'
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>{inner}{tail}</svg>'
    )


def frame_svg() -> str:
    """The unpainted frame the browser paints: every element, no numbers yet."""
    return _svg(body_svg(None, None) + gauges_svg(None) + badges_svg(), None, caption=False)


def explorer_svg(numbers: dict, pts: dict, band: dict | None = None, title: str = "") -> str:
    """A whole explorer frame painted: body, gauges, badges and the read-out caption.

    ``numbers``: model outputs (and ``load_kg``); ``pts``: keypoints (x, y) in
    metres; ``band``: ``{output: (low, high)}`` for the gauges that draw one.
    """
    record = dict(numbers)
    for g in GAUGES:
        if g.band and band and g.key in band:
            record[g.band[0]], record[g.band[1]] = band[g.key]
    readout = readout_text(numbers)
    inner = body_svg(numbers, pts, title=title) + gauges_svg(record) + badges_svg()
    return _svg(inner, readout, caption=True)


def paint_spec() -> dict:
    """What the browser's painter needs beside the frame (JSON-ready)."""
    return {
        "size": [WIDTH, HEIGHT],
        "scale": SCALE,
        "origin": list(ORIGIN),
        "colours": COLOURS,
        "muscle_opacity": [MUSCLE_OPACITY_REST, MUSCLE_OPACITY_SPAN],
        "load_side_px": [LOAD_SIDE_BASE_PX, LOAD_SIDE_PER_KG_PX],
        "gauge": {"x": GAUGE_X_PX, "width": GAUGE_WIDTH_PX},
        "gauges": [asdict(g) for g in GAUGES],
        "over_limit": OVER_LIMIT,
        "readout": READOUT,
        "frame_svg": frame_svg(),
    }
