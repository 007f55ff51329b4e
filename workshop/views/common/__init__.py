"""What every feature's views share: exercises, figure helpers, the palette, the trust boundary."""

from .exercises import (
    Choice,
    Exercise,
    MultipleChoice,
    NumberExercise,
)
from .figures import (
    detached,
)
from .palette import (
    OKABE_ITO,
)
from .twin import (
    StaticTwin,
)

__all__ = [
    "Choice",
    "Exercise",
    "MultipleChoice",
    "NumberExercise",
    "OKABE_ITO",
    "StaticTwin",
    "detached",
]
