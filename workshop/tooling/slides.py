"""Offline slide decks and the facilitator guide: ``workshop slides`` / ``make slides``.

One reveal.js deck per notebook in ``notebooks/`` (nbconvert's SlidesExporter),
each markdown cell that opens with a ``#`` or ``##`` heading starting a new slide
(set on an in-memory copy; the notebooks on disk are never touched), and
``slides/facilitator_guide.md`` rendered to HTML, all written to
``slides/_build/`` with an ``index.html`` that lists them.

Paths are those of the folder the command runs in, never of the installed
package (``find_slides_dir`` and ``build`` say which folder is used for what):
the notebooks are ``notebooks/`` there (or that folder itself when it has no
``notebooks/``), the output goes to ``slides/_build/`` there; ``--notebooks``,
``--out`` and ``--slides-dir`` name others.

The decks must work with no network (a room without Wi-Fi, a USB stick), so:

- reveal.js is vendored in ``slides/vendor/reveal.js-<version>/`` (see its
  README) and copied beside the decks;
- the deck template (``DECK_TEMPLATE``, an extension of nbconvert's ``reveal``
  template) loads reveal.js with plain ``<script>`` tags and drops require.js,
  jQuery, MathJax, Mermaid and the Jupyter widget manager, which nbconvert
  would otherwise load from CDNs;
- widget outputs are shown by the static SVG twin each notebook stores beside
  them (the widget-view output itself is removed from the copy);
- ``check_offline`` scans every built HTML and CSS file for resources loaded
  from ``http(s)://`` (or ``//``) anywhere but 127.0.0.1 and fails the build,
  naming the file and the URL. Plain links (``<a href>``) are fine.
"""

from __future__ import annotations

import copy
import html
import re
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

REVEAL_VERSION = "5.2.1"
REVEAL_DIR = f"reveal.js-{REVEAL_VERSION}"

#: The folder above the package: the kit's checkout when it runs from source.
ROOT = Path(__file__).resolve().parents[1]
#: Where the decks go by default, relative to the folder the command runs in.
DEFAULT_OUT = Path("slides") / "_build"
DIST_NAME = "mindful-movement-workshop"
GUIDE_SOURCE = "facilitator_guide.md"
GUIDE_HTML = "facilitator_guide.html"
DECK_SUFFIX = ".slides.html"

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
SOLUTION_TAG = "solution"  # as in workshop.tooling.student
_SLIDE_HEADING = re.compile(r"\A\s*#{1,2}[ \t]")
_ANY_HEADING = re.compile(r"^\s{0,3}#{1,6}[ \t]+(.+?)[ \t#]*$", re.M)

# nbconvert's reveal template (it targets reveal.js 4; reveal.js 5 keeps the same
# files and API) with everything that would reach the internet taken out:
# require.js, jQuery and Mermaid (html_head_js), MathJax, the widget manager, and a
# footer that loaded reveal.js through require.js.
DECK_TEMPLATE = r"""{%- extends 'reveal/index.html.j2' -%}

{%- block html_head_js -%}
<link rel="icon" href="data:,">
<meta name="viewport" content="width=device-width, initial-scale=1">
{%- endblock html_head_js -%}

{% block jupyter_widgets %}{% endblock jupyter_widgets %}

{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}

{%- block html_head_css -%}
<style type="text/css">
/* Offline decks: pictures fit the slide, tall slides scroll instead of spilling. */
.reveal .slides section { text-align: left; }
.reveal .slides section :is(h1, h2, h3, h4) { text-align: left; text-transform: none; }
.reveal img, .reveal svg { max-width: 100%; height: auto; }
.reveal .jp-RenderedSVG img, .reveal .jp-RenderedImage img { max-height: 560px; }
.reveal table { font-size: 0.7em; }
.reveal .slides > section.workshop-tall, .reveal .slides > section > section.workshop-tall {
  overflow-y: auto;
}
</style>
{%- endblock html_head_css -%}

{% block footer_js %}
{%- set prefix = resources.reveal.url_prefix -%}
<script src="{{ prefix }}/dist/reveal.js"></script>
<script src="{{ prefix }}/plugin/notes/notes.js"></script>
<script>
(function () {
  var height = {{ resources.reveal.height | default('700', true) }};
  Reveal.initialize({
    controls: true,
    progress: true,
    hash: true,
    center: false,
    transition: "{{ resources.reveal.transition | default('slide', true) }}",
    slideNumber: "{{ resources.reveal.number }}",
    width: {{ resources.reveal.width | default('960', true) }},
    height: height,
    plugins: [RevealNotes]
  });
  // A slide taller than the deck scrolls instead of being clipped. Slides far
  // from the current one are not laid out, so each is measured when shown.
  function fitSlide(event) {
    var s = event.currentSlide;
    if (s && s.scrollHeight > height * 1.02) {
      s.classList.add("workshop-tall");
      s.style.height = height + "px";
    }
  }
  Reveal.on("ready", fitSlide);
  Reveal.on("slidechanged", fitSlide);
})();
</script>
{% endblock footer_js %}
"""


class OfflineError(RuntimeError):
    """A built file would load something from the internet (or a local file is missing)."""


@dataclass(frozen=True)
class Deck:
    notebook: Path
    html: Path
    title: str
    slides: int


@dataclass(frozen=True)
class BuildResult:
    out_dir: Path
    decks: tuple[Deck, ...]
    guide: Path
    index: Path


# --------------------------------------------------------------------------- decks


def _title(nb, fallback: str) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            match = _ANY_HEADING.search(cell.source)
            if match:
                return match.group(1).strip()
    return fallback


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
        is_solution = SOLUTION_TAG in (cell.metadata.get("tags") or [])
        if cell.cell_type == "markdown" and _SLIDE_HEADING.match(cell.source):
            cell.metadata.setdefault("slideshow", {})["slide_type"] = "slide"
        elif is_solution and not previous_is_solution:
            # The answer waits for the next key press (a reveal.js fragment that
            # runs to the end of the slide), so the room can try first.
            cell.metadata.setdefault("slideshow", {}).setdefault("slide_type", "fragment")
        previous_is_solution = is_solution
        outputs = []
        for out in cell.get("outputs", []):
            data = out.get("data")
            if data is not None and WIDGET_VIEW in data:
                del data[WIDGET_VIEW]
                if not data:
                    continue
            outputs.append(out)
        if cell.cell_type == "code":
            cell.outputs = outputs
    return nb


def count_slides(nb) -> int:
    """Slides reveal.js will show for a prepared notebook (as ``Reveal.getTotalSlides()``)."""
    kinds = [c.metadata.get("slideshow", {}).get("slide_type", "-") for c in nb.cells]
    visible = [k for k in kinds if k not in ("skip", "notes")]
    return (1 if visible else 0) + sum(k in ("slide", "subslide") for k in visible[1:])


def _exporter(include_code: bool):
    from nbconvert import SlidesExporter

    settings = dict(
        raw_template=DECK_TEMPLATE,
        reveal_url_prefix=REVEAL_DIR,
        # "white" takes its font from a local file; nbconvert's default "simple"
        # @imports Google Fonts.
        reveal_theme="white",
        reveal_transition="slide",
        reveal_number="c/t",
        reveal_width="1100",
        reveal_height="760",
        exclude_input=not include_code,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )
    # Not used by DECK_TEMPLATE; blanked so that no CDN address can reach the output
    # through a block it does not override (only the traits this nbconvert has).
    for name in (
        "require_js_url",
        "mathjax_url",
        "jquery_url",
        "mermaid_js_url",
        "mermaid_layout_elk_js_url",
        "jupyter_widgets_base_url",
        "widget_renderer_url",
        "font_awesome_url",
    ):
        if SlidesExporter.class_traits().get(name) is not None:
            settings[name] = ""
    return SlidesExporter(**settings)


def build_deck(notebook: Path, out_dir: Path, exporter=None, include_code: bool = False) -> Deck:
    """Convert one notebook into ``out_dir/<stem>.slides.html``."""
    import nbformat

    notebook = Path(notebook)
    exporter = exporter or _exporter(include_code)
    nb = nbformat.read(notebook, as_version=4)
    title = _title(nb, notebook.stem)
    prepared = prepare_notebook(nb)
    body, _ = exporter.from_notebook_node(
        prepared,
        resources={"metadata": {"name": title, "path": str(notebook.parent)}},
    )
    target = Path(out_dir) / f"{notebook.stem}{DECK_SUFFIX}"
    target.write_text(body, encoding="utf-8")
    return Deck(notebook=notebook, html=target, title=title, slides=count_slides(prepared))


# --------------------------------------------------------------------------- guide

_GUIDE_CSS = """
:root { --ink: #1d2a33; --muted: #53636e; --accent: #0b6e69; --warn: #8a1c1c;
        --line: #d5dde2; --soft: #f3f7f8; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff;
       font: 17px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue",
             Arial, sans-serif; }
main { max-width: 50rem; margin: 0 auto; padding: 2rem 1.25rem 4rem; }
h1 { font-size: 2rem; line-height: 1.2; margin: 0 0 .5rem; }
h2 { font-size: 1.45rem; margin: 2.5rem 0 .75rem; padding-top: .75rem;
     border-top: 2px solid var(--line); color: var(--accent); }
h3 { font-size: 1.15rem; margin: 1.75rem 0 .5rem; }
a { color: var(--accent); }
table { border-collapse: collapse; width: 100%; margin: 1rem 0; font-size: .95rem; }
th, td { border: 1px solid var(--line); padding: .4rem .6rem; text-align: left;
         vertical-align: top; }
th { background: var(--soft); }
td:first-child { white-space: nowrap; }
li.task-list-item { list-style: none; }
.task-list-item-checkbox { margin: 0 .55rem 0 -1.45rem; }
blockquote { margin: 1rem 0; padding: .75rem 1rem; background: #fdf3f2;
             border-left: 5px solid var(--warn); }
code { background: var(--soft); padding: .05rem .3rem; border-radius: 3px;
       font-size: .92em; }
pre { background: var(--soft); padding: .75rem 1rem; overflow-x: auto; }
pre code { background: none; padding: 0; }
nav.toc { background: var(--soft); padding: .75rem 1.25rem; border-radius: 6px; }
nav.toc ol { margin: .25rem 0; padding-left: 1.25rem; }
.back { font-size: .9rem; color: var(--muted); }
@media print {
  body { font-size: 11pt; }
  main { max-width: none; padding: 0; }
  nav.toc, .back { display: none; }
  h2 { break-after: avoid; } table, blockquote { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
"""


def _slug(text: str, seen: dict[str, int]) -> str:
    plain = re.sub(r"<[^>]+>", "", html.unescape(text)).lower()
    slug = re.sub(r"[^a-z0-9]+", "-", plain).strip("-") or "section"
    n = seen.get(slug, 0)
    seen[slug] = n + 1
    return slug if n == 0 else f"{slug}-{n}"


def render_markdown_page(markdown_text: str, title: str, back_link: str | None = None) -> str:
    """Markdown → one self-contained HTML page (inline CSS, heading ids, a contents list)."""
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
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<link rel="icon" href="data:,">\n'
        f"<title>{html.escape(title)}</title>\n<style>{_GUIDE_CSS}</style>\n</head>\n"
        f"<body>\n<main>\n{back}{body}</main>\n</body>\n</html>\n"
    )


def build_guide(source: Path, out_dir: Path) -> Path:
    """Render the facilitator guide to ``out_dir/facilitator_guide.html``."""
    text = Path(source).read_text(encoding="utf-8")
    match = _ANY_HEADING.search(text)
    title = match.group(1).strip() if match else "Facilitator guide"
    target = Path(out_dir) / GUIDE_HTML
    target.write_text(render_markdown_page(text, title, back_link="index.html"), encoding="utf-8")
    return target


def _index_page(decks: Iterable[Deck], guide: Path) -> str:
    rows = "\n".join(
        f'<li><a href="{html.escape(d.html.name)}">{html.escape(d.title)}</a>'
        f" <small>({d.slides} slides · {html.escape(d.notebook.name)})</small></li>"
        for d in decks
    )
    body = (
        "<h1>Mindful Movement Workshop: slides</h1>\n"
        "<p>Everything here works without a network: open this file from the folder "
        "or a USB stick.</p>\n"
        f'<h2>Facilitator guide</h2>\n<p><a href="{guide.name}">Facilitator guide</a> '
        "(timetables, the safety script, discussion prompts).</p>\n"
        f"<h2>Decks</h2>\n<ul>\n{rows}\n</ul>\n"
        "<h2>In a deck</h2>\n<ul>\n"
        "<li><kbd>→</kbd>/<kbd>Space</kbd> next, <kbd>←</kbd> back, <kbd>Esc</kbd> overview</li>\n"
        "<li><kbd>F</kbd> full screen, <kbd>S</kbd> speaker view (notes and timer), "
        "<kbd>B</kbd> black screen</li>\n</ul>\n"
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<link rel="icon" href="data:,">\n'
        f"<title>Workshop slides</title>\n<style>{_GUIDE_CSS}</style>\n</head>\n"
        f"<body>\n<main>\n{body}</main>\n</body>\n</html>\n"
    )


# --------------------------------------------------------------------------- offline check

_LOCAL_HOSTS = {"127.0.0.1"}
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""", re.I)
_CSS_IMPORT = re.compile(r"""@import\s+(['"])([^'"]+)\1""", re.I)
_JS_URL = re.compile(r"""(['"`])((?:https?:)?//[^'"`\s]+)\1""", re.I)
# Attributes whose value the browser fetches, on any element.
_FETCHED_ATTRS = {"src", "data", "poster", "background", "manifest", "lowsrc", "dynsrc"}
_SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}


def is_remote(url: str) -> bool:
    """True for an http(s):// or protocol-relative //host URL whose host is not 127.0.0.1."""
    url = url.strip()
    low = url.lower()
    if not (low.startswith(("http://", "https://")) or low.startswith("//")):
        return False
    return urlsplit(url).hostname not in _LOCAL_HOSTS


def _css_urls(css: str) -> list[str]:
    css = _CSS_COMMENT.sub("", css)
    return [m.group(2).strip() for m in _CSS_URL.finditer(css)] + [
        m.group(2).strip() for m in _CSS_IMPORT.finditer(css)
    ]


class _ResourceParser(HTMLParser):
    """Collects every URL an HTML page would load (not the ones it merely links to)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.loaded: list[str] = []  # URLs the page fetches
        self.local: list[str] = []  # of those, relative ones (src/href in HTML)
        self._in: str | None = None

    def _take(self, url: str, check_local: bool = True) -> None:
        self.loaded.append(url)
        if check_local:
            self.local.append(url)

    def handle_starttag(self, tag, attrs):
        attrs = [(k.lower(), v or "") for k, v in attrs]
        for name, value in attrs:
            if name in _FETCHED_ATTRS:
                self._take(value)
            elif name in ("srcset", "imagesrcset"):
                for part in value.split(","):
                    if part.strip():
                        self._take(part.split()[0])
            elif name in ("href", "xlink:href") and tag != "a":
                # <link>, <base>, and SVG <image>/<use>/<feImage> fetch their href.
                self._take(value, check_local=(tag == "link"))
            elif name == "style":
                self.loaded.extend(_css_urls(value))
        if tag == "style":
            self._in = "style"
        elif tag == "script":
            kind = dict(attrs).get("type", "").strip().lower()
            self._in = "script" if kind in _SCRIPT_TYPES else None

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        self._in = None

    def handle_endtag(self, tag):
        if tag in ("style", "script"):
            self._in = None

    def handle_data(self, data):
        if self._in == "style":
            self.loaded.extend(_css_urls(data))
        elif self._in == "script":
            self.loaded.extend(m.group(2) for m in _JS_URL.finditer(data))


def remote_resources(text: str, kind: str = "html") -> list[str]:
    """The remote URLs a page (``kind="html"``) or stylesheet (``"css"``) would load."""
    if kind == "css":
        urls = _css_urls(text)
    else:
        parser = _ResourceParser()
        parser.feed(text)
        parser.close()
        urls = parser.loaded
    return sorted({u for u in urls if is_remote(u)})


def _missing_local(page: Path) -> list[str]:
    parser = _ResourceParser()
    parser.feed(page.read_text(encoding="utf-8"))
    parser.close()
    missing = []
    for url in parser.local:
        parts = urlsplit(url)
        if parts.scheme or parts.netloc or not parts.path:
            continue  # data:, http(s) (checked separately), #fragment
        if not (page.parent / unquote(parts.path)).exists():
            missing.append(url)
    return sorted(set(missing))


def check_offline(out_dir: Path) -> list[Path]:
    """Fail (``OfflineError``) if any built HTML/CSS file loads a remote resource.

    Scans ``src``/``data``/``poster``/``srcset`` on every element, ``href`` on every
    element but ``<a>`` (stylesheets, icons, SVG images), ``url()`` and ``@import``
    in stylesheets, ``<style>`` blocks and ``style`` attributes, and quoted
    ``http(s)://`` addresses in inline scripts. Relative files an HTML page loads
    must exist. Returns the files checked.
    """
    out_dir = Path(out_dir)
    problems: list[str] = []
    checked = sorted(p for p in out_dir.rglob("*") if p.suffix.lower() in {".html", ".htm", ".css"})
    for path in checked:
        text = path.read_text(encoding="utf-8", errors="replace")
        kind = "css" if path.suffix.lower() == ".css" else "html"
        rel = path.relative_to(out_dir)
        problems += [f"{rel}: loads remote resource {u}" for u in remote_resources(text, kind)]
        if kind == "html":
            problems += [f"{rel}: loads missing local file {u}" for u in _missing_local(path)]
    if problems:
        raise OfflineError("slides are not self-contained:\n  " + "\n  ".join(problems))
    return checked


# --------------------------------------------------------------------------- build


def notebooks_in(notebooks_dir: Path) -> list[Path]:
    return sorted(
        p for p in Path(notebooks_dir).glob("*.ipynb") if not p.name.startswith((".", "_"))
    )


def default_notebooks_dir(cwd: Path | None = None) -> Path:
    """``notebooks/`` in the folder run in (``cwd``) when there is one, else that folder."""
    here = Path(cwd) if cwd is not None else Path.cwd()
    notebooks = here / "notebooks"
    return notebooks if notebooks.is_dir() else here


def install_source() -> Path | None:
    """The folder the kit was pip-installed from (``pip install .``), if pip recorded one."""
    import json
    from importlib import metadata
    from urllib.request import url2pathname

    try:
        text = metadata.distribution(DIST_NAME).read_text("direct_url.json")
        url = json.loads(text or "{}").get("url", "")
    except (metadata.PackageNotFoundError, ValueError, AttributeError):
        return None
    if not url.startswith("file://"):
        return None
    return Path(url2pathname(urlsplit(url).path))


def _has_slide_assets(folder: Path) -> bool:
    return (folder / "vendor" / REVEAL_DIR / "dist" / "reveal.js").is_file() and (
        folder / GUIDE_SOURCE
    ).is_file()


def find_slides_dir(notebooks_dir: Path, cwd: Path | None = None) -> Path:
    """The folder with ``vendor/reveal.js-<version>/`` and ``facilitator_guide.md``.

    The first that has both of: ``slides/`` beside the notebooks folder (the kit's
    own layout), ``slides/`` in the folder run in, ``slides/`` of the checkout the
    package runs from, and ``slides/`` of the folder it was pip-installed from (a
    wheel holds neither file).
    """
    here = Path(cwd) if cwd is not None else Path.cwd()
    candidates = [Path(notebooks_dir).resolve().parent / "slides", here / "slides", ROOT / "slides"]
    source = install_source()
    if source is not None:
        candidates.append(source / "slides")
    for folder in candidates:
        if _has_slide_assets(folder):
            return folder
    looked = "\n  ".join(str(c) for c in dict.fromkeys(candidates))
    raise FileNotFoundError(
        f"no slides folder with vendor/{REVEAL_DIR}/ and {GUIDE_SOURCE} in:\n  {looked}\n"
        "name the kit's slides/ folder with --slides-dir"
    )


def build(
    out_dir: Path | None = None,
    notebooks_dir: Path | None = None,
    slides_dir: Path | None = None,
    include_code: bool = False,
) -> BuildResult:
    """Build every deck, the guide and an index into ``out_dir``; check they are offline.

    Relative to the folder run in, ``out_dir`` defaults to ``slides/_build`` and
    ``notebooks_dir`` to ``notebooks/`` (or that folder itself, see
    ``default_notebooks_dir``); ``slides_dir`` (holding ``vendor/`` and
    ``facilitator_guide.md``) is found by ``find_slides_dir``. Decks from notebooks
    that no longer exist are removed from ``out_dir``.
    """
    out_dir = Path(out_dir) if out_dir is not None else Path.cwd() / DEFAULT_OUT
    notebooks_dir = Path(notebooks_dir) if notebooks_dir is not None else default_notebooks_dir()
    slides_dir = Path(slides_dir) if slides_dir is not None else find_slides_dir(notebooks_dir)
    vendor = slides_dir / "vendor" / REVEAL_DIR
    if not (vendor / "dist" / "reveal.js").is_file():
        raise FileNotFoundError(
            f"reveal.js is not vendored at {vendor} (see slides/vendor/README.md)"
        )

    out_dir.mkdir(parents=True, exist_ok=True)
    for stale in out_dir.glob(f"*{DECK_SUFFIX}"):
        stale.unlink()
    for old in out_dir.glob("reveal.js-*"):
        if old.is_dir():
            shutil.rmtree(old)
    shutil.copytree(vendor, out_dir / REVEAL_DIR, ignore=shutil.ignore_patterns("*.md"))

    exporter = _exporter(include_code)
    decks = tuple(build_deck(nb, out_dir, exporter=exporter) for nb in notebooks_in(notebooks_dir))
    guide = build_guide(slides_dir / GUIDE_SOURCE, out_dir)
    index = out_dir / "index.html"
    index.write_text(_index_page(decks, guide), encoding="utf-8")
    check_offline(out_dir)
    return BuildResult(out_dir=out_dir, decks=decks, guide=guide, index=index)
