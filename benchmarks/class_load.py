"""How many learners one classroom hub holds: simulated learners against ``workshop hub``.

Starts the kit's classroom hub (``workshop.tooling.hub``) on 127.0.0.1 with a
temporary data folder, and sends in N simulated learners (default 30) who
arrive one every ``--arrival-gap`` seconds (default 3 s: a class of 30 comes in over
90 s; ``--arrival-gap 0`` sends everyone at once). Each one, like a person in the room:

1. logs in through the hub's login form (name, class password, the form's
   ``_xsrf``), then asks the hub's REST API to start their server and waits
   for it (``POST /hub/api/users/<name>/server``, then polling ``ready``);
2. opens notebook 01 (``POST /user/<name>/api/sessions``) and runs its code
   cells one after another through the kernel's Jupyter websocket, as
   JupyterLab or Voilà would; the explorer is *ready* when its cell has run
   and the ``KineticChainExplorer`` widget's comm is open (what the learner
   sees: Voilà shows each cell's output as it finishes). The rest of the
   notebook runs on; the time to the last cell is reported too;
3. for ``--duration`` seconds, every 1 to 3 s (uniformly random), commits a
   slider change as the browser does: reaching a slider other than the last
   one sends its name (``focus``: the kernel computes that slider's band), and
   the end of the drag a ``comm_msg`` ``update`` of the widget's ``values``
   (one control set to a random value on its grid). The round trip is the time until the kernel sends back the
   recomputed grid (an ``update`` carrying ``grid``, a binary buffer) in reply to that
   message; no reply within ``REPLY_TIMEOUT_S`` counts as a dropped message.

One more learner ("pacer") runs notebook 04 (the breath pacer) and keeps its
kernel open. Meanwhile the script samples, with psutil, the memory of each
learner's server plus its kernels (RSS and USS: USS is what ending it would
free) and of the whole hub (hub, proxy, culler, servers, kernels), and the
CPU the hub's process tree uses.

It runs in stages (``--stages 5,15,30`` then on in steps of 15 up to
``--max``), a fresh hub for each, and stops at the first stage that breaks
the targets (any failed login, failed spawn or dropped message; login to
ready explorer p95 > 30 s; commit round trip p95 > 500 ms; or a hub error in
its log), printing why. ``--time-budget`` bounds the whole run. Loopback
only. Everything it started is stopped (the hub stops every learner's server;
the script then checks that no process it saw is left).

Run: ``PYTHONPATH=. .venv/bin/python benchmarks/class_load.py [--learners 30]
[--stages 5,15,30] [--max 60] [--duration 120] [--arrival-gap 3]``.
"""

from __future__ import annotations

import argparse
import json
import queue
import random
import re
import signal
import statistics
import struct
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import psutil
import requests
import websocket

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from workshop.tooling import hub  # noqa: E402
from workshop.views.chain.controls import CONTROLS, default_values  # noqa: E402

PASSWORD = "class-load-" + uuid.uuid4().hex[:8]
EXPLORER_NOTEBOOK = "01_kinetic_chain.ipynb"
PACER_NOTEBOOK = "04_breath_pacing.ipynb"
REPLY_TIMEOUT_S = 10.0  # a commit with no recomputed grid by then is a dropped message
CELL_TIMEOUT_S = 120.0
TARGET_READY_P95_S = 30.0
TARGET_COMMIT_P95_S = 0.5
STAGE_STEP = 15
#: Admit no more learners once the machine has less than this left (others work here too).
MIN_AVAILABLE_MIB = 4096


# --------------------------------------------------------------------------- one learner


class LearnerError(RuntimeError):
    """A step of a simulated learner failed; ``step`` is login, spawn, kernel or commit."""

    def __init__(self, step: str, message: str):
        super().__init__(f"{step}: {message}")
        self.step = step


def _carries_grid(data: dict) -> bool:
    """True when a widget ``update`` carries the explorer's ``grid`` (sent as a buffer)."""
    return "grid" in data.get("state", {}) or ["grid"] in data.get("buffer_paths", [])


class Kernel:
    """A kernel of a learner's server, driven over its Jupyter websocket (messaging protocol 5.3)."""

    def __init__(self, base: str, name: str, token: str, notebook: str):
        self.base, self.name, self.token = base, name, token
        headers = {"Authorization": f"token {token}"}
        r = requests.post(
            f"{base}user/{name}/api/sessions",
            json={"path": notebook, "type": "notebook", "kernel": {"name": "python3"}},
            headers=headers,
            timeout=60,
        )
        if r.status_code != 201:
            raise LearnerError("kernel", f"session not created: {r.status_code} {r.text[:200]}")
        self.session_id = uuid.uuid4().hex
        self.kernel_id = r.json()["kernel"]["id"]
        ws_url = base.replace("http", "ws", 1)
        self.ws = websocket.create_connection(
            f"{ws_url}user/{name}/api/kernels/{self.kernel_id}/channels?session_id={self.session_id}",
            header=[f"Authorization: token {token}"],
            timeout=60,
        )
        self.comms: dict[str, dict] = {}  # comm_id -> state at comm_open
        self.kernel_events: list[str] = []  # execution states other than busy/idle
        # One reader per socket, always in recv() as a browser is: the server's pings are
        # answered at once, and no read ever stops in the middle of a frame.
        self.ws.settimeout(None)
        self._inbox: queue.Queue = queue.Queue()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        while True:
            try:
                frame = self.ws.recv()
            except Exception as exc:  # noqa: BLE001 (handed to the learner's thread)
                self._inbox.put(exc)
                return
            if not frame:  # a close frame
                self._inbox.put(LearnerError("commit", "the server closed the kernel's websocket"))
                return
            self._inbox.put(frame)

    def send(self, channel: str, msg_type: str, content: dict) -> str:
        msg_id = uuid.uuid4().hex
        self.ws.send(
            json.dumps(
                {
                    "header": {
                        "msg_id": msg_id,
                        "msg_type": msg_type,
                        "username": self.name,
                        "session": self.session_id,
                        "date": "",
                        "version": "5.3",
                    },
                    "parent_header": {},
                    "metadata": {},
                    "content": content,
                    "buffers": [],
                    "channel": channel,
                }
            )
        )
        return msg_id

    def receive(self, timeout_s: float) -> dict | None:
        """The next message (JSON), or None if none came in ``timeout_s``; binary ones decoded."""
        try:
            frame = self._inbox.get(timeout=max(timeout_s, 0.0))
        except queue.Empty:
            return None
        if isinstance(frame, BaseException):
            self._inbox.put(frame)  # the socket stays closed: every later call says so
            if isinstance(frame, LearnerError):
                raise frame
            raise LearnerError("commit", f"websocket: {type(frame).__name__}: {frame}")
        if isinstance(frame, bytes):  # jupyter_server's binary framing: parts, offsets, JSON, ...
            n = struct.unpack("!I", frame[:4])[0]
            offsets = struct.unpack(f"!{n}I", frame[4 : 4 + 4 * n])
            frame = frame[offsets[0] : offsets[1] if n > 1 else None].decode("utf-8")
        msg = json.loads(frame)
        if msg.get("msg_type") == "status":
            state = msg["content"].get("execution_state")
            if state not in ("busy", "idle"):  # starting, restarting, dead, ...
                self.kernel_events.append(state)
        if msg.get("msg_type") == "comm_open":
            content = msg["content"]
            self.comms[content["comm_id"]] = dict(content.get("data", {}).get("state", {}))
        elif msg.get("msg_type") == "comm_msg" and msg["content"]["comm_id"] in self.comms:
            data = msg["content"].get("data", {})
            if data.get("method") in ("update", "echo_update"):
                self.comms[msg["content"]["comm_id"]].update(data.get("state", {}))
        return msg

    def execute(self, code: str, timeout_s: float = CELL_TIMEOUT_S) -> None:
        """Run ``code`` and wait for its ``execute_reply``; ``LearnerError`` on an error or timeout."""
        msg_id = self.send(
            "shell",
            "execute_request",
            {
                "code": code,
                "silent": False,
                "store_history": True,
                "user_expressions": {},
                "allow_stdin": False,
                "stop_on_error": True,
            },
        )
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            msg = self.receive(deadline - time.monotonic())
            if msg is None:
                break
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            if msg["msg_type"] == "execute_reply":
                if msg["content"]["status"] != "ok":
                    c = msg["content"]
                    # "aborted": the kernel dropped the request (after an error, or
                    # while it was restarted); its status messages say which.
                    events = ", ".join(self.kernel_events) or "none"
                    raise LearnerError(
                        "kernel",
                        f"cell {c['status']}: {c.get('ename')}: {c.get('evalue')} "
                        f"(kernel status changes seen: {events})",
                    )
                return
        raise LearnerError("kernel", f"no reply to a cell within {timeout_s:.0f} s")

    def run_notebook(self, path: Path, on_explorer=None) -> None:
        """Run every code cell in order; ``on_explorer()`` once the explorer's comm is open."""
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            if cell["cell_type"] == "code":
                self.execute("".join(cell["source"]))
                if on_explorer is not None and self.explorer_comm() is not None:
                    on_explorer()
                    on_explorer = None

    def explorer_comm(self) -> str | None:
        for comm_id, state in self.comms.items():
            if "values" in state and "layout_json" in state:
                return comm_id
        return None

    def reach(self, comm_id: str, control_name: str) -> None:
        """Name the slider the learner is about to drag, as the page does on reaching it."""
        state = {"focus": control_name}
        self.send(
            "shell",
            "comm_msg",
            {"comm_id": comm_id, "data": {"method": "update", "state": state, "buffer_paths": []}},
        )

    def commit(
        self, comm_id: str, values: dict, timeout_s: float = REPLY_TIMEOUT_S
    ) -> float | None:
        """Send ``values`` as the front end does; seconds until the new grid came back, or None."""
        t0 = time.perf_counter()
        msg_id = self.send(
            "shell",
            "comm_msg",
            {
                "comm_id": comm_id,
                "data": {"method": "update", "state": {"values": values}, "buffer_paths": []},
            },
        )
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            msg = self.receive(deadline - time.monotonic())
            if msg is None:
                break
            if (
                msg.get("msg_type") == "comm_msg"
                and msg.get("parent_header", {}).get("msg_id") == msg_id
                and _carries_grid(msg["content"]["data"])
            ):
                return time.perf_counter() - t0
        return None

    def close(self) -> None:
        try:
            self.ws.close()
            requests.delete(
                f"{self.base}user/{self.name}/api/kernels/{self.kernel_id}",
                headers={"Authorization": f"token {self.token}"},
                timeout=30,
            )
        except (OSError, requests.RequestException, websocket.WebSocketException):
            pass


@dataclass
class Learner:
    """One simulated learner: what happened to them, and when."""

    name: str
    base: str  # the hub's public URL, ending in /
    password: str = PASSWORD
    http: requests.Session = field(default_factory=requests.Session)
    token: str | None = None
    failed_step: str | None = None
    error: str | None = None
    login_s: float | None = None  # time of the login request (perf_counter)
    ready_after_s: float | None = None  # login to ready explorer (its cell has run)
    notebook_done_s: float | None = None  # login to every cell of the notebook run
    round_trips_s: list = field(default_factory=list)
    dropped: int = 0
    kernel: Kernel | None = None

    def _xsrf(self) -> str:
        return self.http.cookies.get("_xsrf", "")

    def log_in(self) -> None:
        page = self.http.get(f"{self.base}hub/login", timeout=60)
        found = re.search(r'name="_xsrf" value="([^"]+)"', page.text)
        form = {"username": self.name, "password": self.password}
        if found:
            form["_xsrf"] = found.group(1)
        r = self.http.post(f"{self.base}hub/login", data=form, allow_redirects=False, timeout=60)
        if r.status_code not in (302, 303):
            raise LearnerError("login", f"status {r.status_code}")

    def _api(self, method: str, path: str, **kw):
        headers = {"X-XSRFToken": self._xsrf(), "Referer": f"{self.base}hub/home"}
        return self.http.request(
            method, f"{self.base}hub/api/{path}", headers=headers, timeout=60, **kw
        )

    def spawn(self, timeout_s: float = hub.SPAWN_TIMEOUT_S) -> None:
        r = self._api("POST", f"users/{self.name}/server")
        if r.status_code not in (201, 202, 400):  # 400: already running
            raise LearnerError("spawn", f"status {r.status_code} {r.text[:200]}")
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            model = self._api("GET", f"users/{self.name}").json()
            server = model.get("servers", {}).get("")
            if server and server.get("ready"):
                return
            if not server and not model.get("pending"):
                raise LearnerError("spawn", "the server stopped while starting")
            time.sleep(0.5)
        raise LearnerError("spawn", f"not ready within {timeout_s:.0f} s")

    def get_token(self) -> str:
        r = self._api("POST", f"users/{self.name}/tokens", json={"note": "class_load"})
        if r.status_code not in (200, 201):
            raise LearnerError("spawn", f"no API token: {r.status_code} {r.text[:200]}")
        self.token = r.json()["token"]
        return self.token

    def _explorer_ready(self) -> None:
        self.ready_after_s = time.perf_counter() - self.login_s

    def arrive(self, notebooks: Path, notebook: str = EXPLORER_NOTEBOOK) -> None:
        """Log in, start the server, run ``notebook``: the explorer is ready (or the step failed)."""
        step = "login"
        try:
            self.login_s = time.perf_counter()
            self.log_in()
            step = "spawn"
            self.spawn()
            self.get_token()
            step = "kernel"
            self.kernel = Kernel(self.base, self.name, self.token, notebook)
            self.kernel.run_notebook(notebooks / notebook, on_explorer=self._explorer_ready)
            if notebook == EXPLORER_NOTEBOOK and self.kernel.explorer_comm() is None:
                raise LearnerError("kernel", "no KineticChainExplorer comm was opened")
            self.notebook_done_s = time.perf_counter() - self.login_s
        except LearnerError as exc:
            self.failed_step, self.error = exc.step, str(exc)
        except (
            OSError,
            ValueError,
            requests.RequestException,
            websocket.WebSocketException,
        ) as exc:
            self.failed_step, self.error = step, f"{step}: {type(exc).__name__}: {exc}"

    def session(
        self,
        notebooks: Path,
        notebook: str,
        arrived: threading.Event,
        go: threading.Event,
        plan: dict,
        rng: random.Random,
    ) -> None:
        """Arrive; keep the kernel's websocket read until ``go`` (a browser answers the
        server's pings all along; an unread socket is closed after 90 s); then drive the
        explorer (or, on another notebook, stay connected) until ``plan["until"]``.
        Anything unforeseen counts as this learner's failure, never passes silently."""
        try:
            try:
                self.arrive(notebooks, notebook)
            finally:
                arrived.set()
            while not go.is_set() and self.kernel is not None and not self.failed_step:
                self.kernel.receive(0.5)
            if self.kernel is None or self.failed_step:
                return
            if notebook == EXPLORER_NOTEBOOK:
                self.drive(plan["until"], rng)
            while time.monotonic() < plan["until"] and not self.failed_step:
                self.kernel.receive(plan["until"] - time.monotonic())
        except LearnerError as exc:
            self.failed_step, self.error = exc.step, str(exc)
        except Exception as exc:  # noqa: BLE001 (counted and reported, not hidden)
            self.failed_step = self.failed_step or "commit"
            self.error = f"{type(exc).__name__}: {exc}"
        if self.error:
            late = time.monotonic() - plan["until"]
            self.error = f"{self.name}: {self.error} ({late:+.1f} s from the end of driving)"

    def drive(self, until: float, rng: random.Random) -> None:
        """Commit slider changes every 1-3 s until ``until`` (a monotonic time)."""
        if self.kernel is None or self.failed_step:
            return
        comm_id = self.kernel.explorer_comm()
        values = {**default_values(), **self.kernel.comms[comm_id].get("values", {})}
        sliders = [c for c in CONTROLS if c.name in values]
        reached = None
        while True:
            pause = rng.uniform(1.0, 3.0)
            if time.monotonic() + pause >= until:
                break
            # Drain what came meanwhile (the pacer's and echo messages), then wait like a person.
            end = time.monotonic() + pause
            try:
                while time.monotonic() < end:
                    self.kernel.receive(end - time.monotonic())
                control = rng.choice(sliders)
                if control.name != reached:
                    self.kernel.reach(comm_id, control.name)
                    reached = control.name
                # A value other than the current one: an unchanged value recomputes nothing.
                choices = [float(v) for v in control.grid if float(v) != values[control.name]]
                values[control.name] = rng.choice(choices)
                took = self.kernel.commit(comm_id, dict(values))
            except (OSError, websocket.WebSocketException) as exc:
                self.failed_step, self.error = "commit", f"commit: {type(exc).__name__}: {exc}"
                return
            if took is None:
                self.dropped += 1
            else:
                self.round_trips_s.append(took)


# --------------------------------------------------------------------------- measuring


def percentile(values: list[float], q: float) -> float:
    """The ``q``-th percentile (0-100) by linear interpolation; NaN for no values."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = (len(ordered) - 1) * q / 100
    lo = int(k)
    hi = min(lo + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def process_tree(pid: int) -> list[psutil.Process]:
    try:
        root = psutil.Process(pid)
        return [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return []


def learner_processes(tree: list[psutil.Process]) -> dict[str, list[psutil.Process]]:
    """Learner name -> their server and its kernels, found by ``JUPYTERHUB_USER``."""
    out: dict[str, list[psutil.Process]] = {}
    for p in tree:
        try:
            if "jupyterhub.singleuser" not in " ".join(p.cmdline()):
                continue
            name = p.environ().get("JUPYTERHUB_USER")
            out[name] = [p, *p.children(recursive=True)]
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
    return out


def memory_mib(procs: list[psutil.Process]) -> tuple[float, float]:
    """(RSS, USS) of ``procs`` together, in MiB; processes that ended count nothing."""
    rss = uss = 0
    for p in procs:
        try:
            info = p.memory_full_info()
            rss += info.rss
            uss += info.uss
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
    return rss / 2**20, uss / 2**20


def cpu_seconds(procs: list[psutil.Process]) -> float:
    total = 0.0
    for p in procs:
        try:
            t = p.cpu_times()
            total += t.user + t.system
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
    return total


def hub_errors(log: Path, start_offset: int) -> list[str]:
    """JupyterHub's error and critical lines, and the proxy's 5xx, logged since ``start_offset``."""
    with open(log, "rb") as f:
        f.seek(start_offset)
        text = f.read().decode("utf-8", "replace")
    return [
        line
        for line in text.splitlines()
        if line.startswith(("[E ", "[C ")) or re.search(r"error.*\b50[0-9] ", line)
    ]


# --------------------------------------------------------------------------- one stage


def run_stage(n: int, args, proxy: Path) -> dict:
    """Start a hub, bring in ``n`` learners and a pacer, drive, measure, stop. The numbers."""
    notebooks = ROOT / "notebooks"
    data = Path(tempfile.mkdtemp(prefix=f"class-load-{n}-"))
    settings = hub.prepare(
        data / "hub", PASSWORD, notebooks_dir=notebooks, proxy=proxy, port=hub.free_port()
    )
    base = settings.url
    mem_before = psutil.virtual_memory().used
    running = hub.Hub(settings)
    seen: set[int] = set()
    result: dict = {"learners": n, "arrival_gap_s": args.arrival_gap}
    learners = [Learner(f"learner{i:03d}", base) for i in range(n)]
    pacer = Learner("pacer", base)
    try:
        running.wait_ready(120)
        log_offset = running.log_path.stat().st_size
        t_start = time.perf_counter()
        cpu0 = cpu_seconds(process_tree(running.process.pid))
        go, plan = threading.Event(), {"until": float("inf")}
        everyone = [(pacer, PACER_NOTEBOOK), *((lr, EXPLORER_NOTEBOOK) for lr in learners)]
        arrived = [threading.Event() for _ in everyone]
        threads = []
        for i, ((learner, notebook), flag) in enumerate(zip(everyone, arrived, strict=True)):
            if psutil.virtual_memory().available < MIN_AVAILABLE_MIB * 2**20:
                result["stopped_for_memory"] = len(threads)
                break  # no more learners: the machine's other work needs its memory
            rng = random.Random(args.seed * 1000 + i)
            t = threading.Thread(
                target=learner.session, args=(notebooks, notebook, flag, go, plan, rng)
            )
            t.start()
            threads.append(t)
            if i:  # the pacer comes with the first learner
                time.sleep(args.arrival_gap)
        arrive_deadline = time.monotonic() + hub.SPAWN_TIMEOUT_S + 2 * CELL_TIMEOUT_S
        for flag in arrived[: len(threads)]:
            flag.wait(max(0.0, arrive_deadline - time.monotonic()))
        result["arrival_s"] = time.perf_counter() - t_start
        tree = process_tree(running.process.pid)
        seen.update(p.pid for p in tree)
        # Drive: every ready learner commits slider changes; sample memory and CPU meanwhile.
        cpu1, t1 = cpu_seconds(tree), time.perf_counter()
        machine_cpu = psutil.cpu_percent(None)
        plan["until"] = time.monotonic() + args.duration
        go.set()
        samples = []
        end_by = plan["until"] + REPLY_TIMEOUT_S + 30
        while any(t.is_alive() for t in threads) and time.monotonic() < end_by:
            time.sleep(min(10.0, max(1.0, args.duration / 6)))
            tree = process_tree(running.process.pid)
            seen.update(p.pid for p in tree)
            per = learner_processes(tree)
            samples.append(
                {
                    "per_learner": {k: memory_mib(v) for k, v in per.items()},
                    "hub_total": memory_mib(tree),
                    "available_mib": psutil.virtual_memory().available / 2**20,
                }
            )
        for t in threads:
            t.join(max(0.0, end_by - time.monotonic()))
        drive_wall = time.perf_counter() - t1
        tree = process_tree(running.process.pid)
        result["cpu_cores_driving"] = (cpu_seconds(tree) - cpu1) / drive_wall
        result["machine_cpu_percent_driving"] = psutil.cpu_percent(None) if machine_cpu >= 0 else 0
        result["cpu_cores_arrival"] = (cpu1 - cpu0) / max(result["arrival_s"], 1e-9)
        last = samples[-1] if samples else {"per_learner": {}, "hub_total": (0.0, 0.0)}
        per_rss = [v[0] for k, v in last["per_learner"].items() if k != "pacer"]
        per_uss = [v[1] for k, v in last["per_learner"].items() if k != "pacer"]
        result["learner_rss_mib"] = statistics.mean(per_rss) if per_rss else float("nan")
        result["learner_uss_mib"] = statistics.mean(per_uss) if per_uss else float("nan")
        result["hub_rss_mib"], result["hub_uss_mib"] = last["hub_total"]
        result["machine_used_mib"] = (psutil.virtual_memory().used - mem_before) / 2**20
        result["servers_seen"] = len(last["per_learner"])
        result["hub_errors"] = hub_errors(running.log_path, log_offset)
    finally:
        for lr in [*learners, pacer]:
            if lr.kernel is not None:
                lr.kernel.close()
        seen.update(p.pid for p in process_tree(running.process.pid))
        stop_t0 = time.perf_counter()
        running.stop()
        result["stop_s"] = time.perf_counter() - stop_t0
        time.sleep(1.0)
        result["left_behind"] = [
            pid
            for pid in seen
            if psutil.pid_exists(pid) and psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
        ]
        result["data_dir"] = str(data)
    ready = [lr.ready_after_s for lr in learners if lr.notebook_done_s is not None]
    done = [lr.notebook_done_s for lr in learners if lr.notebook_done_s is not None]
    trips = [t for lr in learners for t in lr.round_trips_s]
    everyone = [*learners, pacer]
    started = [lr for lr in everyone if lr.login_s is not None]
    result.update(
        started=len(started),
        late=sum(lr.notebook_done_s is None and lr.failed_step is None for lr in started),
        failed_logins=sum(lr.failed_step == "login" for lr in everyone),
        failed_spawns=sum(lr.failed_step == "spawn" for lr in everyone),
        failed_kernels=sum(lr.failed_step in ("kernel", "commit") for lr in everyone),
        dropped=sum(lr.dropped for lr in everyone),
        commits=len(trips),
        ready_s=(percentile(ready, 50), percentile(ready, 95), max(ready, default=float("nan"))),
        notebook_s=(percentile(done, 50), percentile(done, 95), max(done, default=float("nan"))),
        commit_ms=tuple(1000 * percentile(trips, q) for q in (50, 95, 100)),
        errors=[lr.error for lr in everyone if lr.error][:5],
        pacer_ready=pacer.notebook_done_s is not None,
    )
    return result


def broken(r: dict) -> list[str]:
    """Why stage ``r`` missed the targets (empty when it held)."""
    why = []
    for key in ("failed_logins", "failed_spawns", "failed_kernels", "dropped"):
        if r[key]:
            why.append(f"{r[key]} {key.replace('_', ' ')}")
    if not r["ready_s"][1] <= TARGET_READY_P95_S:
        why.append(
            f"login to ready explorer p95 {r['ready_s'][1]:.1f} s > {TARGET_READY_P95_S:.0f} s"
        )
    if not r["commit_ms"][1] <= 1000 * TARGET_COMMIT_P95_S:
        why.append(f"commit round trip p95 {r['commit_ms'][1]:.0f} ms > 500 ms")
    if r["late"]:
        why.append(f"{r['late']} learners still not ready when the arrival time ran out")
    if r["started"] < r["learners"] + 1:
        why.append(
            f"only {r['started'] - 1} of {r['learners']} learners let in: less than "
            f"{MIN_AVAILABLE_MIB / 1024:.0f} GiB of memory left on the machine"
        )
    if r["hub_errors"]:
        why.append(f"{len(r['hub_errors'])} hub errors, first: {r['hub_errors'][0][:160]}")
    if r["left_behind"]:
        why.append(f"{len(r['left_behind'])} processes left behind")
    return why


def report(r: dict) -> str:
    p50, p95, mx = r["ready_s"]
    c50, c95, cmx = r["commit_ms"]
    lines = [
        f"== {r['learners']} learners (+1 pacer), one every {r['arrival_gap_s']:g} s: all "
        f"arrived in {r['arrival_s']:.0f} s ==",
        f"login to ready explorer: p50 {p50:.1f} s, p95 {p95:.1f} s, max {mx:.1f} s",
        "login to whole notebook 01 run: p50 {:.1f} s, p95 {:.1f} s, max {:.1f} s".format(
            *r["notebook_s"]
        ),
        f"commit round trip ({r['commits']} commits): p50 {c50:.0f} ms, p95 {c95:.0f} ms, "
        f"max {cmx:.0f} ms",
        f"memory per learner (server + kernel): RSS {r['learner_rss_mib']:.0f} MiB, "
        f"USS {r['learner_uss_mib']:.0f} MiB",
        f"whole hub: RSS {r['hub_rss_mib']:.0f} MiB, USS {r['hub_uss_mib']:.0f} MiB; machine's "
        f"used memory grew {r['machine_used_mib']:.0f} MiB",
        f"CPU (hub's process tree): {r['cpu_cores_arrival']:.2f} cores while arriving, "
        f"{r['cpu_cores_driving']:.2f} cores while driving; machine "
        f"{r['machine_cpu_percent_driving']:.0f}% busy while driving",
        f"failed logins {r['failed_logins']}, failed spawns {r['failed_spawns']}, failed "
        f"kernels {r['failed_kernels']}, dropped messages {r['dropped']}, hub errors "
        f"{len(r['hub_errors'])}; pacer ready: {r['pacer_ready']}",
        f"hub stopped in {r['stop_s']:.1f} s; processes left behind: {len(r['left_behind'])}",
    ]
    lines += [f"  error: {e}" for e in r["errors"]]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--learners", type=int, default=30, help="the stage that must hold (30)")
    ap.add_argument("--stages", default=None, help="comma-separated stage sizes (5,15,<learners>)")
    ap.add_argument("--max", type=int, default=90, help="go on in steps of 15 up to this many (90)")
    ap.add_argument("--duration", type=float, default=180.0, help="seconds of commits per stage")
    ap.add_argument(
        "--arrival-gap",
        type=float,
        default=3.0,
        help="seconds between two learners' arrivals (default 3; 0: all at once)",
    )
    ap.add_argument("--time-budget", type=float, default=3600.0, help="seconds for the whole run")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--json", type=Path, default=None, help="also write the results here")
    args = ap.parse_args(argv)
    stages = (
        [int(s) for s in args.stages.split(",")] if args.stages else sorted({5, 15, args.learners})
    )
    if args.max:
        while stages[-1] + STAGE_STEP <= args.max:
            stages.append(stages[-1] + STAGE_STEP)
    proxy = hub.find_proxy(ROOT) or hub.install_proxy(ROOT / hub.PROXY_PREFIX)
    t_end = time.monotonic() + args.time_budget
    results = []
    print(
        f"machine: {psutil.cpu_count()} cores, {psutil.virtual_memory().total / 2**30:.1f} GiB; "
        f"load average {psutil.getloadavg()}",
        flush=True,
    )
    # Stop cleanly (hub and every learner's server) on SIGTERM, and on Ctrl+C also when run
    # in the background, where a shell starts programs with SIGINT ignored.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    for n in stages:
        if time.monotonic() + n * args.arrival_gap + args.duration + 120 > t_end:
            print(f"time budget would run out in the {n}-learner stage: not run")
            break
        if results:  # memory: what the last stage took per session, for this one
            per_mib = results[-1]["hub_rss_mib"] / (results[-1]["learners"] + 1)
            need, free = per_mib * (n + 1), psutil.virtual_memory().available / 2**20
            if need > free - MIN_AVAILABLE_MIB:
                print(
                    f"BREAKS at {n} learners (not run): they would need about "
                    f"{need / 1024:.1f} GiB; the machine has {free / 1024:.1f} GiB available "
                    f"and keeps {MIN_AVAILABLE_MIB / 1024:.0f} GiB for its other work",
                    flush=True,
                )
                break
        r = run_stage(n, args, proxy)
        results.append(r)
        print(report(r), flush=True)
        why = broken(r)
        if why:
            print(f"BREAKS at {n} learners: " + "; ".join(why), flush=True)
            break
        print(f"holds at {n} learners", flush=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1, default=str) + "\n")
    return 0 if results and not broken(results[-1]) else 1


if __name__ == "__main__":
    sys.exit(main())
