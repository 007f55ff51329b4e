"""Self-check exercises for breathing and movement (notebooks 04 and 05).

Every expected answer is computed from the models when the exercise is made.
"""

from __future__ import annotations

from ...breath import PRESETS, Session, hr_oscillation, resonance_rate
from ...movement import MOVEMENTS, load_trace
from ..common.exercises import Choice, MultipleChoice, NumberExercise


def resonance_exercise() -> NumberExercise:
    """Notebook 04: the rate at which the model's heart-rate swing peaks."""
    peak = resonance_rate()
    return NumberExercise(
        "At how many breaths per minute does the model's heart-rate swing peak (to one decimal)?",
        round(peak, 1),
        # Half the last decimal: the neighbours one decimal away are wrong answers.
        tolerance=0.05,
        unit="breaths/min",
        hint="Read the figure's dashed line; its label in the legend gives the rate.",
        solution_text=(
            f"About {peak:.1f} per minute, with a swing of {float(hr_oscillation(peak)):.1f} "
            "beats/min. People's own resonance rates differ: Lehrer's protocol looks for "
            "one between 4.5 and 6.5 a minute (Lehrer, Vaschillo & Vaschillo 2000)."
        ),
    )


def movement_exercise() -> MultipleChoice:
    """Notebook 05: which movement does the model say loads the disc most? The choices
    are the movements the notebook runs with their load traces (not the seated
    alternatives, which it only names), so each can be ruled out from the page."""
    session = Session([(PRESETS["resonance"], 60.0)])
    peaks = {
        m.name: float(load_trace(m, session)[2].disc_pressure_MPa.max())
        for m in MOVEMENTS.values()
        if m.seated_alternative_of is None
    }
    right = max(peaks, key=peaks.get)
    return MultipleChoice(
        "Which movement puts the highest modelled pressure on the L4/L5 disc?",
        [
            Choice(k, correct=k == right, explanation=f"Highest modelled pressure {v:.2f} MPa.")
            for k, v in peaks.items()
        ],
        hint="On the floor, what carries the weight of the trunk?",
        solution_text=(
            f"{right}: {peaks[right]:.2f} MPa. The floor movements stay between the unloaded "
            "disc's 0.10 MPa and below standing's, except the bridge, which comes near "
            "standing's as the hips leave the floor: lying, the floor carries the trunk; on "
            "hands and knees the trunk hangs between the arms and thighs."
        ),
    )
