"""Figures and texts that tell the size of things honestly (issue 11, "every figure honest").

The heat map's colour scale is anchored, the same in both panels, and its words
follow its numbers; notebook 06's design comparison says what the demo's numbers
say; the seed essay's brain claims carry grades from the kit's vocabulary and
sources that say what the claims need.
"""

from __future__ import annotations

import re

import numpy as np
import pytest

from workshop.evidence import PUBLISHED_EFFECTS
from workshop.evidence.claims import (
    BRAIN_STUDIES,
    CLAIMS,
    DESIGNS,
    STUDY_BY_KEY,
    studies_for,
)
from workshop.model import evaluate
from workshop.model.chain import GRADES
from workshop.reference import NIOSH_ACTION_LIMIT_N
from workshop.views.chain.figures import (
    HEATMAP_SCALE_N,
    chain_heatmap_figure,
    chain_heatmap_numbers,
    chain_heatmap_summary,
)
from workshop.views.evidence import (
    brain_evidence_figure,
    brain_studies_table,
    claims_table,
    design_comparison_table,
    designs_table,
)
from workshop.views.evidence.reading import COMPARED_EFFECTS, study_numbers


def text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).replace("&#x27;", "'").split())


# --- notebook 01: the heat map ---------------------------------------------------------


def test_heatmap_colours_are_anchored_and_shared_by_both_panels():
    fig = chain_heatmap_figure()
    meshes = [a.collections[0] for a in fig.axes[:2]]
    assert [m.get_clim() for m in meshes] == [HEATMAP_SCALE_N, HEATMAP_SCALE_N]
    assert HEATMAP_SCALE_N == (0.0, NIOSH_ACTION_LIMIT_N)


def test_heatmap_numbers_are_the_models_and_say_how_small_the_chain_change_is():
    n = chain_heatmap_numbers()
    corner = evaluate(trunk_flexion_deg=30.0, load_kg=10.0, load_distance_m=0.35)
    assert n.chain[0, 0] == pytest.approx(float(corner.compression_N))
    low, high = n.chain_span_N
    # The picture's claim: the chain inputs span a sliver of the fixed scale, the posture
    # and load most of it.
    scale = HEATMAP_SCALE_N[1] - HEATMAP_SCALE_N[0]
    assert (high - low) / scale < 0.05
    p_low, p_high = n.posture_span_N
    assert (p_high - p_low) / scale > 0.5
    assert n.chain_span_percent == pytest.approx(100 * (high - low) / low)


def test_heatmap_titles_and_summary_carry_the_computed_spans():
    n = chain_heatmap_numbers()
    low, high = n.chain_span_N
    p_low, p_high = n.posture_span_N
    fig = chain_heatmap_figure()
    titles = " ".join(a.get_title(loc="left") for a in fig.axes[:2])
    assert f"{low:.0f}–{high:.0f} N" in titles and f"{p_low:.0f}–{p_high:.0f} N" in titles
    summary = text(chain_heatmap_summary().data)
    assert f"{low:.0f}–{high:.0f} N" in summary
    assert f"{n.chain_span_percent:.1f} %" in summary
    assert f"{p_low:.0f}–{p_high:.0f} N" in summary


def test_heatmap_follows_its_setting():
    a = chain_heatmap_numbers(load_kg=0.0)
    b = chain_heatmap_numbers(load_kg=20.0)
    assert np.all(b.chain > a.chain)


# --- notebook 06: the study-design demo in words ------------------------------------------


def test_design_comparison_caption_says_what_the_numbers_say():
    shown = text(design_comparison_table().data)
    none, top = study_numbers(0.0), study_numbers(COMPARED_EFFECTS[-1])
    assert f"still reports a drop of {none['single'].percent_drop:.0f}%" in shown
    assert f"it reports {top['single'].percent_drop:.0f}%" in shown
    # The words "grows with the effect" must be true of the numbers.
    drops = [study_numbers(e)["single"].percent_drop for e in COMPARED_EFFECTS]
    assert drops == sorted(drops) and drops[-1] - drops[0] > 10
    assert "changes little" not in shown
    # ... and "the trial follows the true effect": each CI covers its effect.
    for e in COMPARED_EFFECTS:
        t = study_numbers(e)["trial"]
        assert t.ci_low <= e <= t.ci_high


# --- notebook 06: the brain claims ----------------------------------------------------------


def test_claims_use_the_kits_grades_and_known_sources():
    published = {e.study for e in PUBLISHED_EFFECTS}
    for c in CLAIMS:
        assert c.grade in GRADES
        assert all(k in STUDY_BY_KEY for k in c.studies)
        assert all(t in published for t in c.trials)
        assert c.reasons and c.verdict
    assert {s.design for s in BRAIN_STUDIES} <= set(DESIGNS)


def test_a_study_says_what_it_could_not_confirm():
    for s in BRAIN_STUDIES:
        if s.confirmed:
            assert s.n is not None, s.key
        else:
            assert "not confirmed" in s.note, s.key
        assert "doi:" in s.source, s.key


def test_thickness_claim_is_not_graded_above_its_designs():
    # A claim of cause ("increase") with no randomised study of its own measure can
    # be at most weak.
    claim = next(c for c in CLAIMS if c.key == "cortical_thickness")
    studies = studies_for(claim.key)
    assert not any(s.randomised and s.thickness for s in studies)
    assert GRADES.index(claim.grade) >= GRADES.index("weak")
    with pytest.raises(ValueError, match="claim_key"):
        studies_for("no such claim")


def test_claim_tables_show_each_claim_study_and_design():
    claims = text(claims_table().data)
    for c in CLAIMS:
        assert c.text in claims and c.grade in claims
    studies = text(brain_studies_table().data)
    for s in BRAIN_STUDIES:
        assert s.study in studies
    assert "not given in the abstract" in studies  # never a guessed size
    designs = text(designs_table().data)
    for d in DESIGNS.values():
        assert d.name in designs


def test_brain_figure_marks_follow_the_data():
    fig = brain_evidence_figure()
    ax = fig.axes[0]
    words = [t.get_text() for t in ax.texts]
    primary = [s for s in BRAIN_STUDIES if s.practice != "placebo" and s.design != "review"]
    expected_yes = sum(s.randomised + s.thickness + s.back_pain for s in primary)
    assert words.count("yes") == expected_yes
    assert len(words) == 3 * len(primary)


# --- axes that start at zero ---------------------------------------------------------------


def test_force_and_swing_axes_start_at_zero_and_show_the_limit():
    from workshop.views.breath.figures import resonance_figure
    from workshop.views.chain.figures import flexion_sweep_figure

    sweep = flexion_sweep_figure(load_kg=10, load_distance_m=0.3).axes[0]
    low, high = sweep.get_ylim()
    assert low == 0.0 and high > NIOSH_ACTION_LIMIT_N
    assert "30 cm" in sweep.get_title()
    swing = resonance_figure().axes[0]
    assert swing.get_ylim()[0] == 0.0


def test_long_questions_cautions_and_claims_are_left_aligned():
    from workshop.views.safety.screen import precautions_table, red_flags_table

    for html_table in (
        red_flags_table().data,
        precautions_table().data,
        claims_table().data,
        brain_studies_table().data,
        designs_table().data,
    ):
        aligns = re.findall(r'<t[dh][^>]*style="text-align:(\w+)"', html_table)
        assert aligns and set(aligns) == {"left"}
