"""The mark a widget's static twin leaves in a stored output.

A widget (``workshop.views.common.twin.StaticTwin``) stores a picture or a table beside
its live view; the slide decks, which show only the stored outputs, read this mark to
tell the reader that what they see stands in for something live. No widget import here:
the decks read notebooks without a kernel.
"""

from __future__ import annotations

_KEY, _FIELD = "workshop", "static_twin"


def twin_metadata() -> dict:
    """Output metadata marking a static twin (a new dict each call: outputs own theirs)."""
    return {_KEY: {_FIELD: True}}


def is_static_twin(output) -> bool:
    """True for a stored output that a live widget left as its static twin."""
    return output.get("metadata", {}).get(_KEY, {}).get(_FIELD, False) is True
