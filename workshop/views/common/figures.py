"""Figure helpers shared by every feature's matplotlib figures."""

from __future__ import annotations

import matplotlib.pyplot as plt


def detached(fig):
    """Close ``fig`` in pyplot so it shows once, as the value a notebook cell returns."""
    plt.close(fig)
    return fig
