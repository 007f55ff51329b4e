"""``workshop slides``, ``student`` and ``app`` from an installed kit, run from any folder.

The kit is installed as ``pip install .`` installs it, less the download of its
dependencies (minutes): a copy of the kit goes through ``pip install --no-deps``
(a wheel built by the build backend that pyproject.toml names, setuptools and
wheel, which pip fetches from the registry into an isolated build environment) into
a fresh venv made from .venv's python. That venv sees .venv's packages through a
``.pth`` file: a venv made from a venv's python with ``--system-site-packages``
would not, its base being the interpreter .venv itself was made from. Those
packages keep their Jupyter templates in .venv's ``share/jupyter``, which
``JUPYTER_PATH`` names (a full install would put them in the new venv). The
package then runs from the new venv's site-packages, never from the checkout
(checked), in folders that have nothing to do with either.

``WORKSHOP_FULL_INSTALL=1`` makes it a full ``pip install`` with every dependency
instead (no ``.pth``, no ``JUPYTER_PATH``; minutes, and the network).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import time
import urllib.request
from pathlib import Path

import psutil
import pytest
from servers import ROOT, free_port, stop

KIT_NOTEBOOKS = sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))
ROOM_NOTEBOOKS = KIT_NOTEBOOKS[:2]


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """(venv folder, kit copy it was installed from, environment for its commands)."""
    base = tmp_path_factory.mktemp("anywhere")
    kit = base / "kit"
    kit.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, kit / name)
    skip = shutil.ignore_patterns("__pycache__", "*.pyc", "_build")
    for name in ("workshop", "notebooks", "slides"):
        shutil.copytree(ROOT / name, kit / name, ignore=skip)

    full = os.environ.get("WORKSHOP_FULL_INSTALL") == "1"
    venv = base / "venv"
    python = venv / "bin" / "python"
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env.update(
        JUPYTER_PLATFORM_DIRS="1",
        XDG_CACHE_HOME=str(base / "cache"),
        PATH=f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}",
    )
    env.pop("JUPYTER_PATH", None)
    if full:
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        install = [python, "-m", "pip", "install", "--quiet", str(kit)]
    else:
        subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
        purelib = subprocess.run(
            [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
        Path(purelib, "workshop-dev-packages.pth").write_text(
            sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8"
        )
        env["JUPYTER_PATH"] = str(Path(sys.prefix) / "share" / "jupyter")
        install = [python, "-m", "pip", "install", "--quiet", "--no-deps", "--ignore-installed"]
        install.append(str(kit))
    done = subprocess.run(install, cwd=base, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        unreachable = ("NewConnectionError", "No matching distribution", "Could not find a version")
        if os.environ.get("CI") != "true" and any(s in done.stderr for s in unreachable):
            pytest.skip(f"pip could not reach the package registry: {done.stderr[-300:]}")
        raise AssertionError(f"pip install failed:\n{done.stdout}\n{done.stderr}")
    return venv, kit, env


def run(installed, cwd: Path, *args: str) -> subprocess.CompletedProcess:
    venv, _, env = installed
    return subprocess.run(
        [str(venv / "bin" / "workshop"), *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def printed_url(printed: re.Pattern, log: Path, proc: subprocess.Popen) -> re.Match:
    """The server's URL with its token, once the server has printed it to ``log``."""
    deadline = time.monotonic() + 120
    while not (found := printed.search(log.read_text(errors="replace"))):
        assert proc.poll() is None, log.read_text(errors="replace")
        assert time.monotonic() < deadline, "the server printed no URL with its token"
        time.sleep(0.2)
    return found


@pytest.fixture
def elsewhere(tmp_path):
    """An empty folder that is neither the checkout, nor the kit, nor the venv."""
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    return folder


def test_the_package_runs_from_the_venv_not_the_checkout(installed, elsewhere):
    venv, kit, env = installed
    out = subprocess.run(
        [venv / "bin" / "python", "-c", "import workshop; print(workshop.__file__)"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    where = Path(out).resolve()
    assert venv.resolve() in where.parents, where
    assert ROOT not in where.parents and kit.resolve() not in where.parents
    for name in ("notebooks", "slides"):
        assert not (where.parents[1] / name).exists()  # no kit data beside the package


def test_slides_with_notebooks_and_out_from_an_unrelated_folder(installed, elsewhere, tmp_path):
    _, kit, _ = installed
    out = tmp_path / "decks"
    result = run(
        installed, elsewhere, "slides", "--notebooks", str(kit / "notebooks"), "--out", str(out)
    )
    assert result.returncode == 0, result.stderr
    decks = sorted(p.name for p in out.glob("*.slides.html"))
    assert decks == [f"{Path(n).stem}.slides.html" for n in KIT_NOTEBOOKS]
    assert (out / "index.html").is_file() and (out / "facilitator_guide.html").is_file()
    assert next(out.glob("reveal.js-*/dist/reveal.js")).is_file()
    assert f"open {out / 'index.html'}" in result.stdout
    assert list(elsewhere.iterdir()) == []  # nothing written where it ran
    assert not (kit / "slides" / "_build").exists()


def test_slides_student_in_the_folder_they_run_in(installed, tmp_path):
    """A room folder with notebooks/ and no slides/: decks go to slides/_build there, with
    reveal.js and the guide from the folder the kit was installed from."""
    _, kit, _ = installed
    room = tmp_path / "room"
    (room / "notebooks").mkdir(parents=True)
    for name in ROOM_NOTEBOOKS:
        shutil.copy2(kit / "notebooks" / name, room / "notebooks" / name)

    result = run(installed, room, "slides")
    assert result.returncode == 0, result.stderr
    built = room / "slides" / "_build"
    assert sorted(p.name for p in built.glob("*.slides.html")) == [
        f"{Path(n).stem}.slides.html" for n in ROOM_NOTEBOOKS
    ]
    assert (built / "facilitator_guide.html").is_file()

    result = run(installed, room, "student")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (room / "student").iterdir()) == ROOM_NOTEBOOKS

    # A folder of notebooks itself, with the options naming other folders.
    result = run(installed, room / "notebooks", "student", "--out", str(tmp_path / "copies"))
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "copies").iterdir()) == ROOM_NOTEBOOKS


def test_slides_says_what_is_missing(installed, elsewhere):
    result = run(installed, elsewhere, "slides")
    assert result.returncode == 1
    assert "no notebooks in" in result.stderr


def test_app_with_notebooks_and_port_from_an_unrelated_folder(installed, elsewhere, tmp_path):
    venv, kit, env = installed
    port = free_port()
    log = tmp_path / "app.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [venv / "bin" / "workshop", "app", "--notebooks", str(kit / "notebooks")]
            + ["--port", str(port)],
            cwd=elsewhere,
            env={k: v for k, v in env.items() if k != "WORKSHOP_APP_TOKEN"},
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    server, kernels = None, []
    try:
        printed = re.compile(rf"http://127\.0\.0\.1:{port}/\?token=([0-9a-f]+)")
        token = printed_url(printed, log, proc).group(1)
        server = psutil.Process(proc.pid).children()[0]
        command = server.cmdline()
        assert command[0].startswith(str(venv)) and command[1:3] == ["-m", "workshop.tooling.app"]
        base = f"http://127.0.0.1:{port}"
        with urllib.request.urlopen(f"{base}/voila/api/contents?token={token}", timeout=60) as r:
            listed = sorted(item["name"] for item in json.load(r)["content"])
        assert listed == KIT_NOTEBOOKS
        name = KIT_NOTEBOOKS[0]
        with urllib.request.urlopen(f"{base}/voila/render/{name}?token={token}", timeout=120) as r:
            assert r.status == 200 and "jp-OutputArea" in r.read().decode()
        kernels = [p for p in server.children() if "ipykernel" in " ".join(p.cmdline())]
        assert len(kernels) == 1
    finally:
        stop(proc)  # SIGTERM, which workshop app passes on to the server
        if server is not None:
            _, alive = psutil.wait_procs([server, *kernels], timeout=30)
            for p in alive:
                p.kill()
            assert not alive, "the server or its kernel outlived workshop app"
    assert not any(elsewhere.iterdir())


def test_lab_with_notebooks_from_an_unrelated_folder_stops_with_its_parent(
    installed, elsewhere, tmp_path
):
    """``workshop lab --notebooks DIR`` serves DIR from anywhere; a SIGTERM to it (``kill``)
    ends JupyterLab too, which must never be left running as an orphan."""
    venv, kit, env = installed
    log = tmp_path / "lab.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [venv / "bin" / "workshop", "lab", "--notebooks", str(kit / "notebooks")],
            cwd=elsewhere,
            env={**env, "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"), "BROWSER": "true"},
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    server = None
    try:
        printed = re.compile(r"http://127\.0\.0\.1:(\d+)/lab\?token=([0-9a-f]+)")
        port, token = printed_url(printed, log, proc).groups()
        server = psutil.Process(proc.pid).children()[0]
        url = f"http://127.0.0.1:{port}/api/contents?token={token}"
        with urllib.request.urlopen(url, timeout=60) as r:
            listed = sorted(item["name"] for item in json.load(r)["content"])
        assert listed == KIT_NOTEBOOKS
    finally:
        stop(proc)  # SIGTERM, which workshop lab passes on to JupyterLab
        if server is not None:
            _, alive = psutil.wait_procs([server], timeout=30)
            for p in alive:
                p.kill()
            assert not alive, "JupyterLab outlived workshop lab"
    assert proc.returncode is not None
    assert "Traceback" not in log.read_text(errors="replace")


def test_lab_says_what_is_missing(installed, elsewhere):
    result = run(installed, elsewhere, "lab", "--notebooks", "no-such-folder")
    assert result.returncode == 2
    assert "no notebook folder" in result.stderr


def test_student_in_a_folder_without_notebooks_says_so_and_creates_nothing(installed, elsewhere):
    result = run(installed, elsewhere, "student")
    assert result.returncode == 1
    assert "no notebooks in" in result.stderr
    assert not any(elsewhere.iterdir())
