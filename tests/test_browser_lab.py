"""JupyterLab in a real Chromium: the learning path opens and shows its stored outputs."""

from __future__ import annotations

import pytest
from conftest import TOKEN

pytestmark = pytest.mark.browser


def test_notebook_01_opens_in_jupyterlab_with_its_outputs(lab_server, page):
    page.goto(f"{lab_server}/lab/tree/01_kinetic_chain.ipynb?token={TOKEN}")
    page.wait_for_selector(".jp-Notebook", timeout=60_000)
    page.wait_for_selector("table.workshop-links", timeout=60_000)
    text = page.inner_text("table.workshop-links")
    assert "contested" in text and "Heino" in text
    assert page.locator(".jp-RenderedImage img").count() >= 1
    assert page.console_errors == []
