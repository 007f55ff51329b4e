"""Two settings side by side: the difference rows and two static bodies with them between.

``ROWS`` is the one list of what an A/B comparison shows; the live explorer
receives it (``paint_spec``/layout) and fills the same rows in the browser.
"""

from __future__ import annotations

import html

from IPython.display import HTML, SVG

from ..common.html import table
from ..common.template import fixed
from . import picture
from .grid import snapshot

#: Rows of an A/B comparison: output, label, unit, decimals.
ROWS = (
    ("pelvic_tilt_deg", "pelvic tilt", "°", 1),
    ("lumbar_lordosis_deg", "lumbar lordosis", "°", 1),
    ("compression_N", "L4/L5 compression", "N", 0),
    ("shear_N", "L4/L5 shear", "N", 0),
    ("disc_pressure_MPa", "disc pressure", "MPa", 2),
    ("extensor_force_N", "lumbar extensor force", "N", 0),
)


def signed(delta: float, decimals: int) -> str:
    """A difference with its sign (+3, -2), and no sign when it reads 0 (never "-0")."""
    text = fixed(delta, decimals)
    if float(text) == 0:
        return fixed(0.0, decimals)
    return text if text.startswith("-") else f"+{text}"


def diff_cells(a: dict, b: dict) -> list[list[str]]:
    """For each of ``ROWS``: label, A, B and B − A as text (values with units)."""
    return [
        [label, f"{fixed(a[k], d)} {u}", f"{fixed(b[k], d)} {u}", f"{signed(b[k] - a[k], d)} {u}"]
        for k, label, u, d in ROWS
    ]


def diff_table_html(a: dict, b: dict, names=("A", "B"), css_class="workshop-compare") -> str:
    """``diff_cells`` as an HTML table with a header naming A and B."""
    na, nb = names
    return table(["", na, nb, f"{nb} − {na}"], diff_cells(a, b), cls=css_class, numeric=(1, 2, 3))


def compare_table(a: dict, b: dict, names=("A", "B")) -> HTML:
    """Numbers of two settings and B − A."""
    return HTML(diff_table_html(snapshot(a)["numbers"], snapshot(b)["numbers"], names))


#: The comparison picture (px): each side shows the body and its close-up (the part of the
#: explorer's frame left of the gauges), the differences in a column between them.
SIDE_WIDTH_PX = 600.0
DIFF_WIDTH_PX = 330.0


def _side(record: dict, name: str, x: float) -> str:
    w, h = SIDE_WIDTH_PX, picture.HEIGHT
    return (
        f'<svg x="{x:g}" y="0" width="{w:g}" height="{h}" viewBox="0 0 {w:g} {h}">'
        f'<rect class="mm-card" width="{w:g}" height="{h}" fill="{picture.COLOURS["card"]}" '
        f'stroke="{picture.COLOURS["frame"]}"/>' + picture.body_svg(record, title=name) + "</svg>"
    )


def _differences(a: dict, b: dict, names, x: float) -> str:
    na, nb = names
    ink = picture.INK
    out = [
        f'<g font-size="15" fill="{ink}"><text x="{x + 12:g}" y="40" font-weight="bold" '
        f'font-size="17">{html.escape(f"{nb} − {na}")}</text>'
    ]
    for i, (label, va, vb, delta) in enumerate(diff_cells(a, b)):
        y = 80 + 56 * i
        out.append(
            f'<text x="{x + 12:g}" y="{y}"><tspan font-weight="bold">'
            f"{html.escape(label)}: {html.escape(delta)}</tspan></text>"
            f'<text x="{x + 12:g}" y="{y + 20}" font-size="13.5">'
            f"{html.escape(f'{na} {va} → {nb} {vb}')}</text>"
        )
    out.append("</g>")
    return "".join(out)


def compare_svg(a: dict, b: dict, names=("A", "B")) -> SVG:
    """Two bodies side by side, A | differences | B (static), scaled to the output's width.

    ``a`` and ``b`` are explorer settings; the picture's width follows the page
    (``width="100%"`` with its ``viewBox``), so it fits any output area.
    """
    ra, rb = snapshot(a)["record"], snapshot(b)["record"]
    w = 2 * SIDE_WIDTH_PX + DIFF_WIDTH_PX
    h = picture.HEIGHT
    inner = (
        _side(ra, names[0], 0.0)
        + _differences(ra, rb, names, SIDE_WIDTH_PX)
        + _side(rb, names[1], SIDE_WIDTH_PX + DIFF_WIDTH_PX)
    )
    label = html.escape(
        f"{names[0]}: {picture.readout_text(ra)} {names[1]}: {picture.readout_text(rb)}"
    )
    return SVG(
        f'<svg xmlns="http://www.w3.org/2000/svg" width="100%" viewBox="0 0 {w:g} {h}" '
        f'style="max-width:100%;height:auto" font-family="sans-serif" role="img" '
        f'aria-label="{label}">'
        f'<rect width="{w:g}" height="{h}" fill="{picture.COLOURS["card"]}"/>{inner}</svg>'
    )
