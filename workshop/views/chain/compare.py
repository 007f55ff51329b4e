"""Two bodies side by side, with the differences in numbers."""

from __future__ import annotations

import html

from IPython.display import HTML, SVG

from . import picture
from .explorer import snapshot

ROWS = (
    ("pelvic_tilt_deg", "pelvic tilt", "°", 1),
    ("lumbar_lordosis_deg", "lumbar lordosis", "°", 1),
    ("compression_N", "L4/L5 compression", "N", 0),
    ("shear_N", "L4/L5 shear", "N", 0),
    ("disc_pressure_MPa", "disc pressure", "MPa", 2),
    ("extensor_force_N", "lumbar extensor force", "N", 0),
)


def compare_table(a: dict, b: dict, names=("A", "B")) -> HTML:
    """Numbers of two settings and B − A."""
    na, nb = snapshot(a)["numbers"], snapshot(b)["numbers"]
    body = "".join(
        f"<tr><td>{label}</td><td>{na[k]:.{d}f} {u}</td><td>{nb[k]:.{d}f} {u}</td>"
        f"<td>{nb[k] - na[k]:+.{d}f} {u}</td></tr>"
        for k, label, u, d in ROWS
    )
    head = (
        f"<tr><th></th><th>{html.escape(names[0])}</th><th>{html.escape(names[1])}</th>"
        f"<th>{html.escape(names[1])} − {html.escape(names[0])}</th></tr>"
    )
    return HTML(f'<table class="workshop-compare">{head}{body}</table>')


def compare_svg(a: dict, b: dict, names=("A", "B")) -> SVG:
    """Two bodies side by side (static), each with its gauges."""
    sa, sb = snapshot(a), snapshot(b)
    w, h = picture.WIDTH, picture.HEIGHT
    parts = []
    for i, (s, name) in enumerate(((sa, names[0]), (sb, names[1]))):
        parts.append(
            f'<g transform="translate({i * w},0)">'
            f'<rect width="{w}" height="{h}" fill="#fff" stroke="#ddd"/>'
            + picture.body_svg(s["numbers"], s["points"], title=name)
            + picture.gauges_svg(s["numbers"], s["band"])
            + "</g>"
        )
    return SVG(
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{2 * w}" height="{h}" '
        f'viewBox="0 0 {2 * w} {h}" font-family="sans-serif">{"".join(parts)}</svg>'
    )
