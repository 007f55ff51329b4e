"""Reading the evidence honestly: study-design demos, figures, tables and exercises."""

from .claims import (
    brain_evidence_figure,
    brain_studies_table,
    claims_table,
    designs_table,
)
from .reading import (
    StudyDesignDemo,
    decomposition_table,
    design_comparison_table,
    evidence_exercise,
    mid_answer,
    mid_exercise,
    mid_solution,
    published_effects_figure,
    published_effects_table,
    single_group_figure,
    trial_figure,
    trial_table,
)

__all__ = [
    "StudyDesignDemo",
    "brain_evidence_figure",
    "brain_studies_table",
    "claims_table",
    "decomposition_table",
    "design_comparison_table",
    "designs_table",
    "evidence_exercise",
    "mid_answer",
    "mid_exercise",
    "mid_solution",
    "published_effects_figure",
    "published_effects_table",
    "single_group_figure",
    "trial_figure",
    "trial_table",
]
