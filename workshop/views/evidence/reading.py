"""Pictures and tables for reading the evidence honestly (from ``workshop.evidence``).

* ``single_group_figure`` / ``decomposition_table``: a before/after study with no
  control, its weekly mean pain, and where its drop came from (regression to
  the mean, natural course, placebo response, the specific effect, chance).
* ``trial_figure`` / ``trial_table``: the randomised trial's two arms side by
  side, and the difference between them with its 95% CI.
* ``published_effects_figure`` / ``published_effects_table``: what trials and
  reviews found, on a 0-10 scale beside the minimal important change. Only
  confirmed numbers are plotted; the rest are listed as unconfirmed.
* ``StudyDesignDemo``: a slider for the practice's specific effect, and what
  each design reports. The browser may set the slider's value (finite, within
  its range) and nothing else (``trust.TrustBoundary``).
"""

from __future__ import annotations

import textwrap

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
from IPython.display import HTML

from ...evidence import (
    MID_POINTS_0_10,
    MID_RANGE_POINTS_0_10,
    PUBLISHED_EFFECTS,
    SingleGroupResult,
    TrialResult,
    fraction_of_mid,
    simulate_randomised_trial,
    simulate_single_group_study,
    smd_to_points_0_10,
)
from ...reference import TRIAL_LENGTH_WEEKS
from ..common.demo import SliderDemo, slider
from ..common.exercises import Choice, MultipleChoice, NumberExercise
from ..common.figures import detached, png
from ..common.html import span, table
from ..common.palette import OKABE_ITO

SEED = 0
SINGLE_N = 60
TRIAL_N = 200
SMD_SD_POINTS = 2.1  # Saper et al. 2017: 12-week SDs 2.1-2.2 points (workshop.evidence)

#: Parts of a single-group drop: (attribute, label, colour).
PARTS = (
    ("from_regression_to_mean", "regression to the mean", OKABE_ITO["sky_blue"]),
    ("from_natural_course", "natural course", OKABE_ITO["bluish_green"]),
    ("from_placebo", "placebo response", OKABE_ITO["orange"]),
    ("from_specific_effect", "specific effect of the practice", OKABE_ITO["blue"]),
    ("from_other", "chance and the 0–10 floor", "#999999"),
)


def _or_default(result, kind: type, simulate, n: int):
    """``result`` if it is a ``kind``; for ``None`` the default study (``n`` people, the
    trial length, seed ``SEED``)."""
    if result is None:
        return simulate(n, TRIAL_LENGTH_WEEKS, SEED)
    if not isinstance(result, kind):
        raise TypeError(f"result must be a {kind.__name__}; got {type(result).__name__}")
    return result


def _single(result) -> SingleGroupResult:
    return _or_default(result, SingleGroupResult, simulate_single_group_study, SINGLE_N)


def _trial(result) -> TrialResult:
    return _or_default(result, TrialResult, simulate_randomised_trial, TRIAL_N)


def _draw_single(s: SingleGroupResult):
    fig, (ax, bx) = plt.subplots(1, 2, figsize=(9.5, 3.6), layout="constrained")
    weeks = np.arange(s.weeks + 1)
    ax.plot(weeks, s.weekly_mean, color=OKABE_ITO["blue"], lw=2, marker="o", ms=4)
    ax.set_ylim(0, 10)
    ax.set_xlabel("week")
    ax.set_ylabel("mean pain (0–10)")
    ax.set_title(
        f"Single group, n = {s.n}: pain fell {s.percent_drop:.0f}%", fontsize=10, loc="left"
    )
    # A waterfall: each part starts where the one before ended; the total closes it.
    left, labels, ends = 0.0, [], [0.0]
    for i, (attr, label, colour) in enumerate(PARTS):
        v = getattr(s, attr)
        bx.barh([i], [v], left=[left], height=0.6, color=colour, edgecolor="k")
        labels.append(f"{label} {v:+.2f}")
        left += v
        ends.append(left)
    bx.set_xlim(min(0.0, min(ends)) - 0.1, max(ends + [s.mean_drop]) * 1.08 + 0.1)
    bx.barh([len(PARTS)], [s.mean_drop], height=0.6, color="#444444")
    labels.append(f"total drop {s.mean_drop:.2f}")
    bx.set_yticks(range(len(labels)), labels, fontsize=8)
    bx.invert_yaxis()
    bx.axvline(0, color="k", lw=1)
    bx.set_xlabel("points of the drop (0–10 scale)")
    bx.set_title("Where the drop came from", fontsize=10, loc="left")
    return fig


def single_group_figure(result: SingleGroupResult | None = None):
    """Weekly mean pain of a single-group study, and its drop split into its causes."""
    return detached(_draw_single(_single(result)))


def decomposition_table(result: SingleGroupResult | None = None) -> HTML:
    """Where a single-group study's drop came from, in points and as a share of the drop."""
    s = _single(result)
    rows = [
        (label, f"{getattr(s, attr):+.2f}", f"{100 * getattr(s, attr) / s.mean_drop:.0f}%")
        for attr, label, _ in PARTS
    ]
    total = (
        "total drop (95% CI)",
        f"{s.mean_drop:.2f} ({s.mean_drop_ci[0]:.2f} to {s.mean_drop_ci[1]:.2f})",
        "100%",
    )
    head = ("part of the drop", "points (0–10)", "share")
    return HTML(table(head, rows, cls="workshop-decomposition", numeric=(1, 2), foot=[total]))


def _draw_trial(t: TrialResult):
    fig, (ax, bx) = plt.subplots(
        1, 2, figsize=(9.0, 3.6), layout="constrained", gridspec_kw={"width_ratios": [3, 2]}
    )
    weeks = np.arange(t.weeks + 1)
    ax.plot(
        weeks,
        t.weekly_mean_intervention,
        color=OKABE_ITO["blue"],
        lw=2,
        marker="o",
        ms=4,
        label=f"practice (n = {t.n_intervention})",
    )
    ax.plot(
        weeks,
        t.weekly_mean_control,
        color=OKABE_ITO["orange"],
        lw=2,
        ls="--",
        marker="s",
        ms=4,
        label=f"attention control (n = {t.n_control})",
    )
    ax.set_ylim(0, 10)
    ax.set_xlabel("week")
    ax.set_ylabel("mean pain (0–10)")
    ax.set_title("Randomised trial: both arms improve", fontsize=10, loc="left")
    ax.legend(loc="upper right", fontsize=8)
    bx.axvspan(MID_RANGE_POINTS_0_10[0], MID_RANGE_POINTS_0_10[1], color="#dddddd")
    bx.axvline(MID_POINTS_0_10, color="#555555", ls=":", label="minimal important change")
    bx.axvline(0, color="k", lw=1)
    bx.errorbar(
        [t.difference],
        [0],
        xerr=[[t.difference - t.ci_low], [t.ci_high - t.difference]],
        fmt="o",
        color=OKABE_ITO["blue"],
        capsize=5,
        label="difference in drop, 95% CI",
    )
    bx.set_xlim(-1.5, 3.0)
    bx.set_yticks([])
    bx.set_xlabel("extra drop with the practice (points)")
    bx.set_title(
        f"Difference {t.difference:+.2f} ({t.ci_low:+.2f} to {t.ci_high:+.2f})",
        fontsize=10,
        loc="left",
    )
    bx.legend(loc="upper center", bbox_to_anchor=(0.5, -0.3), fontsize=8, frameon=False)
    return fig


def trial_figure(result: TrialResult | None = None):
    """The two arms' weekly mean pain, and the between-arm difference with its 95% CI."""
    return detached(_draw_trial(_trial(result)))


def trial_table(result: TrialResult | None = None) -> HTML:
    """Each arm's baseline, follow-up and drop, and the difference with its 95% CI."""
    t = _trial(result)
    rows = [
        (
            "practice",
            f"{t.n_intervention}",
            f"{t.baseline_mean_intervention:.2f}",
            f"{t.followup_mean_intervention:.2f}",
            f"{t.percent_drop_intervention:.1f}%",
        ),
        (
            "attention control",
            f"{t.n_control}",
            f"{t.baseline_mean_control:.2f}",
            f"{t.followup_mean_control:.2f}",
            f"{t.percent_drop_control:.1f}%",
        ),
    ]
    diff = (
        span("difference in drop, practice − control (95% CI)", 4),
        f"{t.difference:+.2f} ({t.ci_low:+.2f} to {t.ci_high:+.2f}) points",
    )
    head = ("arm", "n", "week 0", f"week {t.weeks}", "drop")
    return HTML(table(head, rows, cls="workshop-trial", numeric=(1, 2, 3, 4), foot=[diff]))


def published_points() -> list[dict]:
    """Each published effect on a 0-10 scale, or the reason it is not plotted.

    ``kind`` is "MD" (a mean difference, rescaled), "SMD" (standard deviations ×
    2.1 points, approximate), or None with ``reason`` for rows that are not plotted.
    """
    out = []
    for e in PUBLISHED_EFFECTS:
        row = {"effect": e, "kind": None, "point": None, "low": None, "high": None, "reason": ""}
        if not e.confirmed or e.effect is None:
            row["reason"] = "numbers not confirmed"
        elif e.measure == "MD":
            row["kind"] = "MD"
            row["point"], row["low"], row["high"] = e.points_0_10()
        elif e.measure == "SMD":
            row["kind"] = "SMD"
            vals = [e.effect, e.ci_low, e.ci_high]
            row["point"], row["low"], row["high"] = (
                None if v is None else float(smd_to_points_0_10(v, SMD_SD_POINTS)) for v in vals
            )
        else:
            row["reason"] = f"a {e.measure} (risk ratio), not a difference in points"
        out.append(row)
    return out


def published_effects_figure():
    """A forest plot of confirmed published effects in points (0-10) with the minimal important change."""
    points = published_points()
    rows = [r for r in points if r["kind"] is not None]
    fig, ax = plt.subplots(figsize=(8.0, 0.5 * len(rows) + 2.6), layout="constrained")
    lo_mid, hi_mid = MID_RANGE_POINTS_0_10
    ax.axvspan(-hi_mid, -lo_mid, color="#dddddd", label="minimal important change 1.5–2 points")
    ax.axvline(-MID_POINTS_0_10, color="#555555", ls=":")
    ax.axvline(0, color="k", lw=1)
    labels = []
    for i, r in enumerate(rows):
        e = r["effect"]
        smd = r["kind"] == "SMD"
        colour = OKABE_ITO["reddish_purple"] if smd else OKABE_ITO["blue"]
        if r["low"] is not None and r["high"] is not None:
            ax.plot([r["low"], r["high"]], [i, i], color=colour, lw=2)
        ax.plot(
            [r["point"]],
            [i],
            marker="D" if smd else "o",
            ms=7,
            color=colour,
            mfc="white" if smd else colour,
        )
        ci = "" if r["low"] is not None else " (CI not confirmed)"
        labels.append(f"{e.practice}: {e.study}{' ≈ SMD×2.1' if smd else ''}{ci}")
    ax.plot([], [], "o", color=OKABE_ITO["blue"], label="mean difference, rescaled to 0–10")
    ax.plot(
        [],
        [],
        "D",
        color=OKABE_ITO["reddish_purple"],
        mfc="white",
        label="SMD × 2.1 points (rough)",
    )
    ax.set_yticks(range(len(rows)), labels, fontsize=8)
    ax.invert_yaxis()
    ax.set_xlim(-2.6, 0.6)
    left_out = [f"{r['effect'].study} ({r['reason']})" for r in points if r["kind"] is None]
    note = "\n".join(textwrap.wrap("Not plotted: " + "; ".join(left_out), 80)) if left_out else ""
    ax.set_xlabel(
        "difference in pain vs comparison, points on 0–10 (negative = less pain)"
        + (f"\n\n{note}" if note else ""),
        fontsize=8,
    )
    ax.set_title("Published effects beside the minimal important change", fontsize=10)
    fig.legend(loc="outside lower center", fontsize=7, ncol=3, frameon=False)
    return detached(fig)


def published_effects_table() -> HTML:
    """Every published row: its number on 0-10, its share of the minimal important change, or why not."""
    rows = []
    for r in published_points():
        e = r["effect"]
        if r["kind"] is None:
            value, share = f"not plotted: {r['reason']}", "—"
        else:
            ci = (
                f" ({r['low']:+.2f} to {r['high']:+.2f})"
                if r["low"] is not None and r["high"] is not None
                else " (CI not confirmed)"
            )
            approx = "≈ " if r["kind"] == "SMD" else ""
            value = f"{approx}{r['point']:+.2f}{ci}"
            share = f"{fraction_of_mid(r['point']):.2f}"
        rows.append(
            (
                e.practice,
                e.study,
                e.design,
                e.comparison,
                f"{e.measure} {'' if e.effect is None else f'{e.effect:g}'}",
                value,
                share,
                e.follow_up,
                e.note,
            )
        )
    head = (
        "practice",
        "study",
        "design",
        "compared with",
        "reported",
        "points on 0–10 (95% CI)",
        f"share of the {MID_POINTS_0_10:g}-point minimal change",
        "follow-up",
        "note",
    )
    return HTML(table(head, rows, cls="workshop-published", numeric=(5, 6)))


def study_numbers(specific_effect: float = 0.0, seed: int = SEED) -> dict:
    """What each design reports for a practice with a given specific effect."""
    s = simulate_single_group_study(
        SINGLE_N, TRIAL_LENGTH_WEEKS, seed, specific_effect=specific_effect
    )
    t = simulate_randomised_trial(
        TRIAL_N, TRIAL_LENGTH_WEEKS, seed, specific_effect=specific_effect
    )
    return {"specific_effect": float(specific_effect), "single": s, "trial": t}


def study_summary_html(n: dict) -> str:
    s, t = n["single"], n["trial"]
    return (
        f'<p class="workshop-study-summary">True specific effect: <b>{n["specific_effect"]:.1f} '
        f"points</b>. The single-group study reports a drop of <b>{s.percent_drop:.1f}%</b> "
        f"({s.mean_drop:.2f} points). The randomised trial reports a difference of "
        f"<b>{t.difference:+.2f} points</b> (95% CI {t.ci_low:+.2f} to {t.ci_high:+.2f}).</p>"
    )


#: True specific effects (points) compared in :func:`design_comparison_table`: none, and
#: the ends of the demo's slider.
COMPARED_EFFECTS = (0.0, 1.0, 2.0)


def design_comparison_table(effects=COMPARED_EFFECTS) -> HTML:
    """What each design reports for a few true specific effects (the demo's numbers, seed
    ``SEED``), and a sentence saying what the numbers show, computed from them."""
    numbers = [study_numbers(e) for e in effects]
    rows = [
        (
            f"{n['specific_effect']:g}",
            f"{n['single'].percent_drop:.0f}% ({n['single'].mean_drop:.2f} points)",
            f"{n['trial'].difference:+.2f} ({n['trial'].ci_low:+.2f} to {n['trial'].ci_high:+.2f})",
        )
        for n in numbers
    ]
    head = (
        "true specific effect (points)",
        "single group: drop",
        "randomised trial: difference (95% CI), points",
    )
    none = next((n for n in numbers if n["specific_effect"] == 0.0), numbers[0])
    top = numbers[-1]
    caption = (
        f"With no specific effect at all the single-group study still reports a drop of "
        f"{none['single'].percent_drop:.0f}%; with an effect of {top['specific_effect']:g} "
        f"points it reports {top['single'].percent_drop:.0f}%. The drop grows with the effect, "
        "but it starts far from zero, so a single group cannot say how much of its drop is "
        "the practice's. The trial's difference follows the true effect."
    )
    return HTML(
        table(head, rows, cls="workshop-design-comparison", numeric=(0, 1, 2), caption=caption)
    )


class StudyDesignDemo(SliderDemo):
    """A slider for the practice's true specific effect; what each design reports.

    The single-group drop grows with the effect but is already large with none,
    so on its own it cannot say how much of a drop is the practice's; the
    trial's between-arm difference tracks the specific effect. A value the
    simulation refuses (NaN) raises ``ValueError``; the slider goes back to the
    effect shown.
    """

    def __init__(self, specific_effect: float = 0.0):
        self.effect = slider(
            widgets.FloatSlider,
            specific_effect,
            0.0,
            2.0,
            "True specific effect (points)",
            step=0.25,
        )
        self.summary = widgets.HTML()
        self.single_image = widgets.Image(format="png", layout={"width": "760px"})
        self.trial_image = widgets.Image(format="png", layout={"width": "760px"})
        self._start(
            {"specific_effect": self.effect},
            [self.effect, self.summary, self.single_image, self.trial_image],
            "workshop-study-design",
        )

    def compute(self, **values) -> dict:
        return study_numbers(**values)

    def show(self, numbers: dict) -> None:
        self.summary.value = study_summary_html(numbers)
        self.single_image.value = png(_draw_single(numbers["single"]), dpi=90)
        self.trial_image.value = png(_draw_trial(numbers["trial"]), dpi=90)

    def static_text(self) -> str:
        s, t = self.numbers["single"], self.numbers["trial"]
        return (
            f"StudyDesignDemo: effect {self.numbers['specific_effect']:.2f} points; single group "
            f"{s.percent_drop:.1f}% drop; trial difference {t.difference:+.2f} "
            f"({t.ci_low:+.2f} to {t.ci_high:+.2f})"
        )

    def static_html(self) -> str:
        return study_summary_html(self.numbers)


def evidence_exercise() -> MultipleChoice:
    """Notebook 06's first self-check: what a single-group drop can tell."""
    none = study_numbers(0.0)["single"]
    return MultipleChoice(
        f"A {TRIAL_LENGTH_WEEKS}-week study of a yoga programme, with no control group, reports "
        "that pain "
        "fell by 40%. What does that tell you about what the yoga itself did?",
        [
            Choice(
                "The yoga reduced pain by 40%.",
                explanation=(
                    "The simulation above dropped by a similar amount with a specific effect of "
                    "zero: regression to the mean, natural course and the placebo response did it."
                ),
            ),
            Choice(
                "The yoga reduced pain, but by less than 40%.",
                explanation=(
                    "Maybe, but the study cannot tell: the whole drop can appear with no effect "
                    "at all, as in the simulation."
                ),
            ),
            Choice(
                "Nothing about the practice's own effect: there is no comparison group.",
                correct=True,
                explanation=(
                    "Yes: only a comparison with a similar group that did not get the practice "
                    "(ideally randomised) separates its effect from everything else."
                ),
            ),
        ],
        hint="Move the specific-effect slider to 0 and read the single-group drop.",
        solution_text=(
            "Nothing about the yoga's own effect. With a specific effect of zero the "
            f"simulated single-group study still shows a drop of {none.percent_drop:.0f}%, from "
            "regression to the mean, the natural course and the placebo response (Morton & "
            "Torgerson 2003; Costa et al. 2012; Artus et al. 2010). A randomised comparison "
            "is needed."
        ),
    )


#: The published row of notebook 06's second exercise (yoga against passive controls).
MID_EXERCISE_STUDY = "Anheyer et al. 2022"


def mid_answer() -> dict:
    """Notebook 06's second exercise, solved: the study, its effect (points on 0-10) and
    that effect as a share of the minimal important change (``fraction_of_mid``)."""
    e = next(x for x in PUBLISHED_EFFECTS if x.study == MID_EXERCISE_STUDY)
    return {
        "study": e.study,
        "effect_points": e.effect,
        "share_of_mid": round(float(fraction_of_mid(e.effect)), 2),
    }


def mid_solution() -> HTML:
    """Notebook 06's second exercise, solved, as a table: the study, its effect on the
    0-10 scale and that effect as a share of the minimal important change."""
    a = mid_answer()
    head = (
        "study",
        "effect, points on 0–10",
        f"share of the {MID_POINTS_0_10:g}-point minimal change",
    )
    rows = [(a["study"], f"{a['effect_points']:+.2f}", f"{a['share_of_mid']:.2f}")]
    return HTML(table(head, rows, cls="workshop-solution", numeric=(1, 2)))


def mid_exercise() -> NumberExercise:
    """Notebook 06's second self-check: an effect as a share of the minimal important change."""
    answer = mid_answer()
    effect, share = answer["effect_points"], answer["share_of_mid"]
    return NumberExercise(
        f"A meta-analysis of yoga against passive controls found {effect:g} points on the "
        f"0–10 scale ({answer['study']}). What fraction of the {MID_POINTS_0_10:g}-point "
        "minimal important change is that (to two decimals)?",
        share,
        0.005,  # half the last decimal: 0.01 off is a wrong answer to two decimals
        explain=f"{share:.0%} of the change a person would call important.",
        hint=f"Divide the size of the effect (ignore the sign) by {MID_POINTS_0_10:g}.",
        solution_text=(
            f"|{effect:g}| / {MID_POINTS_0_10:g} = <b>{share:.2f}</b>: {share:.0%} of the "
            "minimal important change (Ostelo et al. 2008). An average difference this small "
            "can still hide some people who improve a lot and others who do not."
        ),
    )
