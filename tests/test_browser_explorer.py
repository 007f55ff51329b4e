"""The explorer in a real Chromium: keyboard moves a slider, the picture and read-out follow,
in JupyterLab and in the Voila app, with no console errors."""

from __future__ import annotations

import pytest
from browser_helpers import explorer_state, kit_errors, open_lab_notebook, open_voila

pytestmark = pytest.mark.browser


def drive_explorer(page) -> None:
    page.wait_for_selector(".mm-explorer input[name='trunk_flexion_deg']", timeout=120_000)
    before = explorer_state(page)
    slider = page.locator(".mm-explorer input[name='trunk_flexion_deg']").first
    slider.focus()
    for _ in range(30):
        page.keyboard.press("ArrowRight")
    assert slider.input_value() == "30"
    page.wait_for_function(
        "(old) => document.querySelector('.mm-explorer .mm-readout').textContent !== old",
        arg=before["readout"],
        timeout=10_000,
    )
    after = explorer_state(page)
    assert after["lumbar"] != before["lumbar"]  # the lumbar curve flattened
    compression = lambda s: float(s["gauges"][0].split(":")[1].split("N")[0])  # noqa: E731
    assert compression(after) > compression(before) + 300
    assert "compression" in after["readout"]
    # The kernel hears the new setting once the keys stop, and sends fresh grids.
    page.wait_for_timeout(1500)
    glute = page.locator(".mm-explorer input[name='glute_weakness']").first
    glute.focus()
    for _ in range(20):
        page.keyboard.press("ArrowRight")
    assert glute.input_value() == "1"
    assert explorer_state(page)["lumbar"] != after["lumbar"]  # weak glutes: more lumbar bend
    # Another position: the kernel computes its grid when it is picked, and the page
    # paints it when it arrives (never NaN, never a stale picture left behind).
    for position in ("sitting", "lying"):
        shown = explorer_state(page)
        page.locator(".mm-explorer select[name='position']").first.select_option(position)
        page.wait_for_function(
            "(old) => { const el = document.querySelector('.mm-explorer');"
            " return !el.dataset.waiting"
            " && el.querySelector('polyline.lumbar').getAttribute('points') !== old; }",
            arg=shown["lumbar"],
            timeout=10_000,
        )
        now = explorer_state(page)
        assert "NaN" not in now["lumbar"] and all("NaN" not in g for g in now["gauges"])


def test_explorer_follows_the_keyboard_in_jupyterlab(lab_server, page):
    open_lab_notebook(page, lab_server, "01_kinetic_chain.ipynb")
    drive_explorer(page)
    assert kit_errors(page.console_errors) == []


def test_explorer_follows_the_keyboard_in_the_voila_app(voila_server, page):
    open_voila(page, voila_server, "01_kinetic_chain.ipynb")
    drive_explorer(page)
    # App mode hides the code.
    assert page.locator("text=KineticChainExplorer()").count() == 0
    assert kit_errors(page.console_errors) == []


# The pictures of the first explorer: A | differences | B, or stacked; and the widget's width.
LAYOUT = """() => {
  const root = document.querySelector('.mm-explorer');
  const box = (el) => { const r = el.getBoundingClientRect();
    return { left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width }; };
  return { widget: box(root), frames: [...root.querySelectorAll('.mm-stage > svg')].map(box),
           diff: box(root.querySelector('.mm-diff-box')) };
}"""


def test_pinned_comparison_sits_side_by_side_in_a_wide_jupyterlab(lab_server, page):
    page.set_viewport_size({"width": 1700, "height": 1000})
    open_lab_notebook(page, lab_server, "01_kinetic_chain.ipynb")
    page.wait_for_selector(".mm-explorer input[name='trunk_flexion_deg']", timeout=120_000)
    page.locator(".mm-explorer .mm-buttons button", has_text="Pin for comparison").first.click()
    slider = page.locator(".mm-explorer input[name='hip_flexor_tightness']").first
    slider.focus()
    for _ in range(20):
        page.keyboard.press("ArrowRight")
    page.wait_for_function(
        "() => document.querySelectorAll('.mm-explorer .mm-stage > svg').length === 2"
    )
    wide = page.evaluate(LAYOUT)
    assert wide["widget"]["width"] >= 1000  # the output area is wide enough here
    a, b = wide["frames"]
    assert abs(a["top"] - b["top"]) < 2 and a["right"] <= wide["diff"]["left"] + 1
    assert wide["diff"]["right"] <= b["left"] + 1 and b["right"] <= wide["widget"]["right"] + 1
    # A narrower window: the same comparison stacks, nothing cut off at the right.
    page.set_viewport_size({"width": 1000, "height": 1000})
    page.wait_for_function(
        "() => { const f = document.querySelectorAll('.mm-explorer .mm-stage > svg');"
        " return f[1].getBoundingClientRect().top >= f[0].getBoundingClientRect().bottom; }"
    )
    narrow = page.evaluate(LAYOUT)
    assert all(f["right"] <= narrow["widget"]["right"] + 1 for f in narrow["frames"])
    assert kit_errors(page.console_errors) == []
