"""The explorer's picture: its one layout, its SVG frame, and the static twin.

Everything about the picture is defined here once: the canvas and its scale,
the body (``body.drawing``: skin, bones, vertebrae, pelvis, muscles, placed by
``body.geometry.pose``), the close-up inset of the lumbo-pelvic region (the
same drawing, ``INSET_ZOOM`` times larger, with the L4/L5 force arrows), the
gauges (their full scales and the reference limits of ``workshop.reference``),
the evidence badges, the read-out sentence and the colours.

The live widget does not draw its own picture: it receives ``frame_svg()`` (the
elements with ``data-*`` hooks naming what they show, see ``body.drawing``) and
``paint_spec()`` (the numbers it needs to paint them) and sets attributes on
that frame as the sliders move (``js/painter.js``). ``explorer_svg`` paints the
same frame here, in Python (``paint_elements``), for stored notebook outputs,
slides and exported HTML: numbers in, markup out, no model calls. Attributes
the painter sets are formatted alike on both sides (coordinates and widths to
0.1 px) so the two can be compared.

Colours: light-theme values as SVG attributes (what a stored SVG shows); every
text and background also carries a class (``mm-text``, ``mm-card``, ...) that
``explorer.css`` restyles for a dark theme.
"""

from __future__ import annotations

import html
import math
import textwrap
from dataclasses import asdict, dataclass

from ...model import LINKS
from ...reference import (
    NIOSH_ACTION_LIMIT_N,
    NIOSH_MAX_PERMISSIBLE_N,
    SHEAR_LIMIT_N,
    niosh_label,
    shear_label,
)
from ..body.dimensions import FLOOR_Y_M
from ..body.drawing import BODY_COLOURS, El, body_elements, render
from ..body.paint import paint_body
from ..common.palette import GRADE_COLOURS, OKABE_ITO
from ..common.template import fill_template

WIDTH, HEIGHT = 840, 450  # px
SCALE = 190.0  # px per metre
ORIGIN = (130.0, 245.0)  # px position of the standing hip joint
#: The body's part of the canvas (px): the floor runs across it.
BODY_X_PX = (4.0, 350.0)
#: The close-up: a square box (px) showing the region around L4/L5 ``INSET_ZOOM`` x larger.
INSET_X_PX, INSET_Y_PX, INSET_SIZE_PX = 362.0, 44.0, 226.0
INSET_ZOOM = 2.75
INSET_VIEW_PX = INSET_SIZE_PX / INSET_ZOOM  # side of the region shown, in body px
#: While pinned, each picture shows only the body and its close-up (x, y, width, height
#: in px): the differences table between them gives the gauges' numbers.
PINNED_VIEW_PX = (0.0, 0.0, 596.0, float(HEIGHT))

INK = "#1b1b1b"
#: Colours of the picture: the body's (``body.drawing``), the Okabe-Ito palette, greys.
COLOURS = {
    **BODY_COLOURS,
    "card": "#ffffff",
    "load": OKABE_ITO["sky_blue"],
    "band": OKABE_ITO["sky_blue"],
    "bar": OKABE_ITO["blue"],
    "bar_over": OKABE_ITO["vermillion"],
    "gauge_track": "#e6e6e6",
    "frame": "#8a8a8a",
    "focus": OKABE_ITO["blue"],  # keyboard focus ring of the controls (CSS --mm-focus)
}
#: Muscle stroke: width ``BASE + SPAN * f`` px and opacity ``REST + SPAN * f``, with
#: f = clip(force / full scale, 0, 1).
MUSCLE_WIDTH_BASE_PX, MUSCLE_WIDTH_SPAN_PX = 1.5, 8.5
MUSCLE_OPACITY_REST, MUSCLE_OPACITY_SPAN = 0.35, 0.65
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
    #: Signed outputs: the size is shown (bar and number) with a word for the
    #: direction, (when 0 or more, when negative); the limit applies to the size.
    words: tuple[str, str] | None = None


GAUGE_X_PX, GAUGE_WIDTH_PX = 605.0, 215.0
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
    Gauge(
        "shear_N",
        "L4/L5 shear",
        "N",
        1500.0,
        SHEAR_LIMIT_N,
        shear_label(),
        0,
        None,
        ("forward", "backward"),
    ),
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
#: Drawn past a gauge's end when the value is beyond its full scale: the bar stops
#: growing there, the number does not.
OFF_SCALE_MARK = "▶"
# Links of the chain shown as badges, in reading order.
BADGES = (
    ("hip flexors → pelvis", "pelvic_tilt_from_contracture_deg"),
    ("pelvis → lumbar curve", "lordosis_from_pelvic_tilt_deg"),
    ("psoas → disc load", "psoas_compression_N"),
    ("weak glutes → stoop", "lumbar_share_of_bending"),
    ("bending → passive tissues", "passive_moment_Nm"),
    ("guarding → co-contraction", "guarding"),
)
BADGE_X_PX, BADGE_Y_PX, BADGE_ROW_PX = 605.0, 248.0, 22.0

#: The key numbers in one sentence (the screen-reader read-out, the caption).
#: Placeholders only (``common.template.fill_template``): the browser fills the same
#: template.
READOUT = (
    "Pelvic tilt {pelvic_tilt_deg:.0f} degrees, lumbar lordosis {lumbar_lordosis_deg:.0f} "
    "degrees, L4/L5 compression {compression_N:.0f} newtons, shear {shear_N|abs:.0f} "
    "newtons{shear_N|sign: forward| backward}, disc pressure {disc_pressure_MPa:.2f} "
    "megapascals.{chest_on_thighs|sign: The chest rests on the thighs: leaning further "
    "changes nothing.|}{curl_full|sign: The lower back is fully curled: curling further "
    "changes nothing.|}{compression_over_max_N|sign: Past NIOSH's "
    + f"{NIOSH_MAX_PERMISSIBLE_N:.0f}"
    + " N maximum permissible limit (1981): the model's muscles have no strength limit, "
    "and a real back may not hold this.|}{reach_short_mm|sign: The arms reach no "
    "further: the load is held at arm's length.|}"
)
#: The close-up's key, one line each: swatch (how the close-up draws it: stroke colour key,
#: width px, dash pattern) and the text template.
INSET_LINES = (
    (("tilt", 1.5, "5,3"), "pelvic tilt {pelvic_tilt_deg:.0f}° (ASIS–PSIS against level)"),
    (("compression", 1.2, None), "lumbar lordosis {lumbar_lordosis_deg:.0f}° (L1–S1 curve)"),
    (("compression", 3.0, None), "compression at L4/L5 {compression_N:.0f} N"),
    (("shear", 3.0, None), "shear at L4/L5 {shear_N|abs:.0f} N{shear_N|sign: forward| backward}"),
    (("muscle", 5.0, None), "muscles: thicker = more force"),
)


def floor_y_px() -> float:
    """The floor's height in the picture, px (y down)."""
    return px(0.0, FLOOR_Y_M)[1]


def px(x: float, y: float) -> tuple[float, float]:
    """Picture coordinates (px, y down) of a keypoint in metres (y up, standing hip at origin)."""
    return ORIGIN[0] + SCALE * x, ORIGIN[1] - SCALE * y


#: What the body painter needs of this picture (``body.paint.paint_body``).
BODY_PAINT_SPEC = {
    "origin": ORIGIN,
    "scale": SCALE,
    "muscle_width": (MUSCLE_WIDTH_BASE_PX, MUSCLE_WIDTH_SPAN_PX),
    "muscle_opacity": (MUSCLE_OPACITY_REST, MUSCLE_OPACITY_SPAN),
}


def load_side_px(load_kg: float) -> float:
    """Side of the load's square (px); 0 without a load."""
    return LOAD_SIDE_BASE_PX + LOAD_SIDE_PER_KG_PX * load_kg if load_kg > 0 else 0.0


def readout_text(n: dict) -> str:
    """The key numbers in one sentence (the live widget's screen-reader read-out)."""
    return fill_template(READOUT, n)


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


def _text(attrs: dict, *children) -> El:
    return El("text", {"class": "mm-text", "fill": INK, **attrs}, list(children))


def body_frame(title_text: str = "") -> list[El]:
    """The body, the close-up and their labels as unpainted elements (with hooks)."""
    out = [El("g", {"class": "body"}, body_elements(SCALE, ORIGIN, BODY_X_PX, inset=False))]
    out.append(
        El("rect", {"class": "load", "data-at": "load", "fill": COLOURS["load"], "stroke": "#000"})
    )
    x, y, size = INSET_X_PX, INSET_Y_PX, INSET_SIZE_PX
    out.append(
        _text(
            {"x": x, "y": y - 8, "font-size": 12, "font-weight": "bold"},
            f"Close-up ×{INSET_ZOOM:g}: lumbar spine and pelvis",
        )
    )
    view = El(
        "svg",
        {"class": "inset", "x": x, "y": y, "width": size, "height": size}
        | {"data-inset-at": "l4l5", "data-view": f"{INSET_VIEW_PX:.1f}", "overflow": "hidden"},
        [El("rect", {"class": "mm-card", "x": -2000, "y": -2000, "width": 6000, "height": 6000, "fill": COLOURS["card"]})]
        + body_elements(SCALE, ORIGIN, BODY_X_PX, inset=True)
        # Dark ink whatever the theme: the label sits on the body, not on the card.
        + [El("text", {"class": "disc-label", "fill": INK, "data-at": "disc_label", "data-dx": 0, "data-dy": -2.2, "font-size": 4.2, "text-anchor": "middle"}, ["L4/L5"])],
    )  # fmt: skip
    out.append(view)
    out.append(
        El(
            "rect",
            {"class": "mm-frame", "x": x, "y": y, "width": size, "height": size}
            | {"fill": "none", "stroke": COLOURS["frame"], "stroke-width": 1},
        )
    )
    for i, ((colour, width, dash), template) in enumerate(INSET_LINES):
        ly = y + size + 18 + 17 * i
        # The tilt's swatch is ink (it flips with the theme); the others keep their colour.
        ink = colour == "tilt"
        swatch = {"x1": x, "y1": ly - 4, "x2": x + 16, "y2": ly - 4, "stroke": COLOURS[colour]}
        swatch |= {
            "stroke-width": width,
            "stroke-dasharray": dash,
            "class": "mm-ink" if ink else None,
        }
        out.append(El("line", swatch))
        out.append(_text({"x": x + 22, "y": ly, "font-size": 11.5, "data-template": template}))
    # Landmarks of the pelvis named in the close-up (dark ink: they sit on the body).
    for name, dx, anchor in (("asis", 2.5, "start"), ("psis", -2.5, "end")):
        label = {"class": "landmark", "fill": INK, "data-at": name, "data-dx": dx, "data-dy": -1.5}
        label |= {"font-size": 4.0, "text-anchor": anchor}
        view.children.append(El("text", label, [name.upper()]))
    out.append(
        _text(
            {"x": 10, "y": 20, "font-size": 14, "font-weight": "bold", "data-role": "title"},
            title_text,
        )
    )
    return out


def frame_points() -> tuple[str, ...]:
    """Every keypoint the frame's hooks name (what the grid must carry), in first-use order."""
    names: list[str] = []
    for root in body_frame():
        for el in root.walk():
            a = el.attrs
            for hook in ("data-keypoints", "data-at", "data-inset-at"):
                names += [n for n in str(a.get(hook, "")).split() if n not in names]
    return tuple(names)


def _num(el: El, name: str) -> float:
    return float(el.attrs[name])


def paint_elements(elements: list[El], record: dict) -> list[El]:
    """Painted copies of frame elements for ``record``: the Python twin of painter.js.

    The body's hooks are painted by ``body.paint.paint_body`` (as ``paintBody`` in the
    browser); this adds the explorer's own: texts and the load placed at keypoints, the
    close-up's view box and the templated texts.
    """
    elements = paint_body(elements, record, BODY_PAINT_SPEC)

    def at(name):
        return px(record[f"{name}_x"], record[f"{name}_y"])

    for root in elements:
        for el in root.walk():
            a = el.attrs
            if "data-at" in a and el.tag == "text":
                x, y = at(a["data-at"])
                a["x"], a["y"] = _f(x + _num(el, "data-dx")), _f(y + _num(el, "data-dy"))
            elif "data-at" in a and el.tag == "rect":
                side = load_side_px(record.get("load_kg", 0.0))
                x, y = at(a["data-at"])
                # The load rests on the floor rather than pass through it (hands near
                # the floor, a big load hanging from them).
                top = min(y - side / 2, floor_y_px() - side)
                a |= {"x": _f(x - side / 2), "y": _f(top)}
                a |= {"width": _f(side), "height": _f(side)}
            if "data-inset-at" in a:
                x, y = at(a["data-inset-at"])
                v = _num(el, "data-view")
                a["viewBox"] = f"{_f(x - v / 2)} {_f(y - v / 2)} {_f(v)} {_f(v)}"
            if "data-template" in a:
                el.children = [fill_template(a["data-template"], record)]
    return elements


def gauge_reading(gauge: Gauge, record: dict) -> dict:
    """What one gauge shows for a record: value text, bar and band geometry (px)."""
    value = record[gauge.key]
    size = abs(value) if gauge.words else value
    over = gauge.limit is not None and size > gauge.limit
    frac = min(max(size / gauge.full_scale, 0.0), 1.0)
    text = f"{size:.{gauge.decimals}f} {gauge.unit}"
    if gauge.words and size >= 0.5 * 10.0**-gauge.decimals:  # no direction for a shown 0
        text += " " + (gauge.words[0] if value >= 0 else gauge.words[1])
    reading = {
        "value": text,
        "over": OVER_LIMIT if over else "",
        "off_scale": OFF_SCALE_MARK if size > gauge.full_scale else "",
        "bar_width": _f(frac * GAUGE_WIDTH_PX),
        "bar_fill": COLOURS["bar_over"] if over else COLOURS["bar"],
        "band_x": _f(GAUGE_X_PX),
        "band_width": _f(0.0),
    }
    # A band not computed yet (NaN: another position's block) is not drawn.
    if gauge.band and all(math.isfinite(record.get(f, math.nan)) for f in gauge.band):
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
            _tag(
                "text",
                {"class": "mm-text", "fill": INK, "x": x0, "y": y - 6, "data-gauge": g.key},
                f"{label}: {value}{over}",
            )
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
        out.append(
            _tag(
                "text",
                {"class": "mm-text", "fill": INK, "x": _f(x0 + width + 3), "y": y + 12}
                | {"font-size": 10, "data-gauge-off": g.key},
                r.get("off_scale", ""),
            )
        )
        if g.limit is not None:
            lx = _f(x0 + g.limit / g.full_scale * width)
            out.append(
                _tag(
                    "line",
                    # Dark in every theme: it marks the limit on the light track.
                    {"x1": lx, "y1": y - 2, "x2": lx, "y2": y + 18}
                    | {"stroke": INK, "stroke-dasharray": "3,2"},
                )
            )
            out.append(
                _tag(
                    "text",
                    {"class": "mm-text", "fill": INK, "x": lx, "y": y + 31, "font-size": 11}
                    | {"text-anchor": "middle"},
                    html.escape(g.limit_label),
                )
            )
    out.append("</g>")
    return "".join(out)


def _luminance(hex_colour: str) -> float:
    """WCAG relative luminance of ``#rrggbb``."""
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def text_on(fill: str) -> str:
    """Black or white text, whichever contrasts more with ``fill`` (WCAG ratio)."""
    lum = _luminance(fill)
    return "#000000" if (lum + 0.05) / 0.05 >= 1.05 / (lum + 0.05) else "#ffffff"


def badges_svg() -> str:
    """Evidence-grade badges for the chain's links (word and colour)."""
    x0, y0 = BADGE_X_PX, BADGE_Y_PX
    out = [
        '<g class="badges" font-size="11">',
        _tag(
            "text",
            {"class": "mm-text", "fill": INK, "x": x0, "y": y0 - 8, "font-weight": "bold"},
            "Evidence for each link",
        ),
    ]
    for i, (label, link_name) in enumerate(BADGES):
        link = LINKS[link_name]
        y = y0 + i * BADGE_ROW_PX
        fill = GRADE_COLOURS[link.grade]
        source = f"<title>{html.escape(link.source)}</title>"
        rect = {"x": x0, "y": y, "width": 66, "height": 16, "rx": 3}
        out.append(_tag("rect", rect | {"fill": fill}, source))
        out.append(
            _tag(
                "text",
                {"x": x0 + 33, "y": y + 12, "fill": text_on(fill), "text-anchor": "middle"},
                html.escape(link.grade),
            )
        )
        out.append(
            _tag(
                "text",
                {"class": "mm-text", "fill": INK, "x": x0 + 72, "y": y + 12},
                html.escape(label),
            )
        )
    out.append("</g>")
    return "".join(out)


#: The static twin's caption: characters per line (11 px sans-serif, about 5 px a
#: character, in the 820 px between the margins) and the line step, px.
CAPTION_LINE_CHARS = 160
CAPTION_LINE_PX = 14


def _svg(inner: str, readout: str | None, caption: bool, label: str | None = None) -> str:
    label = label if label is not None else readout
    label = f' aria-label="{html.escape(label)}"' if label is not None else ""
    tail = ""
    height = HEIGHT
    if caption and readout is not None:
        # One line each, the picture taller by the extra lines: a long read-out (a
        # note on why the picture stops) is never cut off at the picture's edge.
        lines = textwrap.wrap(readout, CAPTION_LINE_CHARS, break_long_words=False)
        height = HEIGHT + CAPTION_LINE_PX * (len(lines) - 1)
        tail = "".join(
            _tag(
                "text",
                {
                    "class": "mm-text",
                    "fill": INK,
                    "x": 10,
                    "y": HEIGHT - 8 + CAPTION_LINE_PX * i,
                    "font-size": 11,
                },
                html.escape(line),
            )
            for i, line in enumerate(lines)
        )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" font-family="sans-serif" role="img"{label}>'
        f'<rect class="mm-card" width="{WIDTH}" height="{height}" fill="{COLOURS["card"]}"/>'
        f"{inner}{tail}</svg>"
    )


def body_svg(record: dict | None, *, title: str = "") -> str:
    """The body, its close-up and labels as SVG elements (no <svg> wrapper).

    ``record``: the fields of ``grid.FIELDS`` at one setting; None: the unpainted frame.
    """
    elements = body_frame(title)
    if record is not None:
        elements = paint_elements(elements, record)
    return "".join(render(e) for e in elements)


def frame_svg() -> str:
    """The unpainted frame the browser paints: every element, no numbers yet."""
    return _svg(body_svg(None) + gauges_svg(None) + badges_svg(), None, caption=False)


def explorer_svg(record: dict, title: str = "") -> str:
    """A whole explorer frame painted: body, close-up, gauges, badges and the caption.

    ``record``: every field of ``grid.FIELDS`` at one setting (``snapshot(...)["record"]``).
    """
    readout = readout_text(record)
    inner = body_svg(record, title=title) + gauges_svg(record) + badges_svg()
    # A screen reader hears which picture it is (as the live one says it) and its numbers.
    label = f"{title}: {readout}" if title else readout
    return _svg(inner, readout, caption=True, label=label)


def paint_spec() -> dict:
    """What the browser's painter needs beside the frame (JSON-ready)."""
    return {
        "size": [WIDTH, HEIGHT],
        "scale": SCALE,
        "origin": list(ORIGIN),
        "colours": COLOURS,
        "muscle_width": [MUSCLE_WIDTH_BASE_PX, MUSCLE_WIDTH_SPAN_PX],
        "muscle_opacity": [MUSCLE_OPACITY_REST, MUSCLE_OPACITY_SPAN],
        "load_side_px": [LOAD_SIDE_BASE_PX, LOAD_SIDE_PER_KG_PX],
        "floor_y_px": floor_y_px(),
        "gauge": {"x": GAUGE_X_PX, "width": GAUGE_WIDTH_PX},
        "gauges": [asdict(g) for g in GAUGES],
        "over_limit": OVER_LIMIT,
        "off_scale": OFF_SCALE_MARK,
        "readout": READOUT,
        "pinned_view": list(PINNED_VIEW_PX),
        "frame_svg": frame_svg(),
    }
