"""The offline slide decks and the facilitator guide (``make slides``).

The build goes to a temporary folder. Every deck must work with no network: the
build's own check finds no remote resource, and in Chromium every request that
does not go to 127.0.0.1 is aborted and recorded (none may be).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import re
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import nbformat
import pytest
from servers import ROOT

from workshop.tooling import slides
from workshop.tooling.nbfiles import WIDGET_VIEW, notebook_files

NOTEBOOKS = notebook_files(ROOT / "notebooks")
GUIDE_HEADINGS = ("90-minute timetable", "3-hour timetable", "Safety script")


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def digests_before():
    return {nb: _digest(nb) for nb in NOTEBOOKS}


@pytest.fixture(scope="module")
def built(digests_before, tmp_path_factory):
    return slides.build(tmp_path_factory.mktemp("slides") / "_build")


# --------------------------------------------------------------------------- build


def test_notebooks_exist():
    assert NOTEBOOKS, "no notebooks/*.ipynb to build decks from"


def test_every_deck_the_guide_and_the_index_are_built(built):
    out = built.out_dir
    for nb in NOTEBOOKS:
        deck = out / f"{nb.stem}{slides.DECK_SUFFIX}"
        assert deck.is_file(), f"no deck for {nb.name}"
        assert deck.stat().st_size > 1000
    assert [d.notebook for d in built.decks] == NOTEBOOKS
    assert (out / slides.GUIDE_HTML).is_file()
    assert (out / slides.REVEAL_DIR / "dist" / "reveal.js").is_file()
    index = (out / "index.html").read_text(encoding="utf-8")
    for deck in built.decks:
        assert f'href="{deck.html.name}"' in index
    assert f'href="{slides.GUIDE_HTML}"' in index


def test_no_remote_resource_url_remains(built):
    checked = slides.check_offline(built.out_dir)  # raises OfflineError naming the URL
    names = {p.name for p in checked}
    assert {"index.html", slides.GUIDE_HTML, "reveal.css", "white.css"} <= names
    for path in checked:
        kind = "css" if path.suffix == ".css" else "html"
        assert slides.remote_resources(path.read_text(encoding="utf-8"), kind) == [], path
    for deck in built.decks:
        text = deck.html.read_text(encoding="utf-8")
        for cdn in ("unpkg.com", "cdnjs.cloudflare.com", "cdn.jsdelivr.net", "googleapis"):
            assert cdn not in text, f"{deck.html.name} mentions {cdn}"
        assert "require.js" not in text and "MathJax.Hub" not in text


def test_notebooks_on_disk_are_not_modified(built, digests_before):
    assert {nb: _digest(nb) for nb in NOTEBOOKS} == digests_before


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[nb.stem for nb in NOTEBOOKS])
def test_each_heading_cell_starts_a_slide(notebook):
    nb = nbformat.read(notebook, as_version=4)
    original = nbformat.writes(nb)
    prepared = slides.prepare_notebook(nb)
    assert nbformat.writes(nb) == original, "prepare_notebook changed its input"
    widgets_here = 0
    for before, cell in zip(nb.cells, prepared.cells, strict=True):
        kind = cell.metadata.get("slideshow", {}).get("slide_type")
        set_by_author = before.metadata.get("slideshow", {}).get("slide_type")
        first = cell.source.lstrip().split("\n", 1)[0] if cell.source else ""
        is_heading = cell.cell_type == "markdown" and (
            first.startswith("# ") or first.startswith("## ")
        )
        if is_heading:
            assert kind == "slide", first
        elif kind == "fragment" and set_by_author is None:
            assert "solution" in cell.metadata.get("tags", []), first
        else:
            assert kind == set_by_author, first
        for out in cell.get("outputs", []):
            assert WIDGET_VIEW not in out.get("data", {})
        # A live widget's cell says, under its still twin, where the live one is.
        had_widget = any(slides.is_static_twin(out) for out in before.get("outputs", []))
        widgets_here += had_widget
        notes = [
            out
            for out in cell.get("outputs", [])
            if slides.STILL_NOTE_HTML in out.get("data", {}).get("text/html", "")
        ]
        assert len(notes) == had_widget, first
        if had_widget:
            assert cell.outputs[-1] is notes[0]
    assert "widgets" not in prepared.metadata
    assert slides.count_slides(prepared) > 1
    # Every notebook of the kit shows a widget (00's screen, 01's explorer, ...): a
    # twin that lost its mark would leave this at 0.
    assert widgets_here >= 1


def test_solutions_wait_for_a_key_press():
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Title"),
        nbformat.v4.new_markdown_cell("## Exercise\n\nPredict first."),
        nbformat.v4.new_markdown_cell("### Solution", metadata={"tags": ["solution"]}),
        nbformat.v4.new_code_cell("1 + 1", metadata={"tags": ["solution"]}),
        nbformat.v4.new_markdown_cell("## References"),
    ]
    kinds = [
        c.metadata.get("slideshow", {}).get("slide_type") for c in slides.prepare_notebook(nb).cells
    ]
    assert kinds == ["slide", "slide", "fragment", None, "slide"]
    assert slides.count_slides(slides.prepare_notebook(nb)) == 3


GUIDE_SAMPLE = """# Guide

## 90-minute timetable

| Time | Min | Notebook | What happens |
|---|---|---|---|
| 0–10 | 10 | **00 · Welcome** | Read the script aloud. |
| 10–25 | 15 | **01 · Chain** | Live demo. |

## Safety script (read aloud)

> Stop if it hurts.

## Teaching notes by notebook

### 01 · Chain

- **Exercise**: Ask for a guess
  before anyone moves a slider.
- **Nowhere**: A note for a section the notebook does not have.

## Discussion prompts by notebook

### 00 · Welcome

- What brought you here?

### 01 · Chain

- Which slider first?
  Why?

## Sources

- A source.
"""


def test_guide_notes_take_each_decks_rows_prompts_and_sections():
    notes = slides.guide_notes(GUIDE_SAMPLE)
    assert sorted(notes) == ["00", "01", "05"]  # 05 only has the script read again
    assert notes["05"].timetable == [] and notes["05"].prompts == ""
    assert "Stop if it hurts." in notes["05"].opening
    assert notes["01"].timetable == ["- *90-minute timetable*: 10–25 (15 min): Live demo."]
    assert notes["01"].prompts == "- Which slider first?\n  Why?"
    assert notes["01"].sections == []
    assert notes["01"].by_section == {
        "Exercise": "Ask for a guess before anyone moves a slider.",
        "Nowhere": "A note for a section the notebook does not have.",
    }
    assert notes["00"].by_section == {} and "Ask for a guess" not in notes["01"].prompts
    assert "Stop if it hurts." in notes["00"].opening  # SECTIONS_BY_DECK["00"]
    assert "What brought you here?" in notes["00"].closing
    assert "Sources" not in notes["01"].closing and "A source" not in notes["01"].closing
    assert slides.deck_key("01_kinetic_chain") == "01" and slides.deck_key("draft") == ""


def test_speaker_notes_go_on_the_first_slide_and_before_the_references():
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Title"),
        nbformat.v4.new_markdown_cell("Intro."),
        nbformat.v4.new_markdown_cell("## Exercise\n\nPredict."),
        nbformat.v4.new_markdown_cell("### Solution", metadata={"tags": ["solution"]}),
        nbformat.v4.new_markdown_cell("## References\n\n- A."),
    ]
    prepared = slides.prepare_notebook(nb)
    notes = slides.guide_notes(GUIDE_SAMPLE)["01"]
    with_notes = slides.add_speaker_notes(prepared, notes)
    kinds = [c.metadata.get("slideshow", {}).get("slide_type") for c in with_notes.cells]
    # Opening notes right after the title cell; the Exercise section's teaching note
    # and the prompts right after its heading, so not inside the solution's fragment.
    assert kinds == ["slide", "notes", None, "slide", "notes", "notes", "fragment", "slide"]
    assert "Live demo." in with_notes.cells[1].source
    assert "Ask for a guess before anyone moves a slider." in with_notes.cells[4].source
    assert "Which slider first?" in with_notes.cells[5].source
    assert not any("does not have" in c.source for c in with_notes.cells)
    assert slides.count_slides(with_notes) == slides.count_slides(prepared) == 3
    assert len(prepared.cells) == 5  # the prepared copy is not changed
    assert slides.add_speaker_notes(prepared, None).cells == prepared.cells


def test_widgets_show_their_static_picture(built):
    pictures = 0
    for deck in built.decks:
        text = deck.html.read_text(encoding="utf-8")
        assert WIDGET_VIEW not in text, deck.html.name
        assert "widget-state+json" not in text
        nb = nbformat.read(deck.notebook, as_version=4)
        if any(
            "image/svg+xml" in out.get("data", {})
            for cell in nb.cells
            for out in cell.get("outputs", [])
        ):  # the widgets' SVG twins (and SVG figures) are shown as pictures
            assert 'data-mime-type="image/svg+xml"' in text, deck.html.name
            assert 'src="data:image/svg+xml;base64,' in text, deck.html.name
            pictures += 1
    assert pictures, "no deck shows an SVG picture (the explorer's twin in 01 should)"


def test_offline_check_finds_loaded_resources_not_links():
    page = """<!DOCTYPE html><html><head>
    <link rel="stylesheet" href="https://cdn.example.org/a.css">
    <script src="//cdn.example.org/b.js"></script>
    <style>@import url("https://fonts.example.org/c.css"); .x { background: url(http://img.example.org/d.png) }</style>
    <script type="module">import m from 'https://esm.example.org/e.mjs';</script>
    </head><body>
    <img src="https://img.example.org/f.png" srcset="https://img.example.org/g.png 2x">
    <div style="background-image: url('https://img.example.org/h.png')"></div>
    <svg xmlns="http://www.w3.org/2000/svg"><image href="https://img.example.org/i.png"/></svg>
    <a href="https://www.nice.org.uk/guidance/ng59">NICE NG59</a> see https://doi.org/10.7326/M16-2367
    <script src="http://127.0.0.1:8000/local.js"></script>
    <script type="application/json">{"u": "https://example.org/data"}</script>
    </body></html>"""
    found = slides.remote_resources(page)
    assert found == sorted(
        [
            "https://cdn.example.org/a.css",
            "//cdn.example.org/b.js",
            "https://fonts.example.org/c.css",
            "http://img.example.org/d.png",
            "https://esm.example.org/e.mjs",
            "https://img.example.org/f.png",
            "https://img.example.org/g.png",
            "https://img.example.org/h.png",
            "https://img.example.org/i.png",
        ]
    )
    css = "/* by http://hakim.se */ @import url(./fonts/x.css); @import 'https://f.example.org/y.css';"
    assert slides.remote_resources(css, "css") == ["https://f.example.org/y.css"]


def test_build_fails_naming_a_remote_url(tmp_path):
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("# A deck\n\nIntro."),
        nbformat.v4.new_markdown_cell("## A picture\n\n![x](https://example.org/remote.png)"),
    ]
    nbformat.write(nb, notebooks / "10_remote.ipynb")
    with pytest.raises(slides.OfflineError, match=r"https://example\.org/remote\.png"):
        slides.build(tmp_path / "out", notebooks)
    # The deck of a notebook that no longer exists (written, then refused as not offline)
    # is removed on the next build.
    assert (tmp_path / "out" / f"10_remote{slides.DECK_SUFFIX}").exists()
    (notebooks / "10_remote.ipynb").unlink()
    nb.cells = nb.cells[:1]
    nbformat.write(nb, notebooks / "20_local.ipynb")
    slides.build(tmp_path / "out", notebooks)
    decks = sorted(p.name for p in (tmp_path / "out").glob(f"*{slides.DECK_SUFFIX}"))
    assert decks == [f"20_local{slides.DECK_SUFFIX}"]


def test_build_without_notebooks_writes_nothing(tmp_path):
    empty = tmp_path / "notebooks"
    empty.mkdir()
    (empty / "_draft.ipynb").write_text("{}", encoding="utf-8")  # a draft is not a deck
    for folder in (empty, tmp_path / "missing"):
        with pytest.raises(FileNotFoundError, match=re.escape(f"no notebooks in {folder}")):
            slides.build(tmp_path / "out", folder)
    assert not (tmp_path / "out").exists()


def test_the_checkout_slides_folder_is_found_from_anywhere(tmp_path, monkeypatch):
    """Run from source in an unrelated folder, with notebooks elsewhere: the checkout's slides/."""
    monkeypatch.setattr(slides.sources, "install_source", lambda: None)
    (tmp_path / "notebooks").mkdir()
    found = slides.find_slides_dir(tmp_path / "notebooks", cwd=tmp_path)
    assert found == ROOT / "slides"


# --------------------------------------------------------------------------- browser


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's signature
        pass


@contextlib.contextmanager
def _serve(directory):
    """Serve ``directory`` on 127.0.0.1 (a free port) from a thread; always shut down."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def site(built):
    with _serve(built.out_dir) as url:
        yield url


def _offline(page) -> dict[str, list[str]]:
    """Abort every request not for 127.0.0.1; record those and any failed local one."""
    seen: dict[str, list[str]] = {"aborted": [], "failed": []}

    def handle(route):
        url = route.request.url
        if urlsplit(url).hostname == "127.0.0.1":
            route.continue_()
        else:
            seen["aborted"].append(url)
            route.abort()

    page.route("**/*", handle)
    page.on(
        "response",
        lambda r: seen["failed"].append(f"{r.status} {r.url}") if r.status >= 400 else None,
    )
    page.on(
        "requestfailed",
        lambda r: None if r.url in seen["aborted"] else seen["failed"].append(r.url),
    )
    return seen


SLIDE_HEADING = """() => {
  const h = Reveal.getCurrentSlide().querySelector('h1, h2');
  return h ? h.textContent.trim() : '';
}"""


@pytest.mark.browser
@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[nb.stem for nb in NOTEBOOKS])
def test_deck_runs_offline_in_chromium(built, site, page, notebook):
    deck = next(d for d in built.decks if d.notebook == notebook)
    seen = _offline(page)
    page.goto(f"{site}/{deck.html.name}")
    page.wait_for_function("() => window.Reveal && Reveal.isReady()", timeout=20_000)
    total = page.evaluate("Reveal.getTotalSlides()")
    assert total > 1
    # The authored slides, and the continuations of those too tall for the screen.
    continued = page.evaluate("document.querySelectorAll('section.workshop-continued').length")
    assert total == deck.slides + continued
    taught = set()
    for i in range(total):  # visit every slide: each is measured and shown once
        page.evaluate("i => Reveal.slide(i)", i)
        notes = page.evaluate("() => Reveal.getSlideNotes() || ''")
        if "teaching note" in notes:
            taught.add(page.evaluate(SLIDE_HEADING).removesuffix("¶"))
    assert page.evaluate("Reveal.getIndices().h") == total - 1
    assert page.evaluate("Reveal.hasPlugin('notes')")
    # The speaker view shows the guide's teaching note of each section on its slide.
    guide = (Path(__file__).parents[1] / "slides" / "facilitator_guide.md").read_text("utf-8")
    written = slides.guide_notes(guide)[slides.deck_key(notebook.stem)].by_section
    assert taught == set(written), taught ^ set(written)
    assert seen["aborted"] == [], f"the deck tried to load from the internet: {seen['aborted']}"
    assert seen["failed"] == []
    assert page.console_errors == []


@pytest.mark.browser
def test_index_and_guide_render_offline(built, site, page):
    seen = _offline(page)
    page.goto(f"{site}/index.html")
    links = page.locator("a[href$='.slides.html']")
    assert links.count() == len(built.decks)
    page.locator(f"a[href='{slides.GUIDE_HTML}']").first.click()
    page.wait_for_url(f"**/{slides.GUIDE_HTML}")

    for name in GUIDE_HEADINGS:
        heading = page.get_by_role("heading", name=name, level=2)
        assert heading.count() == 1, name
        assert heading.is_visible()
    for name in GUIDE_HEADINGS[:2]:  # each timetable is a table covering notebooks 00-07
        table = page.locator(f"h2:has-text('{name}') + p + table, h2:has-text('{name}') + table")
        assert table.count() == 1, name
        text = table.inner_text()
        for n in range(8):
            assert f"0{n} ·" in text, (name, n)
    script = page.locator("h2:has-text('Safety script') ~ blockquote").first
    text = script.inner_text()
    for phrase in (
        "does not diagnose",
        "saddle",
        "bladder",
        "cancer",
        "sharp, shooting or worsening",
    ):
        assert phrase in text, phrase
    assert page.get_by_role("heading", name="If someone reports pain during class").count() == 1
    assert seen["aborted"] == [] and seen["failed"] == []
    assert page.console_errors == []


def test_a_build_replaces_only_what_a_build_wrote(tmp_path):
    """--out may name any folder: a build refuses one holding files the kit did not
    write (nothing is written or removed), and rebuilds its own folder, removing the
    deck of a notebook that is gone."""
    source = Path(__file__).parents[1] / "notebooks" / "00_welcome_and_safety.ipynb"
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    for stem in ("00_a", "01_b"):
        shutil.copy(source, notebooks / f"{stem}.ipynb")
    mine = tmp_path / "web"
    (mine / "reveal.js-3.9.2").mkdir(parents=True)
    (mine / "reveal.js-3.9.2" / "custom.css").write_text("mine", encoding="utf-8")
    (mine / "index.html").write_text("my page", encoding="utf-8")
    (mine / f"talk{slides.DECK_SUFFIX}").write_text("my talk", encoding="utf-8")
    before = sorted(p.relative_to(mine) for p in mine.rglob("*"))
    with pytest.raises(ValueError, match="files the kit did not write"):
        slides.build(mine, notebooks)
    assert sorted(p.relative_to(mine) for p in mine.rglob("*")) == before
    assert (mine / f"talk{slides.DECK_SUFFIX}").read_text(encoding="utf-8") == "my talk"
    # The vendored reveal.js is never a place to build in.
    vendor = Path(__file__).parents[1] / "slides" / "vendor"
    with pytest.raises(ValueError, match="files the kit did not write"):
        slides.build(vendor, notebooks)
    # The kit's own folder: built, rebuilt, and a removed notebook's deck goes.
    out = tmp_path / "out"
    slides.build(out, notebooks)
    (notebooks / "01_b.ipynb").unlink()
    slides.build(out, notebooks)
    assert sorted(p.name for p in out.glob(f"*{slides.DECK_SUFFIX}")) == [
        f"00_a{slides.DECK_SUFFIX}"
    ]
    # Something of the learner's put there later is refused again, and kept.
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(ValueError, match="notes.txt"):
        slides.build(out, notebooks)
    assert (out / "notes.txt").read_text(encoding="utf-8") == "mine"
