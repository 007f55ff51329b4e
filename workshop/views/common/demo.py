"""Slider demos: sliders in, numbers from a numbers package, pictures and a sentence out.

A demo keeps one rule: what it shows was computed from the sliders' values. A
value the numbers refuse (NaN from a browser or from Python) raises the numbers'
``ValueError``/``TypeError``, and the sliders go back to the setting shown.
"""

from __future__ import annotations

import ipywidgets as widgets

from .exercises import style_widget
from .trust import TrustBoundary, trust_tree
from .twin import StaticTwin


def slider(kind: type, value, low, high, description: str, **options) -> widgets.ValueWidget:
    """A demo's slider (``kind``: ``FloatSlider``, ``IntSlider``): ``low``..``high``, its value
    sent when released, 420 px wide, its whole description shown; ``options`` e.g. ``step``."""
    return kind(
        value=value,
        min=low,
        max=high,
        description=description,
        continuous_update=False,
        style={"description_width": "initial"},
        layout={"width": "420px"},
        **options,
    )


class SliderDemo(StaticTwin, TrustBoundary, widgets.VBox):
    """Base of the kit's slider demos (behind ``trust.TrustBoundary``, with a static twin).

    A subclass makes its sliders, then calls :meth:`_start` with them (keyed by
    the name of the number each one sets) and its other children, and defines
    ``compute(**values) -> dict`` (the numbers, holding each slider's value
    under its name) and ``show(numbers)`` (pictures and sentence).
    ``numbers`` holds the latest numbers; ``updates`` counts the recomputations.
    """

    def compute(self, **values) -> dict:
        raise NotImplementedError

    def show(self, numbers: dict) -> None:
        raise NotImplementedError

    def _start(self, sliders: dict[str, widgets.ValueWidget], children, css_class: str) -> None:
        self.sliders = sliders
        self.numbers: dict = {}
        self.updates = 0
        self._putting_back = False
        for slider in sliders.values():
            slider.observe(self._update, names="value")
        self._update()
        super().__init__([style_widget(), *children])
        self.add_class(css_class)
        self.add_class("workshop-widget")
        trust_tree(self)

    def _update(self, _change=None) -> None:
        if self._putting_back:
            return
        try:
            numbers = self.compute(**{name: s.value for name, s in self.sliders.items()})
        except (TypeError, ValueError):
            self._put_back()
            raise
        self.numbers = numbers
        self.show(numbers)
        self.updates += 1

    def _put_back(self) -> None:
        """Sliders back to the setting shown (why: no slider beside numbers it did not make)."""
        if not self.numbers:
            return
        self._putting_back = True
        try:
            for name, slider in self.sliders.items():
                slider.value = self.numbers[name]
        finally:
            self._putting_back = False
