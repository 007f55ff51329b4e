"""The seed essay's brain claims, seen: graded claims, their studies, and what designs show.

* ``claims_table``: each claim in the essay's words, its evidence grade (the
  kit's grade badge: word and colour), what the evidence supports and why.
* ``brain_studies_table``: the studies behind a claim (or all): design, people,
  size, measure, and what the abstract reports.
* ``designs_table``: what each kind of study can and cannot show.
* ``brain_evidence_figure``: each study against the questions the claim needs
  answered (randomised? cortical thickness? back pain?), as a grid of yes and no.

Numbers and words come from :mod:`workshop.evidence.claims`; nothing is typed here.
"""

from __future__ import annotations

import html

import matplotlib.pyplot as plt
from IPython.display import HTML

from ...evidence.claims import BRAIN_STUDIES, CLAIMS, DESIGNS, studies_for
from ..chain.tables import grade_badge
from ..common.figures import detached
from ..common.html import markup, table
from ..common.palette import OKABE_ITO


def _reasons(reasons: tuple[str, ...]) -> str:
    return "<ul>" + "".join(f"<li>{html.escape(r)}</li>" for r in reasons) + "</ul>"


def claims_table() -> HTML:
    """Each claim of the seed essay: its words, its grade, what the evidence supports, why."""
    rows = [
        (
            f"“{c.text}”",
            markup(grade_badge(c.grade)),
            c.verdict,
            markup(_reasons(c.reasons)),
        )
        for c in CLAIMS
    ]
    head = ("the essay says", "evidence", "what the evidence supports", "why")
    return HTML(table(head, rows, cls="workshop-claims"))


def brain_studies_table(claim_key: str | None = None) -> HTML:
    """The studies behind one claim (a key of ``CLAIM_BY_KEY``), or all of them; what each
    design cannot show is in :func:`designs_table`, once per design."""
    studies = BRAIN_STUDIES if claim_key is None else studies_for(claim_key)
    rows = []
    for s in studies:
        design = DESIGNS[s.design]
        size = s.n if s.n is not None else "not given in the abstract (not confirmed)"
        rows.append(
            (
                s.study,
                s.practice,
                design.name,
                size,
                s.people,
                s.measure,
                s.finding,
                s.note,
            )
        )
    head = (
        "study",
        "practice",
        "design",
        "size",
        "who",
        "measured",
        "found (as the abstract reports)",
        "note",
    )
    return HTML(table(head, rows, cls="workshop-brain-studies"))


def designs_table() -> HTML:
    """What each kind of study compares, and what it can and cannot show."""
    rows = [(d.name, d.compares, d.can_show, d.cannot_show) for d in DESIGNS.values()]
    head = ("design", "compares", "can show", "cannot show")
    return HTML(table(head, rows, cls="workshop-designs"))


#: The questions the thickness claim needs answered, and how each study answers them.
QUESTIONS = (
    ("randomised?", lambda s: s.randomised),
    ("measured cortical\nthickness?", lambda s: s.thickness),
    ("people with back pain,\nor back pain measured?", lambda s: s.back_pain),
)


def brain_evidence_figure():
    """Each primary study of yoga or tai chi against the questions the thickness claim
    needs answered: a filled mark for yes, an open one for no, with the word beside it
    (not colour alone)."""
    # Primary studies of the practices: a review measures nothing itself, and the
    # placebo experiment answers the other claim.
    studies = [s for s in BRAIN_STUDIES if s.practice != "placebo" and s.design != "review"]
    fig, ax = plt.subplots(figsize=(7.6, 0.42 * len(studies) + 1.6), layout="constrained")
    for j, (_, answer) in enumerate(QUESTIONS):
        for i, s in enumerate(studies):
            yes = bool(answer(s))
            colour = OKABE_ITO["bluish_green"] if yes else OKABE_ITO["vermillion"]
            ax.plot(
                [j], [i], marker="o", ms=11, color=colour, mfc=colour if yes else "white", mew=2
            )
            ax.annotate(
                "yes" if yes else "no",
                (j, i),
                xytext=(10, 0),
                textcoords="offset points",
                va="center",
                fontsize=8,
            )
    ax.set_xticks(range(len(QUESTIONS)), [q for q, _ in QUESTIONS], fontsize=8)
    ax.xaxis.tick_top()
    labels = [f"{s.study} ({s.practice}, {DESIGNS[s.design].name})" for s in studies]
    ax.set_yticks(range(len(studies)), labels, fontsize=8)
    ax.set_xlim(-0.5, len(QUESTIONS) - 0.3)
    ax.set_ylim(len(studies) - 0.5, -0.5)
    for side in ("right", "bottom"):
        ax.spines[side].set_visible(False)
    ax.tick_params(length=0)
    fig.suptitle(
        "Studies of yoga and tai chi and the brain: what each one can answer",
        fontsize=10,
    )
    return detached(fig)
