"""The explorer widget on a page, in Chromium: the pinned comparison's layout and the
contrast of every text in light and dark themes.

No Jupyter server: the bundled widget is rendered into a blank page (``js_harness``)
with the stand-in widget model of ``test_js_explorer`` fed from a real
``KineticChainExplorer``, with ``explorer.css`` and, for the JupyterLab themes, the
theme's own CSS file (its ``--jp-*`` variables) from the installed JupyterLab.
"""

from __future__ import annotations

import pytest
from contrast import THEME_CASES, stage, text_contrasts, theme_css, too_faint
from js_harness import js_fixture  # noqa: F401  (provides the `js` fixture)
from test_js_explorer import ENTRY, FAKE_MODEL, WORKSHOP, widget_state

from workshop.views.chain.explorer import KineticChainExplorer

pytestmark = pytest.mark.browser

CSS = (WORKSHOP / "views/chain/explorer.css").read_text("utf-8")

# JS: the widget rendered into the staged page's wrapper (contrast.stage).
MOUNT = (
    """async ([entryUrl, state]) => {
  const wrap = document.getElementById("wrap");
  const m = await import(entryUrl);"""
    + FAKE_MODEL
    + """
  const model = fakeModel({ ...state, grid: toView(state.grid) });
  m.default.render({ model, el: wrap });
  await new Promise((r) => setTimeout(r, 400));  // the read-out fills after its delay
  return true;
}"""
)


def mount(js, widget, *, width: int, theme: str = "", background: str = "#ffffff") -> None:
    js.page.set_viewport_size({"width": width, "height": 1000})
    stage(js.page, theme=theme, css=CSS, background=background)
    js.page.evaluate(MOUNT, [js.url(ENTRY), widget_state(widget)])


def pinned_widget() -> KineticChainExplorer:
    w = KineticChainExplorer(hip_flexor_tightness=0.0)
    w.pin()
    w.set(hip_flexor_tightness=1.0)
    return w


BOXES = """() => {
  const box = (el) => { const r = el.getBoundingClientRect();
    return { left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width }; };
  const frames = [...document.querySelectorAll(".mm-stage > svg")];
  return { frames: frames.map(box), diff: box(document.querySelector(".mm-diff-box")),
           widget: box(document.querySelector(".mm-explorer")) };
}"""


def test_the_pinned_comparison_is_side_by_side_at_1280_px_and_stacked_when_narrow(js):
    w = pinned_widget()
    mount(js, w, width=1280)
    wide = js.page.evaluate(BOXES)
    a, b = wide["frames"]
    diff = wide["diff"]
    assert 1000 <= wide["widget"]["width"] <= 1400
    # A | differences | B on one row, none overlapping, each picture readable.
    assert abs(a["top"] - b["top"]) < 2
    assert a["right"] <= diff["left"] + 1 and diff["right"] <= b["left"] + 1
    assert min(a["width"], b["width"]) >= 380
    assert b["right"] <= wide["widget"]["right"] + 1  # nothing cut at the right
    mount(js, w, width=800)
    narrow = js.page.evaluate(BOXES)
    a, b = narrow["frames"]
    assert b["top"] >= a["bottom"] and a["right"] <= 800  # stacked, within the page


@THEME_CASES
def test_every_text_of_the_explorer_meets_4_5_to_1(js, theme, scheme, background):
    js.page.emulate_media(color_scheme=scheme)
    try:
        css = theme_css(theme)
        texts = []
        for widget in (KineticChainExplorer(trunk_flexion_deg=70, load_kg=30), pinned_widget()):
            mount(js, widget, width=1280, theme=css, background=background)
            texts += text_contrasts(js.page, ".mm-explorer")
    finally:
        js.page.emulate_media(color_scheme="light")
    # The controls, gauges, read-out, comparison table, badges and labels were all measured.
    seen = " ".join(t["text"] for t in texts)
    for expected in (
        "Position",
        "L4/L5 compression",
        "above limit",
        "NIOSH",
        "pelvic tilt",
        "L4/L5",
        "Evidence",
        "contested",
        "Model, not",
        "B (now) − A (pinned)",
    ):
        assert expected in seen, expected
    assert len(texts) > 60
    assert too_faint(texts) == []
