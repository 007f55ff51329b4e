"""JupyterLab in a real Chromium: the learning path opens and shows its stored outputs."""

from __future__ import annotations

import pytest
from browser_helpers import TOKEN, kit_errors

pytestmark = pytest.mark.browser


def test_notebook_01_opens_in_jupyterlab_with_its_outputs(lab_server, page):
    page.goto(f"{lab_server}/lab/tree/01_kinetic_chain.ipynb?token={TOKEN}")
    page.wait_for_selector(".jp-Notebook", timeout=60_000)
    table = page.locator("table.workshop-links")
    table.wait_for(state="attached", timeout=60_000)
    table.scroll_into_view_if_needed()
    # JupyterLab renders a scrolled-to cell's output a frame or more later (windowed
    # notebook): wait for the table's words rather than reading it at once.
    page.wait_for_function(
        "() => (document.querySelector('table.workshop-links')?.innerText || '')"
        ".includes('contested')",
        timeout=30_000,
    )
    text = table.inner_text()
    assert "contested" in text and "Heino" in text
    image = page.locator(".jp-RenderedImage img").first
    image.wait_for(state="attached", timeout=30_000)
    assert kit_errors(page.console_errors) == []
