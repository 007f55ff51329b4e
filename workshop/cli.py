"""The ``workshop`` command: lab, app, execute (and more as the kit grows).

``workshop execute notebooks`` re-runs every notebook from a fresh kernel and
stores its outputs in place (written atomically), so nbval has outputs to check.
"""

from __future__ import annotations

import argparse
import os
import signal
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


_NOTEBOOKS_HELP = "notebook folder (default: notebooks/ in the folder run in, else that folder)"


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {value}")
    return value


def _seconds(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more, not {value}")
    return value


def _port(text: str) -> int:
    value = int(text)
    if not 1 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"not a port: {value}")
    return value


def _add_app_parser(sub) -> None:
    from .tooling.app import CULL_IDLE_TIMEOUT, CULL_INTERVAL, DEFAULT_IP, DEFAULT_PORT, TOKEN_ENV

    ap = sub.add_parser(
        "app",
        help="serve the notebooks with Voila, code hidden (127.0.0.1, token required)",
        description="Serve the notebooks with Voila, code hidden. Open the URL it prints: "
        "it carries the token. See workshop/tooling/app.py for what the server checks.",
    )
    ap.add_argument("--notebooks", type=Path, default=None, help=_NOTEBOOKS_HELP)
    ap.add_argument("--port", type=_port, default=DEFAULT_PORT, help=f"(default {DEFAULT_PORT})")
    ap.add_argument("--ip", default=DEFAULT_IP, help=f"address to listen on (default {DEFAULT_IP})")
    ap.add_argument(
        "--allow-host",
        action="append",
        default=[],
        metavar="NAME",
        help="also serve requests whose Host is NAME (repeatable); "
        "127.0.0.1, localhost and --ip always are",
    )
    ap.add_argument(
        "--token",
        default=None,
        help=f"the token pages need (default: ${TOKEN_ENV}, else a new one, printed in the URL)",
    )
    ap.add_argument(
        "--cull-idle-timeout",
        type=_seconds,
        default=CULL_IDLE_TIMEOUT,
        metavar="SECONDS",
        help="end a kernel with no open page after this long without activity "
        f"(default {CULL_IDLE_TIMEOUT}; 0: never)",
    )
    ap.add_argument(
        "--cull-interval",
        type=_positive_int,
        default=CULL_INTERVAL,
        metavar="SECONDS",
        help=f"how often to look for such kernels (default {CULL_INTERVAL})",
    )


def _run_app(args, parser) -> int:
    from .tooling.app import app_env, voila_command
    from .tooling.slides import default_notebooks_dir

    notebooks = args.notebooks if args.notebooks is not None else default_notebooks_dir()
    if not notebooks.is_dir():
        parser.error(f"app: no notebook folder {str(notebooks)!r}")
    if args.token is not None and not args.token.strip():
        parser.error("app: --token must not be empty")
    cmd = voila_command(
        notebooks.resolve(),
        args.port,
        ip=args.ip,
        allow_hosts=args.allow_host,
        cull_idle_timeout=args.cull_idle_timeout,
        cull_interval=args.cull_interval,
    )
    proc = subprocess.Popen(cmd, env=app_env(args.token))
    # A SIGTERM to this process (a service manager, a test) reaches the server too,
    # which then ends its kernels before it exits.
    previous = signal.signal(signal.SIGTERM, lambda signum, frame: proc.send_signal(signum))
    try:
        while True:
            try:
                return proc.wait()
            except KeyboardInterrupt:  # the server had the same Ctrl-C: let it end its kernels
                continue
    finally:
        signal.signal(signal.SIGTERM, previous)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="workshop", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("lab", help="open JupyterLab on the notebooks (127.0.0.1)")
    _add_app_parser(sub)
    ex = sub.add_parser("execute", help="re-run notebooks and store their outputs")
    ex.add_argument("target", type=Path, nargs="?", default=Path("notebooks"))
    st = sub.add_parser("student", help="write student copies: solution cells removed, no outputs")
    st.add_argument("source", type=Path, nargs="?", default=None, help=_NOTEBOOKS_HELP)
    st.add_argument("target", type=Path, nargs="?", default=None, help="(default: student/)")
    st.add_argument("--notebooks", type=Path, default=None, help="the same as SOURCE")
    st.add_argument("--out", type=Path, default=None, help="the same as TARGET")
    sl = sub.add_parser("slides", help="build offline reveal.js decks and the facilitator guide")
    sl.add_argument(
        "--out", type=Path, default=None, help="output folder (default: slides/_build here)"
    )
    sl.add_argument("--notebooks", type=Path, default=None, help=_NOTEBOOKS_HELP)
    sl.add_argument(
        "--slides-dir",
        type=Path,
        default=None,
        help="folder with vendor/reveal.js-*/ and facilitator_guide.md (default: the kit's "
        "slides/, beside the notebooks, here, or where the kit was installed from)",
    )
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
        return _run_app(args, parser)
    if args.command == "execute":
        for nb in _notebooks(args.target):
            seconds = execute_notebook(nb)
            print(f"{nb}: executed in {seconds:.1f} s")
        return 0
    if args.command == "student":
        from .tooling.slides import default_notebooks_dir
        from .tooling.student import write_student_copies

        for given, option, name in (
            (args.source, args.notebooks, "SOURCE and --notebooks"),
            (args.target, args.out, "TARGET and --out"),
        ):
            if given is not None and option is not None and given != option:
                parser.error(f"student: {name} name different folders")
        source = args.notebooks or args.source or default_notebooks_dir()
        target = args.out or args.target or Path("student")
        for path in write_student_copies(source, target):
            print(f"{path}: student copy written")
        return 0
    if args.command == "validate":
        from .model.in_vivo import report

        print(report(iap_relief=args.iap == "on"))
        return 0
    if args.command == "slides":
        from .tooling.slides import OfflineError, build, default_notebooks_dir, notebooks_in

        notebooks = args.notebooks if args.notebooks is not None else default_notebooks_dir()
        if not notebooks_in(notebooks):
            print(f"workshop slides: no notebooks in {notebooks}", file=sys.stderr)
            return 1
        try:
            result = build(args.out, notebooks, args.slides_dir, include_code=args.with_code)
        except (OfflineError, FileNotFoundError) as exc:
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
