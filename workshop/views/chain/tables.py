"""HTML tables for notebooks: the chain's links with their evidence, model vs measurement."""

from __future__ import annotations

import html

from IPython.display import HTML

from ...data import load_calibration
from ...model import LINKS, evaluate
from ..common.palette import GRADE_COLOURS


def grade_badge(grade: str) -> str:
    """An inline HTML badge: the grade's word on its colour (text, not colour alone)."""
    colour = GRADE_COLOURS[grade]
    return (
        f'<span style="background:{colour};color:#fff;border-radius:3px;'
        f'padding:0 4px;font-size:85%">{html.escape(grade)}</span>'
    )


def chain_links_table() -> HTML:
    """Every link of the model: cause → effect, evidence grade, source and caveat."""
    rows = []
    for link in LINKS.values():
        rows.append(
            "<tr>"
            f"<td>{html.escape(link.cause)} → {html.escape(link.effect)}</td>"
            f"<td>{grade_badge(link.grade)}</td>"
            f"<td>{html.escape(link.source)}</td>"
            f"<td>{html.escape(link.note)}</td>"
            "</tr>"
        )
    head = "<tr><th>link</th><th>evidence</th><th>source</th><th>what to know</th></tr>"
    return HTML(f'<table class="workshop-links">{head}{"".join(rows)}</table>')


def calibration_table() -> HTML:
    """The calibration activities: model beside the measurement it was calibrated on."""
    rows = []
    for row in load_calibration():
        model = float(evaluate(**row.inputs()).disc_pressure_MPa)
        rows.append(
            "<tr>"
            f"<td>{html.escape(row.activity)}</td>"
            f"<td>{row.disc_pressure_MPa:.2f}</td>"
            f"<td>{model:.2f}</td>"
            f"<td>{model / row.disc_pressure_MPa - 1:+.0%}</td>"
            f"<td>{html.escape(row.source)}</td>"
            "</tr>"
        )
    head = (
        "<tr><th>activity</th><th>measured, MPa</th><th>model, MPa</th>"
        "<th>difference</th><th>source (calibration data)</th></tr>"
    )
    return HTML(f'<table class="workshop-calibration">{head}{"".join(rows)}</table>')
