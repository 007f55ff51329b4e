"""The plain pages beside the decks: the facilitator guide and the index of decks.

Both are one self-contained HTML file each (inline CSS, no script), laid out by
the package data beside this module: ``page.template.html`` (the page around
the content), ``page.css`` (its style, also for print) and
``index.template.html`` (the index's text). Placeholders are ``$name``
(``string.Template``).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from string import Template
from typing import TYPE_CHECKING

from ...files import write_atomically
from ..nbfiles import first_heading

if TYPE_CHECKING:  # a Deck is only read here; deck.py imports this module
    from .deck import Deck

GUIDE_HTML = "facilitator_guide.html"
INDEX_HTML = "index.html"
GUIDE_FALLBACK_TITLE = "Facilitator guide"
INDEX_TITLE = "Workshop slides"


def _package_file(name: str) -> str:
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


def html_page(title: str, content_html: str) -> str:
    """One HTML page: ``title`` (escaped here) and ``content_html`` (already HTML)."""
    return Template(_package_file("page.template.html")).substitute(
        title=html.escape(title), style=_package_file("page.css"), content=content_html
    )


def _slug(text: str, seen: dict[str, int]) -> str:
    plain = re.sub(r"<[^>]+>", "", html.unescape(text)).lower()
    slug = re.sub(r"[^a-z0-9]+", "-", plain).strip("-") or "section"
    n = seen.get(slug, 0)
    seen[slug] = n + 1
    return slug if n == 0 else f"{slug}-{n}"


def render_markdown_page(markdown_text: str, title: str, back_link: str | None = None) -> str:
    """Markdown → one self-contained HTML page (inline CSS, heading ids, a contents list
    of the ``##`` headings right after the title, and a link back when ``back_link``)."""
    import mistune

    seen: dict[str, int] = {}
    toc: list[tuple[str, str]] = []

    class Renderer(mistune.HTMLRenderer):
        def heading(self, text: str, level: int, **attrs) -> str:
            ident = _slug(text, seen)
            if level == 2:
                toc.append((ident, text))
            return f'<h{level} id="{ident}">{text}</h{level}>\n'

    md = mistune.create_markdown(
        renderer=Renderer(escape=False),
        plugins=["table", "strikethrough", "footnotes", "task_lists"],
    )
    body = md(markdown_text)
    nav = ""
    if toc:
        items = "\n".join(f'<li><a href="#{i}">{t}</a></li>' for i, t in toc)
        nav = f'<nav class="toc" aria-label="Contents"><strong>Contents</strong><ol>\n{items}\n</ol></nav>\n'
    if "</h1>" in body:  # contents go right after the title
        head, rest = body.split("</h1>", 1)
        body = f"{head}</h1>\n{nav}{rest}"
    else:
        body = nav + body
    back = f'<p class="back"><a href="{back_link}">← all slides</a></p>\n' if back_link else ""
    return html_page(title, back + body)


def build_guide(source: Path, out_dir: Path) -> Path:
    """Render the facilitator guide (markdown) to ``out_dir/facilitator_guide.html``."""
    text = Path(source).read_text(encoding="utf-8")
    title = first_heading(text) or GUIDE_FALLBACK_TITLE
    target = Path(out_dir) / GUIDE_HTML
    write_atomically(target, render_markdown_page(text, title, back_link=INDEX_HTML))
    return target


def index_page(decks: Iterable[Deck], guide: Path) -> str:
    """The page that lists the decks (title, sections, notebook) and links the guide."""
    rows = "\n".join(
        f'<li><a href="{html.escape(d.html.name)}">{html.escape(d.title)}</a>'
        f" <small>({d.slides} sections · {html.escape(d.notebook.name)})</small></li>"
        for d in decks
    )
    content = Template(_package_file("index.template.html")).substitute(
        guide=html.escape(Path(guide).name), decks=rows
    )
    return html_page(INDEX_TITLE, content)


def build_index(decks: Iterable[Deck], guide: Path, out_dir: Path) -> Path:
    """Write ``index_page`` to ``out_dir/index.html``."""
    target = Path(out_dir) / INDEX_HTML
    write_atomically(target, index_page(decks, guide))
    return target
