"""Mindful Movement Workshop: a Jupyter kit about back pain, the kinetic chain and
mindful movement. ``workshop.model`` and ``workshop.breath`` hold the numbers,
``workshop.views`` the pictures and widgets; the notebooks tell the story.

This kit teaches. It does not diagnose and gives no treatment advice.
"""

__version__ = "0.1.0"
