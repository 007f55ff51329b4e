"""Red flags for low back pain, and precautions for unsupervised practice, as data.

A **red flag** is a sign or symptom that can raise suspicion of a serious
problem behind back pain. Red flags are prompts to get checked, not tests:
"there is an absence of high-quality evidence for the diagnostic accuracy of
most red flags" (Finucane et al. 2020), and most people who answer yes to one
have no serious problem. That is exactly why the kit sends a yes to a
clinician and never interprets it.

A **precaution** is a situation where practising movements alone, from a
notebook, can do harm, so a clinician or a qualified teacher should adapt the
practice first.

Sources:

* NICE. Low back pain and sciatica in over 16s: assessment and management.
  NICE guideline NG59, 30 November 2016, last updated 11 December 2020:
  think about alternative diagnoses and exclude specific causes such as
  cancer, infection, trauma or inflammatory disease such as spondyloarthritis.
* Finucane LM, Downie A, Mercer C, et al. International framework for red
  flags for potential serious spinal pathologies. J Orthop Sports Phys Ther
  2020;50(7):350-72. doi:10.2519/jospt.2020.9971. Covers cauda equina
  syndrome, spinal fracture, spinal malignancy and spinal infection.
* NICE. Spondyloarthritis in over 16s: diagnosis and management. NICE guideline
  NG65, 28 February 2017: low back pain that started before 45 and has lasted over
  3 months is referred for assessment when 4 or more of its further criteria are
  present (with exactly 3, after an HLA-B27 test); improvement with movement and
  waking in the second half of the night are two of them. The screen's question
  asks about two and sends a yes to a clinician: more cautious than NICE's rule.
* Bigos S, Bowyer O, Braen G, et al. Acute low back problems in adults. Clinical
  Practice Guideline No. 14. AHCPR Publication 95-0642, 1994: age over 50 or under
  20 among the red flags for tumour or infection.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Urgency levels, most urgent first.
EMERGENCY = "emergency — today"
SOON = "see a clinician soon"
BEFORE_PRACTICE = "check with a clinician before practising"
URGENCIES = (EMERGENCY, SOON, BEFORE_PRACTICE)

NICE_NG59 = "NICE guideline NG59, Low back pain and sciatica in over 16s (2016, updated 2020)"
FINUCANE_2020 = "Finucane LM et al. International framework for red flags for potential serious spinal pathologies. J Orthop Sports Phys Ther 2020;50(7):350-72"
NICE_NG65 = "NICE guideline NG65, Spondyloarthritis in over 16s: diagnosis and management (2017)"
AHCPR_1994 = "Bigos S et al. Acute low back problems in adults. Clinical Practice Guideline No. 14, AHCPR Publication 95-0642, 1994"


@dataclass(frozen=True)
class RedFlag:
    """One screening question about a possible serious cause of back pain.

    key           the answer's key in ``screen(answers)``
    question      the plain-language question (a yes is the concerning answer)
    label         a short neutral description of the yes, used in messages
    may_indicate  what a clinician would want to rule out (for instructors;
                  never shown as a conclusion about the person)
    urgency       one of ``URGENCIES``
    source        where the flag comes from
    """

    key: str
    question: str
    label: str
    may_indicate: str
    urgency: str
    source: str


@dataclass(frozen=True)
class Precaution:
    """A situation where unsupervised practice can hurt.

    key, question, label, urgency, source as for :class:`RedFlag`;
    concern   why practising alone is risky
    advice    what to do instead (general, not individual treatment advice)
    """

    key: str
    question: str
    label: str
    concern: str
    advice: str
    urgency: str
    source: str


RED_FLAGS: tuple[RedFlag, ...] = (
    RedFlag(
        key="saddle_numbness",
        question="Is there new numbness, tingling or loss of feeling around your bottom, genitals or inner thighs (where you would sit on a saddle)?",
        label="new numbness or tingling in the saddle area",
        may_indicate="cauda equina syndrome (pressure on the nerves at the base of the spine)",
        urgency=EMERGENCY,
        source=FINUCANE_2020,
    ),
    RedFlag(
        key="bladder_bowel_change",
        question="Have you recently had new trouble passing urine, leaking, losing control of your bladder or bowels, or not feeling when you need to go?",
        label="new bladder or bowel changes",
        may_indicate="cauda equina syndrome",
        urgency=EMERGENCY,
        source=FINUCANE_2020,
    ),
    RedFlag(
        key="sexual_function_change",
        question="Have you noticed a new loss of feeling in your genitals or a new change in sexual function?",
        label="a new change in genital feeling or sexual function",
        may_indicate="cauda equina syndrome",
        urgency=EMERGENCY,
        source=FINUCANE_2020,
    ),
    RedFlag(
        key="both_legs",
        question="Is there pain, numbness or weakness in both legs that is new or getting worse?",
        label="new or worsening symptoms in both legs",
        may_indicate="cauda equina syndrome or other nerve compression",
        urgency=EMERGENCY,
        source=FINUCANE_2020,
    ),
    RedFlag(
        key="worsening_weakness",
        question="Is a leg or foot getting weaker (for example the foot slaps or catches, or the leg gives way)?",
        label="a leg or foot getting weaker",
        may_indicate="progressive neurological deficit",
        urgency=EMERGENCY,
        source=NICE_NG59 + "; " + FINUCANE_2020,
    ),
    RedFlag(
        key="major_trauma",
        question="Did the pain start after a significant fall, a road accident or a heavy blow?",
        label="pain that started after a significant fall or accident",
        may_indicate="spinal fracture",
        urgency=EMERGENCY,
        source=NICE_NG59 + "; " + FINUCANE_2020,
    ),
    RedFlag(
        key="fever_unwell",
        question="Along with the back pain, is there a fever, shivering, or a feeling of being generally very unwell?",
        label="fever or feeling very unwell with the back pain",
        may_indicate="spinal infection",
        urgency=EMERGENCY,
        source=NICE_NG59 + "; " + FINUCANE_2020,
    ),
    RedFlag(
        key="infection_risk",
        question="Do you take medicines that weaken the immune system, inject drugs, or have you recently had a serious infection or a procedure on your spine?",
        label="a raised risk of infection",
        may_indicate="spinal infection",
        urgency=SOON,
        source=FINUCANE_2020,
    ),
    RedFlag(
        key="minor_trauma_fragile_bones",
        question="Do you have osteoporosis or take steroid tablets long-term, and did the pain start suddenly, for example after a minor fall, a lift, a cough or a sneeze?",
        label="sudden pain with fragile bones or long-term steroids",
        may_indicate="osteoporotic (fragility) fracture of a vertebra",
        urgency=SOON,
        source=FINUCANE_2020,
    ),
    RedFlag(
        key="cancer_history",
        question="Have you ever been treated for cancer?",
        label="a past cancer",
        may_indicate="spinal malignancy (a cancer that has spread to the spine)",
        urgency=SOON,
        source=NICE_NG59 + "; " + FINUCANE_2020,
    ),
    RedFlag(
        key="weight_loss",
        question="Have you lost weight recently without trying?",
        label="unexplained weight loss",
        may_indicate="spinal malignancy or infection",
        urgency=SOON,
        source=FINUCANE_2020,
    ),
    RedFlag(
        key="constant_night_pain",
        question="Is the pain constant and getting worse, not eased by rest or changing position, including at night?",
        label="constant, worsening pain not eased by rest",
        may_indicate="spinal malignancy or infection",
        urgency=SOON,
        source=FINUCANE_2020,
    ),
    RedFlag(
        key="inflammatory_pattern",
        question="Has your back pain lasted more than 3 months, did it start before age 45, and does it ease with movement rather than rest, or wake you in the second half of the night?",
        label="an inflammatory pattern of pain and stiffness",
        may_indicate="inflammatory disease such as axial spondyloarthritis",
        urgency=SOON,
        source=NICE_NG65,
    ),
    RedFlag(
        key="new_pain_age",
        question="Is this the first time you have had back pain, and are you under 20 or over 50?",
        label="a first episode of back pain under 20 or over 50",
        may_indicate="a specific cause that is more likely at these ages (one flag among many, weak on its own)",
        urgency=SOON,
        source=FINUCANE_2020 + "; " + AHCPR_1994,
    ),
)


PRECAUTIONS: tuple[Precaution, ...] = (
    Precaution(
        key="stenosis_symptoms",
        question="Do your legs ache, tingle or feel heavy when you walk or stand for a while, and ease when you sit or bend forward?",
        label="leg symptoms on walking or standing that ease with sitting",
        concern="This pattern (neurogenic claudication) is typical of lumbar spinal stenosis; backward bending narrows the spinal canal and can bring the symptoms on.",
        advice="Ask a clinician before practising, and avoid sustained backbends until then.",
        urgency=BEFORE_PRACTICE,
        source="MSD Manual Professional Version, Lumbar spinal stenosis (2024): pain on walking or standing, relieved by flexing the back or sitting",
    ),
    Precaution(
        key="recent_fracture",
        question="Have you had a fracture of the spine, pelvis or hip in the past year?",
        label="a recent fracture of the spine, pelvis or hip",
        concern="Healing bone may not tolerate loading, bending or twisting.",
        advice="Follow the plan of the clinician treating the fracture before practising.",
        urgency=BEFORE_PRACTICE,
        source="the kit's own caution (no single source); spinal fracture is one of the four serious pathologies in Finucane et al. 2020",
    ),
    Precaution(
        key="recent_surgery",
        question="Have you had surgery on your back, abdomen or hips in the past six months?",
        label="recent back, abdominal or hip surgery",
        concern="Healing tissues have movement limits set by the surgical team.",
        advice="Follow your surgical team's advice on which movements are allowed and when.",
        urgency=BEFORE_PRACTICE,
        source="the kit's own caution (no single source)",
    ),
    Precaution(
        key="osteoporosis",
        question="Do you have osteoporosis or low bone density?",
        label="osteoporosis or low bone density",
        concern="Repeated forward bending (flexion) under load may raise the risk of vertebral fractures: in one small study, women with osteoporosis given flexion exercises had more new vertebral fractures (89%) than those given extension exercises (16%).",
        advice="Ask a clinician or a teacher trained for bone health to adapt the practice; avoid loaded forward bends and deep twists until then.",
        urgency=BEFORE_PRACTICE,
        source="Sinaki M, Mikkelsen BA. Postmenopausal spinal osteoporosis: flexion versus extension exercises. Arch Phys Med Rehabil 1984;65(10):593-6",
    ),
    Precaution(
        key="pregnancy",
        question="Are you pregnant, or have you given birth in the past three months?",
        label="pregnancy or a recent birth",
        concern="Exercise in pregnancy is safe and beneficial for most, but some movements need modifying as the body changes, and some complications make exercise unsuitable.",
        advice="Check with your midwife or doctor before starting, and prefer a class adapted for pregnancy.",
        urgency=BEFORE_PRACTICE,
        source="ACOG Committee Opinion No. 804: Physical activity and exercise during pregnancy and the postpartum period. Obstet Gynecol 2020. doi:10.1097/AOG.0000000000003772",
    ),
)
