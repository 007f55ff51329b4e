"""What trials and reviews found for yoga, tai chi and mindfulness in chronic low back pain.

``PUBLISHED_EFFECTS`` is a small table of between-group effects on **pain**, each
with its comparison, follow-up and source. Conventions:

* ``measure`` is ``"MD"`` (mean difference, on a 0-``scale_max`` scale),
  ``"SMD"`` (standardised mean difference, in standard deviations) or ``"RR"``
  (risk ratio of a clinically meaningful improvement).
* For MD and SMD a **negative** value means less pain with the practice than
  with the comparison. For RR a value **above 1** favours the practice.
* ``confirmed`` is True only where every number given was read in the source's
  abstract (or a faithful copy of it) while building this table. Numbers that
  could not be read are left as ``None`` and the ``note`` says why.

Guideline context (not an effect size): the American College of Physicians
recommends that people with chronic low back pain initially select
non-drug treatment, naming exercise, mindfulness-based stress reduction
(moderate-quality evidence), tai chi and yoga among the options (Qaseem A,
Wilt TJ, McLean RM, Forciea MA. Noninvasive treatments for acute, subacute,
and chronic low back pain: a clinical practice guideline from the American
College of Physicians. Ann Intern Med 2017;166:514-30). Its evidence review
rated tai chi low and mindfulness-based stress reduction and yoga moderate
strength of evidence, with pain benefits "small to moderate and generally short
term" (Chou R et al. Ann Intern Med 2017;166:493-505).

To compare an effect with what a person would notice, convert it to points on
a 0-10 scale with :func:`to_points_0_10` and hold it against the minimal
important change (:data:`MID_POINTS_0_10`, Ostelo et al. 2008).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..checks import Range, is_number, show, to_float

MEASURES = ("MD", "SMD", "RR")

#: Minimal important change in pain for low back pain, points on the 0-10
#: numerical rating scale. Ostelo RWJG, Deyo RA, Stratford P, et al.
#: Interpreting change scores for pain and functional status in low back pain:
#: towards international consensus regarding minimal important change. Spine
#: 2008;33:90-4. Their consensus: 15 on the 0-100 visual analogue scale, 2 on
#: the 0-10 numerical rating scale, or a 30% improvement from baseline.
MID_POINTS_0_10 = 2.0
#: The same consensus as a range on 0-10: 1.5 (15/100 on the VAS) to 2 (NRS).
MID_RANGE_POINTS_0_10 = (1.5, 2.0)
#: ...and as a relative change from a person's own baseline, %.
MID_PERCENT = 30.0


@dataclass(frozen=True)
class PublishedEffect:
    """One published between-group effect on pain."""

    practice: str  # "yoga", "tai chi", "MBSR", "mindful exercise"
    study: str  # short citation
    design: str  # e.g. "meta-analysis of 15 RCTs", "RCT, n = 320"
    comparison: str  # what the practice was compared with
    outcome: str  # what was measured
    measure: str  # "MD", "SMD" or "RR"
    scale_max: float | None  # 10 or 100 for MD; None for SMD and RR
    effect: float | None
    ci_low: float | None
    ci_high: float | None
    follow_up: str
    source: str  # full reference
    confirmed: bool
    note: str = ""

    def points_0_10(self) -> tuple[float | None, float | None, float | None] | None:
        """Effect and CI as points on a 0-10 scale, or None if not a mean difference."""
        if self.measure != "MD" or self.scale_max is None:
            return None
        return tuple(
            None if v is None else float(to_points_0_10(v, self.scale_max))
            for v in (self.effect, self.ci_low, self.ci_high)
        )


PUBLISHED_EFFECTS: tuple[PublishedEffect, ...] = (
    PublishedEffect(
        practice="yoga",
        study="Anheyer et al. 2022",
        design="systematic review and meta-analysis, 15 RCTs for this outcome",
        comparison="passive control (usual care or wait list)",
        outcome="pain intensity, numerical rating scale",
        measure="MD",
        scale_max=10.0,
        effect=-0.74,
        ci_low=-1.04,
        ci_high=-0.44,
        follow_up="short term",
        source="Anheyer D, Haller H, Lauche R, Dobos G, Cramer H. Yoga for treating low back pain: a systematic review and meta-analysis. Pain 2022;163(4):e504-e517. doi:10.1097/j.pain.0000000000002416",
        confirmed=True,
        note="SMD -0.37 (95% CI -0.52 to -0.22). Against an active comparator: no significant difference. The authors: effects 'mainly not clinically significant'.",
    ),
    PublishedEffect(
        practice="yoga",
        study="Saper et al. 2017",
        design="RCT, n = 320 (yoga 127, physical therapy 129, education 64)",
        comparison="education (a book and newsletters)",
        outcome="average pain intensity in the previous week, 0-10 NRS",
        measure="MD",
        scale_max=10.0,
        effect=-0.33,
        ci_low=-0.97,
        ci_high=0.32,
        follow_up="12 weeks",
        source="Saper RB, Lemaster C, Delitto A, et al. Yoga, physical therapy, or education for chronic low back pain: a randomized noninferiority trial. Ann Intern Med 2017;167(2):85-94. doi:10.7326/M16-2579",
        confirmed=True,
        note="Table 2: mean change from baseline yoga -1.7, physical therapy -2.3, education -1.4 points. Every arm improved; the education arm alone by 1.4 points.",
    ),
    PublishedEffect(
        practice="yoga",
        study="Wieland et al. 2022 (Cochrane)",
        design="Cochrane systematic review, 21 RCTs (2223 participants)",
        comparison="non-exercise controls (wait list, usual care, education)",
        outcome="pain",
        measure="MD",
        scale_max=100.0,
        effect=None,
        ci_low=None,
        ci_high=None,
        follow_up="3 months",
        source="Wieland LS, Skoetz N, Pilkington K, Harbin S, Vempati R, Berman BM. Yoga for chronic non-specific low back pain. Cochrane Database Syst Rev 2022;11:CD010671. doi:10.1002/14651858.CD010671.pub3",
        confirmed=False,
        note="Pooled pain numbers not confirmed: the copies of the abstract we could read stopped before the results. The 2017 version concluded yoga 'may also be slightly more effective for pain at three and six months, however the effect size did not meet predefined levels of minimum clinical importance'.",
    ),
    PublishedEffect(
        practice="tai chi",
        study="Hall et al. 2011",
        design="RCT, n = 160",
        comparison="wait list (usual health care)",
        outcome="pain intensity, 0-10 scale",
        measure="MD",
        scale_max=10.0,
        effect=-1.3,
        ci_low=None,
        ci_high=None,
        follow_up="10 weeks (18 sessions of 40 min)",
        source="Hall AM, Maher CG, Lam P, Ferreira M, Latimer J. Tai chi exercise for treatment of pain and disability in people with persistent low back pain: a randomized controlled trial. Arthritis Care Res 2011;63(11):1576-83. doi:10.1002/acr.20594",
        confirmed=True,
        note="Point estimates from the abstract; their 95% CIs were not confirmed. Bothersomeness (primary outcome) -1.7 points on 0-10; disability -2.6 points on the 0-24 Roland-Morris scale. A wait-list control does not match attention or expectation.",
    ),
    PublishedEffect(
        practice="tai chi",
        study="Zou et al. 2019",
        design="systematic review and meta-analysis of mindful exercise RCTs (tai chi subgroup)",
        comparison="active and non-active controls",
        outcome="pain intensity",
        measure="SMD",
        scale_max=None,
        effect=-0.75,
        ci_low=-1.05,
        ci_high=-0.46,
        follow_up="end of programme",
        source="Zou L, Zhang Y, Yang L, et al. Are mindful exercises safe and beneficial for treating chronic lower back pain? A systematic review and meta-analysis of randomized controlled trials. J Clin Med 2019;8(5):628. doi:10.3390/jcm8050628",
        confirmed=True,
        note="Few, small tai chi trials; an SMD is in standard deviations, not points (about 2 points per SD on 0-10: see smd_to_points_0_10).",
    ),
    PublishedEffect(
        practice="mindful exercise",
        study="Zou et al. 2019",
        design="systematic review and meta-analysis, 17 RCTs (tai chi, qigong, yoga)",
        comparison="active and non-active controls",
        outcome="pain intensity",
        measure="SMD",
        scale_max=None,
        effect=-0.37,
        ci_low=-0.5,
        ci_high=-0.23,
        follow_up="end of programme",
        source="Zou L, Zhang Y, Yang L, et al. Are mindful exercises safe and beneficial for treating chronic lower back pain? A systematic review and meta-analysis of randomized controlled trials. J Clin Med 2019;8(5):628. doi:10.3390/jcm8050628",
        confirmed=True,
        note="I² = 45.9%.",
    ),
    PublishedEffect(
        practice="MBSR",
        study="Anheyer et al. 2017",
        design="systematic review and meta-analysis, 4 RCTs for this outcome",
        comparison="usual care",
        outcome="pain intensity, numerical rating scale",
        measure="MD",
        scale_max=10.0,
        effect=-0.96,
        ci_low=-1.64,
        ci_high=-0.34,
        follow_up="short term (not sustained in the long term)",
        source="Anheyer D, Haller H, Barth J, Lauche R, Dobos G, Cramer H. Mindfulness-based stress reduction for treating low back pain: a systematic review and meta-analysis. Ann Intern Med 2017;166(11):799-807. doi:10.7326/M16-1997",
        confirmed=True,
        note="SMD -0.48 (95% CI -0.82 to -0.14). Against an active comparator: no significant differences. No serious adverse events reported.",
    ),
    PublishedEffect(
        practice="MBSR",
        study="Cherkin et al. 2016",
        design="RCT, n = 342 (MBSR 116, CBT 113, usual care 113)",
        comparison="usual care",
        outcome="clinically meaningful (>= 30%) improvement in back pain bothersomeness, 0-10",
        measure="RR",
        scale_max=None,
        effect=1.64,
        ci_low=1.15,
        ci_high=2.34,
        follow_up="26 weeks (8 weekly 2-hour sessions)",
        source="Cherkin DC, Sherman KJ, Balderson BH, et al. Effect of mindfulness-based stress reduction vs cognitive behavioral therapy or usual care on back pain and functional limitations in adults with chronic low back pain: a randomized clinical trial. JAMA 2016;315(12):1240-9. doi:10.1001/jama.2016.2323",
        confirmed=True,
        note="About 44% of the MBSR arm vs 27% of usual care reached a 30% improvement: over a quarter improved that much with usual care alone. MBSR and CBT did not differ. Mean differences (Table 3) not confirmed.",
    ),
)


#: Allowed standardised mean differences, SD units, and points on the 0-10 scale.
SMD_RANGE = Range(-10.0, 10.0, "SD")
POINTS_RANGE = Range(-10.0, 10.0, "points")
#: Allowed minimal important change, points (0-10).
MID_RANGE = Range(0.1, 10.0, "points")
#: Allowed typical between-person SD of pain ratings, points (0-10).
SD_POINTS_RANGE = Range(0.0, 5.0, "points", low_open=True)


def _check_scale(scale_max):
    if not is_number(scale_max):
        raise TypeError(f"scale_max must be 10 or 100; got {show(scale_max)}")
    if to_float(scale_max) not in (10.0, 100.0):
        raise ValueError(f"scale_max must be 10 or 100; got {show(scale_max)}")
    return to_float(scale_max)


def _out(arr: np.ndarray):
    return float(arr) if arr.ndim == 0 else arr


def _broadcast(a_name: str, a: np.ndarray, b_name: str, b: np.ndarray) -> None:
    try:
        np.broadcast_shapes(a.shape, b.shape)
    except ValueError:
        raise ValueError(
            f"{a_name} (shape {a.shape}) and {b_name} (shape {b.shape}) "
            "must broadcast against each other"
        ) from None


def to_points_0_10(mean_difference, scale_max=100):
    """A mean difference on a 0-``scale_max`` pain scale as points on a 0-10 scale.

    ``scale_max`` is 10 (numerical rating scale) or 100 (visual analogue
    scale, 0-100 mm). Vectorised: ``mean_difference`` may be an array, each
    value within ``[-scale_max, scale_max]``.
    The sign is kept (negative = less pain with the practice).
    """
    scale = _check_scale(scale_max)
    md = Range(-scale, scale, f"points (0-{scale:g})").check_array(
        "mean_difference", mean_difference
    )
    return _out(md * (10.0 / scale))


def smd_to_points_0_10(smd, sd_points=2.1):
    """A standardised mean difference as approximate points on a 0-10 scale.

    Multiplies by a typical between-person SD of pain ratings, ``sd_points``
    (default 2.1: the 12-week SDs in Saper et al. 2017 were 2.1-2.2 points).
    This is a rough translation: the true SD varies between studies.
    ``smd`` lies in ``SMD_RANGE``, ``sd_points`` in (0, 5]; both may be arrays.
    """
    sd = SD_POINTS_RANGE.check_array("sd_points", sd_points)
    d = SMD_RANGE.check_array("smd", smd)
    _broadcast("smd", d, "sd_points", sd)
    return _out(d * sd)


def fraction_of_mid(points_0_10, mid=MID_POINTS_0_10):
    """How large an effect is relative to the minimal important change (|effect| / mid).

    1.0 means the size of the smallest change a person would call important;
    0.37 means about a third of it. Ostelo et al.'s minimal important change
    is for an *individual's* change; holding a *between-group* difference
    against it is a common but rough comparison (a small average difference
    can hide some people who improve a lot and others who do not).
    ``points_0_10`` lies in ``POINTS_RANGE``, ``mid`` in ``MID_RANGE``.
    """
    m = MID_RANGE.check_array("mid", mid)
    x = POINTS_RANGE.check_array("points_0_10", points_0_10)
    _broadcast("points_0_10", x, "mid", m)
    return _out(np.abs(x) / m)


def effects_for(practice: str) -> tuple[PublishedEffect, ...]:
    """The rows of ``PUBLISHED_EFFECTS`` for one practice."""
    known = sorted({e.practice for e in PUBLISHED_EFFECTS})
    if practice not in known:
        raise ValueError(f"practice must be one of {known}; got {practice!r}")
    return tuple(e for e in PUBLISHED_EFFECTS if e.practice == practice)
