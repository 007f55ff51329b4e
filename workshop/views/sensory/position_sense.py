"""The body's internal 'GPS' (position sense) as a demo, from ``workshop.sensory``.

``PositionSenseDemo()`` has sliders for movement speed, repetitions and
attention. For the chosen setting and for a fast, inattentive one
(``COMPARISON``) it runs ``reposition_trials`` once (one vectorised call, the
same simulated people in both) and shows the mean repositioning error over the
repetitions as a matplotlib picture, a sentence with the numbers, and the
model's assumptions. Sliders update when released, not on every pixel.

``position_sense_figure`` and ``position_sense_table`` give the same as static
outputs for stored notebooks, slides and handouts.

The demo and its sliders are behind ``trust.TrustBoundary``: the browser may set
a slider's value, finite and within its range, and nothing else.
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
from IPython.display import HTML
from matplotlib.ticker import MaxNLocator

from ...sensory import MAX_REPETITIONS, SPEED_RANGE, reposition_trials
from ..common.demo import SliderDemo, slider
from ..common.exercises import NumberExercise
from ..common.figures import detached, png
from ..common.html import table
from ..common.palette import OKABE_ITO

#: The setting every choice is compared with: a brisk movement, attention elsewhere.
COMPARISON = {"speed_deg_per_s": 60.0, "attention": 0.3}
DEFAULT = {"speed_deg_per_s": 10.0, "repetitions": 20, "attention": 1.0}
SEED = 0  # fixed: the same simulated people every time, so numbers repeat
N_PEOPLE = 200
MAX_DEMO_REPETITIONS = min(60, MAX_REPETITIONS)

#: Healthy groups' active repositioning error, deg (Lee et al. 2010: 1.9 ± 1.2).
HEALTHY_ERROR_DEG = 1.9

ASSUMPTIONS = (
    "Position sense is modelled as an estimate with a bias (it reads systematically high "
    "or low) and noise (it differs from one movement to the next).",
    "Learning needs an error signal after each repetition: a mirror, a teacher's cue, or "
    "attention to another sense. Without one, repetition did not improve repositioning in "
    "Brumagne et al. (2000); with visual feedback, people with chronic low back pain "
    "reached the accuracy of controls (Descarreaux et al. 2005).",
    "The noise grows with movement speed. This is motor-control theory (signal-dependent "
    "noise: Harris & Wolpert 1998; Guigon et al. 2008), not a measurement of the lower back.",
    "Attention scales how much of each error signal is used (0 = none): an assumption.",
    "The sizes are approximate: errors start near 3° at slow speed and can fall towards "
    "the 1–2° of control groups (Lee et al. 2010 measured 1.9° in patients and controls "
    "alike; Brumagne et al. 2000 found painful backs 2.7° less accurate). The model measures "
    "no one and diagnoses nothing.",
)


def _run(speed: float, repetitions: int, attention: float):
    """Chosen setting and the comparison in one call; index 0 = chosen, 1 = comparison."""
    return reposition_trials(
        np.array([speed, COMPARISON["speed_deg_per_s"]]),
        repetitions,
        attention=np.array([attention, COMPARISON["attention"]]),
        seed=SEED,
        n_people=N_PEOPLE,
    )


def position_sense_numbers(
    speed_deg_per_s: float = DEFAULT["speed_deg_per_s"],
    repetitions: int = DEFAULT["repetitions"],
    attention: float = DEFAULT["attention"],
) -> dict:
    """First and last mean absolute error (deg), chosen setting and comparison."""
    r = _run(speed_deg_per_s, repetitions, attention)
    ae = r.absolute_error_deg
    return {
        "speed_deg_per_s": float(speed_deg_per_s),
        "repetitions": int(repetitions),
        "attention": float(attention),
        "first_deg": float(ae[0, 0]),
        "last_deg": float(ae[0, -1]),
        "comparison_first_deg": float(ae[1, 0]),
        "comparison_last_deg": float(ae[1, -1]),
        "noise_sd_deg": float(r.noise_sd_deg[0]),
        "result": r,
    }


def summary_html(numbers: dict) -> str:
    """One sentence with the numbers of a setting against the comparison."""
    n = numbers
    return (
        f'<p class="workshop-position-summary">At <b>{n["speed_deg_per_s"]:g}°/s</b> with '
        f"attention <b>{n['attention']:g}</b>, the mean repositioning error goes from "
        f"<b>{n['first_deg']:.1f}°</b> on the first repetition to <b>{n['last_deg']:.1f}°</b> "
        f"on repetition {n['repetitions']}. Fast and inattentive "
        f"({COMPARISON['speed_deg_per_s']:g}°/s, attention {COMPARISON['attention']:g}): "
        f"{n['comparison_first_deg']:.1f}° to {n['comparison_last_deg']:.1f}°. "
        f"(Model, {N_PEOPLE} simulated people; not a measurement.)</p>"
    )


def position_sense_summary(
    speed_deg_per_s: float = DEFAULT["speed_deg_per_s"],
    repetitions: int = DEFAULT["repetitions"],
    attention: float = DEFAULT["attention"],
) -> HTML:
    """The demo's sentence for one setting, as a static output."""
    return HTML(summary_html(position_sense_numbers(speed_deg_per_s, repetitions, attention)))


def _draw(numbers: dict):
    r = numbers["result"]
    reps = r.repetition
    fig, ax = plt.subplots(figsize=(6.4, 3.6), layout="constrained")
    ax.axhline(
        HEALTHY_ERROR_DEG,
        color="#777777",
        ls=":",
        label=f"patients and controls, about {HEALTHY_ERROR_DEG:g}° (Lee et al. 2010)",
    )
    ax.plot(
        reps,
        r.absolute_error_deg[1],
        color=OKABE_ITO["vermillion"],
        ls="--",
        marker="s",
        ms=3,
        label=(
            f"fast, inattentive: {COMPARISON['speed_deg_per_s']:g}°/s, "
            f"attention {COMPARISON['attention']:g}"
        ),
    )
    ax.plot(
        reps,
        r.absolute_error_deg[0],
        color=OKABE_ITO["blue"],
        lw=2,
        marker="o",
        ms=3,
        label=f"your setting: {numbers['speed_deg_per_s']:g}°/s, attention {numbers['attention']:g}",
    )
    ax.set_xlabel("repetition")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))  # repetitions are whole
    ax.set_ylabel("mean repositioning error (°)")
    ax.set_ylim(0, max(6.0, float(r.absolute_error_deg.max()) * 1.1))
    ax.set_xlim(0.5, max(reps[-1], 2) + 0.5)
    ax.set_title("Position sense with practice (model, not a measurement)", fontsize=10)
    ax.legend(loc="upper right", fontsize=8)
    return fig


def position_sense_figure(
    speed_deg_per_s: float = DEFAULT["speed_deg_per_s"],
    repetitions: int = DEFAULT["repetitions"],
    attention: float = DEFAULT["attention"],
):
    """Mean repositioning error over repetitions: a setting beside the fast, inattentive one."""
    return detached(_draw(position_sense_numbers(speed_deg_per_s, repetitions, attention)))


def position_sense_table(
    speeds=(5.0, 10.0, 30.0, 60.0), attentions=(1.0, 0.3), repetitions: int = 20
) -> HTML:
    """First and last mean error for speeds × attention (one vectorised model call)."""
    speeds = np.asarray(speeds, dtype=float)
    atts = np.asarray(attentions, dtype=float)
    r = reposition_trials(
        speeds[:, None], repetitions, attention=atts[None, :], seed=SEED, n_people=N_PEOPLE
    )
    ae = r.absolute_error_deg
    head = ("speed", "noise SD", *(f"attention {a:g}: first → last" for a in atts))
    rows = [
        (
            f"{s:g}°/s",
            f"{r.noise_sd_deg[i, 0]:.1f}°",
            *(f"{ae[i, j, 0]:.1f}° → {ae[i, j, -1]:.1f}°" for j in range(len(atts))),
        )
        for i, s in enumerate(speeds)
    ]
    caption = (
        f"Mean repositioning error, repetition 1 → {repetitions} "
        f"(model, {N_PEOPLE} simulated people, seed {SEED})"
    )
    numeric = range(len(head))  # every column holds numbers
    return HTML(table(head, rows, cls="workshop-position", numeric=numeric, caption=caption))


def assumptions_html() -> str:
    items = "".join(f"<li>{html.escape(a)}</li>" for a in ASSUMPTIONS)
    return f'<div class="workshop-assumptions"><b>What the model assumes</b><ul>{items}</ul></div>'


def assumptions() -> HTML:
    """The model's assumptions, stated plainly (a static output)."""
    return HTML(assumptions_html())


class PositionSenseDemo(SliderDemo):
    """Sliders for speed, repetitions and attention; the error curve beside a fast, inattentive one.

    ``numbers`` holds the latest :func:`position_sense_numbers`; ``image`` the
    picture (PNG); ``summary`` the sentence. Set a slider's ``value`` from Python
    and everything follows, as when the learner releases it; a value the model
    refuses (NaN) raises ``ValueError`` and the sliders go back to the numbers shown.
    """

    def __init__(self, **values):
        v = {**DEFAULT, **values}
        self.speed = slider(
            widgets.FloatSlider,
            v["speed_deg_per_s"],
            SPEED_RANGE.low,
            SPEED_RANGE.high,
            "Movement speed (°/s)",
            step=1.0,
        )
        self.repetitions = slider(
            widgets.IntSlider, v["repetitions"], 1, MAX_DEMO_REPETITIONS, "Repetitions"
        )
        self.attention = slider(
            widgets.FloatSlider, v["attention"], 0.0, 1.0, "Attention (0 none – 1 full)", step=0.1
        )
        self.summary = widgets.HTML()
        self.image = widgets.Image(format="png", layout={"width": "640px"})
        self._start(
            {
                "speed_deg_per_s": self.speed,
                "repetitions": self.repetitions,
                "attention": self.attention,
            },
            [
                widgets.VBox([self.speed, self.repetitions, self.attention]),
                self.image,
                self.summary,
                widgets.HTML(assumptions_html()),
            ],
            "workshop-position-sense",
        )

    def compute(self, **values) -> dict:
        return position_sense_numbers(**values)

    def show(self, numbers: dict) -> None:
        self.summary.value = summary_html(numbers)
        self.image.value = png(_draw(numbers), dpi=100)

    def static_text(self) -> str:
        n = self.numbers
        return (
            f"PositionSenseDemo: {n['speed_deg_per_s']:g} deg/s, attention {n['attention']:g}, "
            f"error {n['first_deg']:.1f} -> {n['last_deg']:.1f} deg over {n['repetitions']} repetitions"
        )

    def static_html(self) -> str:
        return summary_html(self.numbers)


#: Notebook 03's exercise: fast but attentive ...
EXERCISE_SETTING = {"speed_deg_per_s": 60.0, "repetitions": 20, "attention": 1.0}
#: ... beside slow and attentive (in its solution).
EXERCISE_SLOW_SETTING = {**EXERCISE_SETTING, "speed_deg_per_s": 10.0}


def body_map_solution() -> HTML:
    """Notebook 03's solution: the demo's sentence at the exercise's setting."""
    return position_sense_summary(**EXERCISE_SETTING)


def body_map_exercise() -> NumberExercise:
    """Notebook 03's self-check: read the demo at one setting."""
    n = position_sense_numbers(**EXERCISE_SETTING)
    slow = position_sense_numbers(**EXERCISE_SLOW_SETTING)
    speed, reps = EXERCISE_SETTING["speed_deg_per_s"], EXERCISE_SETTING["repetitions"]
    attention = EXERCISE_SETTING["attention"]
    return NumberExercise(
        f"Predict first, then check with the demo: moving <b>fast ({speed:g}°/s)</b> but with "
        f"<b>full attention</b>, what is the mean repositioning error after <b>{reps}</b> "
        "repetitions, in degrees (to one decimal)?",
        round(n["last_deg"], 1),
        0.05,  # half the last decimal: 0.1° off is a wrong reading of the demo
        "°",
        explain=(
            "Full attention helps, but fast movements stay noisy: the error stays well above "
            "the slow, attentive setting."
        ),
        hint=(
            f"Set the sliders to {speed:g}°/s, {reps} repetitions, attention {attention:g} and "
            "read the sentence under the picture."
        ),
        solution_text=(
            f"About <b>{n['last_deg']:.1f}°</b> (from {n['first_deg']:.1f}° on the first "
            f"repetition). At 60°/s the sensed angle's noise SD is {n['noise_sd_deg']:.1f}° "
            "in this model, so each error signal is noisy and each repetition teaches little; "
            f"at {EXERCISE_SLOW_SETTING['speed_deg_per_s']:g}°/s with full attention it falls "
            f"to {slow['last_deg']:.1f}°."
        ),
    )
