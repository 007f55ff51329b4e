"""Offline slide decks and the facilitator guide: ``workshop slides`` / ``make slides``.

One reveal.js deck per notebook in ``notebooks/`` (nbconvert's SlidesExporter),
each markdown cell that opens with a ``#`` or ``##`` heading starting a new slide
(set on an in-memory copy; the notebooks on disk are never touched), and
``slides/facilitator_guide.md`` rendered to HTML, all written to
``slides/_build/`` with an ``index.html`` that lists them.

The decks must work with no network (a room without Wi-Fi, a USB stick), so:

- reveal.js is vendored in ``slides/vendor/reveal.js-<version>/`` (see its
  README) and copied beside the decks;
- the deck template (``deck.html.j2``, an extension of nbconvert's ``reveal``
  template) loads reveal.js with plain ``<script>`` tags and drops require.js,
  jQuery, MathJax, Mermaid and the Jupyter widget manager, which nbconvert
  would otherwise load from CDNs;
- widget outputs are shown by the static SVG twin each notebook stores beside
  them (the widget-view output itself is removed from the copy);
- ``check_offline`` fails the build if any built file loads from the internet.

Slides fit the screen: the deck is laid out at 1280 × 720 with text sized for a
room; authors split long notebook sections with the cells' ``slideshow``
metadata, and a slide still too tall continues on the next one (``paginate.js``)
rather than being cut. Each deck's speaker view (press S) shows the facilitator
guide's timing, scripts and discussion prompts for that notebook (``notes``).

Modules, one job each: ``builder`` (the command: every deck, the guide, the
index), ``deck`` (one notebook → one deck), ``notes`` (speaker notes from the
guide), ``pages`` (the guide and the index page), ``offline`` (the check),
``sources`` (where reveal.js and the guide are). Package data: ``deck.html.j2``,
``tables.js`` and ``paginate.js`` (inlined in every deck), ``page.template.html``,
``page.css``, ``index.template.html``.
"""

from .builder import DEFAULT_OUT, BuildResult, build
from .deck import (
    DECK_SUFFIX,
    STILL_NOTE_HTML,
    Deck,
    build_deck,
    count_slides,
    is_static_twin,
    prepare_notebook,
)
from .notes import DeckNotes, add_speaker_notes, deck_key, guide_notes
from .offline import OfflineError, check_offline, is_remote, remote_resources
from .pages import GUIDE_HTML, INDEX_HTML, build_guide, render_markdown_page
from .sources import REVEAL_DIR, REVEAL_VERSION, find_slides_dir, install_source

__all__ = [
    "DECK_SUFFIX",
    "DEFAULT_OUT",
    "GUIDE_HTML",
    "INDEX_HTML",
    "REVEAL_DIR",
    "STILL_NOTE_HTML",
    "REVEAL_VERSION",
    "BuildResult",
    "Deck",
    "DeckNotes",
    "OfflineError",
    "add_speaker_notes",
    "build",
    "build_deck",
    "build_guide",
    "check_offline",
    "count_slides",
    "is_static_twin",
    "deck_key",
    "find_slides_dir",
    "guide_notes",
    "install_source",
    "is_remote",
    "prepare_notebook",
    "remote_resources",
    "render_markdown_page",
]
