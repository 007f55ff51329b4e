"""Number templates filled from a record: one dialect for Python and the browser.

The explorer's read-out, the close-up's key and the body's labels are templates
sent to the browser (``js/template.js`` fills them there) and filled here for the
static twins, so both show the same words and digits.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

_PLACEHOLDER = re.compile(r"\{(\w+)(?:(\|abs)?:\.(\d+)f|\|sign:([^|}]*)\|([^}]*))\}")


def fixed(value: float, decimals: int) -> str:
    """``value`` with ``decimals`` decimals, as the browser's ``Number.toFixed`` writes it:
    the float's exact value rounded, a tie away from zero (Python's format rounds a
    tie such as -51.25 to even, "-51.2"; the browser writes "-51.3")."""
    exact = Decimal(float(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return f"{exact:.{decimals}f}"


def fill_template(template: str, record: dict) -> str:
    """A template's placeholders filled from ``record`` (as js/template.js fills them).

    ``{field:.Nf}`` the number with N decimals; ``{field|abs:.Nf}`` its size;
    ``{field|sign:A|B}`` the text A when the field is 0.5 or more, B at -0.5 or less,
    nothing between (a direction for a number that reads 0 makes no sense).
    """

    def one(m: re.Match) -> str:
        v = record[m.group(1)]
        if m.group(4) is not None:
            return "" if abs(v) < 0.5 else m.group(4) if v > 0 else m.group(5)
        return fixed(abs(v) if m.group(2) else v, int(m.group(3)))

    return _PLACEHOLDER.sub(one, template)
