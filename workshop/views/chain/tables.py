"""HTML tables for notebooks: the chain's links with their evidence, model vs measurement."""

from __future__ import annotations

import html

from IPython.display import HTML

from ...data import load_calibration
from ...model import LINKS, evaluate
from ..common.html import markup, table
from ..common.palette import GRADE_COLOURS
from .picture import text_on


def grade_badge(grade: str) -> str:
    """An inline HTML badge: the grade's word on its colour (text, not colour alone),
    in black or white, whichever reads better on that colour (white on the orange,
    green or purple fell below 4.5:1)."""
    colour = GRADE_COLOURS[grade]
    return (
        f'<span style="background:{colour};color:{text_on(colour)};border-radius:3px;'
        f'padding:0 4px;font-size:85%">{html.escape(grade)}</span>'
    )


def chain_links_table() -> HTML:
    """Every link of the model: cause → effect, evidence grade, source and caveat."""
    rows = [
        (
            f"{link.cause} → {link.effect}",
            markup(grade_badge(link.grade)),
            link.source,
            link.note,
        )
        for link in LINKS.values()
    ]
    head = ("link", "evidence", "source", "what to know")
    return HTML(table(head, rows, cls="workshop-links"))


def calibration_table() -> HTML:
    """The calibration activities: model beside the measurement it was calibrated on."""
    rows = []
    for row in load_calibration():
        model = float(evaluate(**row.inputs()).disc_pressure_MPa)
        rows.append(
            (
                row.activity,
                f"{row.disc_pressure_MPa:.2f}",
                f"{model:.2f}",
                f"{model / row.disc_pressure_MPa - 1:+.0%}",
                row.source,
            )
        )
    head = ("activity", "measured, MPa", "model, MPa", "difference", "source (calibration data)")
    return HTML(table(head, rows, cls="workshop-calibration", numeric=(1, 2, 3)))
