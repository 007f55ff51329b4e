"""A personal practice plan as data, and its safe files."""

from .plan import (
    FLOOR_MOVEMENTS,
    STOP_RULES,
    FileOutcome,
    PlanSaveError,
    PracticePlan,
    SaveResult,
    backup_path,
    check_plan_name,
    load_plan,
    plan_paths,
    save_plan,
)

__all__ = [
    "FLOOR_MOVEMENTS",
    "FileOutcome",
    "PlanSaveError",
    "PracticePlan",
    "STOP_RULES",
    "SaveResult",
    "backup_path",
    "check_plan_name",
    "load_plan",
    "plan_paths",
    "save_plan",
]
