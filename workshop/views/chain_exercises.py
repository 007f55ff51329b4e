"""Self-check exercises for notebooks 01, 02, 04 and 05.

Every expected answer is computed from the models when the exercise is made,
never typed in: change the model and the exercises follow.
"""

from __future__ import annotations

import numpy as np

from ..breath import hr_oscillation, resonance_rate
from ..model import evaluate
from .exercises import MultipleChoice, NumberExercise


def load_distance_exercise() -> MultipleChoice:
    """Notebook 01: which lowers L4/L5 compression more, a closer load or strong glutes?"""
    far = {"load_kg": 10.0, "load_distance_m": 0.5, "glute_weakness": 1.0}
    base = float(evaluate(**far).compression_N)
    closer = base - float(evaluate(**{**far, "load_distance_m": 0.2}).compression_N)
    stronger = base - float(evaluate(**{**far, "glute_weakness": 0.0}).compression_N)
    a = "Bringing the load from 50 cm to 20 cm in front of you"
    b = "Making the glutes fully strong again"
    right = a if closer > stronger else b
    return MultipleChoice(
        "Standing upright with 10 kg in your hands and weak glutes: which lowers the "
        "modelled L4/L5 compression more?",
        [a, b],
        right,
        explanations={
            a: f"The closer load {_change(closer)} in the model.",
            b: f"Strong glutes {_change(stronger)} in the model.",
        },
        hint="The load's lever arm about L4/L5 multiplies its weight.",
        solution_text=(
            f"Closer load: {_change(closer)}; strong glutes: {_change(stronger)}. Upright, the "
            "hip extensors carry little of the load; the distance of the load dominates."
        ),
    )


def _change(drop_N: float) -> str:
    """'lowers it by about N N' or 'raises it by about N N', from a drop in newtons."""
    verb = "lowers" if drop_N >= 0 else "raises"
    return f"{verb} it by about {abs(drop_N):.0f} N"


def niosh_answers() -> dict[str, int]:
    """Heaviest whole kilogram held 50 cm out, upright, under NIOSH's 3400 N, with the
    contested intra-abdominal pressure relief on (the default) and off."""
    loads = np.arange(0, 51)
    out = {}
    for label, iap in (("IAP relief on (default)", True), ("IAP relief off", False)):
        c = evaluate(load_kg=loads, load_distance_m=0.5, iap_relief=iap).compression_N
        out[label] = int(loads[c <= 3400.0].max())
    return out


def niosh_exercise() -> NumberExercise:
    """Notebook 02: the heaviest load held 50 cm out, upright, under NIOSH's 3400 N."""
    answers = niosh_answers()
    answer = answers["IAP relief on (default)"]
    without = answers["IAP relief off"]
    return NumberExercise(
        "Standing upright, what is the heaviest whole number of kilograms you can hold 50 cm "
        "in front of the lower back before the model's compression passes NIOSH's 3400 N "
        "(the model as it stands, intra-abdominal pressure relief on)?",
        answer,
        tolerance=0.5,
        unit="kg",
        hint="Use the explorer: set the load distance to 0.50 m and raise the load.",
        solution_text=(
            f"{answer} kg; one more kilogram takes the model past 3400 N. Switch the contested "
            f"intra-abdominal pressure relief off and the answer is {without} kg: a contested "
            "assumption moves it this much, so read either number as a model's, not a rule."
        ),
    )


def resonance_exercise() -> NumberExercise:
    """Notebook 04: the rate at which the model's heart-rate swing peaks."""
    peak = resonance_rate()
    return NumberExercise(
        "At how many breaths per minute does the model's heart-rate swing peak?",
        round(peak, 1),
        tolerance=0.5,
        unit="breaths/min",
        hint="Read the figure's dashed line.",
        solution_text=(
            f"About {peak:.1f} per minute, with a swing of {float(hr_oscillation(peak)):.1f} "
            "beats/min. People's own resonance rates lie between about 4.5 and 7."
        ),
    )


def movement_exercise() -> MultipleChoice:
    """Notebook 05: which movement does the model say loads the disc most?"""
    from ..breath import PRESETS, Session
    from ..movement import MOVEMENTS, load_trace

    session = Session([(PRESETS["resonance"], 60.0)])
    peaks = {
        m.name: float(load_trace(m, session)[2].disc_pressure_MPa.max()) for m in MOVEMENTS.values()
    }
    right = max(peaks, key=peaks.get)
    return MultipleChoice(
        "Which movement puts the highest modelled pressure on the L4/L5 disc?",
        list(peaks),
        right,
        explanations={k: f"Highest modelled pressure {v:.2f} MPa." for k, v in peaks.items()},
        hint="On the floor, what carries the weight of the trunk?",
        solution_text=(
            f"{right}: {peaks[right]:.2f} MPa. The floor movements stay between the unloaded "
            "disc's 0.10 MPa and about half of standing: lying, the floor carries the trunk; "
            "on hands and knees the trunk hangs between the arms and thighs."
        ),
    )
