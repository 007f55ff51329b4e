"""nbgitpuller and Binder links (``workshop link``): they parse, and point at notebooks the kit has."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from workshop.cli import main
from workshop.tooling.links import binder_link, kit_notebooks, nbgitpuller_link, notebook_name

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
REPO = "https://github.com/example-org/mindful-movement-workshop"
HUB = "https://hub.example.org"


def _puller(link: str) -> dict:
    parts = urlsplit(link)
    assert parts.scheme == "https" and parts.netloc == "hub.example.org"
    assert parts.path == "/hub/user-redirect/git-pull"
    query = parse_qs(parts.query, strict_parsing=True)
    assert all(len(v) == 1 for v in query.values())
    return {k: v[0] for k, v in query.items()}


@pytest.mark.parametrize("app", [False, True])
@pytest.mark.parametrize("path", sorted(p.name for p in NOTEBOOKS.glob("*.ipynb")))
def test_every_notebook_link_parses_and_points_at_that_notebook(path, app):
    query = _puller(nbgitpuller_link(HUB, REPO, notebook=path, app=app, notebooks_dir=NOTEBOOKS))
    assert query["repo"] == REPO and query["branch"] == "main"
    view, rest = query["urlpath"].split("/", 1)
    assert view == ("voila" if app else "lab")
    mode, folder, in_repo = rest.split("/", 2)
    assert mode == ("render" if app else "tree")
    assert folder == "mindful-movement-workshop"  # where nbgitpuller clones the repository
    assert (ROOT / in_repo).is_file()  # the notebook the link opens exists in the repository


@pytest.mark.parametrize("given", ["01", "01_kinetic_chain", "01_kinetic_chain.ipynb"])
def test_short_names_find_the_notebook(given):
    assert notebook_name(given, kit_notebooks(NOTEBOOKS)) == "01_kinetic_chain.ipynb"


def test_hub_address_forms_give_the_same_link():
    links = {
        nbgitpuller_link(h, REPO + ".git", notebook="02", notebooks_dir=NOTEBOOKS)
        for h in (HUB, HUB + "/", HUB + "/hub", HUB + "/hub/")
    }
    assert len(links) == 1
    assert _puller(links.pop())["urlpath"].startswith("lab/tree/mindful-movement-workshop/")


def test_without_a_notebook_the_list_opens():
    query = _puller(nbgitpuller_link(HUB, REPO, app=True, notebooks_dir=NOTEBOOKS))
    assert query["urlpath"] == "voila/tree/mindful-movement-workshop/notebooks"


@pytest.mark.parametrize(
    "hub",
    [
        "ftp://hub.example.org",
        "hub.example.org",
        "javascript:alert(1)",
        "file:///etc/passwd",
        "https://",
        "https://hub.example.org/?x=1",
    ],
)
def test_non_http_hubs_refused_with_a_clear_message(hub):
    with pytest.raises(ValueError, match="--hub must"):
        nbgitpuller_link(hub, REPO, notebooks_dir=NOTEBOOKS)


def test_non_http_repository_refused():
    with pytest.raises(ValueError, match="--repo must be an http"):
        nbgitpuller_link(HUB, "git@github.com:example-org/kit.git", notebooks_dir=NOTEBOOKS)


@pytest.mark.parametrize("name", ["99", "kinetic", "01_kinetic_chain.py", "../README", ""])
def test_unknown_notebooks_refused_naming_the_known_ones(name):
    with pytest.raises(ValueError, match="01_kinetic_chain.ipynb") as exc:
        nbgitpuller_link(HUB, REPO, notebook=name or " ", notebooks_dir=NOTEBOOKS)
    assert "no notebook" in str(exc.value)


def test_binder_link_opens_the_notebook_in_voila():
    parts = urlsplit(binder_link(REPO, notebook="04", notebooks_dir=NOTEBOOKS))
    assert (parts.scheme, parts.netloc) == ("https", "mybinder.org")
    assert parts.path == "/v2/gh/example-org/mindful-movement-workshop/main"
    urlpath = parse_qs(parts.query)["urlpath"][0]
    assert urlpath == "voila/render/notebooks/04_breath_pacing.ipynb"
    assert (ROOT / urlpath.removeprefix("voila/render/")).is_file()


def test_binder_link_for_another_git_host():
    parts = urlsplit(binder_link("https://git.example.org/kit.git", notebooks_dir=NOTEBOOKS))
    assert parts.path.startswith("/v2/git/")
    assert unquote(parts.path.split("/")[3]) == "https://git.example.org/kit.git"


def test_command_prints_the_link(capsys):
    code = main(
        [
            "link",
            "--hub",
            HUB,
            "--repo",
            REPO,
            "--notebook",
            "01",
            "--app",
            "--notebooks",
            str(NOTEBOOKS),
        ]
    )
    out = capsys.readouterr().out.strip()
    assert code == 0
    assert _puller(out)["urlpath"].endswith(
        "voila/render/mindful-movement-workshop/notebooks/01_kinetic_chain.ipynb"
    )


def test_command_refuses_a_bad_hub_on_stderr(capsys):
    assert main(["link", "--hub", "ftp://x", "--repo", REPO, "--notebooks", str(NOTEBOOKS)]) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and "--hub must be an http:// or https:// address" in captured.err


def test_command_needs_hub_or_binder(capsys):
    with pytest.raises(SystemExit):
        main(["link", "--repo", REPO])
    assert "either --hub URL or --binder" in capsys.readouterr().err
