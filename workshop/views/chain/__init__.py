"""The kinetic chain seen: the live explorer, its static twin, figures, tables and exercises."""

from .compare import (
    compare_svg,
    compare_table,
)
from .controls import (
    CONTROLS,
    POSITIONS,
)
from .exercises import (
    load_distance_exercise,
    load_distance_solution,
    niosh_answers,
    niosh_exercise,
    niosh_solution,
)
from .explorer import (
    KineticChainExplorer,
    snapshot,
)
from .figures import (
    chain_heatmap_figure,
    chain_heatmap_summary,
    flexion_sweep_figure,
)
from .picture import (
    explorer_svg,
)
from .tables import (
    calibration_table,
    chain_links_table,
    grade_badge,
)
from .tour import (
    tour_figure,
    tour_table,
)

__all__ = [
    "CONTROLS",
    "KineticChainExplorer",
    "POSITIONS",
    "calibration_table",
    "chain_heatmap_figure",
    "chain_heatmap_summary",
    "chain_links_table",
    "compare_svg",
    "compare_table",
    "explorer_svg",
    "flexion_sweep_figure",
    "grade_badge",
    "load_distance_exercise",
    "load_distance_solution",
    "niosh_answers",
    "niosh_solution",
    "niosh_exercise",
    "snapshot",
    "tour_figure",
    "tour_table",
]
