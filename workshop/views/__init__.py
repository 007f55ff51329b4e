"""Widgets and pictures: they read numbers from workshop.model and workshop.breath."""

from .body_map import PositionSenseDemo, position_sense_figure
from .breath_plots import (
    movement_load_ranges,
    movements_table,
    presets_table,
    resonance_figure,
    session_heart_rate_figure,
)
from .chain_exercises import (
    load_distance_exercise,
    movement_exercise,
    niosh_answers,
    niosh_exercise,
    resonance_exercise,
)
from .compare import compare_svg, compare_table
from .evidence_views import (
    StudyDesignDemo,
    published_effects_figure,
    published_effects_table,
    single_group_figure,
    trial_figure,
)
from .exercises import Exercise, MultipleChoice, NumberExercise
from .explorer import KineticChainExplorer
from .pacer import BreathPacer
from .plots import chain_heatmap_figure, flexion_sweep_figure
from .practice import PracticePlanBuilder
from .safety_screen import SafetyScreen, red_flags_table
from .tables import calibration_table, chain_links_table, grade_badge
from .tour import tour_figure, tour_table

__all__ = [
    "BreathPacer",
    "Exercise",
    "MultipleChoice",
    "NumberExercise",
    "PositionSenseDemo",
    "PracticePlanBuilder",
    "SafetyScreen",
    "StudyDesignDemo",
    "load_distance_exercise",
    "movement_exercise",
    "niosh_answers",
    "niosh_exercise",
    "position_sense_figure",
    "resonance_exercise",
    "published_effects_figure",
    "published_effects_table",
    "red_flags_table",
    "single_group_figure",
    "trial_figure",
    "KineticChainExplorer",
    "movement_load_ranges",
    "movements_table",
    "presets_table",
    "resonance_figure",
    "session_heart_rate_figure",
    "calibration_table",
    "chain_heatmap_figure",
    "chain_links_table",
    "compare_svg",
    "compare_table",
    "flexion_sweep_figure",
    "grade_badge",
    "tour_figure",
    "tour_table",
]
