"""A classroom hub: ``workshop hub`` (and ``make hub``) runs JupyterHub for a room on one machine.

What the room gets
    Learners open the hub's address, log in with a name of their choice and the
    class password the instructor set, and land in the app (Voilà's list of the
    notebooks, code hidden); JupyterLab is one click away (a link on that page,
    and on the hub's home page). Each learner has their own folder,
    ``<data dir>/learners/<name>/``, with their own copy of the notebooks: copied
    when their server first starts, a file at a time, and never overwritten
    after (a notebook the instructor adds later appears; one a learner changed
    stays theirs). Stopping the hub stops every learner's server and leaves
    every folder as it is.

Who can log in
    Any name matching ``LEARNER_NAME`` (lower-case letters, digits, ``-`` and
    ``_``, at most 32 characters, starting with a letter), with the class
    password. The password is never stored: only a salted scrypt hash of it
    (``hash_password``), in ``<data dir>/class_password.json`` (0600). There are
    no system accounts.

What isolation that gives, and what it does not
    Every learner's server and kernels are separate processes, in their own
    folder, reachable through the hub only with that learner's login (JupyterHub's
    OAuth): one learner's browser cannot open another's notebooks. But every
    process runs as the same operating-system user as the hub
    (``SimpleLocalProcessSpawner``): code a learner runs in a notebook can read
    and change other learners' files, the hub's database and its secrets, and
    use all of the machine's memory and CPU. That is fine for a class of people
    who trust one another on a machine that holds nothing else; it is not a
    defence against a hostile learner. For that, use The Littlest JupyterHub
    (one system user per learner) or Zero to JupyterHub (one container per
    learner, with memory and CPU limits) -- see the README's instructor section.

Where it listens
    The hub's proxy listens on ``DEFAULT_IP`` = 127.0.0.1 (this machine only)
    and ``DEFAULT_PORT`` = 8000 unless told otherwise (``--ip``, ``--port``);
    give a LAN address (or 0.0.0.0) only to serve a room, always with the class
    password. The hub's API and every learner's server listen on 127.0.0.1 only.

Secrets
    The cookie secret (written by JupyterHub), the proxy's auth token and the
    password hash live in the data folder (itself 0700), each 0600.

Idle servers and kernels
    A learner's server with no activity for ``SERVER_IDLE_TIMEOUT_S`` (1 hour)
    is stopped by jupyterhub-idle-culler, run by the hub as a service; their
    files stay. Inside a server, a kernel with no open page idle for
    ``KERNEL_IDLE_TIMEOUT_S`` (10 minutes) is ended (``MappingKernelManager``).

The proxy
    JupyterHub routes through configurable-http-proxy, a Node.js program from the
    npm registry, pinned at ``PROXY_VERSION``. ``find_proxy`` looks for it in
    ``.hub/proxy/`` (where ``make hub`` installs it), then on ``PATH``;
    ``install_proxy`` installs it with npm.
"""

from __future__ import annotations

import getpass
import hashlib
import hmac
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..files import write_atomically
from .nbfiles import default_notebooks_dir, notebook_files, title_of_file

DEFAULT_IP = "127.0.0.1"
DEFAULT_PORT = 8000
#: configurable-http-proxy, pinned: the version ``make hub`` and ``install_proxy`` install.
PROXY_VERSION = "5.3.0"
PROXY_PACKAGE = f"configurable-http-proxy@{PROXY_VERSION}"
PROXY_PREFIX = Path(".hub") / "proxy"  # relative to the folder run in; ``make hub`` uses it
DEFAULT_DATA_DIR = Path(".hub") / "class"
CONFIG_FILE = Path(__file__).with_name("jupyterhub_config.py")
SETTINGS_ENV = "WORKSHOP_HUB_SETTINGS"
SETTINGS_FILE = "settings.json"
PASSWORD_FILE = "class_password.json"
PROXY_TOKEN_FILE = "proxy_auth_token"
COOKIE_SECRET_FILE = "jupyterhub_cookie_secret"
LEARNERS_DIR = "learners"
JUPYTER_DATA_DIR = "jupyter"  # the Voilà template learners' servers use (on JUPYTER_PATH)
VOILA_TEMPLATE = "workshop-hub"
#: What a learner's server needs to use it (``workshop voila-template`` writes it into the
#: environment's data folder for any hub: Zero to JupyterHub's image, TLJH).
VOILA_TEMPLATE_OPTION = f"--VoilaConfiguration.template={VOILA_TEMPLATE}"
#: A learner's name: it becomes a folder name and part of every URL of theirs.
LEARNER_NAME = re.compile(r"^[a-z][a-z0-9_-]{0,31}$")
#: The same rule in words: on the login page and in the refusal.
LEARNER_NAME_RULE = "1 to 32 lower-case letters, digits, '-' or '_', starting with a letter"
MIN_PASSWORD_CHARS = 8
SERVER_IDLE_TIMEOUT_S = 3600  # a learner's server idle this long is stopped (files kept)
CULL_EVERY_S = 300  # how often the culler looks
KERNEL_IDLE_TIMEOUT_S = 600  # a kernel with no open page idle this long is ended
KERNEL_CULL_INTERVAL_S = 60
SPAWN_TIMEOUT_S = 180  # a learner's server that has not answered by then counts as failed
STOP_TIMEOUT_S = 90  # how long stopping the hub (and every learner's server) may take
#: Landing page of a learner's server: Voilà's list of the notebooks.
DEFAULT_URL = "/voila/tree"
# scrypt cost (RFC 7914): n=2**14, r=8 takes ~16 MiB and ~50 ms per check, once per login.
_SCRYPT = {"n": 2**14, "r": 8, "p": 1}


# --------------------------------------------------------------------------- names and password


def learner_name(text: str) -> str:
    """``text`` as a learner's name (trimmed, lower case); ``ValueError`` when it is not one."""
    name = str(text).strip().lower()
    if not LEARNER_NAME.match(name):
        raise ValueError(f"learner name {text!r}: use {LEARNER_NAME_RULE}")
    return name


def hash_password(password: str, salt: bytes | None = None) -> dict:
    """A salted scrypt hash of ``password`` (a JSON-ready dict); the password is not kept."""
    if len(password) < MIN_PASSWORD_CHARS:
        raise ValueError(f"class password: at least {MIN_PASSWORD_CHARS} characters, please")
    salt = salt if salt is not None else secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, **_SCRYPT)
    return {"scheme": "scrypt", **_SCRYPT, "salt": salt.hex(), "hash": digest.hex()}


def check_password(password: str, record: dict) -> bool:
    """True when ``password`` is the one ``record`` (from ``hash_password``) was made from."""
    if not isinstance(password, str) or record.get("scheme") != "scrypt":
        return False
    digest = hashlib.scrypt(
        password.encode("utf-8"),
        salt=bytes.fromhex(record["salt"]),
        n=record["n"],
        r=record["r"],
        p=record["p"],
    )
    return hmac.compare_digest(digest.hex(), record["hash"])


def write_private(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` readable and writable by its owner only (0600), in one step."""
    temp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def read_password(password_file: Path | None) -> str:
    """The class password: the first line of ``password_file``, else asked for twice."""
    if password_file is not None:
        lines = Path(password_file).read_text(encoding="utf-8").splitlines()
        return lines[0] if lines else ""
    if not sys.stdin.isatty():
        raise ValueError("no class password: give --password-file FILE (no terminal to ask on)")
    while True:  # asked again until it will do: a typo should not end the start
        first = getpass.getpass(
            f"Class password, at least {MIN_PASSWORD_CHARS} characters "
            "(learners type it to log in): "
        )
        if len(first) < MIN_PASSWORD_CHARS:
            print(f"At least {MIN_PASSWORD_CHARS} characters, please.")
        elif getpass.getpass("The same again: ") != first:
            print("The two differ; once more.")
        else:
            return first


# --------------------------------------------------------------------------- the proxy


def find_proxy(cwd: Path | None = None) -> Path | None:
    """configurable-http-proxy: ``.hub/proxy/`` here (``make hub``), else on PATH; or None."""
    local = (Path(cwd) if cwd else Path.cwd()) / PROXY_PREFIX / "node_modules" / ".bin"
    local = local / "configurable-http-proxy"
    if local.is_file():
        return local.resolve()
    found = shutil.which("configurable-http-proxy")
    return Path(found) if found else None


def install_proxy(prefix: Path = PROXY_PREFIX) -> Path:
    """Install configurable-http-proxy (``PROXY_VERSION``) with npm under ``prefix``; its path."""
    npm = shutil.which("npm")
    if npm is None:
        raise FileNotFoundError(
            "configurable-http-proxy is needed and npm was not found: install Node.js and npm "
            f"(Debian: apt-get install nodejs npm), or run: npm install -g {PROXY_PACKAGE}"
        )
    prefix.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [npm, "install", "--no-audit", "--no-fund", "--prefix", str(prefix), PROXY_PACKAGE],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return (prefix / "node_modules" / ".bin" / "configurable-http-proxy").resolve()


# --------------------------------------------------------------------------- settings


def free_port(ip: str = "127.0.0.1") -> int:
    """A TCP port nothing listens on at ``ip`` now (the OS picks it)."""
    with socket.socket() as s:
        s.bind((ip, 0))
        return s.getsockname()[1]


#: Where the OS takes ports for ``bind(port 0)`` and outgoing connections when it
#: cannot tell (Linux's default ``ip_local_port_range``).
DEFAULT_EPHEMERAL_PORTS = (32768, 60999)
#: How many ports below the ephemeral range learners' servers are given.
LEARNER_PORT_SPAN = 10_000


def ephemeral_ports(path: Path = Path("/proc/sys/net/ipv4/ip_local_port_range")) -> tuple:
    """The (low, high) ports the OS hands out for port 0 and outgoing connections."""
    try:
        low, high = (int(x) for x in path.read_text().split())
    except (OSError, ValueError):
        return DEFAULT_EPHEMERAL_PORTS
    return low, high


def learner_port(taken, ip: str = "127.0.0.1", ephemeral: tuple | None = None, rng=None) -> int:
    """A port for a learner's server: free at ``ip`` now, not in ``taken`` (ports given
    to servers still starting), and outside the OS's ephemeral range.

    Why not port 0: every kernel takes five ports from the ephemeral range, and with
    dozens of servers and kernels starting at once another process took a server's
    port between the hub choosing it and the server binding it ("port … is not
    available"; measured at 60 learners). Nothing takes a port outside that range
    unless it asks for it. The port is drawn at random from the ``LEARNER_PORT_SPAN``
    ports below the range (where the range starts too low for that, from those above
    it), so a port just freed by a stopped server is not handed straight to the next
    learner while the proxy may still route to it. Raises ``RuntimeError`` when none
    is free.
    """
    low, high = ephemeral or ephemeral_ports()
    below = range(max(1024, low - LEARNER_PORT_SPAN), max(1024, low))
    above = range(min(high + 1, 65536), min(high + 1 + LEARNER_PORT_SPAN, 65536))
    span = below if len(below) >= len(above) else above
    if not span:
        raise RuntimeError(
            f"no port for a learner's server outside the ephemeral range {low}-{high}"
        )
    first = (rng or secrets.SystemRandom()).randrange(len(span))
    for k in range(len(span)):
        port = span[(first + k) % len(span)]
        if port in taken:
            continue
        with socket.socket() as s:
            try:
                s.bind((ip, port))
            except OSError:
                continue
        return port
    raise RuntimeError(
        f"no free port for a learner's server in {span.start}-{span.stop - 1} at {ip}"
    )


@dataclass
class HubSettings:
    """What the hub's config file (``jupyterhub_config.py``) reads, as ``settings.json``."""

    data_dir: str
    notebooks_dir: str
    proxy: str
    ip: str = DEFAULT_IP
    port: int = DEFAULT_PORT
    hub_port: int = 0  # the hub's own API, on 127.0.0.1 (0: a free one at start)
    proxy_api_port: int = 0  # the proxy's control API, on 127.0.0.1 (0: a free one)
    server_idle_timeout_s: int = SERVER_IDLE_TIMEOUT_S
    cull_every_s: int = CULL_EVERY_S
    kernel_idle_timeout_s: int = KERNEL_IDLE_TIMEOUT_S
    allow_root: bool = field(default_factory=lambda: hasattr(os, "geteuid") and os.geteuid() == 0)
    #: Environment variables passed on to learners' servers and kernels (e.g. PYTHONPATH).
    pass_env: list[str] = field(default_factory=lambda: ["PYTHONPATH"])

    @property
    def url(self) -> str:
        host = "127.0.0.1" if self.ip in ("", "0.0.0.0") else self.ip
        return f"http://{host}:{self.port}/"

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.hub_port}/hub/api"

    def learner_home(self, name: str) -> Path:
        return Path(self.data_dir) / LEARNERS_DIR / learner_name(name)


def load_settings(path: str | Path) -> HubSettings:
    return HubSettings(**json.loads(Path(path).read_text(encoding="utf-8")))


def notebook_titles(notebooks_dir: Path | None = None) -> dict[str, str]:
    """File name → title (``title_of_file``) of the notebooks in ``notebooks_dir``
    (default: ``default_notebooks_dir()``); empty when the folder is missing."""
    folder = Path(notebooks_dir) if notebooks_dir is not None else default_notebooks_dir()
    if not folder.is_dir():
        return {}
    titles = {path.name: title_of_file(folder, path.name) for path in notebook_files(folder)}
    return {name: title for name, title in titles.items() if title}


def write_voila_template(root: Path, notebooks_dir: Path | None = None) -> dict[str, str]:
    """Write the ``workshop-hub`` Voilà template under ``root`` (a Jupyter data folder);
    return the titles it lists (file name → title).

    The app's offline template (nothing loaded from outside) with the notebook
    list showing a link to JupyterLab above it. The list names the kit's notebooks by
    their titles, read now from ``notebooks_dir`` (default: ``default_notebooks_dir()``)
    and written into the template by file name: a learner's server has no
    ``notebook_title`` of its own (the app's server class gives it one), and a learner's
    copies keep the kit's file names. Other files are listed by file name.
    """
    from .app import offline_template_files

    titles = notebook_titles(notebooks_dir)
    files = offline_template_files()
    # The link's blue reads on the light page; on the dark one (a dark system) a light blue.
    link = (
        "<style>.workshop-lab-link a{color:#1565c0;text-decoration:underline;font-weight:bold}"
        "@media (prefers-color-scheme: dark){.workshop-lab-link a{color:#8cc4ff}}</style>"
        '<p class="workshop-lab-link" style="width:80%;margin:2em auto 0;font-size:1.1em">'
        "Want to see and change the code? "
        '<a href="{{ base_url }}lab">Open JupyterLab</a> (the same notebooks, your copy).</p>'
    )
    # A JSON object of strings is a Jinja dict literal. Written unescaped: Jinja reads
    # \uXXXX escapes one by one, so a character beyond U+FFFF escaped as a surrogate
    # pair would reach the page as two lone surrogates (which cannot be sent as UTF-8).
    titles_set = "{% set workshop_titles = " + json.dumps(titles, ensure_ascii=False) + " %}"
    body = re.compile(r"(\{%\s*block body\s*%\})")
    text, n = body.subn(
        lambda m: m.group(1) + "\n" + titles_set + "\n" + link, files["tree.html"], count=1
    )
    text, m = re.subn(
        r"or content\.name \}\}",
        "or workshop_titles.get(content.name) or content.name }}",
        text,
    )
    if n != 1 or m != 1:
        raise RuntimeError("Voilà's lab/tree.html no longer has the parts the hub's list changes")
    files["tree.html"] = text
    target = root / "voila" / "templates" / VOILA_TEMPLATE
    target.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        write_atomically(target / name, content)
    return titles


def prepare(
    data_dir: Path,
    password: str | None,
    *,
    notebooks_dir: Path | None = None,
    proxy: Path,
    ip: str = DEFAULT_IP,
    port: int = DEFAULT_PORT,
    server_idle_timeout_s: int = SERVER_IDLE_TIMEOUT_S,
) -> HubSettings:
    """Lay out ``data_dir`` for a hub and return its settings (also written to ``settings.json``).

    ``password`` sets the class password (its hash is stored); ``None`` keeps the
    one stored by an earlier start, and is refused when there is none.
    """
    data_dir = Path(data_dir).resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    data_dir.chmod(0o700)
    notebooks = Path(notebooks_dir or default_notebooks_dir()).resolve()
    if not notebook_files(notebooks):
        raise FileNotFoundError(f"no notebooks in {notebooks}")
    record_path = data_dir / PASSWORD_FILE
    if password is not None:
        write_private(record_path, json.dumps(hash_password(password)) + "\n")
    elif not record_path.is_file():
        raise ValueError("no class password set yet: give --password-file FILE or type one")
    token_path = data_dir / PROXY_TOKEN_FILE
    if not token_path.is_file():
        write_private(token_path, secrets.token_hex(32) + "\n")
    (data_dir / LEARNERS_DIR).mkdir(exist_ok=True)
    write_voila_template(data_dir / JUPYTER_DATA_DIR, notebooks)
    settings = HubSettings(
        data_dir=str(data_dir),
        notebooks_dir=str(notebooks),
        proxy=str(proxy),
        ip=ip,
        port=port,
        hub_port=free_port(),
        proxy_api_port=free_port(),
        server_idle_timeout_s=server_idle_timeout_s,
    )
    write_atomically(data_dir / SETTINGS_FILE, json.dumps(asdict(settings), indent=1) + "\n")
    return settings


def copy_notebooks(settings: HubSettings, name: str) -> list[Path]:
    """Give learner ``name`` the notebooks they do not have yet; never overwrite one. New copies."""
    target = settings.learner_home(name) / "notebooks"
    target.mkdir(parents=True, exist_ok=True)
    copied = []
    for nb in notebook_files(settings.notebooks_dir):
        dest = target / nb.name
        if not dest.exists():
            # In one step: a copy cut short (a full disk) leaves no torn notebook that
            # "never overwrite" would then keep for good.
            write_atomically(dest, nb.read_bytes())
            copied.append(dest)
    return copied


# --------------------------------------------------------------------------- running


def hub_command(settings: HubSettings) -> list[str]:
    return [sys.executable, "-m", "jupyterhub", "-f", str(CONFIG_FILE)]


def hub_env(settings: HubSettings) -> dict:
    env = dict(os.environ)
    env[SETTINGS_ENV] = str(Path(settings.data_dir) / SETTINGS_FILE)
    env.pop("JUPYTERHUB_API_TOKEN", None)
    return env


def _default_sigint() -> None:
    """In the hub's process, before it starts: SIGINT handled again if it was ignored.

    A program started in the background by a shell inherits SIGINT ignored, and so would
    every process the hub starts (the culler, learners' servers): JupyterHub stops them with
    SIGINT first and would wait out its timeouts before SIGTERM.
    """
    signal.signal(signal.SIGINT, signal.SIG_DFL)


class Hub:
    """A running hub (a child process in its own session); ``stop()`` ends it and its servers."""

    def __init__(self, settings: HubSettings, log_path: Path | None = None):
        self.settings = settings
        self.log_path = Path(log_path or Path(settings.data_dir) / "jupyterhub.log")
        self._log = open(self.log_path, "ab")  # noqa: SIM115 (kept open while the hub runs)
        self.process = subprocess.Popen(
            hub_command(settings),
            cwd=settings.data_dir,
            env=hub_env(settings),
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # Ctrl+C reaches the launcher, which stops the hub in order
            preexec_fn=_default_sigint,
        )

    def wait_ready(self, timeout_s: float = 60.0) -> None:
        """Wait until the hub answers through its proxy; ``RuntimeError`` if it ended or is late."""
        deadline = time.monotonic() + timeout_s
        url = f"http://127.0.0.1:{self.settings.port}/hub/api/"
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"the hub ended (code {self.process.returncode}); see {self.log_path}"
                )
            try:
                with urllib.request.urlopen(url, timeout=2) as r:
                    if r.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.3)
        raise RuntimeError(f"the hub did not answer within {timeout_s:.0f} s; see {self.log_path}")

    def stop(self, timeout_s: float = STOP_TIMEOUT_S) -> int:
        """SIGTERM: JupyterHub stops every learner's server, the culler and the proxy, then ends.

        Killed (with anything left in its session) only if it has not ended in ``timeout_s``.
        """
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout_s)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self._log.close()
        return self.process.returncode


def launch(
    *,
    data_dir: Path | None = None,
    notebooks_dir: Path | None = None,
    ip: str = DEFAULT_IP,
    port: int = DEFAULT_PORT,
    password_file: Path | None = None,
    server_idle_timeout_s: int = SERVER_IDLE_TIMEOUT_S,
) -> int:
    """``workshop hub``: run the classroom hub until Ctrl+C or SIGTERM; its exit code."""
    proxy = find_proxy() or install_proxy()
    data_dir = Path(data_dir or DEFAULT_DATA_DIR)
    stored = (data_dir / PASSWORD_FILE).is_file()
    if password_file is None and stored and not sys.stdin.isatty():
        password = None  # keep the class password of the last start
    else:
        password = read_password(password_file)
    settings = prepare(
        data_dir,
        password,
        notebooks_dir=notebooks_dir,
        proxy=proxy,
        ip=ip,
        port=port,
        server_idle_timeout_s=server_idle_timeout_s,
    )
    hub = Hub(settings)
    stopping = []

    def ask_stop(signum, frame):
        stopping.append(signum)

    old = {s: signal.signal(s, ask_stop) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        hub.wait_ready(120)
        where = "this machine only" if ip in ("127.0.0.1", "localhost") else f"the network ({ip})"
        print(f"Class hub at {settings.url} ({where}); learners log in with a name and the class")
        print(f"password. Their folders: {settings.data_dir}/{LEARNERS_DIR}/. Log: {hub.log_path}")
        if ip not in ("127.0.0.1", "localhost"):
            print(
                "Without HTTPS: anyone on this network can read the traffic, the class "
                "password too. Serve a room only on a network you trust."
            )
        print("Ctrl+C stops it (every learner's server too; their files stay).", flush=True)
        while not stopping and hub.process.poll() is None:
            time.sleep(0.5)
    except RuntimeError as exc:
        print(f"workshop hub: {exc}", file=sys.stderr)
    finally:
        if hub.process.poll() is None:
            print("Stopping the hub and every learner's server ...", flush=True)
        code = hub.stop()
        for s, handler in old.items():
            signal.signal(s, handler)
    return 0 if stopping else (code or 1)
