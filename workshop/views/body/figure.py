"""The body drawn with matplotlib: the usual way, kept for the latency benchmark.

The explorer paints the body in the browser; this draws the same keypoints on a
matplotlib axis so ``benchmarks/explorer_latency.py`` can time the usual tool
(ipympl) against it.
"""

from __future__ import annotations

from ...reference import NIOSH_ACTION_LIMIT_N
from ..common.palette import OKABE_ITO
from .geometry import SKELETON


def draw_body(ax, snap: dict, artists: dict | None = None) -> dict:
    """The explorer's body and compression gauge drawn with matplotlib on ``ax``.

    ``snap`` is ``workshop.views.chain.snapshot(values)``. Pass the returned
    ``artists`` back in to update them in place (``set_data``), as ipympl does.
    """
    pts = snap["points"]
    lines = dict(SKELETON)
    compression = snap["numbers"]["compression_N"]
    if artists is None:
        artists = {}
        for name in lines:
            colour = OKABE_ITO["blue"] if name == "lumbar" else "#444444"
            (artists[name],) = ax.plot([], [], color=colour, lw=4, solid_capstyle="round")
        (artists["disc"],) = ax.plot([], [], "o", color=OKABE_ITO["yellow"], mec="k")
        artists["gauge"] = ax.barh([-1.05], [0.0], height=0.06, left=-0.9, color=OKABE_ITO["blue"])[
            0
        ]
        ax.axvline(
            -0.9 + 1.8 * NIOSH_ACTION_LIMIT_N / 6000, ymin=0.0, ymax=0.08, color="k", ls="--"
        )
        artists["label"] = ax.text(-0.9, -0.98, "", fontsize=9)
        ax.set_xlim(-1.0, 1.0)
        ax.set_ylim(-1.1, 1.0)
        ax.set_aspect("equal")
        ax.axis("off")
    for name, names in lines.items():
        artists[name].set_data([pts[n][0] for n in names], [pts[n][1] for n in names])
    artists["disc"].set_data([pts["l4l5"][0]], [pts["l4l5"][1]])
    artists["gauge"].set_width(1.8 * min(compression / 6000.0, 1.0))
    artists["label"].set_text(f"L4/L5 compression {compression:.0f} N")
    return artists
