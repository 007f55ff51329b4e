"""HTML helpers: the one builder of the kit's tables.

``table(head, rows, cls=..., numeric=...)`` escapes every text cell, aligns text
columns left and number columns right (JupyterLab right-aligns every cell of a
rendered table by default, which makes long questions and cautions hard to
read), and takes markup only where a cell says so (:func:`markup`).
"""

from __future__ import annotations

import html
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Cell:
    """One table cell: text (escaped) or ``is_markup`` HTML, spanning ``colspan`` columns."""

    content: str
    is_markup: bool = False
    colspan: int = 1


def markup(content: str, colspan: int = 1) -> Cell:
    """A cell whose content is HTML already (a badge, ``<code>``), not escaped again."""
    return Cell(content, is_markup=True, colspan=colspan)


def span(text: str, colspan: int) -> Cell:
    """A text cell spanning ``colspan`` columns."""
    return Cell(text, colspan=colspan)


def _cell(tag: str, value, column: int, numeric: Collection[int]) -> tuple[str, int]:
    c = value if isinstance(value, Cell) else Cell(str(value))
    body = c.content if c.is_markup else html.escape(c.content)
    align = "right" if column in numeric else "left"
    span_attr = f' colspan="{c.colspan}"' if c.colspan != 1 else ""
    return f'<{tag}{span_attr} style="text-align:{align}">{body}</{tag}>', c.colspan


def _row(tag: str, cells: Iterable, numeric: Collection[int]) -> str:
    parts, column = [], 0
    for value in cells:
        text, width = _cell(tag, value, column, numeric)
        parts.append(text)
        column += width
    return "<tr>" + "".join(parts) + "</tr>"


def table(
    head: Sequence,
    rows: Iterable[Sequence],
    *,
    cls: str,
    numeric: Collection[int] = (),
    caption: str = "",
    foot: Iterable[Sequence] = (),
) -> str:
    """An HTML ``<table class="cls">``: a header row, body rows and optional footer rows.

    head     the column titles (text, or :class:`Cell`)
    rows     one sequence of cells per row: ``str`` (escaped) or :class:`Cell`
    numeric  indices of the columns holding numbers (right-aligned; the rest left)
    caption  text above the table (escaped)
    foot     rows drawn as header cells (``<th>``) after the body, e.g. a total
    """
    parts = [f'<table class="{html.escape(cls)}">']
    if caption:
        parts.append(f"<caption>{html.escape(caption)}</caption>")
    parts.append(_row("th", head, numeric))
    parts.extend(_row("td", row, numeric) for row in rows)
    parts.extend(_row("th", row, numeric) for row in foot)
    parts.append("</table>")
    return "".join(parts)
