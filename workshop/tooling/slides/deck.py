"""One notebook → one offline reveal.js deck (nbconvert's SlidesExporter).

The notebook is read, never written: slide starts and fragments are set on an
in-memory copy (``prepare_notebook``). The deck template is ``deck.html.j2``
beside this module: nbconvert's ``reveal`` template with every CDN load taken
out, reveal.js loaded from the ``reveal.js-<version>/`` folder beside the deck.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import nbformat

from ...files import write_atomically
from ...twin_mark import is_static_twin
from ..nbfiles import is_solution, notebook_title, read_notebook, strip_widget_views
from .notes import DeckNotes, add_speaker_notes
from .sources import REVEAL_DIR

DECK_SUFFIX = ".slides.html"
#: Under a widget's still picture: the notebook's text invites the reader to move it.
STILL_NOTE_HTML = (
    '<p class="workshop-still-note"><i>Shown still here: the live widget is in the app '
    "(<code>make app</code>) and in JupyterLab.</i></p>"
)
DECK_TEMPLATE_FILE = "deck.html.j2"
#: Scripts inlined in every deck, run before reveal.js starts: table columns aligned
#: (text left, numbers right), then slides too tall for the deck continued on the next.
DECK_SCRIPT_FILES = ("tables.js", "paginate.js")
#: A markdown cell whose first line is a ``#`` or ``##`` heading starts a slide.
_SLIDE_HEADING = re.compile(r"\A\s*#{1,2}[ \t]")
#: nbconvert settings that name a CDN; none is used by the deck template, and each is
#: blanked so that no CDN address can reach a deck through a block it does not override.
_CDN_TRAITS = (
    "require_js_url",
    "mathjax_url",
    "jquery_url",
    "mermaid_js_url",
    "mermaid_layout_elk_js_url",
    "jupyter_widgets_base_url",
    "widget_renderer_url",
    "font_awesome_url",
)


@dataclass(frozen=True)
class Deck:
    """A built deck: its notebook, its HTML file, its title, and how many slides its
    notebook starts (``slides``; one too tall for the screen continues on more when
    the deck opens, so reveal.js may show more)."""

    notebook: Path
    html: Path
    title: str
    slides: int


def _package_text(name: str) -> str:
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


def deck_template() -> str:
    """The text of the deck template (package data ``deck.html.j2``)."""
    return _package_text(DECK_TEMPLATE_FILE)


def prepare_notebook(nb):
    """A copy of ``nb`` ready for the deck: slide starts at headings, no live widgets.

    Every markdown cell whose first line is a ``#`` or ``##`` heading becomes a new
    slide (an explicit ``slideshow`` type on any other cell is kept). A run of cells
    tagged ``solution`` is revealed on the next key press (a fragment). A widget-view
    output keeps only its static twin (SVG, PNG, HTML or text); the saved widget
    state, if any, is dropped so no widget manager is needed.
    """
    nb = copy.deepcopy(nb)
    nb.metadata.pop("widgets", None)
    previous_is_solution = False
    for cell in nb.cells:
        solution = is_solution(cell)
        if cell.cell_type == "markdown" and _SLIDE_HEADING.match(cell.source):
            cell.metadata.setdefault("slideshow", {})["slide_type"] = "slide"
        elif solution and not previous_is_solution:
            # The answer waits for the next key press (a reveal.js fragment that
            # runs to the end of the slide), so the room can try first.
            cell.metadata.setdefault("slideshow", {}).setdefault("slide_type", "fragment")
        previous_is_solution = solution
    strip_widget_views(nb, drop_bare=True)
    for cell in nb.cells:
        # The notebook's text says "move the slider"; on a slide the room sees it still.
        if any(is_static_twin(out) for out in cell.get("outputs", [])):
            cell.outputs.append(
                nbformat.v4.new_output("display_data", data={"text/html": STILL_NOTE_HTML})
            )
    return nb


def count_slides(nb) -> int:
    """Slides reveal.js will show for a prepared notebook (as ``Reveal.getTotalSlides()``)."""
    kinds = [c.metadata.get("slideshow", {}).get("slide_type", "-") for c in nb.cells]
    visible = [k for k in kinds if k not in ("skip", "notes")]
    return (1 if visible else 0) + sum(k in ("slide", "subslide") for k in visible[1:])


def deck_exporter(include_code: bool = False):
    """nbconvert's SlidesExporter with the deck template, offline settings, code hidden
    unless ``include_code``."""
    from nbconvert import SlidesExporter

    settings = dict(
        raw_template=deck_template(),
        reveal_url_prefix=REVEAL_DIR,
        # "white" takes its font from a local file; nbconvert's default "simple"
        # @imports Google Fonts.
        reveal_theme="white",
        reveal_transition="slide",
        reveal_number="c/t",
        reveal_width="1280",
        reveal_height="720",
        exclude_input=not include_code,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )
    # Only the traits this nbconvert has.
    traits = SlidesExporter.class_traits()
    settings.update({name: "" for name in _CDN_TRAITS if traits.get(name) is not None})
    return SlidesExporter(**settings)


def build_deck(
    notebook: Path,
    out_dir: Path,
    exporter=None,
    include_code: bool = False,
    notes: DeckNotes | None = None,
) -> Deck:
    """Convert one notebook into ``out_dir/<stem>.slides.html`` (written atomically),
    with ``notes`` (from the facilitator guide) in its speaker view."""
    notebook = Path(notebook)
    exporter = exporter or deck_exporter(include_code)
    nb = read_notebook(notebook)
    title = notebook_title(nb, notebook.stem)
    prepared = prepare_notebook(nb)
    body, _ = exporter.from_notebook_node(
        add_speaker_notes(prepared, notes),
        resources={
            "metadata": {"name": title, "path": str(notebook.parent)},
            "workshop_scripts": [_package_text(name) for name in DECK_SCRIPT_FILES],
        },
    )
    target = Path(out_dir) / f"{notebook.stem}{DECK_SUFFIX}"
    write_atomically(target, body)
    return Deck(notebook=notebook, html=target, title=title, slides=count_slides(prepared))
