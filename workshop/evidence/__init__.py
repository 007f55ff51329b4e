"""Reading the evidence honestly: numbers only, numpy only.

* ``simulate_single_group_study`` — a before/after study with no control: a
  ~40% drop in pain appears with **no** specific effect (regression to the
  mean, natural course, placebo response).
* ``simulate_randomised_trial`` — the same population randomised to the
  practice or an attention control: the between-arm difference (95% CI) is
  what estimates the specific effect.
* ``PUBLISHED_EFFECTS`` — what trials and reviews found for yoga, tai chi and
  mindfulness-based stress reduction in chronic low back pain, with sources;
  ``to_points_0_10`` and ``MID_POINTS_0_10`` put them on one scale next to the
  minimal important change.
* ``CLAIMS`` / ``BRAIN_STUDIES`` / ``DESIGNS`` — the seed essay's claims about
  yoga, tai chi and the brain, graded, with the studies behind them and what
  each study design can and cannot show.

Nothing here diagnoses or gives treatment advice.
"""

from .claims import (
    BRAIN_STUDIES,
    CLAIM_BY_KEY,
    CLAIMS,
    DESIGNS,
    BrainStudy,
    Claim,
    Design,
    studies_for,
)
from .cohort import COHORT, COHORT_RANGES, Cohort
from .published import (
    MEASURES,
    MID_PERCENT,
    MID_POINTS_0_10,
    MID_RANGE_POINTS_0_10,
    PUBLISHED_EFFECTS,
    PublishedEffect,
    effects_for,
    fraction_of_mid,
    smd_to_points_0_10,
    to_points_0_10,
)
from .studies import (
    SingleGroupResult,
    TrialResult,
    simulate_randomised_trial,
    simulate_single_group_study,
)

__all__ = [
    "BRAIN_STUDIES",
    "CLAIMS",
    "CLAIM_BY_KEY",
    "DESIGNS",
    "BrainStudy",
    "Claim",
    "Design",
    "studies_for",
    "COHORT",
    "COHORT_RANGES",
    "MEASURES",
    "MID_PERCENT",
    "MID_POINTS_0_10",
    "MID_RANGE_POINTS_0_10",
    "PUBLISHED_EFFECTS",
    "Cohort",
    "PublishedEffect",
    "SingleGroupResult",
    "TrialResult",
    "effects_for",
    "fraction_of_mid",
    "simulate_randomised_trial",
    "simulate_single_group_study",
    "smd_to_points_0_10",
    "to_points_0_10",
]
