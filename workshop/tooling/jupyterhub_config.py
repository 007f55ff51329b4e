"""JupyterHub's configuration for the classroom hub (``jupyterhub -f`` this file).

Read by JupyterHub, not imported by the kit: ``workshop.tooling.hub`` starts
JupyterHub with this file and the path of the hub's ``settings.json`` in
``WORKSHOP_HUB_SETTINGS``. What each setting is for is said in
``workshop/tooling/hub.py``'s docstring.
"""

# ruff: noqa: F821  (``get_config`` is given by JupyterHub's config loader)

import asyncio
import json
import os
import sys
from pathlib import Path

from jupyterhub.auth import Authenticator
from jupyterhub.spawner import SimpleLocalProcessSpawner

from workshop.tooling import hub, kernel_socket

c = get_config()
settings = hub.load_settings(os.environ[hub.SETTINGS_ENV])
data = Path(settings.data_dir)
password_record = json.loads((data / hub.PASSWORD_FILE).read_text(encoding="utf-8"))


class ClassPasswordAuthenticator(Authenticator):
    """Any name matching ``hub.LEARNER_NAME``, with the class password (checked against its hash)."""

    async def authenticate(self, handler, data):
        try:
            name = hub.learner_name(data.get("username", ""))
        except ValueError as exc:
            self.log.warning("Login refused: %s", exc)
            return None
        # scrypt takes ~50 ms of CPU: off the hub's event loop, so logins do not stall pages.
        loop = asyncio.get_running_loop()
        password = data.get("password", "")
        if not await loop.run_in_executor(None, hub.check_password, password, password_record):
            self.log.warning("Login refused for %s: wrong class password", name)
            return None
        return name


class LearnerSpawner(SimpleLocalProcessSpawner):
    """A learner's server in ``<data>/learners/<name>/``, with their copy of the notebooks,
    on a port of its own below the OS's ephemeral range (``hub.learner_port``)."""

    #: Ports given to learners' servers, by learner (the hub is one process).
    ports_given: dict[str, int] = {}

    async def start(self):
        copied = hub.copy_notebooks(settings, self.user.name)
        if copied:
            self.log.info("Copied %d notebooks for %s", len(copied), self.user.name)
        given = LearnerSpawner.ports_given
        given.pop(self.user.name, None)
        self.port = hub.learner_port(set(given.values()), self.ip or "127.0.0.1")
        given[self.user.name] = self.port
        return await super().start()

    async def stop(self, now=False):
        LearnerSpawner.ports_given.pop(self.user.name, None)
        return await super().stop(now=now)


c.JupyterHub.ip = settings.ip
c.JupyterHub.port = settings.port
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = settings.hub_port
c.JupyterHub.db_url = f"sqlite:///{data / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(data / hub.COOKIE_SECRET_FILE)
c.JupyterHub.pid_file = str(data / "jupyterhub.pid")
c.JupyterHub.cleanup_servers = True  # stopping the hub stops every learner's server
c.JupyterHub.cleanup_proxy = True
c.JupyterHub.authenticator_class = ClassPasswordAuthenticator
c.Authenticator.allow_all = True  # anyone with the class password
c.JupyterHub.spawner_class = LearnerSpawner
c.JupyterHub.template_paths = [str(Path(__file__).with_name("hub_templates"))]
c.JupyterHub.template_vars = {"learner_name_rule": hub.LEARNER_NAME_RULE}
c.JupyterHub.shutdown_on_logout = False

c.ConfigurableHTTPProxy.command = [settings.proxy]
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{settings.proxy_api_port}"
c.ConfigurableHTTPProxy.auth_token = (data / hub.PROXY_TOKEN_FILE).read_text().strip()
c.ConfigurableHTTPProxy.pid_file = str(data / "jupyterhub-proxy.pid")
c.ConfigurableHTTPProxy.should_start = True

home = str(data / hub.LEARNERS_DIR / "{username}")
c.SimpleLocalProcessSpawner.home_dir_template = home
c.Spawner.notebook_dir = home + "/notebooks"
c.Spawner.default_url = hub.DEFAULT_URL
c.Spawner.cmd = [sys.executable, "-m", "jupyterhub.singleuser"]
c.Spawner.ip = "127.0.0.1"
c.Spawner.start_timeout = hub.SPAWN_TIMEOUT_S
c.Spawner.http_timeout = hub.SPAWN_TIMEOUT_S
c.Spawner.args = [
    hub.VOILA_TEMPLATE_OPTION,
    # The server-rendered notebook list (works without script), with the JupyterLab link.
    "--VoilaConfiguration.classic_tree=True",
    f"--MappingKernelManager.cull_idle_timeout={settings.kernel_idle_timeout_s}",
    f"--MappingKernelManager.cull_interval={hub.KERNEL_CULL_INTERVAL_S}",
    "--MappingKernelManager.cull_connected=False",
    "--MappingKernelManager.cull_busy=False",
    # Malformed kernel WebSocket frames refused before they are decoded (see the module).
    kernel_socket.SERVER_OPTION,
] + (["--allow-root"] if settings.allow_root else [])
c.Spawner.environment = {"JUPYTER_PATH": str(data / hub.JUPYTER_DATA_DIR)}
c.Spawner.env_keep = [
    "PATH",
    "LANG",
    "LC_ALL",
    "VIRTUAL_ENV",
    "OPENBLAS_CORETYPE",
    "OPENBLAS_L2_SIZE",
    *settings.pass_env,
]

c.JupyterHub.load_roles = [
    {
        "name": "idle-culler",
        "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
        "services": ["idle-culler"],
    }
]
c.JupyterHub.services = [
    {
        "name": "idle-culler",
        "command": [
            sys.executable,
            "-m",
            "jupyterhub_idle_culler",
            f"--timeout={settings.server_idle_timeout_s}",
            f"--cull-every={settings.cull_every_s}",
        ],
    }
]
