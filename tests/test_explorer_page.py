"""The explorer widget on a page, in Chromium: the pinned comparison's layout and the
contrast of every text in light and dark themes.

No Jupyter server: the bundled widget is rendered into a blank page (``js_harness``)
with the stand-in widget model of ``test_js_explorer`` fed from a real
``KineticChainExplorer``, with ``explorer.css`` and, for the JupyterLab themes, the
theme's own CSS file (its ``--jp-*`` variables) from the installed JupyterLab.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from js_harness import js_fixture  # noqa: F401  (provides the `js` fixture)
from test_js_explorer import ENTRY, FAKE_MODEL, WORKSHOP, widget_state

from workshop.views.chain.explorer import KineticChainExplorer

pytestmark = pytest.mark.browser

CSS = (WORKSHOP / "views/chain/explorer.css").read_text("utf-8")
THEMES = Path(sys.prefix) / "share/jupyter/lab/themes/@jupyterlab"


def theme_css(name: str) -> str:
    """JupyterLab's theme CSS (``light`` or ``dark``): the variables the explorer reads."""
    path = THEMES / f"theme-{name}-extension/index.css"
    if not path.is_file():
        pytest.skip(f"JupyterLab's {name} theme CSS is not installed at {path}")
    return path.read_text("utf-8")


# JS: the page holds only the widget: theme CSS (or none), explorer.css, a wrapper with
# the theme's background, and the widget rendered into it.
MOUNT = (
    """async ([entryUrl, state, css, theme, background]) => {
  document.body.replaceChildren();
  for (const old of document.querySelectorAll("style.kit")) old.remove();
  for (const text of [theme, css]) {
    const style = document.createElement("style");
    style.className = "kit";
    style.textContent = text;
    document.head.appendChild(style);
  }
  document.body.style.margin = "0";
  document.body.style.background = background;
  const wrap = document.createElement("div");
  wrap.id = "wrap";
  wrap.style.padding = "8px";
  wrap.style.background = "var(--jp-layout-color0, " + background + ")";
  document.body.appendChild(wrap);
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
    js.page.evaluate(MOUNT, [js.url(ENTRY), widget_state(widget), CSS, theme, background])


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


# JS: every visible text of the explorer with its colour and the colour behind it
# (layers under the text's centre blended down to an opaque one), and their ratio.
CONTRAST = """() => {
  const parse = (c) => {
    const m = c.match(/rgba?\\(([^)]+)\\)/);
    if (!m) return null;
    const p = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const over = (top, under) => top.slice(0, 3).map((v, i) => v * top[3] + under[i] * (1 - top[3]));
  const lum = (rgb) => {
    const l = rgb.map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * l[0] + 0.7152 * l[1] + 0.0722 * l[2];
  };
  const layerColour = (el) => {
    const s = getComputedStyle(el);
    if (el instanceof SVGElement) {
      if (!["rect", "path", "circle", "ellipse", "polygon"].includes(el.localName)) return null;
      const fill = parse(s.fill);
      if (!fill) return null;
      return [...fill.slice(0, 3), fill[3] * Number(s.fillOpacity) * Number(s.opacity)];
    }
    const bg = parse(s.backgroundColor);
    return bg && bg[3] > 0 ? bg : null;
  };
  const root = document.querySelector(".mm-explorer");
  const texts = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!n.textContent.trim() || ["title", "option", "style"].includes(el.localName)) continue;
    if (!el.checkVisibility() || el.closest("[hidden]")) continue;
    const range = document.createRange();
    range.selectNodeContents(n);
    const r = range.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) continue;
    const [cx, cy] = [r.left + r.width / 2, r.top + r.height / 2];
    // Outside an <svg>'s viewport (e.g. the gauges of a picture cut to its body) is not seen.
    let clipped = false;
    for (let svg = el.closest("svg"); svg; svg = svg.parentElement && svg.parentElement.closest("svg")) {
      const v = svg.getBoundingClientRect();
      if (cx < v.left || cx > v.right || cy < v.top || cy > v.bottom) clipped = true;
    }
    if (clipped) continue;
    const s = getComputedStyle(el);
    const fg = parse(el instanceof SVGElement ? s.fill : s.color);
    // Layers under the text, top first, down to the first opaque one (the page is white).
    let layers = [];
    for (const under of document.elementsFromPoint(cx, cy)) {
      if (under === el || el.contains(under) || under.contains(el) && under.localName === "text") continue;
      const c = layerColour(under);
      if (c) { layers.push(c); if (c[3] >= 1) break; }
    }
    let bg = [255, 255, 255];
    for (const c of layers.reverse()) bg = over(c, bg);
    const ink = over(fg, bg);
    const [hi, lo] = [lum(ink), lum(bg)].sort((x, y) => y - x);
    texts.push({ text: n.textContent.trim().slice(0, 40), tag: el.localName,
                 ratio: (hi + 0.05) / (lo + 0.05) });
  }
  return texts;
}"""


@pytest.mark.parametrize(
    ("theme", "scheme", "background"),
    [("light", "light", "#ffffff"), ("dark", "dark", "#111111"), ("", "dark", "#111111")],
    ids=["lab-light", "lab-dark", "no-lab-prefers-dark"],
)
def test_every_text_of_the_explorer_meets_4_5_to_1(js, theme, scheme, background):
    js.page.emulate_media(color_scheme=scheme)
    try:
        css = theme_css(theme) if theme else ""
        texts = []
        for widget in (KineticChainExplorer(trunk_flexion_deg=70, load_kg=30), pinned_widget()):
            mount(js, widget, width=1280, theme=css, background=background)
            texts += js.page.evaluate(CONTRAST)
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
    low = [t for t in texts if t["ratio"] < 4.5]
    assert low == [], low
