"""Reading the evidence honestly: study-design demos, figures, tables and exercises."""

from .reading import (
    StudyDesignDemo,
    decomposition_table,
    evidence_exercise,
    mid_answer,
    mid_exercise,
    published_effects_figure,
    published_effects_table,
    single_group_figure,
    trial_figure,
    trial_table,
)

__all__ = [
    "StudyDesignDemo",
    "decomposition_table",
    "evidence_exercise",
    "mid_answer",
    "mid_exercise",
    "published_effects_figure",
    "published_effects_table",
    "single_group_figure",
    "trial_figure",
    "trial_table",
]
