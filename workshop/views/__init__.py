"""Widgets and pictures: they read numbers from workshop.model and workshop.breath."""

from .plots import flexion_sweep_figure
from .tables import calibration_table, chain_links_table, grade_badge

__all__ = ["calibration_table", "chain_links_table", "flexion_sweep_figure", "grade_badge"]
