"""Text contrast on a page, shared by the widget and slide tests.

``THEME_CASES`` are the three pages a widget must read on: JupyterLab's light and dark
themes (the installed theme CSS, its ``--jp-*`` variables) and a plain page under
``prefers-color-scheme: dark`` with no JupyterLab variables (exported HTML, Voila
without a Lab theme). ``text_contrasts`` measures every visible text under a root:
its colour and the colour actually behind it (the layers under the text's centre
blended down to an opaque one), and their WCAG contrast ratio (4.5:1 is the AA
minimum for body text).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

THEMES = Path(sys.prefix) / "share/jupyter/lab/themes/@jupyterlab"
#: WCAG 2 AA minimum contrast ratio for normal-size text.
MIN_RATIO = 4.5

#: (JupyterLab theme or "" for none, prefers-color-scheme, page background).
THEME_CASES = pytest.mark.parametrize(
    ("theme", "scheme", "background"),
    [("light", "light", "#ffffff"), ("dark", "dark", "#111111"), ("", "dark", "#111111")],
    ids=["lab-light", "lab-dark", "no-lab-prefers-dark"],
)


def theme_css(name: str) -> str:
    """JupyterLab's theme CSS (``light`` or ``dark``; ``""`` gives no CSS)."""
    if not name:
        return ""
    path = THEMES / f"theme-{name}-extension/index.css"
    if not path.is_file():
        pytest.skip(f"JupyterLab's {name} theme CSS is not installed at {path}")
    return path.read_text("utf-8")


# JS: put the theme CSS and the widget's CSS in the page's head (replacing earlier
# ones) and an empty wrapper with the theme's background in the body; returns nothing.
STAGE = """([theme, css, background]) => {
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
}"""


def stage(page, *, theme: str, css: str, background: str) -> None:
    """A page holding only ``#wrap`` on the theme's background, with ``css`` applied."""
    page.evaluate(STAGE, [theme, css, background])


# JS: every visible text under the element `selector` with its colour and the colour
# behind it, and their ratio.
CONTRAST = """(selector) => {
  const parse = (c) => {
    let m = c.match(/rgba?\\(([^)]+)\\)/);
    if (m) {
      const p = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
      return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
    }
    // color-mix() and friends compute to color(srgb r g b / a), channels 0-1.
    m = c.match(/color\\(srgb ([^)]+)\\)/);
    if (!m) return null;
    const p = m[1].split(/[ /]+/).filter(Boolean).map(Number);
    return [p[0] * 255, p[1] * 255, p[2] * 255, p.length > 3 ? p[3] : 1];
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
    if (el.localName === "img") return [255, 255, 255, 1];  // figures: white PNGs
    const bg = parse(s.backgroundColor);
    return bg && bg[3] > 0 ? [...bg.slice(0, 3), bg[3] * Number(s.opacity)] : null;
  };
  const texts = [];
  for (const root of document.querySelectorAll(selector)) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!n.textContent.trim() || ["title", "option", "style", "script"].includes(el.localName)) continue;
      if (!el.checkVisibility({ visibilityProperty: true }) || el.closest("[hidden]")) continue;
      const range = document.createRange();
      range.selectNodeContents(n);
      const r = range.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      const [cx, cy] = [r.left + r.width / 2, r.top + r.height / 2];
      // Off screen; the browser rounds a point to whole pixels (a centre at 719.5 of a
      // 720-pixel viewport is at 720, outside it: nothing is found there).
      if (Math.round(cx) < 0 || Math.round(cy) < 0 || Math.round(cx) >= innerWidth
          || Math.round(cy) >= innerHeight) continue;
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
      const layers = [];
      for (const under of document.elementsFromPoint(cx, cy)) {
        // The text's own element paints its background under it (an SVG <text>'s fill
        // is its ink); what lies inside it or is a <text> holding it is not behind it.
        if (under !== el && el.contains(under) || under.contains(el) && under.localName === "text") continue;
        if (under === el && el instanceof SVGElement) continue;
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
  }
  return texts;
}"""


def text_contrasts(page, selector: str) -> list[dict]:
    """Every visible text under the elements matching ``selector``: ``text`` (its first
    40 characters), ``tag`` and ``ratio`` (its contrast with what is behind it)."""
    return page.evaluate(CONTRAST, selector)


def too_faint(texts: list[dict]) -> list[dict]:
    """The texts below ``MIN_RATIO``."""
    return [t for t in texts if t["ratio"] < MIN_RATIO]
