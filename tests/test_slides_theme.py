"""Every text on every slide, and in the facilitator guide and the index page, meets
4.5:1 contrast, in a light and a dark colour scheme.

The decks are built into a temporary folder and opened from ``file://`` in Chromium at
1280 x 720, once with ``prefers-color-scheme: light`` and once with ``dark`` (a dark
room's projector laptop, a learner's dark-mode browser). Each slide is shown in turn;
each visible text's colour is compared with what is actually behind it
(``contrast.text_contrasts``: the layers under the text blended, figures counted as
the white they are drawn on).
"""

from __future__ import annotations

import pytest
from contrast import text_contrasts, too_faint
from test_slides_fit import VIEWPORT, _open

from workshop.tooling import slides

pytestmark = pytest.mark.browser

# JS: the indices of every slide (transitions off, so a shown slide is at rest).
SLIDES = """() => {
  Reveal.configure({ transition: "none", backgroundTransition: "none" });
  return Reveal.getSlides().map((s) => Reveal.getIndices(s));
}"""
SHOWN = ".reveal .slides section.present:not(.stack)"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return slides.build(tmp_path_factory.mktemp("slides-theme") / "_build")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_text_on_every_slide_meets_4_5_to_1(built, browser, scheme):
    context = browser.new_context(viewport=VIEWPORT, color_scheme=scheme)
    page = context.new_page()
    try:
        faint, measured, backgrounds = [], 0, set()
        for deck in built.decks:
            _open(page, deck.html)
            backgrounds.add(
                page.evaluate(
                    "getComputedStyle(document.querySelector('.reveal-viewport')"
                    " || document.body).backgroundColor"
                )
            )
            for at in page.evaluate(SLIDES):
                page.evaluate("([h, v]) => Reveal.slide(h, v)", [at["h"], at["v"]])
                texts = text_contrasts(page, SHOWN)
                measured += len(texts)
                faint += [{**t, "deck": deck.html.name, "slide": at} for t in too_faint(texts)]
    finally:
        context.close()
    # The scheme took effect (the page is dark under dark), and text was measured.
    assert backgrounds == {"rgb(255, 255, 255)" if scheme == "light" else "rgb(17, 17, 17)"}
    assert measured > 500
    assert faint == [], f"{len(faint)} texts below 4.5:1: {faint[:20]}"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_guide_and_the_index_meet_4_5_to_1(built, browser, scheme):
    context = browser.new_context(viewport=VIEWPORT, color_scheme=scheme)
    page = context.new_page()
    try:
        texts, backgrounds = [], set()
        for html in (built.guide, built.index):
            page.goto(html.resolve().as_uri())
            backgrounds.add(page.evaluate("getComputedStyle(document.body).backgroundColor"))
            # Screen by screen (only what is on screen is measured).
            height = page.evaluate("document.documentElement.scrollHeight")
            for top in range(0, height, VIEWPORT["height"] - 40):
                page.evaluate("(y) => window.scrollTo(0, y)", top)
                texts += text_contrasts(page, "main")
    finally:
        context.close()
    assert backgrounds == {"rgb(255, 255, 255)" if scheme == "light" else "rgb(17, 17, 17)"}
    assert len(texts) > 100
    assert too_faint(texts) == []
