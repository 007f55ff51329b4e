"""Two claims of the seed essay about yoga, tai chi and the brain, with their sources.

The seed essay said that yoga and tai chi "increase cortical thickness in brain
regions associated with body awareness", and that "this is not placebo; it's
neuroplastic adaptation". ``CLAIMS`` holds each claim with an evidence grade in
the kit's vocabulary (``workshop.model.chain.GRADES``: strong, moderate, weak,
contested) and the reasons for it; ``BRAIN_STUDIES`` the studies behind them,
each with its design, its size, what it measured and found, and what its design
can and cannot show; ``DESIGNS`` what each kind of study can and cannot show.

Conventions, as in :mod:`workshop.evidence.published`:

* ``finding`` says only what the source's abstract says, in our words.
* ``n`` is the number of people as the abstract gives it, or ``None`` where the
  abstract gives none and we could not confirm it; ``note`` then says so.
* ``confirmed`` is True only where design, ``n`` and finding were all read in
  the abstract (or a faithful copy of it) while building this table.

None of these imaging studies enrolled people with back pain or measured back
pain (as their abstracts describe them). Nothing here diagnoses or gives
treatment advice.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model.chain import GRADES


@dataclass(frozen=True)
class Design:
    """One kind of study: what it compares, and what it can and cannot show."""

    name: str
    compares: str
    can_show: str
    cannot_show: str


DESIGNS: dict[str, Design] = {
    "cross-sectional": Design(
        "cross-sectional comparison",
        "people who already practise against people who do not, scanned once",
        "that the two groups differ, and how a brain measure goes with years or hours of practice",
        "that the practice caused the difference: people who keep up yoga or tai chi "
        "for years may have differed before they began (self-selection), and differ in "
        "fitness, lifestyle, age or education in ways matching cannot remove; a "
        "correlation with years of practice is still a correlation",
    ),
    "trial": Design(
        "randomised trial",
        "people randomised to the practice or a control, scanned before and after",
        "that the practice caused a change in the measure, compared with the control",
        "that the change is specific to the practice unless the control matched time, "
        "attention and expectation; that a brain change is what relieves pain",
    ),
    "review": Design(
        "review of studies",
        "the published studies of a question, read together",
        "how consistent the findings are, and how strong the designs behind them",
        "more than the studies it reviews: a review of small cross-sectional studies "
        "is still evidence of association",
    ),
    "experiment": Design(
        "laboratory experiment",
        "the same people under a placebo and a control condition",
        "that a placebo changes brain activity and reported pain in the laboratory",
        "what happens over weeks of practice in people with back pain",
    ),
}


@dataclass(frozen=True)
class BrainStudy:
    """One study behind the claims, as its abstract reports it."""

    key: str
    study: str  # short citation
    practice: str  # "yoga", "tai chi", "placebo", ...
    design: str  # a key of DESIGNS
    n: str | None  # people, as the abstract gives them; None: not given or not confirmed
    people: str  # who was studied
    measure: str  # what was measured
    finding: str  # what the abstract reports
    source: str  # full reference
    confirmed: bool
    note: str = ""
    #: Whether it measured cortical thickness (the claim's measure) ...
    thickness: bool = False
    #: ... and whether it enrolled people with back pain or measured back pain.
    back_pain: bool = False

    @property
    def randomised(self) -> bool:
        return self.design == "trial"


BRAIN_STUDIES: tuple[BrainStudy, ...] = (
    BrainStudy(
        key="wei2013",
        study="Wei et al. 2013",
        practice="tai chi",
        design="cross-sectional",
        n="22 practitioners, 18 controls",
        people="long-term tai chi chuan practitioners and controls matched for age, sex "
        "and education",
        measure="cortical thickness (MRI)",
        finding="Thicker cortex in practitioners in the right precentral gyrus, insula "
        "sulcus and middle frontal sulcus, and the left superior temporal gyrus and "
        "medial occipito-temporal and lingual sulci; the left occipito-temporal and "
        "lingual thickness went with more intense practice.",
        source="Wei GX, Xu T, Fan FM, et al. Can Taichi reshape the brain? A brain "
        "morphometry study. PLoS One 2013;8(4):e61038. doi:10.1371/journal.pone.0061038",
        confirmed=True,
        thickness=True,
        note="The only study here that measured cortical thickness in tai chi. The authors "
        "write that practice 'could induce' the change; their design shows a difference "
        "between groups.",
    ),
    BrainStudy(
        key="villemure2014",
        study="Villemure et al. 2014",
        practice="yoga",
        design="cross-sectional",
        n=None,
        people="North American yoga practitioners and individually matched controls",
        measure="grey matter volume (voxel-based morphometry), white matter (DTI), "
        "pain tolerance (sensory testing)",
        finding="Practitioners tolerated pain more than twice as long and had more grey "
        "matter in several regions; across people, insular grey matter went with pain "
        "tolerance, and in practitioners with years of yoga.",
        source="Villemure C, Čeko M, Cotton VA, Bushnell MC. Insular cortex mediates "
        "increased pain tolerance in yoga practitioners. Cereb Cortex "
        "2014;24(10):2732-40. doi:10.1093/cercor/bht124",
        confirmed=False,
        note="Group sizes not in the abstract and not confirmed here. Grey matter volume, "
        "not cortical thickness. The authors read the correlation with years of yoga as "
        "'suggesting a causal relationship'; a correlation cannot show one.",
    ),
    BrainStudy(
        key="villemure2015",
        study="Villemure et al. 2015",
        practice="yoga",
        design="cross-sectional",
        n=None,
        people="yoga practitioners and controls",
        measure="grey matter volume with age, years and weekly hours of practice",
        finding="Controls showed the usual grey matter decline with age, practitioners "
        "did not; years of yoga went with grey matter in the left insula, frontal "
        "operculum and orbitofrontal cortex; weekly hours with primary somatosensory "
        "cortex, precuneus, hippocampus and visual cortex.",
        source="Villemure C, Čeko M, Cotton VA, Bushnell MC. Neuroprotective effects of "
        "yoga practice: age-, experience-, and frequency-dependent plasticity. Front Hum "
        "Neurosci 2015;9:281. doi:10.3389/fnhum.2015.00281",
        confirmed=False,
        note="Group sizes not in the abstract and not confirmed here. Grey matter volume, "
        "not cortical thickness.",
    ),
    BrainStudy(
        key="froeliger2012",
        study="Froeliger et al. 2012",
        practice="yoga",
        design="cross-sectional",
        n=None,
        people="hatha yoga meditation practitioners and a matched control group",
        measure="grey matter volume (voxel-based morphometry), self-reported cognitive failures",
        finding="More grey matter in practitioners in frontal, limbic, temporal, occipital "
        "and cerebellar regions, none more in controls; fewer reported cognitive "
        "failures; grey matter went with years of practice.",
        source="Froeliger B, Garland EL, McClernon FJ. Yoga meditation practitioners "
        "exhibit greater gray matter volume and fewer reported cognitive failures: results "
        "of a preliminary voxel-based morphometric analysis. Evid Based Complement "
        "Alternat Med 2012;2012:821307. doi:10.1155/2012/821307",
        confirmed=False,
        note="Called 'preliminary' by its authors. Group sizes not in the abstract and "
        "not confirmed here (a small study).",
    ),
    BrainStudy(
        key="mortimer2012",
        study="Mortimer et al. 2012",
        practice="tai chi",
        design="trial",
        n="120 (4 arms)",
        people="non-demented older adults in Shanghai",
        measure="brain volume (MRI before and after 40 weeks), cognition",
        finding="Against no intervention, brain volume increased with tai chi and with "
        "social interaction (p < 0.05).",
        source="Mortimer JA, Ding D, Borenstein AR, et al. Changes in brain volume and "
        "cognition in a randomized trial of exercise and social interaction in a "
        "community-based sample of non-demented Chinese elders. J Alzheimers Dis "
        "2012;30(4):757-66. doi:10.3233/JAD-2012-120079",
        confirmed=True,
        note="A randomised trial, so it can show cause, but of whole-brain volume in older "
        "adults, not cortical thickness in body-awareness regions; the social interaction "
        "arm changed it too. The walking arm's result was not confirmed in the abstract.",
    ),
    BrainStudy(
        key="gothe2019",
        study="Gothe et al. 2019",
        practice="yoga",
        design="review",
        n="11 studies",
        people="studies of yoga with MRI, fMRI or SPECT",
        measure="brain structure and function",
        finding="Positive effects of yoga reported on the hippocampus, amygdala, "
        "prefrontal and cingulate cortex and brain networks; the authors call it "
        "'promising early evidence'.",
        source="Gothe NP, Khan I, Hayes J, Erlenbach E, Damoiseaux JS. Yoga effects on "
        "brain health: a systematic review of the current literature. Brain Plast "
        "2019;5(1):105-22. doi:10.3233/BPL-190084",
        confirmed=True,
        note="A university summary of the review reported five of the 11 as intervention "
        "studies of 10 to 24 weeks (as reported; not confirmed in the abstract).",
    ),
    BrainStudy(
        key="vanaalst2020",
        study="van Aalst et al. 2020",
        practice="yoga",
        design="review",
        n="34 studies",
        people="neuroimaging studies of yoga practitioners (MRI, PET, SPECT)",
        measure="brain structure and function",
        finding="Grey matter in the insula and hippocampus larger with yoga in several "
        "studies, with much variability and small samples; comparison groups such as "
        "physical activity scarcely used.",
        source="van Aalst J, Ceccarini J, Demyttenaere K, Sunaert S, Van Laere K. What has "
        "neuroimaging taught us on the neurobiology of yoga? A review. Front Integr "
        "Neurosci 2020;14:34. doi:10.3389/fnint.2020.00034",
        confirmed=True,
    ),
    BrainStudy(
        key="wager2004",
        study="Wager et al. 2004",
        practice="placebo",
        design="experiment",
        n=None,
        people="healthy volunteers given experimental pain",
        measure="brain activity (fMRI) in anticipation and experience of pain",
        finding="Placebo analgesia went with less activity in pain-sensitive regions "
        "(thalamus, insula, anterior cingulate cortex) and more prefrontal activity in "
        "anticipation: a placebo changes the brain's processing of pain too.",
        source="Wager TD, Rilling JK, Smith EE, et al. Placebo-induced changes in fMRI in "
        "the anticipation and experience of pain. Science 2004;303(5661):1162-7. "
        "doi:10.1126/science.1093065",
        confirmed=False,
        note="Two fMRI experiments; their sizes are not in the abstract and not confirmed here.",
    ),
)

STUDY_BY_KEY = {s.key: s for s in BRAIN_STUDIES}


@dataclass(frozen=True)
class Claim:
    """A claim of the seed essay, its evidence grade and why.

    ``studies`` are keys of ``STUDY_BY_KEY``; ``trials`` short names of rows of
    ``workshop.evidence.PUBLISHED_EFFECTS`` that bear on it.
    """

    key: str
    text: str  # the essay's words
    grade: str  # one of GRADES
    verdict: str  # what the evidence supports, in one sentence
    reasons: tuple[str, ...]
    studies: tuple[str, ...]
    trials: tuple[str, ...] = ()


CLAIMS: tuple[Claim, ...] = (
    Claim(
        key="cortical_thickness",
        text="Yoga and tai chi increase cortical thickness in brain regions associated "
        "with body awareness.",
        grade="weak",
        verdict="Practitioners differ from non-practitioners in cortical thickness or grey "
        "matter, including the insula (a region linked with sensing the body from "
        "inside); that the practice causes it is not shown.",
        reasons=(
            "Only one study here measured cortical thickness with tai chi (Wei et al. "
            "2013), and it compared 22 practitioners with 18 controls at one time.",
            "The yoga studies measured grey matter volume, not thickness, in small "
            "cross-sectional groups; the correlations with years of practice are "
            "correlations.",
            "The randomised trial (Mortimer et al. 2012) measured whole-brain volume in "
            "older adults, and social interaction increased it too.",
            "The reviews find the insula and hippocampus often larger, with much "
            "variability, small samples and few active comparison groups.",
            "None of these studies was of people with back pain or measured back pain.",
        ),
        studies=(
            "wei2013",
            "villemure2014",
            "villemure2015",
            "froeliger2012",
            "mortimer2012",
            "gothe2019",
            "vanaalst2020",
        ),
    ),
    Claim(
        key="not_placebo",
        text="This is not placebo; it's neuroplastic adaptation.",
        grade="contested",
        verdict="A false choice: a placebo changes the brain too, and trials against "
        "active or attention controls have not shown yoga's effect on back pain to "
        "exceed theirs.",
        reasons=(
            "Placebo analgesia itself changes activity in pain-sensitive regions, the "
            "insula among them (Wager et al. 2004): a brain change does not rule placebo "
            "out.",
            "Whether an effect goes beyond placebo, attention and expectation is tested "
            "by a trial against a control that matches them. Yoga did not beat education "
            "(Saper et al. 2017); against active comparators the difference was not "
            "significant (Anheyer et al. 2022).",
            "No study here shows that a brain change carries the relief of back pain; "
            "the imaging studies measured no back pain.",
        ),
        studies=("wager2004", "villemure2014", "wei2013"),
        trials=("Saper et al. 2017", "Anheyer et al. 2022"),
    ),
)

CLAIM_BY_KEY = {c.key: c for c in CLAIMS}

for _c in CLAIMS:  # one vocabulary of grades, checked when the table is built
    if _c.grade not in GRADES:
        raise ValueError(f"claim {_c.key!r}: grade must be one of {GRADES}; got {_c.grade!r}")
    for _k in _c.studies:
        if _k not in STUDY_BY_KEY:
            raise ValueError(f"claim {_c.key!r}: unknown study {_k!r}")
for _s in BRAIN_STUDIES:
    if _s.design not in DESIGNS:
        raise ValueError(f"study {_s.key!r}: design must be one of {sorted(DESIGNS)}")


def studies_for(claim_key: str) -> tuple[BrainStudy, ...]:
    """The studies behind one claim (``claim_key`` a key of ``CLAIM_BY_KEY``)."""
    if claim_key not in CLAIM_BY_KEY:
        raise ValueError(f"claim_key must be one of {sorted(CLAIM_BY_KEY)}; got {claim_key!r}")
    return tuple(STUDY_BY_KEY[k] for k in CLAIM_BY_KEY[claim_key].studies)
