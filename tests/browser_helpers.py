"""Helpers shared by the browser tests and the benchmarks: drive JupyterLab and Voila."""

from __future__ import annotations

import uuid

from servers import TOKEN  # noqa: F401  (re-exported for tests)

# The status bar reads "<kernel> | Idle" only once the notebook's session has a
# connected kernel. The notebook toolbar's execution indicator reads idle as soon as
# it is attached, before that: a Run All sent in that gap clears every cell and runs
# nothing, so it is not a readiness signal.
_KERNEL_IDLE = """() => {
  const bar = document.querySelector('#jp-main-statusbar');
  return !!bar && /\\|\\s*Idle/.test(bar.textContent);
}"""
# Some code cell's prompt shows [*] (queued or running) or a number (done).
_CELLS_STARTED = """() => [...document.querySelectorAll('.jp-CodeCell .jp-InputArea-prompt')]
  .some(p => /\\[(\\*|\\d+)\\]/.test(p.textContent))"""
_CELLS_DONE = """() => [...document.querySelectorAll('.jp-CodeCell .jp-InputArea-prompt')]
  .every(p => !p.textContent.includes('*'))"""


def open_lab_notebook(
    page,
    base_url: str,
    name: str,
    timeout_ms: int = 90_000,
    ready: str = ".jp-OutputArea-output .mm-explorer, .jp-OutputArea-output .mm-pacer",
    attempts: int = 3,
) -> None:
    """Open ``name`` in JupyterLab, run every cell, wait for ``ready`` and an idle kernel.

    Readiness is read from the page, never from a sleep: the kernel's status in the
    status bar before running, the cells' prompts after. If Run All started no cell
    (it landed before the kernel was connected), it is sent again, up to ``attempts``.
    """
    # A fresh workspace per page, so no tab of an earlier test is restored beside it.
    workspace = f"w{uuid.uuid4().hex[:8]}"
    page.goto(f"{base_url}/lab/workspaces/{workspace}/tree/{name}?reset&token={TOKEN}")
    page.wait_for_selector(".jp-Notebook", timeout=timeout_ms)
    for attempt in range(attempts):
        page.wait_for_function(_KERNEL_IDLE, timeout=timeout_ms)
        page.click("text=Run", timeout=timeout_ms)
        page.click("text=Run All Cells", timeout=timeout_ms)
        try:
            page.wait_for_function(_CELLS_STARTED, timeout=15_000)
            break
        except Exception:
            if attempt == attempts - 1:
                raise
            page.keyboard.press("Escape")  # close the Run menu if it stayed open
    # Done when no code cell is waiting or running: JupyterLab moves the focus while
    # it runs cells, so interacting earlier would type into the notebook instead.
    page.wait_for_selector(ready, state="attached", timeout=timeout_ms)
    page.wait_for_function(_CELLS_DONE, timeout=timeout_ms)
    page.wait_for_function(_KERNEL_IDLE, timeout=timeout_ms)


def open_voila(page, base_url: str, name: str, timeout_ms: int = 120_000) -> None:
    """Open ``name`` in the app; the server started by ``servers.voila_server`` needs
    its token (``TOKEN``), which also sets the login cookie for the page's requests."""
    page.goto(f"{base_url}/voila/render/{name}?token={TOKEN}", timeout=timeout_ms)


def explorer_state(page, root: str = ".mm-explorer") -> dict:
    """What a person sees: the gauge texts, the lumbar curve and the read-out."""
    return page.evaluate(
        """(root) => {
          const el = document.querySelector(root);
          const gauges = [...el.querySelectorAll('text[data-gauge]')].map(t => t.textContent);
          return {
            gauges,
            lumbar: el.querySelector('polyline.lumbar').getAttribute('points'),
            readout: el.querySelector('.mm-readout').textContent,
          };
        }""",
        root,
    )


# JupyterLab's own messages that say nothing about the kit (its debugger probing a
# kernel that another test started or stopped).
BENIGN = ("Could not restore the debugger state",)


def kit_errors(errors: list[str]) -> list[str]:
    """Console errors, less JupyterLab's known benign ones."""
    return [e for e in errors if not any(b in e for b in BENIGN)]
