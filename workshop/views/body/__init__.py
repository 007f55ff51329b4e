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

__all__ = [
    "MUSCLES",
    "POINTS",
    "ROTATIONS",
    "SKELETON",
    "Pose",
    "body_elements",
    "keypoints",
    "pose",
]
