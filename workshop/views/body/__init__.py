"""The one body: its geometry (keypoints, placed pose), its shapes and its SVG drawing."""

from .drawing import (
    MUSCLES,
    body_elements,
)
from .geometry import (
    POINTS,
    ROTATIONS,
    SKELETON,
    Pose,
    keypoints,
    pose,
)
from .movement_pose import FIGURES, movement_pose, pose_records
from .paint import paint_body

__all__ = [
    "FIGURES",
    "MUSCLES",
    "POINTS",
    "ROTATIONS",
    "SKELETON",
    "Pose",
    "body_elements",
    "keypoints",
    "movement_pose",
    "paint_body",
    "pose",
    "pose_records",
]
