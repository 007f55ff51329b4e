"""The ``workshop`` command: lab, app, execute (and more as the kit grows).

``workshop execute notebooks`` re-runs every notebook from a fresh kernel and
stores its outputs in place (written atomically), so nbval has outputs to check.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _root_flag() -> list[str]:
    return ["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` via a temporary file and a rename: never half a file."""
    path = Path(path)
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def strip_live_widgets(nb) -> None:
    """Drop live-widget views from stored outputs; their static twins stay.

    A stored view points at a widget model that exists only while its kernel
    runs; opened later, JupyterLab would show "model not found" instead of the
    twin (an SVG picture) that each of the kit's widgets stores beside it.
    """
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if WIDGET_VIEW in data and len(data) > 1:
                del data[WIDGET_VIEW]


def execute_notebook(path: Path, timeout_s: int = 600) -> float:
    """Run ``path`` top to bottom in a fresh kernel, store outputs; return seconds taken."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    nb.metadata.pop("widgets", None)
    client = NotebookClient(
        nb,
        timeout=timeout_s,
        kernel_name="python3",
        # Live widget state is useless without a kernel and bloats the file; the
        # widgets store a static SVG twin among their outputs instead.
        store_widget_state=False,
        resources={"metadata": {"path": str(path.parent)}},
    )
    t0 = time.perf_counter()
    client.execute()
    elapsed = time.perf_counter() - t0
    strip_live_widgets(nb)
    write_atomically(path, nbformat.writes(nb) + "\n")
    return elapsed


def _notebooks(target: Path) -> list[Path]:
    if target.is_dir():
        return sorted(p for p in target.glob("*.ipynb") if not p.name.startswith("."))
    return [target]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="workshop", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("lab", help="open JupyterLab on the notebooks (127.0.0.1)")
    sub.add_parser("app", help="serve the notebooks with Voila, code hidden (127.0.0.1)")
    ex = sub.add_parser("execute", help="re-run notebooks and store their outputs")
    ex.add_argument("target", type=Path, nargs="?", default=Path("notebooks"))
    st = sub.add_parser("student", help="write student copies: solution cells removed, no outputs")
    st.add_argument("source", type=Path, nargs="?", default=Path("notebooks"))
    st.add_argument("target", type=Path, nargs="?", default=Path("student"))
    sl = sub.add_parser("slides", help="build offline reveal.js decks and the facilitator guide")
    sl.add_argument("--out", type=Path, default=None, help="output folder (slides/_build)")
    sl.add_argument("--notebooks", type=Path, default=None, help="notebook folder (notebooks/)")
    sl.add_argument("--with-code", action="store_true", help="show code cells on the slides")
    va = sub.add_parser("validate", help="print the model against published in vivo disc pressures")
    va.add_argument(
        "--iap",
        choices=("on", "off"),
        default="on",
        help="intra-abdominal pressure relief (contested; on by default)",
    )
    args = parser.parse_args(argv)

    if args.command == "lab":
        cmd = [sys.executable, "-m", "jupyterlab", "--ip=127.0.0.1", "--notebook-dir=notebooks"]
        return subprocess.call(cmd + _root_flag())
    if args.command == "app":
        from .app import voila_command

        return subprocess.call(voila_command("notebooks"))
    if args.command == "execute":
        for nb in _notebooks(args.target):
            seconds = execute_notebook(nb)
            print(f"{nb}: executed in {seconds:.1f} s")
        return 0
    if args.command == "student":
        from .student import write_student_copies

        for path in write_student_copies(args.source, args.target):
            print(f"{path}: student copy written")
        return 0
    if args.command == "validate":
        from .model.in_vivo import report

        print(report(iap_relief=args.iap == "on"))
        return 0
    if args.command == "slides":
        from .slides import OfflineError, build

        try:
            result = build(args.out, args.notebooks, include_code=args.with_code)
        except OfflineError as exc:
            print(f"workshop slides: {exc}", file=sys.stderr)
            return 1
        for deck in result.decks:
            print(f"{deck.html}: {deck.slides} slides from {deck.notebook.name}")
        print(f"{result.guide}: facilitator guide")
        print(f"open {result.index} (works offline)")
        return 0
    return 2  # pragma: no cover


if __name__ == "__main__":
    sys.exit(main())
