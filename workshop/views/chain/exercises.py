"""Self-check exercises for the kinetic chain (notebooks 01 and 02).

Every expected answer is computed from the models when the exercise is made,
never typed in: change the model and the exercises follow.
"""

from __future__ import annotations

import numpy as np
from IPython.display import HTML

from ...model import evaluate
from ...reference import NIOSH_ACTION_LIMIT_N, NIOSH_HORIZONTAL_FULL_CM, NIOSH_LOAD_CONSTANT_KG
from ..common.exercises import Choice, MultipleChoice, NumberExercise
from ..common.html import table
from .compare import compare_table

#: Notebook 01's exercise: 10 kg held 50 cm out, standing, glutes fully weak ...
FAR_WEAK = {"load_kg": 10.0, "load_distance_m": 0.5, "glute_weakness": 1.0}
#: ... and its two changes: the load brought to 20 cm, or the glutes made strong.
CLOSER = {**FAR_WEAK, "load_distance_m": 0.2}
STRONGER = {**FAR_WEAK, "glute_weakness": 0.0}


def load_distance_changes() -> dict[str, float]:
    """Notebook 01's exercise, solved: the far load with weak glutes (``base``, N) and how
    much each change lowers the modelled L4/L5 compression (N; negative: raises it)."""
    base = float(evaluate(**FAR_WEAK).compression_N)
    return {
        "base": base,
        "closer": base - float(evaluate(**CLOSER).compression_N),
        "stronger": base - float(evaluate(**STRONGER).compression_N),
    }


def load_distance_exercise() -> MultipleChoice:
    """Notebook 01: which lowers L4/L5 compression more, a closer load or strong glutes?"""
    changes = load_distance_changes()
    base, closer, stronger = changes["base"], changes["closer"], changes["stronger"]
    near = f"{CLOSER['load_distance_m']:.2f} m"
    far = f"{FAR_WEAK['load_distance_m']:.2f} m"
    return MultipleChoice(
        "Standing upright with 10 kg in your hands and weak glutes: which lowers the "
        "modelled L4/L5 compression more?",
        [
            Choice(
                f"Bringing the load closer: Load distance from {far} to {near} "
                "(ahead of the lower back, L4/L5)",
                correct=closer > stronger,
                explanation=(
                    f"Bringing the load closer {_change(closer, base)} in the model "
                    f"(from {base:.0f} N)."
                ),
            ),
            Choice(
                "Making the glutes fully strong again",
                correct=stronger >= closer,
                explanation=(
                    f"Making the glutes strong {_change(stronger, base)} in the model "
                    f"(from {base:.0f} N)."
                ),
            ),
        ],
        hint="The load's lever arm about L4/L5 multiplies its weight.",
        solution_text=(
            f"From {base:.0f} N, bringing the load closer {_change(closer, base)}; making the "
            f"glutes strong {_change(stronger, base)}. Upright, weak glutes change little: they "
            "shift a bend onto the lumbar spine (and there is no bend here), tip the pelvis a "
            "few degrees, and hand their share of the hip moment to the hamstrings. The "
            "distance of the load dominates."
        ),
    )


def load_distance_solution() -> HTML:
    """Notebook 01's solution: the model's numbers for both changes of the exercise,
    each beside the far load with weak glutes (two comparison tables)."""
    base = "far, weak glutes"
    close = compare_table(FAR_WEAK, CLOSER, names=(base, "close")).data
    strong = compare_table(FAR_WEAK, STRONGER, names=(base, "strong glutes")).data
    return HTML(close + strong)


def _change(drop_N: float, base_N: float) -> str:
    """What a change does to compression, its sign in the verb: 'lowers the compression by
    about 515 N (33 %)' or 'raises the compression by about 5 N (0.3 %)', from a drop in
    newtons (negative: a rise) and the value it changes (N). Under half a newton: 'leaves
    the compression unchanged'."""
    if abs(drop_N) < 0.5:
        return "leaves the compression unchanged"
    verb = "lowers" if drop_N > 0 else "raises"
    percent = 100 * abs(drop_N) / base_N
    share = f"{percent:.0f}" if percent >= 1 else f"{percent:.1f}"
    return f"{verb} the compression by about {abs(drop_N):.0f} N ({share} %)"


#: Notebook 02's exercise: the load held this far in front of the lower back, m.
NIOSH_DISTANCE_M = 0.5


def niosh_answers() -> dict[str, int]:
    """Heaviest whole kilogram held 50 cm out, upright, under NIOSH's action limit, with the
    contested intra-abdominal pressure relief on (the default) and off."""
    loads = np.arange(0, 51)
    out = {}
    for label, iap in (("IAP relief on (default)", True), ("IAP relief off", False)):
        c = evaluate(load_kg=loads, load_distance_m=NIOSH_DISTANCE_M, iap_relief=iap).compression_N
        out[label] = int(loads[c <= NIOSH_ACTION_LIMIT_N].max())
    return out


def niosh_solution() -> HTML:
    """Notebook 02's solution, as a table: the answer with the contested intra-abdominal
    pressure relief on (the default) and off."""
    rows = [(label, f"{kg} kg") for label, kg in niosh_answers().items()]
    head = ("the model", f"heaviest load under {NIOSH_ACTION_LIMIT_N:.0f} N")
    return HTML(table(head, rows, cls="workshop-solution", numeric=(1,)))


def niosh_exercise() -> NumberExercise:
    """Notebook 02: the heaviest load held 50 cm out, upright, under NIOSH's action limit."""
    answers = niosh_answers()
    answer = answers["IAP relief on (default)"]
    without = answers["IAP relief off"]
    # The lifting equation's horizontal multiplier at this distance, all others at 1.
    recommended = NIOSH_LOAD_CONSTANT_KG * NIOSH_HORIZONTAL_FULL_CM / (NIOSH_DISTANCE_M * 100)
    return NumberExercise(
        "Standing upright, what is the heaviest whole number of kilograms you can hold "
        f"{NIOSH_DISTANCE_M * 100:.0f} cm in front of the lower back before the model's compression passes NIOSH's "
        f"{NIOSH_ACTION_LIMIT_N:.0f} N "
        "(the model as it stands, intra-abdominal pressure relief on)?",
        answer,
        tolerance=0.5,
        unit="kg",
        hint=(
            f"Use the explorer: set the load distance to {NIOSH_DISTANCE_M:.2f} m and raise "
            "the load."
        ),
        solution_text=(
            f"{answer} kg; one more kilogram takes the model past {NIOSH_ACTION_LIMIT_N:.0f} N. "
            "Switch the contested "
            f"intra-abdominal pressure relief off and the answer is {without} kg: a contested "
            "assumption moves it this much, so read either number as a model's, not a rule. "
            f"Neither is a safe load: NIOSH's lifting equation, which sets loads, recommends at "
            f"most {recommended:.1f} kg with the hands {NIOSH_DISTANCE_M * 100:.0f} cm out "
            f"({NIOSH_LOAD_CONSTANT_KG:.0f} kg × {NIOSH_HORIZONTAL_FULL_CM:.0f}/"
            f"{NIOSH_DISTANCE_M * 100:.0f}; Waters et al. 1993; it measures from between the "
            "ankles, which standing upright lie close below L4/L5), and less for most real "
            "lifts."
        ),
    )
