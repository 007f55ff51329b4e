"""Input checks for the breath package: the kit's one dialect (``workshop.checks``).

Every public function raises ``TypeError`` for input of the wrong type
(booleans, strings, complex numbers, dates, objects) and ``ValueError`` for NaN,
infinite or out-of-range input, with a message that names the input and its
allowed range (a :class:`~workshop.checks.Range`). Widgets and pacers clamp
before they call; the numbers refuse.
"""

from __future__ import annotations

from ..checks import Range, check_array, check_int, describe
from ..checks import check_number as check_scalar

__all__ = ["Range", "check_array", "check_int", "check_scalar", "describe"]
