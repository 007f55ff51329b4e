"""Every slide of every deck fits a 1280 x 720 screen, and every deck has speaker notes.

The decks are built into a temporary folder and opened from ``file://`` (no server)
in one Chromium at a 1280 x 720 viewport. Each slide is shown in turn and measured
in the browser: the boxes of everything on it must lie inside the slide as reveal.js
draws it (``.reveal .slides``, already scaled to the screen), nothing may scroll
inside its own box, and no text or picture may sit under the arrows or the slide
number. A failure names the deck, the slide's index and heading, and by how much
(in the slide's own px) it does not fit.
"""

from __future__ import annotations

import re

import nbformat
import pytest
from servers import ROOT

from workshop.tooling import slides
from workshop.tooling.nbfiles import notebook_files

NOTEBOOKS = notebook_files(ROOT / "notebooks")
VIEWPORT = {"width": 1280, "height": 720}
GUIDE = (ROOT / "slides" / "facilitator_guide.md").read_text(encoding="utf-8")

#: Shows each slide and measures it. Returns one record per slide.
MEASURE_JS = """
() => {
  Reveal.configure({ transition: "none", backgroundTransition: "none" });
  const scale = Reveal.getScale();
  const inside = (a, b) => !(a.right <= b.left || a.left >= b.right || a.bottom <= b.top || a.top >= b.bottom);
  const records = [];
  Reveal.getSlides().forEach((slide, index) => {
    const at = Reveal.getIndices(slide);
    Reveal.slide(at.h, at.v);
    const box = document.querySelector(".reveal .slides").getBoundingClientRect();
    const furniture = [".reveal .controls .enabled", ".reveal .slide-number"]
      .flatMap((q) => Array.from(document.querySelectorAll(q)))
      .filter((el) => getComputedStyle(el).display !== "none")
      .map((el) => el.getBoundingClientRect())
      .filter((r) => r.width > 0 && r.height > 0);
    let top = box.top, bottom = box.top, left = box.left, right = box.left;
    const scrolls = [], covered = [];
    for (const el of slide.querySelectorAll("*")) {
      if (el.closest("aside.notes")) continue;
      const style = getComputedStyle(el);
      if (style.display === "none" || style.visibility === "hidden") continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      top = Math.min(top, r.top); bottom = Math.max(bottom, r.bottom);
      left = Math.min(left, r.left); right = Math.max(right, r.right);
      const clips = (v) => ["auto", "scroll", "hidden"].includes(v);
      if ((clips(style.overflowY) && el.scrollHeight > el.clientHeight + 2) ||
          (clips(style.overflowX) && el.scrollWidth > el.clientWidth + 2)) {
        scrolls.push(el.tagName.toLowerCase() + "." + el.className);
      }
      const shows = el.children.length === 0 && (el.textContent.trim() || /^(IMG|svg|CANVAS)$/.test(el.tagName));
      if (shows && furniture.some((f) => inside(r, f))) covered.push(el.textContent.trim().slice(0, 40) || el.tagName);
    }
    const heading = Array.from(slide.querySelectorAll("h1, h2")).find((h) => !h.closest("aside.notes"));
    records.push({
      index, h: at.h, v: at.v,
      heading: heading ? heading.textContent.replace("¶", "").trim() : "",
      below: (bottom - box.bottom) / scale, above: (box.top - top) / scale,
      right: (right - box.right) / scale, left: (box.left - left) / scale,
      scrolls, covered,
      notes: Array.from(slide.querySelectorAll("aside.notes"))
        .filter((n) => !n.closest(".fragment")).map((n) => n.textContent.trim()).join("\\n"),
    });
  });
  return records;
}
"""


def _problems(deck_name: str, records: list[dict]) -> list[str]:
    out = []
    for r in records:
        where = f"{deck_name} slide {r['index']} (#/{r['h']}/{r['v']}) {r['heading']!r}"
        for side in ("below", "above", "right", "left"):
            if r[side] > 1:
                out.append(f"{where}: content {r[side]:.0f} px {side} the slide")
        if r["scrolls"]:
            out.append(f"{where}: content scrolls inside {r['scrolls']}")
        if r["covered"]:
            out.append(f"{where}: under the arrows or slide number: {r['covered']}")
    return out


def _open(page, html) -> None:
    page.goto(html.resolve().as_uri())
    page.wait_for_function("() => window.Reveal && Reveal.isReady()", timeout=20_000)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return slides.build(tmp_path_factory.mktemp("slides-fit") / "_build")


@pytest.fixture(scope="module")
def measured(built, browser):
    """Every deck opened and every slide measured, in one page of one browser."""
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    try:
        result = {}
        for deck in built.decks:
            _open(page, deck.html)
            result[deck.html.name] = {
                "records": page.evaluate(MEASURE_JS),
                "continued": page.evaluate(
                    "document.querySelectorAll('.reveal .slides section.workshop-continued').length"
                ),
                "total": page.evaluate("Reveal.getTotalSlides()"),
            }
        result["errors"] = errors
        yield result
    finally:
        context.close()


@pytest.mark.browser
def test_every_slide_fits_1280x720(built, measured):
    problems = []
    for deck in built.decks:
        problems += _problems(deck.html.name, measured[deck.html.name]["records"])
    assert problems == [], "slides that do not fit:\n" + "\n".join(problems)
    assert measured["errors"] == []


@pytest.mark.browser
def test_every_authored_slide_is_shown_and_continuations_are_counted(built, measured):
    for deck in built.decks:
        m = measured[deck.html.name]
        assert m["total"] == len(m["records"]) == deck.slides + m["continued"], deck.html.name
        headings = [r["heading"] for r in m["records"]]
        assert all(headings), f"{deck.html.name}: a slide without a heading: {headings}"


@pytest.mark.browser
def test_every_deck_has_the_guides_speaker_notes(built, measured):
    notes = slides.guide_notes(GUIDE)
    for deck in built.decks:
        records = measured[deck.html.name]["records"]
        expected = notes[slides.deck_key(deck.notebook.stem)]
        first = records[0]["notes"]
        assert "timing" in first, f"{deck.html.name}: no timing notes on the first slide"
        for row in expected.timetable:  # "- *90-minute timetable*: 10–25 (15 min): …"
            time = row.split(": ", 2)[1].split(" ")[0]
            assert time in first, (deck.html.name, time)
        prompts = [r for r in records if "guide: discussion prompts" in r["notes"]]
        assert len(prompts) == 1, f"{deck.html.name}: discussion prompts on {len(prompts)} slides"
        assert not prompts[0]["heading"].lower().startswith("references")
        first_prompt = expected.prompts.splitlines()[0].lstrip("- ").split("?")[0]
        assert " ".join(first_prompt.split()) in " ".join(prompts[0]["notes"].split())
        # Each section's teaching note on the first slide of that section.
        for heading, note in expected.by_section.items():
            shown = [r for r in records if r["heading"].removesuffix("¶") == heading]
            assert shown, (deck.html.name, heading)
            words = " ".join(re.sub(r"[*`]", "", note).split())[:60]  # as rendered
            assert words in " ".join(shown[0]["notes"].split()), heading
    by_name = {
        d.notebook.stem[:2]: measured[d.html.name]["records"][0]["notes"] for d in built.decks
    }
    assert "saddle" in by_name["00"] and "bladder" in by_name["00"]  # the safety script
    assert "Stop." in by_name["05"] and "saddle" in by_name["05"]  # pain steps, script again


@pytest.mark.browser
def test_speaker_view_opens_offline_with_the_notes(built, browser):
    """Pressing S opens reveal.js's speaker view (built into plugin/notes/notes.js) from
    file://; it shows the current slide's notes."""
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    try:
        _open(page, built.decks[0].html)
        with page.expect_popup() as popup_info:
            page.keyboard.press("s")
        speaker = popup_info.value
        speaker.wait_for_function(
            "() => (document.querySelector('.speaker-controls-notes .value') || {}).textContent"
            " && document.querySelector('.speaker-controls-notes .value').textContent.includes('timing')",
            timeout=15_000,
        )
        assert "Safety script" in speaker.locator(".speaker-controls-notes").inner_text()
    finally:
        context.close()


def _long_notebook(rows: int) -> nbformat.NotebookNode:
    body = "".join(
        f"<tr><td>row {i:02d}</td><td>{'a long cell of text ' * (1 + i % 5)}</td><td>{i}.0 N</td></tr>"
        for i in range(rows)
    )
    table = f"<table><thead><tr><th>name</th><th>text</th><th>force</th></tr></thead><tbody>{body}</tbody></table>"
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("# A long deck\n\nIntro."),
        nbformat.v4.new_markdown_cell("## A long table\n\nEvery row must be shown once:"),
        nbformat.v4.new_code_cell(
            "table()",
            outputs=[
                nbformat.v4.new_output(
                    "display_data", data={"text/html": table, "text/plain": "table"}
                )
            ],
        ),
        nbformat.v4.new_markdown_cell(
            "## A long list\n\n" + "\n".join(f"- item {i:02d}: a line of text" for i in range(40))
        ),
    ]
    return nb


@pytest.mark.browser
def test_a_long_table_and_list_continue_on_the_next_slides_with_nothing_lost(tmp_path, browser):
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    nbformat.write(_long_notebook(rows=30), notebooks / "10_long.ipynb")
    deck = slides.build(tmp_path / "out", notebooks).decks[0]
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    try:
        _open(page, deck.html)
        records = page.evaluate(MEASURE_JS)
        assert _problems(deck.html.name, records) == []
        assert len(records) > deck.slides == 3  # the table and the list were continued
        shown = page.evaluate(
            """() => Reveal.getSlides().map((s) => ({
                 heading: s.querySelector('h1, h2').textContent.replace('¶', '').trim(),
                 rows: Array.from(s.querySelectorAll('tbody tr td:first-child'), (td) => td.textContent),
                 headers: s.querySelectorAll('thead th').length,
                 items: Array.from(s.querySelectorAll('li'), (li) => li.textContent.slice(0, 7)),
                 numbers: Array.from(s.querySelectorAll('td.workshop-num'), (td) => td.textContent),
               }))"""
        )
    finally:
        context.close()
    rows = [r for s in shown for r in s["rows"]]
    assert rows == [f"row {i:02d}" for i in range(30)]
    items = [i for s in shown for i in s["items"]]
    assert items == [f"item {i:02d}" for i in range(40)]
    for s in shown:
        if s["rows"]:
            assert s["headers"] == 3, s  # the header row is repeated
            assert len(s["numbers"]) == len(s["rows"])  # the force column reads as numbers
        if s["heading"].endswith("(continued)"):
            assert s["heading"] in ("A long table (continued)", "A long list (continued)")


def _png_b64(height_px: int) -> str:
    import base64
    import io

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6, height_px / 100), dpi=100)
    ax.plot([0, 1], [0, 1])
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    plt.close(fig)
    return base64.b64encode(buf.getvalue()).decode()


def _picture_notebook(intro_lines: int) -> nbformat.NotebookNode:
    from workshop.tooling.slides.deck import STILL_NOTE_HTML

    text = " ".join(["A sentence of introduction that fills most of a line on the slide."] * 2)
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Pictures\n\nIntro."),
        nbformat.v4.new_markdown_cell(
            "## A picture after text\n\n" + "\n\n".join([text] * intro_lines)
        ),
        nbformat.v4.new_code_cell(
            "figure()",
            outputs=[
                nbformat.v4.new_output(
                    "display_data", data={"image/png": _png_b64(430), "text/plain": "figure"}
                ),
                nbformat.v4.new_output(
                    "display_data", data={"text/html": STILL_NOTE_HTML, "text/plain": "note"}
                ),
            ],
        ),
        nbformat.v4.new_markdown_cell(
            "## A short table\n\nOne line of introduction."
            + "\n\n| row | text |\n|---|---|\n"
            + "\n".join(f"| r{i} | {'tall cell text ' * 60} |" for i in range(5))
        ),
        nbformat.v4.new_markdown_cell(
            "## A table of tall rows\n\nOne line of introduction."
            + "\n\n| row | text |\n|---|---|\n"
            + "\n".join(f"| t{i} | {'very tall cell text ' * 130} |" for i in range(3))
        ),
    ]
    return nb


def _slides_of(deck, browser) -> list[dict]:
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    try:
        _open(page, deck.html)
        assert _problems(deck.html.name, page.evaluate(MEASURE_JS)) == []
        return page.evaluate(
            """() => Reveal.getSlides().map((s) => (Reveal.slide(...Object.values(Reveal.getIndices(s))), {
                 heading: s.querySelector('h1, h2').textContent.replace('¶', '').trim(),
                 pictures: Array.from(s.querySelectorAll('.jp-RenderedImage img'),
                                      (img) => img.offsetHeight),  // shown: laid out
                 notes: s.querySelectorAll('.workshop-still-note').length,
                 rows: Array.from(s.querySelectorAll('tbody tr td:first-child'), (td) => td.textContent),
               }))"""
        )
    finally:
        context.close()


@pytest.mark.browser
def test_a_picture_shrinks_to_stay_with_its_text_and_note_and_a_table_with_its_intro(
    tmp_path, browser
):
    """Text, a 430 px picture and the note under it that together are too tall for one
    slide: the picture shrinks (not below 60 % of its height) and all three stay on the
    slide. With more text than that allows, the picture and its note move on together.
    A short table after one line of introduction is cut between rows rather than leave
    the line alone on its slide (after one row, when a row is a third of the slide)."""
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    nbformat.write(_picture_notebook(intro_lines=3), notebooks / "10_pictures.ipynb")
    shown = _slides_of(slides.build(tmp_path / "out", notebooks).decks[0], browser)
    picture = next(s for s in shown if s["pictures"])
    assert picture["heading"] == "A picture after text" and picture["notes"] == 1
    assert 0.6 * 430 <= picture["pictures"][0] < 430
    tables = [s for s in shown if s["rows"]]
    assert tables[0]["heading"] == "A short table" and len(tables[0]["rows"]) >= 2
    assert [r for s in tables for r in s["rows"]][:5] == [f"r{i}" for i in range(5)]
    # Rows a third of a slide tall: one stays with the introduction.
    tall = [s for s in shown if s["rows"] and s["rows"][0].startswith("t")]
    assert tall[0]["heading"] == "A table of tall rows" and tall[0]["rows"] == ["t0"]
    assert [r for s in tall for r in s["rows"]] == ["t0", "t1", "t2"]

    nbformat.write(_picture_notebook(intro_lines=7), notebooks / "10_pictures.ipynb")
    shown = _slides_of(slides.build(tmp_path / "out2", notebooks).decks[0], browser)
    picture = next(s for s in shown if s["pictures"])
    assert picture["heading"] == "A picture after text (continued)" and picture["notes"] == 1
    assert picture["pictures"] == [430]
