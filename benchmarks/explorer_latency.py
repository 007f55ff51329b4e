"""Slider-to-screen latency of the kinetic chain explorer, beside the usual two ways.

Real Chromium (Debian's) through Playwright against a JupyterLab server this
script starts on 127.0.0.1 (and the Voila app for the explorer). For each way,
the trunk-flexion slider is moved by the keyboard N times; the time from the
keydown to the first animation frame whose DOM shows the new state is recorded.

Ways, all drawing the same body (workshop.views keypoints) and a compression gauge:
  explorer      KineticChainExplorer: grid sent once, drawn in the browser (SVG)
  ipympl        %matplotlib widget, Line2D.set_data + fig.canvas.draw_idle()
  inline        ipywidgets.interact + %matplotlib inline (a new PNG per change)
Kernel CPU per change is read from the kernel process (/proc), which decides how
many learners one class server can hold.

Run: .venv/bin/python benchmarks/explorer_latency.py [--changes 40]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_notebook

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from browser_helpers import open_lab_notebook  # noqa: E402
from servers import CHROMIUM, CHROMIUM_ARGS, TOKEN, lab_server, voila_server  # noqa: E402

SETUP = "from workshop.views.chain.explorer import snapshot\nfrom workshop.views.body.figure import draw_body"

NOTEBOOKS = {
    "explorer": [
        "from workshop.views.chain import KineticChainExplorer\n\nKineticChainExplorer()",
    ],
    "ipympl": [
        "%matplotlib widget",
        SETUP
        + """
import ipywidgets as widgets
import matplotlib.pyplot as plt

plt.ioff()
fig, ax = plt.subplots(figsize=(5, 5))
artists = draw_body(ax, snapshot({}))
slider = widgets.IntSlider(value=0, min=0, max=90, description="Trunk flexion")

def update(change):
    draw_body(ax, snapshot({"trunk_flexion_deg": change["new"]}), artists)
    fig.canvas.draw_idle()

slider.observe(update, names="value")
widgets.VBox([slider, fig.canvas])""",
    ],
    "inline": [
        "%matplotlib inline",
        SETUP
        + """
import ipywidgets as widgets
import matplotlib.pyplot as plt

def show(trunk_flexion_deg=0):
    fig, ax = plt.subplots(figsize=(5, 5))
    draw_body(ax, snapshot({"trunk_flexion_deg": trunk_flexion_deg}))
    plt.show()

widgets.interact(show, trunk_flexion_deg=widgets.IntSlider(value=0, min=0, max=90));""",
    ],
}

READY = {
    "explorer": ".mm-explorer input[name='trunk_flexion_deg']",
    "ipympl": ".jupyter-matplotlib-canvas-div canvas",
    "inline": ".widget-interact .jp-OutputArea-output img",
}
HANDLE = {
    "explorer": ".mm-explorer input[name='trunk_flexion_deg']",
    "ipympl": ".noUi-handle",
    "inline": ".noUi-handle",
}

# Installed in every page before it loads: timestamps keydowns and reports, per
# animation frame, whether the picture changed since the keydown.
INIT_SCRIPT = """
window.__bench = { t0: null, base: null, samples: [], paints: 0 };
for (const proto of [CanvasRenderingContext2D.prototype]) {
  for (const name of ['drawImage', 'putImageData']) {
    const orig = proto[name];
    proto[name] = function (...args) { window.__bench.paints++; return orig.apply(this, args); };
  }
}
window.__signature = () => {
  const ex = document.querySelector('.mm-explorer');
  if (ex) return ex.querySelector('polyline.lumbar').getAttribute('points')
    + ex.querySelector('text[data-gauge]').textContent;
  const imgs = [...document.querySelectorAll('.widget-interact .jp-OutputArea-output img')];
  if (imgs.length) {
    const img = imgs[imgs.length - 1];
    return (img.complete && img.naturalWidth > 0) ? img.src.length + ':' + img.src.slice(-64) : 'loading';
  }
  return 'paints:' + window.__bench.paints;
};
document.addEventListener('keydown', (e) => {
  if (e.key !== 'ArrowRight') return;
  const b = window.__bench;
  b.t0 = performance.now();
  b.base = window.__signature();
  const tick = () => {
    const s = window.__signature();
    if (s !== b.base && s !== 'loading') { b.samples.push(performance.now() - b.t0); return; }
    if (performance.now() - b.t0 < 5000) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}, true);
"""


def kernel_pids() -> set[int]:
    pids = set()
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                cmd = (proc / "cmdline").read_bytes()
            except OSError:
                continue
            if b"ipykernel_launcher" in cmd:
                pids.add(int(proc.name))
    return pids


def cpu_seconds(pid: int) -> float:
    import os

    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def shutdown_kernels(base: str) -> None:
    import json

    with urllib.request.urlopen(f"{base}/api/kernels?token={TOKEN}") as resp:
        kernels = json.load(resp)
    for k in kernels:
        req = urllib.request.Request(f"{base}/api/kernels/{k['id']}?token={TOKEN}", method="DELETE")
        urllib.request.urlopen(req).close()


def drive(page, way: str, changes: int, gap_ms: int) -> list[float]:
    handle = page.locator(HANDLE[way]).first
    handle.focus()
    page.wait_for_timeout(300)
    for _ in range(changes):
        page.keyboard.press("ArrowRight")
        page.wait_for_timeout(gap_ms)
    return page.evaluate("window.__bench.samples")


def measure(browser, url_for_page, way, changes, gap_ms, open_page) -> dict:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.add_init_script(INIT_SCRIPT)
    page = context.new_page()
    before = kernel_pids()
    open_page(page, url_for_page)
    page.wait_for_selector(READY[way], timeout=120_000)
    page.wait_for_timeout(1000)
    new = sorted(kernel_pids() - before)
    # The kernel's own idle work (heartbeats, the page's polling) over a window as
    # long as the driving, so the per-change figure can be given without it too.
    window_ms = changes * gap_ms + 1800
    idle0 = sum(cpu_seconds(p) for p in new)
    page.wait_for_timeout(window_ms)
    idle1 = sum(cpu_seconds(p) for p in new)
    cpu0 = sum(cpu_seconds(p) for p in new)
    samples = drive(page, way, changes, gap_ms)
    page.wait_for_timeout(1500)  # let the kernel finish the last change
    cpu1 = sum(cpu_seconds(p) for p in new)
    context.close()
    return {
        "samples": samples,
        "cpu_ms_per_change": 1000 * (cpu1 - cpu0) / changes,
        "idle_cpu_ms_per_change": 1000 * (idle1 - idle0) / changes,
    }


def p95(xs: list[float]) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(0.95 * (len(xs) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=40, help="slider changes per way (>= 30)")
    parser.add_argument("--gap-ms", type=int, default=450, help="pause between changes")
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for way, cells in NOTEBOOKS.items():
            nb = new_notebook(cells=[new_code_cell(c) for c in cells])
            nb.metadata["kernelspec"] = {
                "name": "python3",
                "display_name": "Python 3",
                "language": "python",
            }
            nbformat.write(nb, tmp / f"{way}.ipynb")
        (tmp / "settings").mkdir()
        voila_dir = tmp / "voila"
        voila_dir.mkdir()
        nbformat.write(nbformat.read(tmp / "explorer.ipynb", 4), voila_dir / "explorer.ipynb")

        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                with lab_server(tmp, tmp / "settings") as base:
                    for way in NOTEBOOKS:

                        def open_lab(page, url, way=way):
                            open_lab_notebook(page, url, f"{way}.ipynb", ready=READY[way])

                        results[f"{way} (JupyterLab)"] = measure(
                            browser, base, way, args.changes, args.gap_ms, open_lab
                        )
                        shutdown_kernels(base)
                        time.sleep(1)
                with voila_server(voila_dir) as vbase:

                    def open_voila(page, url):
                        page.goto(f"{url}/voila/render/explorer.ipynb?token={TOKEN}")

                    results["explorer (Voila app)"] = measure(
                        browser, vbase, "explorer", args.changes, args.gap_ms, open_voila
                    )
            finally:
                browser.close()

    print(f"slider change -> first frame showing it; {args.changes} keyboard changes per way")
    print(
        f"{'way':26s} {'n':>4s} {'median ms':>10s} {'p95 ms':>8s} "
        f"{'kernel CPU ms/change':>21s} {'of it idle':>11s} {'net':>6s}"
    )
    for name, r in results.items():
        s = r["samples"]
        med = statistics.median(s) if s else float("nan")
        cpu, idle = r["cpu_ms_per_change"], r["idle_cpu_ms_per_change"]
        print(
            f"{name:26s} {len(s):4d} {med:10.1f} {p95(s) if s else float('nan'):8.1f} "
            f"{cpu:21.1f} {idle:11.1f} {cpu - idle:6.1f}"
        )
    print("kernel CPU: all the kernel's CPU while driving, per change; 'of it idle': the")
    print("same kernel left idle for as long; 'net': what the changes themselves cost")
    ex = statistics.median(results["explorer (JupyterLab)"]["samples"])
    for base_way in ("ipympl (JupyterLab)", "inline (JupyterLab)"):
        b = results[base_way]["samples"]
        if b:
            print(
                f"ratio {base_way.split()[0]} / explorer median: {statistics.median(b) / ex:.1f}x"
            )


if __name__ == "__main__":
    main()
