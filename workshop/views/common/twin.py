"""Static twins: a widget that also leaves a picture or a table in stored outputs.

A live widget shows nothing where no kernel runs (an exported page, a slide, a
notebook opened on GitHub, nbval's stored outputs). :class:`StaticTwin` adds
the widget's static twin to its MIME bundle beside the widget view: a line of
plain text always, HTML and/or an SVG picture when the widget has them.
"""

from __future__ import annotations

from ...twin_mark import twin_metadata


class StaticTwin:
    """Mixin, placed before the widget class: ``class W(StaticTwin, widgets.VBox)``.

    A subclass defines ``static_text()`` and, if it has them, ``static_html()``
    and ``static_svg()``; a twin that returns ``None`` is left out. The bundle's
    metadata marks the twin (``workshop.twin_mark``) unless ``says_it_is_still``
    (the twin's own text already tells the reader where the live widget is).
    """

    says_it_is_still = False

    def static_text(self) -> str:
        """One line for ``text/plain``: what the widget shows, in words."""
        raise NotImplementedError

    def static_html(self) -> str | None:
        """The twin as HTML (``text/html``), or ``None``."""
        return None

    def static_svg(self) -> str | None:
        """The twin as an SVG picture (``image/svg+xml``), or ``None``."""
        return None

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs)
        data, metadata = bundle if isinstance(bundle, tuple) else (bundle, None)
        data["text/plain"] = self.static_text()
        for mime, twin in (("text/html", self.static_html()), ("image/svg+xml", self.static_svg())):
            if twin is not None:
                data[mime] = twin
        if self.says_it_is_still:
            return bundle
        return data, {**(metadata or {}), **twin_metadata()}
