"""The breath pacer in a real Chromium with Playwright's fake clock: minutes of a session
run in seconds, and the phase labels change on time, in JupyterLab and in the Voila app;
and what the kernel changes after display reaches the page."""

from __future__ import annotations

import math
import re

import nbformat
import pytest
from browser_helpers import kit_errors, open_lab_notebook, open_voila
from nbformat.v4 import new_code_cell, new_notebook

from workshop.movement.movements import MOVEMENTS

pytestmark = pytest.mark.browser


def label(page) -> str:
    return page.locator(".mm-pacer .mm-phase").first.inner_text()


#: The progress line of a 4 s in, 6 s out session (pacer.PROGRESS_TEMPLATE).
PROGRESS = r"Breath 2 of (\d+) · 6\.0 breaths a minute · (\d+):(\d\d) left"


def status(page) -> str:
    return page.locator(".mm-pacer .mm-status").first.inner_text()


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
    # Where the learner is: the second of N 10 s breaths, N * 10 - 10.5 s to go.
    where = re.fullmatch(PROGRESS, status(page))
    assert where, status(page)
    breaths, minutes, seconds = (int(g) for g in where.groups())
    assert minutes * 60 + seconds == math.ceil(breaths * 10 - 10.5)
    # Three more minutes in one go: still on schedule to the frame.
    page.clock.run_for(180_000)  # 190.5 s = 19 cycles + 0.5 s: inhale again
    assert label(page) == "Breathe in"
    assert status(page).startswith(f"Breath 20 of {breaths} · 6.0 breaths a minute · ")
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
    boundaries = [row for row in shown if row["boundary"]]
    assert len(boundaries) == len(shown) - 1  # only the phase shown on resume is not one
    for row in boundaries:
        assert abs(row["shown_s"] - row["planned_s"]) <= 1 / 60 + 1e-3, row
    assert log["pauses"] and log["end"]["reason"] == "stopped"


def test_pacer_keeps_time_in_jupyterlab(lab_server, page):
    open_lab_notebook(page, lab_server, "04_breath_pacing.ipynb")
    run_pacer_on_fake_clock(page)
    assert [e for e in kit_errors(page.console_errors) if "AudioContext" not in e] == []


def test_pacer_keeps_time_in_the_voila_app(voila_server, page):
    open_voila(page, voila_server, "04_breath_pacing.ipynb")
    run_pacer_on_fake_clock(page)
    assert [e for e in kit_errors(page.console_errors) if "AudioContext" not in e] == []


# After the first run's log reaches the kernel, the kernel changes the pacer: a change
# made in Python after display, started by the page, so no sleep or typing is needed.
CONTRACT_CELL = """
from workshop.views.breath import BreathPacer

pacer = BreathPacer("resonance", minutes=1, sound=False, movement="pelvic_tilt")


def change_from_python(change):
    if change["new"].get("end") and pacer.session.total_s < 100:
        pacer.eyes_closed = True
        pacer.tick = True
        pacer.movement = "cat_cow"
        pacer.session = "box"


pacer.observe(change_from_python, "log")
pacer
"""

PAGE = """() => {
  const root = document.querySelector('.mm-pacer');
  const box = (k) => root.querySelector(`input[data-option="${k}"]`).checked;
  return {
    sound: box('sound'), tick: box('tick'), eyes_closed: box('eyes_closed'),
    eyes_class: root.classList.contains('mm-eyes-closed'),
    status: root.querySelector('.mm-status').textContent,
    movement: root.querySelector('.mm-movement .mm-status').textContent,
  };
}"""


def test_python_side_changes_after_display_reach_the_page(lab_server, notebooks_copy, page):
    nb = new_notebook(cells=[new_code_cell(CONTRACT_CELL)])
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nbformat.write(nb, notebooks_copy / "pacer_contract.ipynb")
    open_lab_notebook(page, lab_server, "pacer_contract.ipynb")
    before = page.evaluate(PAGE)
    assert (before["sound"], before["tick"], before["eyes_closed"]) == (False, False, False)
    assert before["status"] == "6 breaths, 1 minute"  # six 4 s in / 6 s out breaths
    page.locator(".mm-pacer button", has_text="Start").first.click()
    page.locator(".mm-pacer button", has_text="Stop").first.click()
    # Waits on what the page shows, never on a clock.
    page.wait_for_function(
        "() => document.querySelector('.mm-pacer .mm-status').textContent !== '6 breaths, 1 minute'",
        timeout=60_000,
    )
    page.wait_for_function(
        "() => document.querySelector('.mm-pacer').classList.contains('mm-eyes-closed')",
        timeout=60_000,
    )
    after = page.evaluate(PAGE)
    # Box breathing for 5 minutes: 19 cycles of four 4 s phases (304 s).
    assert after["status"] == "19 breaths, 5.1 minutes"
    assert (after["eyes_closed"], after["eyes_class"], after["tick"]) == (True, True, True)
    assert after["sound"] is True  # eyes closed turns the sound cues on
    assert after["movement"] == MOVEMENTS["cat_cow"].name
    assert [e for e in kit_errors(page.console_errors) if "AudioContext" not in e] == []
