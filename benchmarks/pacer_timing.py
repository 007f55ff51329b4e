"""Phase-boundary timing of the breath pacer against the usual two ways, in real time.

Real Chromium (Debian's) through Playwright against a JupyterLab server this script
starts on 127.0.0.1. A 4 s in / 6 s out pattern runs for --minutes (default 5): first the pacer
alone, then the two baselines side by side:

  pacer     BreathPacer: phase from the browser clock in requestAnimationFrame
  play      an ipywidgets Play widget ticking every 100 ms; the kernel counts ticks
            and sets a Label (the usual widget way)
  sleep     a Python loop: time.sleep(phase duration), then set a Label

For each phase boundary: lag = (time it appeared - time the first phase appeared)
- planned time. Drift = last boundary's lag - first boundary's lag.

Run: .venv/bin/python benchmarks/pacer_timing.py [--minutes 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_notebook

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from browser_helpers import open_lab_notebook  # noqa: E402
from servers import CHROMIUM, CHROMIUM_ARGS, lab_server  # noqa: E402

PLAN = """
from workshop.breath import Pattern, Session, boundaries

session = Session([(Pattern(4, 0, 6, 0), {seconds})])
plan = [(float(t), str(name)) for t, name in boundaries(session)][:-1]
"""

NOTEBOOKS = {
    "pacer": [
        PLAN
        + "\nfrom workshop.views.breath import BreathPacer\n\npacer = BreathPacer(session, sound=False)\npacer",
    ],
    "play": [
        PLAN
        + """
import ipywidgets as widgets

label = widgets.Label("ready")
label.add_class("bench-phase")
play = widgets.Play(value=0, min=0, max=100_000, step=1, interval=100)

def on_tick(change):
    t = change["new"] * 0.1  # seconds, counted in ticks
    name = [n for start, n in plan if start <= t][-1]
    if label.value != name:
        label.value = name

play.observe(on_tick, names="value")
widgets.VBox([play, label])""",
    ],
    "sleep": [
        PLAN
        + """
import ipywidgets as widgets
from IPython.display import display

label = widgets.Label("ready")
label.add_class("bench-phase")
display(label)""",
        """import time

time.sleep(3)
durations = [b[0] - a[0] for a, b in zip(plan, plan[1:])] + [6.0]
for (start, name), duration in zip(plan, durations):
    label.value = name
    time.sleep(duration)""",
    ],
}

# Records, in every page, when each phase label first appeared (performance.now()).
INIT_SCRIPT = """
window.__shown = [];
new MutationObserver(() => {
  for (const el of document.querySelectorAll('.bench-phase')) {
    const text = el.textContent.trim();
    if (text && text !== 'ready' && el.__last !== text) {
      el.__last = text;
      const t = performance.now();
      requestAnimationFrame(() => window.__shown.push([text, t, performance.now()]));
    }
  }
}).observe(document, { subtree: true, childList: true, characterData: true });
"""


def summarise(name: str, lags_ms: list[float], planned_s: list[float]) -> str:
    if len(lags_ms) < 2:
        return f"{name:8s} too few boundaries ({len(lags_ms)})"
    absl = sorted(abs(x) for x in lags_ms)
    p99 = absl[min(len(absl) - 1, int(round(0.99 * (len(absl) - 1))))]
    # Drift two ways: the (last lag - first lag, which carries each one's
    # frame quantisation, up to a frame) and the trend of a least-squares line.
    t = planned_s[: len(lags_ms)]
    slope = statistics.linear_regression(t, lags_ms).slope
    return (
        f"{name:8s} {len(lags_ms):5d} {statistics.mean(absl):10.1f} {statistics.mean(lags_ms):+10.1f} "
        f"{p99:8.1f} {absl[-1]:8.1f} {lags_ms[-1] - lags_ms[0]:+10.1f} {slope * (t[-1] - t[0]):+11.1f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=5.0, help="session length (>= 5)")
    parser.add_argument("--pacer-only", action="store_true", help="skip the two baselines")
    args = parser.parse_args()
    seconds = args.minutes * 60.0

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for way, cells in NOTEBOOKS.items():
            nb = new_notebook(
                cells=[new_code_cell(c.replace("{seconds}", str(seconds))) for c in cells]
            )
            nb.metadata["kernelspec"] = {
                "name": "python3",
                "display_name": "Python 3",
                "language": "python",
            }
            nbformat.write(nb, tmp / f"{way}.ipynb")
        (tmp / "settings").mkdir()
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                with lab_server(tmp, tmp / "settings") as base:
                    pages = {}
                    for way in NOTEBOOKS:
                        ctx = browser.new_context(viewport={"width": 1200, "height": 900})
                        ctx.add_init_script(INIT_SCRIPT)
                        pages[way] = ctx.new_page()
                    # 1. The pacer alone, so the baselines' traffic does not disturb it.
                    open_lab_notebook(pages["pacer"], base, "pacer.ipynb", ready=".mm-pacer")
                    pages["pacer"].locator(".mm-pacer button", has_text="Start").first.click()
                    print(f"pacer: {args.minutes:g} minutes in real time ...", flush=True)
                    time.sleep(seconds + 5)
                    pacer_log = pages["pacer"].evaluate(
                        "document.querySelector('.mm-pacer').pacerLog"
                    )
                    pages["pacer"].close()
                    # 2. The two baselines together.
                    shown = {}
                    if not args.pacer_only:
                        open_lab_notebook(pages["play"], base, "play.ipynb", ready=".bench-phase")
                        pages["sleep"].goto(
                            f"{base}/lab/tree/sleep.ipynb?reset&token=workshop-test-token"
                        )
                        pages["sleep"].wait_for_selector(
                            ".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=90_000
                        )
                        pages["sleep"].click("text=Run")
                        pages["sleep"].click("text=Run All Cells")
                        pages["play"].locator(".jupyter-widgets button").first.click()
                        print(f"baselines: {args.minutes:g} minutes in real time ...", flush=True)
                        time.sleep(seconds + 8)
                        shown = {w: pages[w].evaluate("window.__shown") for w in ("play", "sleep")}
            finally:
                browser.close()

    planned = [4.0 * ((k + 1) // 2) + 6.0 * (k // 2) for k in range(int(seconds // 10) * 2)]
    results = {}
    rows = [r for r in pacer_log["shown"] if r["boundary"]]
    results["pacer"] = [1000 * (r["shown_s"] - r["planned_s"]) for r in rows][1:]
    for way in shown:
        times = [s[1] for s in shown[way]]
        if times:
            results[way] = [
                (t - times[0]) - 1000 * planned[k] for k, t in enumerate(times) if k < len(planned)
            ][1:]
        else:
            results[way] = []
    print(f"{args.minutes:g} min of 4 s in / 6 s out; lag = shown - planned, ms")
    print(
        f"{'way':8s} {'n':>5s} {'mean |lag|':>10s} {'mean lag':>10s} {'p99':>8s} {'max':>8s} "
        f"{'drift':>10s} {'trend drift':>11s}"
    )
    for way, lags in results.items():
        print(summarise(way, lags, planned[1:]))


if __name__ == "__main__":
    main()
