"""The breath pacer on a page, in Chromium: every text meets 4.5:1 contrast in
JupyterLab's light and dark themes and on a plain page under prefers-color-scheme:
dark, before a run and during one (breathing in and out), with a movement shown.

No Jupyter server: the bundled widget (``BreathPacer._esm`` and ``_css``) is rendered
into a blank page (``js_harness``) with the stand-in model of ``test_js_pacer``; the
page's clock runs for real, and the test waits for the phase words rather than for a
time, so it never fails on timing.
"""

from __future__ import annotations

import pytest
from contrast import THEME_CASES, stage, text_contrasts, theme_css, too_faint
from js_harness import js_fixture  # noqa: F401  (provides the `js` fixture)
from test_js_pacer import FAKE_MODEL

from workshop.breath import Pattern
from workshop.movement.movements import MOVEMENTS
from workshop.views.breath.pacer import BreathPacer

pytestmark = pytest.mark.browser

#: Short breaths (1 s in, 1 s out), so both phases come within seconds of Start.
QUICK = Pattern(1.0, 0.0, 1.0, 0.0)

# JS: the bundled widget rendered into the staged page's wrapper (contrast.stage).
RENDER = """(bundled, state) => {
  const wrap = document.getElementById("wrap");
  window.pacerPage = bundled.default.render({ model: window.fakeModel(state), el: wrap });
}"""


def mount(js, pacer: BreathPacer, *, theme: str, background: str) -> None:
    js.page.set_viewport_size({"width": 900, "height": 1100})
    js.page.evaluate("() => { if (window.pacerPage) window.pacerPage(); window.pacerPage = null; }")
    stage(js.page, theme=theme, css=pacer._css, background=background)
    js.page.evaluate(FAKE_MODEL)
    js.serve("pacer_page_bundle.js", pacer._esm)
    state = pacer.get_state(list(BreathPacer.class_own_traits(sync=True)))
    js.run("pacer_page_bundle.js", RENDER, state)


def phase_shown(js, words: str) -> None:
    """Wait until the phase line reads ``words`` (the clock runs for real)."""
    js.page.wait_for_function(
        "(w) => document.querySelector('.mm-pacer .mm-phase').textContent === w",
        arg=words,
        timeout=30_000,
    )


@THEME_CASES
def test_every_text_of_the_pacer_meets_4_5_to_1(js, theme, scheme, background):
    pacer = BreathPacer(QUICK, minutes=1, movement="cat_cow", sound=False)
    js.page.emulate_media(color_scheme=scheme)
    try:
        mount(js, pacer, theme=theme_css(theme), background=background)
        before = text_contrasts(js.page, ".mm-pacer")
        js.page.click(".mm-pacer button:has-text('Start')")
        phase_shown(js, "Breathe in")
        breathing_in = text_contrasts(js.page, ".mm-pacer")
        phase_shown(js, "Breathe out")
        breathing_out = text_contrasts(js.page, ".mm-pacer")
        js.page.click(".mm-pacer button:has-text('Stop')")
    finally:
        js.page.emulate_media(color_scheme="light")
    texts = before + breathing_in + breathing_out
    # Every part of the pacer was measured: phase words, countdown, buttons, options,
    # plan text, the movement panel (name, cue, caution, note, trace label).
    seen = " | ".join(t["text"] for t in texts)
    movement = MOVEMENTS["cat_cow"]
    for expected in (
        "Ready",
        "Breathe in",
        "Breathe out",
        " s",
        "Start",
        "Pause",
        "Stop",
        "sound cues",
        "soft tick",
        "eyes-closed",
        "breaths",
        movement.name[:40],
        "Caution:",
        "Model note:",
        pacer.movement_view["trace_label"][:40],
    ):
        assert expected in seen, expected
    assert any(t["text"] == movement.inhale_cue[:40] for t in breathing_in + breathing_out)
    assert too_faint(texts) == []
