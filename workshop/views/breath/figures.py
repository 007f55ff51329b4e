"""Figures for the breathing notebooks: the heart's resonance and a session's heart rate."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np

from ...breath import (
    LEHRER_RESONANCE_FINDING,
    Session,
    hr_oscillation,
    resonance_rate,
    simulate_heart_rate,
)
from ..common.figures import detached
from ..common.html import markup, table
from ..common.palette import OKABE_ITO


def resonance_figure():
    """Modelled peak-to-trough heart-rate swing against breathing rate."""
    rates = np.linspace(2.0, 20.0, 361)
    swing = hr_oscillation(rates)
    peak = resonance_rate()
    fig, ax = plt.subplots(figsize=(6.0, 3.4), layout="constrained")
    ax.plot(rates, swing, color=OKABE_ITO["blue"], lw=2)
    ax.axvline(
        peak,
        color=OKABE_ITO["vermillion"],
        ls="--",
        label=f"model's resonance: {peak:.1f} breaths/min",
    )
    ax.axvspan(12, 20, color="#dddddd", alpha=0.5, label="typical adult resting rates (estimate)")
    ax.set_xlabel("breathing rate (breaths per minute)")
    ax.set_ylabel("heart-rate swing (beats/min)")
    # From 0, so a swing twice as large stands twice as high.
    ax.set_ylim(0.0, float(swing.max()) * 1.1)
    ax.set_title("Heart-rate swing with each breath (closed-loop baroreflex model)", fontsize=10)
    ax.legend(fontsize=8)
    return detached(fig)


def session_heart_rate_figure(session: Session | None = None, seconds: float = 120.0):
    """Simulated heart rate across a session (default: the resonance-finding ramp)."""
    session = session or Session([LEHRER_RESONANCE_FINDING])
    trace = simulate_heart_rate(session)
    keep = trace.time_s <= min(seconds, session.total_s) if seconds else slice(None)
    fig, (ax1, ax2) = plt.subplots(2, 1, figsize=(7.0, 4.0), sharex=True, layout="constrained")
    ax1.plot(trace.time_s[keep], trace.lung_volume[keep], color=OKABE_ITO["sky_blue"])
    ax1.set_ylabel("lung volume")
    ax2.plot(trace.time_s[keep], trace.heart_rate_bpm[keep], color=OKABE_ITO["vermillion"])
    ax2.set_ylabel("heart rate (bpm)")
    ax2.set_xlabel("time (s)")
    ax1.set_title(
        "Modelled heart rate rises on the in-breath and falls on the out-breath", fontsize=10
    )
    return detached(fig)


def presets_table():
    """Every breathing preset with its pattern, rate, evidence and caution (HTML)."""
    import html

    from IPython.display import HTML

    from ...breath import PRESETS

    rows = [
        (
            markup(f"<code>{html.escape(key)}</code>"),
            p.name,
            f"{p.pattern.inhale:g}-{p.pattern.hold_in:g}-{p.pattern.exhale:g}-{p.pattern.hold_out:g}",
            f"{p.pattern.breaths_per_minute:.1f}",
            p.evidence,
            p.caution,
        )
        for key, p in PRESETS.items()
    ]
    head = ("key", "practice", "in-hold-out-hold (s)", "per min", "evidence", "caution")
    return HTML(table(head, rows, cls="workshop-presets", numeric=(2, 3)))


def movements_table(floor_only: bool = False):
    """Movements (all, or only the floor movements a practice plan can hold) with cues,
    cautions, model notes and each floor movement's seated alternative (HTML)."""
    from IPython.display import HTML

    from ...movement.movements import FLOOR_MOVEMENTS, MOVEMENTS

    chosen = (FLOOR_MOVEMENTS if floor_only else MOVEMENTS).values()
    rows = [
        (m.name, m.inhale_cue, m.exhale_cue, m.caution, m.model_note, alternative_text(m))
        for m in chosen
    ]
    head = ("movement", "in-breath", "out-breath", "caution", "in the model", "seated")
    return HTML(table(head, rows, cls="workshop-movements"))


def alternative_text(m) -> str:
    """A floor movement's seated alternative, or what a seated alternative stands in for,
    with the key to give ``BreathPacer(movement=...)``; empty for the others."""
    from ...movement.movements import MOVEMENTS, SEATED_ALTERNATIVES

    if m.key in SEATED_ALTERNATIVES:
        alt = SEATED_ALTERNATIVES[m.key]
        return f"seated alternative: {alt.name} (movement={alt.key!r})"
    if m.seated_alternative_of:
        return f"in place of: {MOVEMENTS[m.seated_alternative_of].name}"
    return ""


def movement_load_ranges(minutes: float = 1.0):
    """Modelled L4/L5 disc pressure range (MPa) of each movement over resonance breathing."""
    from IPython.display import HTML

    from ...breath import PRESETS
    from ...movement.movements import MOVEMENTS, load_trace

    session = Session([(PRESETS["resonance"], minutes * 60.0)])
    rows = []
    for m in MOVEMENTS.values():
        _, _, r = load_trace(m, session)
        p = r.disc_pressure_MPa
        rows.append((m.name, f"{float(p.min()):.2f}", f"{float(p.max()):.2f}"))
    head = ("movement", "lowest, MPa", "highest, MPa")
    return HTML(table(head, rows, cls="workshop-loads", numeric=(1, 2)))
