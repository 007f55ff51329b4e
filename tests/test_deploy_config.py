"""Binder and Kubernetes configuration: what can be checked without Binder or a cluster.

- ``binder/`` installs the same dependencies as ``pyproject.toml`` (the kit itself, nothing
  pinned on the side);
- ``deploy/Dockerfile`` installs the kit from ``pyproject.toml`` and ships the notebooks;
- ``deploy/z2jh-values.yaml`` is valid YAML whose resources, default URL and culling are
  the ones README's sizing table gives (from ``benchmarks/class_load.py``'s measurements).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.version import Version

from workshop.tooling import hub
from workshop.tooling.kernel_socket import SERVER_OPTION
from workshop.tooling.nbfiles import notebook_files, notebook_title, read_notebook

if sys.version_info >= (3, 11):
    import tomllib
else:  # Python 3.10: the same parser, as the package pip and setuptools use
    tomllib = pytest.importorskip("tomli", reason="tomli parses pyproject.toml on Python 3.10")

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
VALUES = ROOT / "deploy" / "z2jh-values.yaml"
README = (ROOT / "README.md").read_text()


def _requirement_lines(path: Path) -> list[str]:
    lines = (line.split("#", 1)[0].strip() for line in path.read_text().splitlines())
    return [line for line in lines if line]


def test_binder_installs_the_kit_from_pyproject_and_nothing_else():
    lines = _requirement_lines(ROOT / "binder" / "requirements.txt")
    # repo2docker runs `pip install -r binder/requirements.txt` in the repository root.
    local = [line for line in lines if line == "." or line.startswith(".[")]
    assert local == ["."], lines
    declared = {Requirement(r).name.lower() for r in PYPROJECT["project"]["dependencies"]}
    for line in lines:
        if line not in local:  # anything else must be a dependency pyproject.toml declares
            assert Requirement(line).name.lower() in declared, line
    assert "voila" in declared  # the deep links open notebooks in Voilà


def test_binder_keeps_the_default_python_so_voila_is_in_the_server_env():
    # A runtime.txt with another Python puts the kernel in a second environment without
    # Voilà's server extension; then ?urlpath=voila/... would not open.
    assert not (ROOT / "binder" / "runtime.txt").exists()
    assert not (ROOT / "binder" / "environment.yml").exists()


def test_dockerfile_installs_the_kit_from_pyproject_with_the_hub_extra():
    text = (ROOT / "deploy" / "Dockerfile").read_text()
    assert re.search(r"^COPY pyproject\.toml README\.md /opt/kit/$", text, re.M)
    assert re.search(r"^COPY workshop /opt/kit/workshop$", text, re.M)
    assert re.search(r"^COPY notebooks /opt/kit/notebooks$", text, re.M)
    assert '"/opt/kit[hub]"' in text
    assert re.search(r'^CMD \["jupyterhub-singleuser"\]$', text, re.M)
    spec = re.search(r'^ARG JUPYTERHUB_SPEC="([^"]+)"$', text, re.M).group(1)
    image_hub = Requirement(spec)
    (kit_hub,) = [
        Requirement(r)
        for r in PYPROJECT["project"]["optional-dependencies"]["hub"]
        if Requirement(r).name == "jupyterhub"
    ]
    # Some JupyterHub version satisfies both, so pip can resolve the image.
    assert any(
        Version(v) in image_hub.specifier and Version(v) in kit_hub.specifier
        for v in ("5.0", "5.2", "5.3", "5.4", "6.0", "6.1")
    )


def _values() -> dict:
    return yaml.safe_load(VALUES.read_text())


def _at(tree: dict, dotted: str):
    for part in dotted.split("."):
        tree = tree[part]
    return tree


def _readme_sizing() -> dict[str, str]:
    """README's Zero to JupyterHub table: ``| `singleuser.cpu.limit` | 1 | ... |`` rows."""
    rows = re.findall(
        r"^\|\s*`((?:singleuser|cull)\.[\w.]+)`\s*\|\s*`?([^|`]+?)`?\s*\|", README, re.M
    )
    return dict(rows)


def test_helm_values_are_yaml_with_the_resources_readme_gives():
    values = _values()
    sizing = _readme_sizing()
    for key in (
        "singleuser.cpu.guarantee",
        "singleuser.cpu.limit",
        "singleuser.memory.guarantee",
        "singleuser.memory.limit",
        "singleuser.defaultUrl",
        "cull.timeout",
    ):
        assert key in sizing, f"README's sizing table has no row for {key}"
    for key, text in sizing.items():
        assert str(_at(values, key)) == text.strip(), key


def test_helm_values_guarantee_at_most_the_limit():
    values = _values()
    cpu, mem = values["singleuser"]["cpu"], values["singleuser"]["memory"]
    assert 0 < float(cpu["guarantee"]) <= float(cpu["limit"])

    def mib(text):
        number, unit = re.fullmatch(r"([\d.]+)([MG])", str(text)).groups()
        return float(number) * (1024 if unit == "G" else 1)

    assert 0 < mib(mem["guarantee"]) <= mib(mem["limit"])


def test_helm_values_land_in_voila_cull_idle_servers_and_copy_notebooks():
    values = _values()
    assert values["singleuser"]["defaultUrl"].startswith("/voila/")
    assert values["cull"]["enabled"] is True
    assert values["cull"]["timeout"] == hub.SERVER_IDLE_TIMEOUT_S
    hook = " ".join(values["singleuser"]["lifecycleHooks"]["postStart"]["exec"]["command"])
    assert "/opt/kit/notebooks" in hook and "[ -e" in hook  # copy only what is missing


def test_learner_servers_refuse_malformed_kernel_frames_on_every_hub():
    """The kernel WebSocket guard is on the learners' servers of the classroom hub, of
    Zero to JupyterHub and of the TLJH settings the README gives."""
    assert SERVER_OPTION in _values()["singleuser"]["cmd"]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    tljh = readme.split("jupyterhub_config.d/workshop.py", 1)[1].split("PY\n```", 1)[0]
    option, value = SERVER_OPTION.split("=", 1)
    assert f"{option}=" in tljh and value in tljh
    config = (ROOT / "workshop" / "tooling" / "jupyterhub_config.py").read_text()
    assert "kernel_socket.SERVER_OPTION" in config


@pytest.mark.parametrize("path", ["deploy/z2jh-values.yaml"])
def test_no_secret_in_the_values(path):
    text = (ROOT / path).read_text()
    assert not re.search(r"(secret|token|password)\s*:\s*\S+", text, re.I)


def test_every_hub_serves_the_kits_offline_template():
    """The classroom hub, Zero to JupyterHub and TLJH start learners' servers with the
    kit's Voilà template: Voilà's own names MathJax and fonts on CDNs. Where the kit is
    pip-installed (the image, TLJH) `workshop voila-template` writes it first."""
    assert hub.VOILA_TEMPLATE_OPTION in _values()["singleuser"]["cmd"]
    docker = (ROOT / "deploy" / "Dockerfile").read_text()
    # Written after the notebooks are in the image: its list shows their titles.
    written = re.search(r"^RUN workshop voila-template --notebooks (\S+)\s*$", docker, re.M)
    assert written and docker.index("COPY notebooks " + written.group(1)) < written.start()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    tljh = readme.split("The Littlest JupyterHub", 1)[1].split("PY\n```", 1)[0]
    assert "/opt/tljh/user/bin/workshop voila-template" in tljh
    assert hub.VOILA_TEMPLATE_OPTION in tljh
    config = (ROOT / "workshop" / "tooling" / "jupyterhub_config.py").read_text()
    assert "hub.VOILA_TEMPLATE_OPTION" in config


def test_the_voila_template_command_writes_what_the_classroom_hub_uses(tmp_path, capsys):
    from workshop.cli import main

    assert (
        main(["voila-template", "--into", str(tmp_path / "cmd"), "--notebooks", str(NOTEBOOKS)])
        == 0
    )
    out = capsys.readouterr().out
    assert hub.VOILA_TEMPLATE_OPTION in out
    assert f"shows {len(notebook_files(NOTEBOOKS))} notebook titles" in out
    hub.write_voila_template(tmp_path / "hub", NOTEBOOKS)
    written = {}
    for root in ("cmd", "hub"):
        folder = tmp_path / root / "voila" / "templates" / hub.VOILA_TEMPLATE
        written[root] = {p.name: p.read_text() for p in folder.iterdir()}
    assert written["cmd"] == written["hub"] and "tree.html" in written["cmd"]
    for name, text in written["cmd"].items():
        assert not re.search(r"""(href|src)=["']?(https?:)?//""", text), name
    assert "Open JupyterLab" in written["cmd"]["tree.html"]


def test_the_hub_list_names_the_kits_notebooks_by_their_titles(tmp_path):
    """A learner's server has no title lookup of its own: the template carries the kit's
    titles by file name, as Voilà's Jinja (autoescaping) renders them, whatever they
    hold; a file of another name keeps its name."""
    import jinja2
    import markupsafe
    import nbformat

    def listed(root, **kw):
        hub.write_voila_template(root, **kw)
        tree = (root / "voila" / "templates" / hub.VOILA_TEMPLATE / "tree.html").read_text()
        titles = next(line for line in tree.splitlines() if "set workshop_titles" in line)
        link = re.search(r"</i>(\{\{.*?\}\})</a>", tree).group(1)
        page = jinja2.Environment(autoescape=True).from_string(titles + link)
        return lambda name: page.render(content={"name": name, "path": f"notebooks/{name}"})

    name_of = listed(tmp_path / "kit", notebooks_dir=NOTEBOOKS)
    for path in notebook_files(NOTEBOOKS):
        title = notebook_title(read_notebook(path), "?")
        assert title != "?" and name_of(path.name) == markupsafe.escape(title)
    assert name_of("mine.ipynb") == "mine.ipynb"
    # Titles holding what a template or a page treats specially, and text beyond ASCII.
    awkward = tmp_path / "awkward"
    awkward.mkdir()
    odd = [
        "Quotes \"double\" and 'single' \\ back",
        "Braces {{ x }} and {% if %} and {# c #} %}",
        "<script>alert(1)</script> & more",
        "Café, naïve · “curly” — 🧘 breathe",
    ]
    for i, title in enumerate(odd):
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(f"# {title}")])
        nbformat.write(nb, awkward / f"{i:02d}_odd.ipynb")
    name_of = listed(tmp_path / "odd", notebooks_dir=awkward)
    for i, title in enumerate(odd):
        shown = name_of(f"{i:02d}_odd.ipynb")
        assert shown == markupsafe.escape(title), (title, shown)
        shown.encode("utf-8")  # what the server sends: no lone surrogates
    # Written where there are no notebooks: every file by its name.
    name_of = listed(tmp_path / "none", notebooks_dir=tmp_path / "missing")
    assert name_of(notebook_files(NOTEBOOKS)[0].name) == notebook_files(NOTEBOOKS)[0].name


def test_the_voila_template_command_refuses_a_missing_notebook_folder(tmp_path, capsys):
    from workshop.cli import main

    assert (
        main(["voila-template", "--into", str(tmp_path / "t"), "--notebooks", str(tmp_path / "no")])
        == 1
    )
    assert "no notebook folder" in capsys.readouterr().err
    assert not (tmp_path / "t").exists()
