"""The classroom hub (``workshop hub``): its parts, and a real hub with 3 learners.

The 3-learner test starts JupyterHub on 127.0.0.1 with configurable-http-proxy
(from npm: installed into .hub/proxy/ by ``make test`` or here when npm is
there), logs 3 learners in through the login form, starts their servers through
the hub's API, runs notebook 01 in each learner's kernel over the Jupyter
websocket and opens each one's app page (Voilà), then stops the hub and checks
that every process it started has ended and every learner's files are still
there. Without npm it is skipped, except under CI=true, where it fails.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import html
import json
import os
import random
import re
import socket
import stat
import sys
import threading
import time
from pathlib import Path

import markupsafe
import psutil
import pytest
import requests
from servers import malformed_kernel_frame_close_code

from workshop.tooling import hub
from workshop.tooling.kernel_socket import CLOSE_UNSUPPORTED_DATA
from workshop.views.chain.controls import default_values

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
sys.path.insert(0, str(ROOT / "benchmarks"))

from class_load import EXPLORER_NOTEBOOK, PASSWORD, Learner, process_tree  # noqa: E402

LEARNERS = ("ada", "bea", "cy")
ARRIVE_TIMEOUT_S = 420  # three learners on a busy 2-core machine; the bound, not the expectation


# --------------------------------------------------------------------------- parts


@pytest.mark.parametrize("name", ["ada", "Bea", " cy-2 ", "d_e", "a" * 32])
def test_learner_names_accepted(name):
    assert hub.LEARNER_NAME.match(hub.learner_name(name))
    assert hub.learner_name(name) == name.strip().lower()


@pytest.mark.parametrize("name", ["", "1ada", "-x", "a/b", "../etc", "a b", "a" * 33, "é", "a.b"])
def test_learner_names_refused_with_the_rule(name):
    with pytest.raises(ValueError, match="lower-case letters"):
        hub.learner_name(name)


def test_password_hash_checks_the_password_and_keeps_no_copy():
    record = hub.hash_password("correct horse")
    assert "correct horse" not in json.dumps(record)
    assert hub.check_password("correct horse", record)
    assert not hub.check_password("correct hors", record)
    assert not hub.check_password("", record)
    other = hub.hash_password("correct horse")
    assert other["salt"] != record["salt"] and other["hash"] != record["hash"]


def test_a_short_or_mistyped_password_is_asked_for_again(monkeypatch, capsys):
    answers = iter(["short", "long enough", "long enuogh", "long enough", "long enough"])
    monkeypatch.setattr(hub.sys.stdin, "isatty", lambda: True)
    monkeypatch.setattr(hub.getpass, "getpass", lambda prompt="": next(answers))
    assert hub.read_password(None) == "long enough"
    said = capsys.readouterr().out
    assert f"At least {hub.MIN_PASSWORD_CHARS} characters" in said and "differ" in said
    assert next(answers, None) is None  # every answer was asked for


def test_short_password_refused():
    with pytest.raises(ValueError, match=f"at least {hub.MIN_PASSWORD_CHARS}"):
        hub.hash_password("short")


def test_secrets_are_private(tmp_path):
    settings = hub.prepare(tmp_path / "d", "classpass", notebooks_dir=NOTEBOOKS, proxy=Path("x"))
    data = Path(settings.data_dir)
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    for name in (hub.PASSWORD_FILE, hub.PROXY_TOKEN_FILE):
        assert stat.S_IMODE((data / name).stat().st_mode) == 0o600, name
    assert hub.check_password("classpass", json.loads((data / hub.PASSWORD_FILE).read_text()))


def test_prepare_refuses_a_first_start_without_password(tmp_path):
    with pytest.raises(ValueError, match="no class password"):
        hub.prepare(tmp_path / "d", None, notebooks_dir=NOTEBOOKS, proxy=Path("x"))


def test_notebooks_copied_once_and_never_overwritten(tmp_path):
    settings = hub.prepare(tmp_path / "d", "classpass", notebooks_dir=NOTEBOOKS, proxy=Path("x"))
    first = hub.copy_notebooks(settings, "ada")
    assert sorted(p.name for p in first) == sorted(p.name for p in NOTEBOOKS.glob("*.ipynb"))
    mine = first[0]
    mine.write_text("my own work")
    (first[1]).unlink()  # a learner deletes one: it comes back, the changed one stays theirs
    again = hub.copy_notebooks(settings, "ada")
    assert [p.name for p in again] == [first[1].name]
    assert mine.read_text() == "my own work"


def test_hub_voila_template_links_to_jupyterlab(tmp_path):
    settings = hub.prepare(tmp_path / "d", "classpass", notebooks_dir=NOTEBOOKS, proxy=Path("x"))
    tree = Path(settings.data_dir, hub.JUPYTER_DATA_DIR, "voila", "templates", hub.VOILA_TEMPLATE)
    assert '{{ base_url }}lab"' in (tree / "tree.html").read_text()
    assert not re.search(r"""(href|src)=["']?(https?:)?//""", (tree / "page.html").read_text())


def _config(tmp_path, monkeypatch):
    from traitlets.config.loader import PyFileConfigLoader

    settings = hub.prepare(tmp_path / "d", "classpass", notebooks_dir=NOTEBOOKS, proxy=Path("x"))
    monkeypatch.setenv(hub.SETTINGS_ENV, str(Path(settings.data_dir) / hub.SETTINGS_FILE))
    loader = PyFileConfigLoader(hub.CONFIG_FILE.name, str(hub.CONFIG_FILE.parent))
    return settings, loader.load_config()


def test_config_listens_where_told_and_culls(tmp_path, monkeypatch):
    settings, c = _config(tmp_path, monkeypatch)
    assert c.JupyterHub.ip == "127.0.0.1"
    assert c.JupyterHub.hub_ip == "127.0.0.1" and c.Spawner.ip == "127.0.0.1"
    assert c.Spawner.default_url == hub.DEFAULT_URL
    assert c.JupyterHub.cleanup_servers is True
    (culler,) = c.JupyterHub.services
    assert "jupyterhub_idle_culler" in culler["command"]
    assert f"--timeout={hub.SERVER_IDLE_TIMEOUT_S}" in culler["command"]
    assert any("cull_idle_timeout=600" in a for a in c.Spawner.args)
    assert ("--allow-root" in c.Spawner.args) == (os.geteuid() == 0)


def test_authenticator_needs_a_valid_name_and_the_class_password(tmp_path, monkeypatch):
    _, c = _config(tmp_path, monkeypatch)
    auth = c.JupyterHub.authenticator_class()

    def login(name, password):
        # In a thread of its own: a browser test's Playwright may hold this thread's loop.
        with concurrent.futures.ThreadPoolExecutor(1) as pool:
            coro = auth.authenticate(None, {"username": name, "password": password})
            return pool.submit(asyncio.run, coro).result()

    assert login("Ada", "classpass") == "ada"
    assert login("ada", "classpas") is None
    assert login("../ada", "classpass") is None
    assert login("ada", "") is None


# --------------------------------------------------------------------------- a real hub


def _proxy() -> Path:
    found = hub.find_proxy(ROOT)
    if found is None:
        try:
            found = hub.install_proxy(ROOT / hub.PROXY_PREFIX)
        except (FileNotFoundError, OSError) as exc:
            if os.environ.get("CI") == "true":
                pytest.fail(f"configurable-http-proxy is needed under CI: {exc}")
            pytest.skip(f"configurable-http-proxy not installable here: {exc}")
    return found


def _app_page(learner: Learner) -> requests.Response:
    return requests.get(
        f"{learner.base}user/{learner.name}/voila/render/{EXPLORER_NOTEBOOK}",
        headers={"Authorization": f"token {learner.token}"},
        timeout=300,
    )


def page_config(page_html: str) -> dict:
    """The configuration a Voilà page hands its scripts (``jupyter-config-data``)."""
    found = re.search(
        r'<script id="jupyter-config-data" type="application/json">\s*(\{.*?\})\s*</script>',
        page_html,
        flags=re.S,
    )
    assert found, "the page carries no jupyter-config-data"
    return json.loads(found.group(1))


def test_three_learners_get_notebook_01_and_the_app_then_everything_stops(tmp_path):
    proxy = _proxy()
    settings = hub.prepare(
        tmp_path / "hub", PASSWORD, notebooks_dir=NOTEBOOKS, proxy=proxy, port=hub.free_port()
    )
    running = hub.Hub(settings)
    seen: set[int] = set()
    learners = [Learner(name, settings.url) for name in LEARNERS]
    try:
        running.wait_ready(120)
        cookie_secret = Path(settings.data_dir, hub.COOKIE_SECRET_FILE)
        assert stat.S_IMODE(cookie_secret.stat().st_mode) == 0o600
        # The login page says what a name may be (a bad one is refused like a wrong
        # password, with no reason).
        login = requests.get(f"{settings.url}hub/login", timeout=60)
        assert hub.LEARNER_NAME_RULE in html.unescape(login.text)
        # Refused: a wrong password and a name that is not one.
        for name, password in (("ada", PASSWORD + "x"), ("../root", PASSWORD)):
            with pytest.raises(RuntimeError, match="login: status 403"):
                Learner(name, settings.url, password=password).log_in()

        threads = [threading.Thread(target=lr.arrive, args=(NOTEBOOKS,)) for lr in learners]
        for t in threads:
            t.start()
        deadline = time.monotonic() + ARRIVE_TIMEOUT_S
        for t in threads:
            t.join(max(0.0, deadline - time.monotonic()))
        assert [lr.error for lr in learners] == [None] * len(learners)
        for lr in learners:
            assert lr.kernel.explorer_comm() is not None
            values = {**default_values(), "trunk_flexion_deg": 40.0}
            took = lr.kernel.commit(lr.kernel.explorer_comm(), values)
            assert took is not None, f"{lr.name}: the explorer did not answer a slider change"
        # A malformed kernel frame closes that socket only (Jupyter Server would loop on it),
        # in the v1 protocol and in the older one a learner's server still offers.
        first = learners[0]
        for legacy in (False, True):
            code = malformed_kernel_frame_close_code(
                f"{first.base.replace('http', 'ws', 1)}user/{first.name}/api/kernels/"
                f"{first.kernel.kernel_id}/channels?session_id=probe",
                origin=first.base.rstrip("/"),
                headers=[f"Authorization: token {first.token}"],
                legacy=legacy,
            )
            assert code == CLOSE_UNSUPPORTED_DATA, f"legacy={legacy}"

        for lr in learners:
            page = _app_page(lr)
            assert page.status_code == 200, (lr.name, page.status_code)
            assert "application/vnd.jupyter.widget-view+json" in page.text
            # Nothing for the page's scripts to fetch from outside: no MathJax on a CDN
            # (with both null the page uses the MathJax in Voilà's own bundle).
            config = page_config(page.text)
            assert config["fullMathjaxUrl"] is None and config["mathjaxConfig"] is None
            remote = [v for v in config.values() if isinstance(v, str) and "://" in v]
            assert remote == [], remote
            tree = requests.get(
                f"{lr.base}user/{lr.name}/voila/tree",
                headers={"Authorization": f"token {lr.token}"},
                timeout=60,
            )
            assert "Open JupyterLab" in tree.text and EXPLORER_NOTEBOOK in tree.text
            # The list names the kit's notebooks by their titles (the learner's copies).
            for name, title in hub.notebook_titles(NOTEBOOKS).items():
                assert f"</i>{markupsafe.escape(title)}</a>" in tree.text, name
        # One learner cannot reach another's server with their own token.
        other = requests.get(
            f"{settings.url}user/{LEARNERS[1]}/api/contents",
            headers={"Authorization": f"token {learners[0].token}"},
            timeout=60,
            allow_redirects=False,
        )
        assert other.status_code in (302, 403, 404), other.status_code

        tree = process_tree(running.process.pid)
        seen.update(p.pid for p in tree)
        assert len(tree) >= 3 + 2 * len(LEARNERS)  # hub, proxy, culler; servers and kernels
        # Each learner's server on its own port below the ephemeral range (where kernels
        # and outgoing connections take theirs: hub.learner_port).
        servers = [p for p in tree if "jupyterhub.singleuser" in " ".join(p.cmdline())]
        ports = {
            conn.laddr.port
            for p in servers
            for conn in p.net_connections(kind="tcp")
            if conn.status == psutil.CONN_LISTEN
        }
        low, _ = hub.ephemeral_ports()
        assert len(servers) == len(LEARNERS) and len(ports) == len(LEARNERS), ports
        assert all(low - hub.LEARNER_PORT_SPAN <= port < low for port in ports), ports
        mine = settings.learner_home("ada") / "notebooks" / "mine.txt"
        mine.write_text("my notes")
        for lr in learners:
            lr.kernel.close()
    finally:
        seen.update(p.pid for p in process_tree(running.process.pid))
        code = running.stop()

    assert code == 0, running.log_path.read_text()[-3000:]
    gone_by = time.monotonic() + 20
    while time.monotonic() < gone_by and any(_alive(pid) for pid in seen):
        time.sleep(0.2)
    left = [pid for pid in seen if _alive(pid)]
    assert left == [], f"processes left behind: {left}"
    assert mine.read_text() == "my notes"
    for name in LEARNERS:
        copies = sorted((settings.learner_home(name) / "notebooks").glob("*.ipynb"))
        assert [p.name for p in copies] == sorted(p.name for p in NOTEBOOKS.glob("*.ipynb"))


def test_learner_ports_are_free_not_given_and_outside_the_ephemeral_range(monkeypatch):
    low, high = hub.ephemeral_ports()
    span = range(low - hub.LEARNER_PORT_SPAN, low)
    ports = [hub.learner_port(set(), rng=random.Random(seed)) for seed in range(20)]
    assert all(port in span for port in ports)
    assert len(set(ports)) > 1  # drawn at random, not the lowest free one every time
    # In use at the address: skipped (one port left free: it is the only answer).
    monkeypatch.setattr(hub, "LEARNER_PORT_SPAN", 2)
    with socket.socket() as held:
        held.bind(("127.0.0.1", low - 2))
        held.listen()
        assert hub.learner_port(set()) == low - 1
    # Given to a server still starting: skipped.
    assert hub.learner_port({low - 1}) == low - 2
    # None left: a clear error naming the span.
    with pytest.raises(RuntimeError, match=f"no free port .* in {low - 2}-{low - 1}"):
        hub.learner_port({low - 2, low - 1})


def test_learner_ports_come_from_above_when_the_range_starts_low():
    # A common tuning, "1024 65000": nothing below it; the ports above are used.
    port = hub.learner_port(set(), ephemeral=(1024, 65000))
    assert 65000 < port < 65536
    with pytest.raises(RuntimeError, match="outside the ephemeral range 1024-65535"):
        hub.learner_port(set(), ephemeral=(1024, 65535))


def test_ephemeral_range_read_from_the_os_or_linuxs_default(tmp_path):
    given = tmp_path / "range"
    given.write_text("20000\t30000\n")
    assert hub.ephemeral_ports(given) == (20000, 30000)
    given.write_text("garbage")
    assert hub.ephemeral_ports(given) == hub.DEFAULT_EPHEMERAL_PORTS
    assert hub.ephemeral_ports(tmp_path / "missing") == hub.DEFAULT_EPHEMERAL_PORTS


def _alive(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def test_workshop_hub_command_stops_everything_on_ctrl_c(tmp_path):
    """``workshop hub`` as an instructor runs it: one learner's server, then Ctrl+C (SIGINT)."""
    import signal
    import subprocess

    proxy = _proxy()
    password_file = tmp_path / "password"
    password_file.write_text(PASSWORD + "\n")
    port = hub.free_port()
    env = {**os.environ, "PATH": f"{proxy.parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    command = [sys.executable, "-m", "workshop.cli", "hub", "--port", str(port), "--data-dir",
               str(tmp_path / "class"), "--password-file", str(password_file), "--notebooks",
               str(NOTEBOOKS)]  # fmt: skip
    cli = subprocess.Popen(
        command, cwd=tmp_path, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    seen: set[int] = set()
    try:
        first = cli.stdout.readline()
        assert first.startswith(f"Class hub at http://127.0.0.1:{port}/ (this machine only)"), first
        learner = Learner("ada", f"http://127.0.0.1:{port}/")
        learner.log_in()
        learner.spawn()
        seen.update(p.pid for p in process_tree(cli.pid))
        assert any("jupyterhub.singleuser" in " ".join(p.cmdline()) for p in process_tree(cli.pid))
    finally:
        seen.update(p.pid for p in process_tree(cli.pid))
        cli.send_signal(signal.SIGINT)
        out, _ = cli.communicate(timeout=hub.STOP_TIMEOUT_S + 30)
    assert cli.returncode == 0, out
    assert "Stopping the hub and every learner's server" in out
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and any(_alive(pid) for pid in seen):
        time.sleep(0.2)
    assert [pid for pid in seen if _alive(pid)] == []
    assert len(list((tmp_path / "class" / "learners" / "ada" / "notebooks").glob("*.ipynb"))) > 0


def test_make_installs_the_proxy_version_the_kit_pins():
    makefile = (ROOT / "Makefile").read_text()
    assert f"configurable-http-proxy@{hub.PROXY_VERSION}" in makefile
    assert str(hub.PROXY_PREFIX) in makefile


def test_a_copy_cut_short_leaves_no_torn_notebook(tmp_path, monkeypatch):
    """A learner's copy is written in one step: when the disk fills during it, no half
    notebook is left (which 'never overwrite' would keep for good); the next start
    copies it whole."""
    import errno

    settings = hub.prepare(tmp_path / "d", "classpass", notebooks_dir=NOTEBOOKS, proxy=Path("x"))

    def full_disk(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(OSError, match="No space"):
        hub.copy_notebooks(settings, "ada")
    monkeypatch.undo()
    target = settings.learner_home("ada") / "notebooks"
    assert [p.name for p in target.iterdir()] == []
    copied = hub.copy_notebooks(settings, "ada")
    for dest in copied:
        assert dest.read_bytes() == (NOTEBOOKS / dest.name).read_bytes()
