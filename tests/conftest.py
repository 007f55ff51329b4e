"""Shared fixtures: a real Chromium (Debian's) and servers started on 127.0.0.1.

Browser tests are marked ``browser``. Without /usr/bin/chromium they are skipped
with a one-line reason, except under CI=true, where a missing Chromium fails.
Every server a test starts listens on 127.0.0.1 only and is always stopped.
"""

from __future__ import annotations

import os
import shutil

import pytest
from servers import CHROMIUM, CHROMIUM_ARGS, ROOT
from servers import lab_server as start_lab
from servers import voila_server as start_voila


@pytest.fixture(scope="session")
def chromium_path() -> str:
    if not (os.path.exists(CHROMIUM) and shutil.which(CHROMIUM)):
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but no Chromium at {CHROMIUM}: install Debian's chromium")
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install -y chromium)")
    return CHROMIUM


@pytest.fixture(scope="session")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = context.new_page()
    pg.console_errors = []
    pg.on(
        "console",
        lambda msg: pg.console_errors.append(msg.text) if msg.type == "error" else None,
    )
    pg.on("pageerror", lambda exc: pg.console_errors.append(str(exc)))
    try:
        yield pg
    finally:
        context.close()


@pytest.fixture(scope="session")
def notebooks_copy(tmp_path_factory):
    """A copy of notebooks/: a browser test that runs cells must never save into the repo."""
    target = tmp_path_factory.mktemp("notebooks")
    for nb in (ROOT / "notebooks").glob("*.ipynb"):
        shutil.copy2(nb, target / nb.name)
    return target


@pytest.fixture(scope="session")
def lab_server(chromium_path, notebooks_copy, tmp_path_factory):
    """JupyterLab on 127.0.0.1 serving a copy of notebooks/."""
    with start_lab(notebooks_copy, tmp_path_factory.mktemp("lab-settings")) as url:
        yield url


@pytest.fixture(scope="session")
def voila_server(chromium_path, notebooks_copy):
    """The app mode (Voila, code hidden) on 127.0.0.1, as `make app` starts it."""
    with start_voila(notebooks_copy) as url:
        yield url
