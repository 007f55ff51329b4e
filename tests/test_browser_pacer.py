"""The breath pacer in a real Chromium with Playwright's fake clock: minutes of a session
run in seconds, and the phase labels change on time, in JupyterLab and in the Voila app."""

from __future__ import annotations

import pytest
from browser_helpers import kit_errors, open_lab_notebook, open_voila

pytestmark = pytest.mark.browser


def label(page) -> str:
    return page.locator(".mm-pacer .mm-phase").first.inner_text()


def run_pacer_on_fake_clock(page) -> None:
    page.wait_for_selector(".mm-pacer button", timeout=120_000)
    # Fake the clock only now, once JupyterLab or Voila has loaded on real time: stop
    # time, start the session, then move time on by hand.
    page.clock.install()
    page.clock.pause_at(page.evaluate("Date.now()") + 1000)
    page.locator(".mm-pacer button", has_text="Start").first.click()
    assert label(page) in ("Ready", "Breathe in")
    page.clock.run_for(2_000)  # 2 s: inside the first 4 s inhale
    assert label(page) == "Breathe in"
    page.clock.run_for(2_500)  # 4.5 s: exhale (4 s in, 6 s out)
    assert label(page) == "Breathe out"
    page.clock.run_for(6_000)  # 10.5 s: the second breath's inhale
    assert label(page) == "Breathe in"
    # Three more minutes in one go: still on schedule to the frame.
    page.clock.run_for(180_000)  # 190.5 s = 19 cycles + 0.5 s: inhale again
    assert label(page) == "Breathe in"
    page.locator(".mm-pacer button", has_text="Pause").first.click()
    assert label(page) == "Paused"
    page.clock.run_for(30_000)  # a paused pacer does not move on
    assert label(page) == "Paused"
    page.locator(".mm-pacer button", has_text="Resume").first.click()
    page.clock.run_for(4_000)  # resumed at 190.5 s: 194.5 s is an exhale
    assert label(page) == "Breathe out"
    page.locator(".mm-pacer button", has_text="Stop").first.click()
    assert label(page) == "Stopped"
    log = page.evaluate("() => document.querySelector('.mm-pacer').pacerLog")
    shown = log["shown"]
    assert len(shown) >= 38  # every phase boundary was shown
    # Each phase appeared within one 60 Hz frame of its planned time (pause removed).
    boundaries = [row for row in shown if row[4] == 1]
    assert len(boundaries) == len(shown) - 1  # only the phase shown on resume is not one
    for _index, _name, planned, actual, _ in boundaries:
        assert abs(actual - planned) <= 1 / 60 + 1e-3, (planned, actual)
    assert log["pauses"] and log["end"]["reason"] == "stopped"


def test_pacer_keeps_time_in_jupyterlab(lab_server, page):
    open_lab_notebook(page, lab_server, "04_breath_pacing.ipynb")
    run_pacer_on_fake_clock(page)
    assert [e for e in kit_errors(page.console_errors) if "AudioContext" not in e] == []


def test_pacer_keeps_time_in_the_voila_app(voila_server, page):
    open_voila(page, voila_server, "04_breath_pacing.ipynb")
    run_pacer_on_fake_clock(page)
    assert [e for e in kit_errors(page.console_errors) if "AudioContext" not in e] == []
