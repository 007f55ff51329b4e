"""Links that open one of the kit's notebooks elsewhere: ``workshop link``.

``nbgitpuller_link`` makes an nbgitpuller link for any JupyterHub whose
single-user image has nbgitpuller (the kit's ``deploy/`` image has; most
university hubs do): a learner who clicks it logs in to that hub, their server
pulls the kit's repository into ``~/<repository name>/`` (``git pull`` with
nbgitpuller's merge rules: their own changes are kept), and the chosen notebook
opens in JupyterLab (``lab/tree/...``) or in Voilà (``voila/render/...``, the
app mode, code hidden). The link's form is nbgitpuller's:
``<hub>/hub/user-redirect/git-pull?repo=...&branch=...&urlpath=...``.

``binder_link`` makes the same kind of deep link for mybinder.org, whose
image is built from ``binder/`` (which installs the kit from
``pyproject.toml``); the notebooks are then under ``notebooks/`` of the
repository root.

Both refuse, with a message naming the input, a hub or repository that is not
an ``http(s)://`` address and a notebook the kit does not have.
"""

from __future__ import annotations

import subprocess
from pathlib import Path, PurePosixPath
from urllib.parse import quote, urlencode, urlsplit

from .nbfiles import NOTEBOOKS_FOLDER, default_notebooks_dir, notebook_files

DEFAULT_BRANCH = "main"
BINDER = "https://mybinder.org"
#: Where the kit's source checkout keeps its notebooks (when the kit runs from one).
_SOURCE_NOTEBOOKS = Path(__file__).resolve().parents[2] / NOTEBOOKS_FOLDER


def _http_address(text: str, what: str) -> str:
    """``text`` without a trailing ``/`` if it is an http(s) address; ``ValueError`` otherwise."""
    parts = urlsplit(str(text).strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(
            f"{what} must be an http:// or https:// address (like https://hub.example.org), "
            f"not {text!r}"
        )
    if parts.query or parts.fragment:
        raise ValueError(f"{what} must not carry a query or fragment: {text!r}")
    return str(text).strip().rstrip("/")


def kit_notebooks(notebooks_dir: Path | None = None) -> list[str]:
    """The kit's notebook file names: in ``notebooks_dir``, else ``notebooks/`` here, else the
    kit's own source checkout."""
    for folder in (notebooks_dir, default_notebooks_dir(), _SOURCE_NOTEBOOKS):
        if folder is None:
            continue
        try:
            names = [p.name for p in notebook_files(folder)]
        except FileNotFoundError:
            continue
        if names:
            return names
    raise FileNotFoundError("no notebooks found: give the notebook folder with --notebooks DIR")


def notebook_name(text: str, known: list[str]) -> str:
    """The notebook file that ``text`` names: ``01``, ``01_kinetic_chain`` or the full file
    name; ``ValueError`` listing the known ones when it names none (or more than one)."""
    text = str(text).strip()
    stem = text[: -len(".ipynb")] if text.endswith(".ipynb") else text
    exact = [n for n in known if n[: -len(".ipynb")] == stem]
    matches = exact or [n for n in known if stem and n.split("_", 1)[0] == stem]
    if len(matches) != 1:
        raise ValueError(f"no notebook {text!r} in the kit; it has: {', '.join(known)}")
    return matches[0]


def repository_folder(repo: str) -> str:
    """The folder nbgitpuller clones ``repo`` into: its last path part without ``.git``."""
    name = PurePosixPath(urlsplit(repo).path).name
    name = name[: -len(".git")] if name.endswith(".git") else name
    if not name:
        raise ValueError(f"--repo {repo!r} names no repository")
    return name


def origin_repository(cwd: Path | None = None) -> str | None:
    """The ``origin`` remote of the git checkout run in, if it is an http(s) address."""
    try:
        out = subprocess.run(
            ["git", "remote", "get-url", "origin"],
            cwd=cwd,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None
    return out if out.startswith(("http://", "https://")) else None


def _urlpath(root: str, notebook: str | None, app: bool) -> str:
    folder = f"{root}/{NOTEBOOKS_FOLDER}" if root else NOTEBOOKS_FOLDER
    if notebook is None:
        return f"voila/tree/{folder}" if app else f"lab/tree/{folder}"
    return f"voila/render/{folder}/{notebook}" if app else f"lab/tree/{folder}/{notebook}"


def nbgitpuller_link(
    hub: str,
    repo: str,
    *,
    branch: str = DEFAULT_BRANCH,
    notebook: str | None = None,
    app: bool = False,
    notebooks_dir: Path | None = None,
) -> str:
    """An nbgitpuller link: ``hub`` pulls ``repo`` at ``branch`` and opens ``notebook``
    (the notebook list when None) in Voilà when ``app``, else in JupyterLab."""
    hub_url = _http_address(hub, "--hub")
    if hub_url.endswith("/hub"):
        hub_url = hub_url[: -len("/hub")]
    repo = _http_address(repo, "--repo")
    if not branch or any(c.isspace() for c in branch):
        raise ValueError(f"--branch must be a branch name, not {branch!r}")
    name = notebook_name(notebook, kit_notebooks(notebooks_dir)) if notebook else None
    query = urlencode(
        {"repo": repo, "branch": branch, "urlpath": _urlpath(repository_folder(repo), name, app)}
    )
    return f"{hub_url}/hub/user-redirect/git-pull?{query}"


def binder_link(
    repo: str,
    *,
    branch: str = DEFAULT_BRANCH,
    notebook: str | None = None,
    app: bool = True,
    notebooks_dir: Path | None = None,
) -> str:
    """A mybinder.org link that builds ``repo`` at ``branch`` (from ``binder/``) and opens
    ``notebook`` in Voilà when ``app`` (else JupyterLab)."""
    repo = _http_address(repo, "--repo")
    if not branch or any(c.isspace() for c in branch):
        raise ValueError(f"--branch must be a branch name, not {branch!r}")
    name = notebook_name(notebook, kit_notebooks(notebooks_dir)) if notebook else None
    parts = urlsplit(repo)
    if parts.netloc == "github.com":
        owner_repo = parts.path.strip("/").removesuffix(".git")
        where = f"gh/{owner_repo}/{quote(branch, safe='')}"
    else:
        where = f"git/{quote(repo, safe='')}/{quote(branch, safe='')}"
    return f"{BINDER}/v2/{where}?{urlencode({'urlpath': _urlpath('', name, app)})}"
