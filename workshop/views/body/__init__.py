"""The one body: its keypoints (geometry) for every picture of it."""

from .geometry import (
    POINTS,
    keypoints,
)

__all__ = [
    "POINTS",
    "keypoints",
]
