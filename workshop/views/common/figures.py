"""Figure helpers shared by every feature's matplotlib figures."""

from __future__ import annotations

import io

import matplotlib.pyplot as plt


def detached(fig):
    """Close ``fig`` in pyplot so it shows once, as the value a notebook cell returns."""
    plt.close(fig)
    return fig


def png(fig, dpi: int = 100) -> bytes:
    """``fig`` as PNG bytes at ``dpi`` dots per inch (for an ``Image`` widget), then closed."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi)
    plt.close(fig)
    return buf.getvalue()
