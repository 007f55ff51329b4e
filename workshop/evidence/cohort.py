"""A simulated cohort with chronic low back pain: who enrols, and how pain moves.

Pain is on the 0-10 numerical rating scale (NRS). Each person has a *true*
long-run mean pain; any one day's rating is that mean plus a day-to-day
fluctuation. Studies enrol people on a bad day (a rating at or above a
threshold), so their enrolment rating sits above their own mean: the next
rating drifts back even if nothing is done. That is regression to the mean
(Morton V, Torgerson DJ. Effect of regression to the mean on decision making
in health care. BMJ 2003;326:1083).

After enrolment three things lower the ratings with no specific effect at all:

* **natural course** — the true mean recovers by a fraction per week;
* **placebo / expectation** — joining a programme with attention and
  expectation lowers reported pain by a fixed number of points;
* **regression to the mean** — the fresh rating is not selected.

A *specific* effect (what the practice itself adds) is zero unless asked for.

The numbers in :class:`Cohort` are teaching choices, not measurements of one
population; each is sourced or marked as an assumption below. Together they
give a drop of about 38% in mean reported pain over 12 weeks with no specific
effect. That is the size of the course observed without any particular
treatment: in inception cohorts with persistent low back pain the mean pain
fell from 51/100 at baseline to 33 at 6 weeks and 26 at 26 weeks (Costa LCM,
Maher CG, Hancock MJ, et al. The prognosis of acute and persistent low-back
pain: a meta-analysis. CMAJ 2012;184:E613-24). Trial arms improve in a similar
pattern whatever they receive, active or inactive (Artus M, van der Windt DA,
Jordan KP, Hay EM. Rheumatology 2010;49:2346-56), and as much as observational
cohorts do (standardised mean change at 13 weeks 1.2, 95% CI 1.1 to 1.3, in
RCT arms; Artus M, van der Windt D, Jordan KP, Croft PR. BMC Musculoskelet
Disord 2014;15:68).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from ..checks import Range, check_fields

#: Allowed ranges of the cohort parameters (both ends closed).
COHORT_RANGES = {
    "population_mean": Range(0.0, 10.0, "points (0-10 NRS)"),
    "population_sd": Range(0.0, 5.0, "points"),
    "fluctuation_sd": Range(0.0, 5.0, "points"),
    "enrol_threshold": Range(0.0, 10.0, "points (0-10 NRS)"),
    "natural_recovery_per_week": Range(0.0, 0.5, "fraction of pain per week"),
    "placebo_points": Range(0.0, 5.0, "points"),
}

#: Give up screening after this many people (an enrolment threshold nobody reaches).
MAX_SCREENED = 5_000_000


@dataclass(frozen=True)
class Cohort:
    """Who is screened, who enrols and how their pain moves without treatment.

    All pain values are points on the 0-10 NRS.
    """

    #: mean of people's true long-run pain among those screened. Assumption:
    #: community adults with chronic low back pain, typical trial baselines lie
    #: near 5-6 (Saper et al. 2017, Ann Intern Med 167:85, Table 2: 12-week
    #: means 5.0-5.6, SD 2.1-2.2).
    population_mean: float = 5.0
    #: between-person SD of true long-run pain (assumption, with the day-to-day
    #: SD below it gives a single-rating SD near 2.1, as in Saper et al. 2017).
    population_sd: float = 1.5
    #: within-person day-to-day SD of a single rating. Assumption: pain in low
    #: back pain fluctuates from week to week (Kongsted A & Leboeuf-Yde C 2010,
    #: The Nordic back pain subpopulation program: weekly text-message ratings).
    fluctuation_sd: float = 1.5
    #: a screened person enrols if that day's rating is at least this. Many
    #: trials require moderate pain, e.g. Cherkin et al. 2016 (JAMA 315:1240)
    #: excluded bothersomeness below 4.
    enrol_threshold: float = 6.0
    #: fraction of true pain that resolves each week (assumption: 1.5% a week
    #: is 17% over 12 weeks; chosen so that, with regression to the mean and
    #: the placebo response, the 12-week drop matches the course in Costa et
    #: al. 2012, about 35% by 6 weeks and 50% by 26 weeks).
    natural_recovery_per_week: float = 0.015
    #: reported-pain reduction from taking part: attention, expectation,
    #: ritual. Hróbjartsson & Gøtzsche found placebo vs no treatment on pain
    #: SMD -0.27 (95% CI -0.40 to -0.15) in their review of randomised
    #: placebo vs no-treatment trials (Danish summary, Ugeskr Laeger 2005); the
    #: 2010 Cochrane update (CD003974) found effects on pain that varied from
    #: negligible to clinically important. 0.27 x SD 2.1 ~ 0.6 points.
    placebo_points: float = 0.6

    def __post_init__(self):
        check_fields(self, COHORT_RANGES)

    def replace(self, **changes) -> Cohort:
        """A copy with some parameters changed (validated)."""
        return replace(self, **changes)


COHORT = Cohort()


def enrol(cohort: Cohort, n: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray, int]:
    """Screen people until ``n`` have a rating at or above the threshold.

    Returns ``(true_mean, baseline_rating, n_screened)``: each enrolled
    person's true long-run pain and enrolment rating (shape ``(n,)``), and how
    many people were screened to find them. Screening is drawn in vectorised
    chunks; the result depends only on the generator's state.
    """
    chunk = max(4 * n, 1000)
    true_parts, rating_parts = [], []
    found, screened = 0, 0
    while found < n:
        if screened >= MAX_SCREENED:
            raise ValueError(
                f"enrol_threshold {cohort.enrol_threshold:g} is too high for this population: "
                f"only {found} of {screened} screened people reached it; lower enrol_threshold "
                f"(range [0, 10]) or raise population_mean"
            )
        true = np.clip(rng.normal(cohort.population_mean, cohort.population_sd, chunk), 0.0, 10.0)
        rating = np.clip(true + rng.normal(0.0, cohort.fluctuation_sd, chunk), 0.0, 10.0)
        keep = rating >= cohort.enrol_threshold
        need = n - found
        idx = np.flatnonzero(keep)
        if idx.size >= need:
            screened += int(idx[need - 1]) + 1
            idx = idx[:need]
        else:
            screened += chunk
        true_parts.append(true[idx])
        rating_parts.append(rating[idx])
        found += idx.size
        chunk = min(2 * chunk, 1_000_000)  # few rounds even when enrolment is rare
    return np.concatenate(true_parts), np.concatenate(rating_parts), screened


def true_course(cohort: Cohort, true_mean: np.ndarray, weeks: int) -> np.ndarray:
    """True pain of each person at weeks 0..``weeks``, shape ``(n, weeks + 1)``.

    Natural course: a constant fraction of the remaining pain resolves each week.
    """
    w = np.arange(weeks + 1)
    return true_mean[:, None] * (1.0 - cohort.natural_recovery_per_week) ** w


def observed_course(
    cohort: Cohort,
    true_mean: np.ndarray,
    baseline: np.ndarray,
    weeks: int,
    specific_points: np.ndarray | float,
    rng: np.random.Generator,
) -> np.ndarray:
    """Reported pain at weeks 0..``weeks``, shape ``(n, weeks + 1)``, clipped to 0-10.

    Week 0 is the enrolment rating. From week 1 on every rating is fresh:
    true course, minus the placebo response, minus ``specific_points`` (per
    person or one number), plus a new day-to-day fluctuation.
    """
    n = true_mean.shape[0]
    course = true_course(cohort, true_mean, weeks)
    shift = cohort.placebo_points + np.broadcast_to(np.asarray(specific_points, float), (n,))
    noise = rng.normal(0.0, cohort.fluctuation_sd, (n, weeks))
    later = np.clip(course[:, 1:] - shift[:, None] + noise, 0.0, 10.0)
    return np.concatenate([baseline[:, None], later], axis=1)
