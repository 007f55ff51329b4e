"""The ``workshop`` command: lab, app, hub, link, execute, student, slides, validate.

This module only reads the command line and hands it on: what each command
does lives in ``workshop.tooling`` (``lab``, ``app``, ``hub``, ``links`` for
``link``, ``nbfiles`` for ``execute``, ``student``, ``slides``) and ``workshop.model.in_vivo``
(``validate``). ``workshop execute notebooks`` re-runs every notebook from a
fresh kernel and stores its outputs in place, so nbval has outputs to check.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

_NOTEBOOKS_HELP = "notebook folder (default: notebooks/ in the folder run in, else that folder)"


def _whole_number(low: int, high: int | None = None):
    """An argparse type: a whole number from ``low`` (to ``high``), refused otherwise."""

    def parse(text: str) -> int:
        value = int(text)
        if value < low or (high is not None and value > high):
            span = f"{low} or more" if high is None else f"from {low} to {high}"
            raise argparse.ArgumentTypeError(f"must be {span}, not {value}")
        return value

    parse.__name__ = "whole number"  # argparse names the type in "invalid ... value"
    return parse


_positive_int = _whole_number(1)
_seconds = _whole_number(0)
_port = _whole_number(1, 65535)


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


def _add_hub_parser(sub) -> None:
    from .tooling.hub import DEFAULT_DATA_DIR, DEFAULT_IP, DEFAULT_PORT, SERVER_IDLE_TIMEOUT_S

    hp = sub.add_parser(
        "hub",
        help="serve a class: JupyterHub, learners log in with a name and the class password",
        description="Run a JupyterHub for a room on this machine (see workshop/tooling/hub.py). "
        "Learners log in with a name and the class password and get their own copy of the "
        "notebooks, the app first, JupyterLab one click away. Ctrl+C stops it; files stay.",
    )
    hp.add_argument(
        "--ip",
        default=DEFAULT_IP,
        help=f"address to listen on (default {DEFAULT_IP}; "
        "a LAN address or 0.0.0.0 serves the room)",
    )
    hp.add_argument("--port", type=_port, default=DEFAULT_PORT, help=f"(default {DEFAULT_PORT})")
    hp.add_argument(
        "--password-file",
        type=Path,
        default=None,
        metavar="FILE",
        help="first line: the class password (default: asked for; kept from the last start "
        "when there is no terminal)",
    )
    hp.add_argument(
        "--data-dir",
        type=Path,
        default=DEFAULT_DATA_DIR,
        metavar="DIR",
        help=f"the hub's state and learners' folders (default {DEFAULT_DATA_DIR})",
    )
    hp.add_argument("--notebooks", type=Path, default=None, help=_NOTEBOOKS_HELP)
    hp.add_argument(
        "--server-idle-timeout",
        type=_positive_int,
        default=SERVER_IDLE_TIMEOUT_S,
        metavar="SECONDS",
        help=f"stop a learner's server idle this long (default {SERVER_IDLE_TIMEOUT_S}; files stay)",
    )


def _add_link_parser(sub) -> None:
    from .tooling.links import DEFAULT_BRANCH

    lp = sub.add_parser(
        "link",
        help="print an nbgitpuller (or Binder) link that opens a notebook on a JupyterHub",
        description="Print a link that pulls the kit's repository into a learner's server on "
        "any JupyterHub with nbgitpuller and opens a notebook, in JupyterLab or (--app) Voila.",
    )
    lp.add_argument("--hub", default=None, help="the JupyterHub's address (https://...)")
    lp.add_argument(
        "--repo",
        default=None,
        help="the kit's git repository (https://...; default: this checkout's origin)",
    )
    lp.add_argument("--branch", default=DEFAULT_BRANCH, help=f"(default {DEFAULT_BRANCH})")
    lp.add_argument(
        "--notebook", default=None, help="e.g. 01 or 01_kinetic_chain (default: the list)"
    )
    lp.add_argument("--app", action="store_true", help="open it in Voila (code hidden)")
    lp.add_argument(
        "--binder", action="store_true", help="a mybinder.org link instead (no --hub; Voila)"
    )
    lp.add_argument("--notebooks", type=Path, default=None, help=_NOTEBOOKS_HELP)


def _run_hub(args) -> int:
    from .tooling.hub import launch

    try:
        return launch(
            data_dir=args.data_dir,
            notebooks_dir=args.notebooks,
            ip=args.ip,
            port=args.port,
            password_file=args.password_file,
            server_idle_timeout_s=args.server_idle_timeout,
        )
    except (FileNotFoundError, ValueError) as exc:
        return _failed("hub", exc)


def _run_link(args, parser) -> int:
    from .tooling.links import binder_link, nbgitpuller_link, origin_repository

    repo = args.repo or origin_repository()
    if repo is None:
        parser.error("link: give --repo URL (this folder has no http(s) git origin)")
    if args.binder == (args.hub is not None):
        parser.error("link: give either --hub URL or --binder")
    try:
        if args.binder:
            link = binder_link(
                repo, branch=args.branch, notebook=args.notebook, notebooks_dir=args.notebooks
            )
        else:
            link = nbgitpuller_link(
                args.hub,
                repo,
                branch=args.branch,
                notebook=args.notebook,
                app=args.app,
                notebooks_dir=args.notebooks,
            )
    except (FileNotFoundError, ValueError) as exc:
        return _failed("link", exc)
    print(link)
    return 0


def _failed(command: str, error: Exception) -> int:
    """Say why ``workshop COMMAND`` did nothing (on stderr); its exit code, 1."""
    print(f"workshop {command}: {error}", file=sys.stderr)
    return 1


def _run_app(args, parser) -> int:
    from .tooling.app import launch

    if args.token is not None and not args.token.strip():
        parser.error("app: --token must not be empty")
    try:
        return launch(
            args.notebooks,
            args.port,
            ip=args.ip,
            allow_hosts=args.allow_host,
            token=args.token,
            cull_idle_timeout=args.cull_idle_timeout,
            cull_interval=args.cull_interval,
        )
    except FileNotFoundError as exc:
        parser.error(f"app: {exc}")


def build_parser() -> argparse.ArgumentParser:
    """The ``workshop`` command's parser: every subcommand and its options."""
    parser = argparse.ArgumentParser(prog="workshop", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    la = sub.add_parser("lab", help="open JupyterLab on the notebooks (127.0.0.1)")
    la.add_argument("--notebooks", type=Path, default=None, help=_NOTEBOOKS_HELP)
    _add_app_parser(sub)
    _add_hub_parser(sub)
    _add_link_parser(sub)
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
    vt = sub.add_parser(
        "voila-template",
        help="write the learners' Voila template (offline, with a JupyterLab link) for a hub",
    )
    vt.add_argument(
        "--into",
        type=Path,
        default=None,
        help="a Jupyter data folder (default: this environment's, share/jupyter under "
        "its prefix, which every server of the environment reads)",
    )
    vt.add_argument(
        "--notebooks",
        type=Path,
        default=None,
        help=_NOTEBOOKS_HELP + "; the list shows their titles",
    )
    va = sub.add_parser("validate", help="print the model against published in vivo disc pressures")
    va.add_argument(
        "--iap",
        choices=("on", "off"),
        default="on",
        help="intra-abdominal pressure relief (contested; on by default)",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)

    if args.command == "lab":
        from .tooling.lab import run_lab

        try:
            return run_lab(args.notebooks)
        except FileNotFoundError as exc:
            parser.error(f"lab: {exc}")
    if args.command == "app":
        return _run_app(args, parser)
    if args.command == "hub":
        return _run_hub(args)
    if args.command == "link":
        return _run_link(args, parser)
    if args.command == "execute":
        from .tooling.nbfiles import execute_in_place, notebook_files

        try:
            notebooks = notebook_files(args.target)
        except FileNotFoundError as exc:
            return _failed("execute", exc)
        for nb in notebooks:
            seconds = execute_in_place(nb)
            print(f"{nb}: executed in {seconds:.1f} s")
        return 0
    if args.command == "student":
        from .tooling.student import write_student_copies

        for given, option, name in (
            (args.source, args.notebooks, "SOURCE and --notebooks"),
            (args.target, args.out, "TARGET and --out"),
        ):
            if given is not None and option is not None and given != option:
                parser.error(f"student: {name} name different folders")
        try:
            written = write_student_copies(args.notebooks or args.source, args.out or args.target)
        except (FileNotFoundError, ValueError) as exc:
            return _failed("student", exc)
        for path in written:
            print(f"{path}: student copy written")
        return 0
    if args.command == "voila-template":
        from .tooling.hub import (
            VOILA_TEMPLATE,
            VOILA_TEMPLATE_OPTION,
            write_voila_template,
        )

        into = args.into if args.into is not None else Path(sys.prefix) / "share" / "jupyter"
        if args.notebooks is not None and not args.notebooks.is_dir():
            return _failed(
                "voila-template", FileNotFoundError(f"no notebook folder {str(args.notebooks)!r}")
            )
        try:
            titled = len(write_voila_template(into, args.notebooks))
        except OSError as exc:
            return _failed("voila-template", exc)
        print(f"{into / 'voila' / 'templates' / VOILA_TEMPLATE}: written")
        print(
            f"the notebook list shows {titled} notebook titles"
            if titled
            else "no notebooks found here: the notebook list shows file names "
            "(give --notebooks FOLDER)"
        )
        print(f"start the learners' servers with {VOILA_TEMPLATE_OPTION}")
        return 0
    if args.command == "validate":
        from .model.in_vivo import report

        print(report(iap_relief=args.iap == "on"))
        return 0
    if args.command == "slides":
        from .tooling.slides import OfflineError, build

        try:
            result = build(args.out, args.notebooks, args.slides_dir, include_code=args.with_code)
        except (OfflineError, FileNotFoundError, ValueError) as exc:
            return _failed("slides", exc)
        for deck in result.decks:
            print(
                f"{deck.html}: {deck.slides} sections from {deck.notebook.name} (long ones continue on further slides)"
            )
        print(f"{result.guide}: facilitator guide")
        print(f"open {result.index} (works offline)")
        return 0
    return 2  # pragma: no cover


if __name__ == "__main__":
    sys.exit(main())
