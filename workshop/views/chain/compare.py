"""Two settings side by side: the difference rows and two static bodies.

``ROWS`` is the one list of what an A/B comparison shows; the live explorer
receives it (``paint_spec``/layout) and fills the same rows in the browser.
"""

from __future__ import annotations

import html

from IPython.display import HTML, SVG

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


def diff_cells(a: dict, b: dict) -> list[list[str]]:
    """For each of ``ROWS``: label, A, B and B − A as text (values with units)."""
    return [
        [label, f"{a[k]:.{d}f} {u}", f"{b[k]:.{d}f} {u}", f"{b[k] - a[k]:+.{d}f} {u}"]
        for k, label, u, d in ROWS
    ]


def diff_table_html(a: dict, b: dict, names=("A", "B"), css_class="workshop-compare") -> str:
    """``diff_cells`` as an HTML table with a header naming A and B."""
    na, nb = (html.escape(n) for n in names)
    head = f"<tr><th></th><th>{na}</th><th>{nb}</th><th>{nb} − {na}</th></tr>"
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>"
        for row in diff_cells(a, b)
    )
    return f'<table class="{css_class}">{head}{body}</table>'


def compare_table(a: dict, b: dict, names=("A", "B")) -> HTML:
    """Numbers of two settings and B − A."""
    return HTML(diff_table_html(snapshot(a)["numbers"], snapshot(b)["numbers"], names))


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
            + picture.gauges_svg(s["record"])
            + "</g>"
        )
    return SVG(
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{2 * w}" height="{h}" '
        f'viewBox="0 0 {2 * w} {h}" font-family="sans-serif">{"".join(parts)}</svg>'
    )
