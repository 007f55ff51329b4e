"""Colour-blind-safe palette (Okabe & Ito 2008) used by every picture in the kit.

Colour is never the only carrier of meaning: every grade and gauge also has a label.
"""

OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}

GRADE_COLOURS = {
    "strong": OKABE_ITO["bluish_green"],
    "moderate": OKABE_ITO["blue"],
    "weak": OKABE_ITO["orange"],
    "contested": OKABE_ITO["reddish_purple"],
}
