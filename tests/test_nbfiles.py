"""``workshop.tooling.nbfiles``: which notebooks the commands see, and ``workshop execute``."""

from __future__ import annotations

import nbformat
import pytest

from workshop.cli import main
from workshop.tooling.nbfiles import (
    WIDGET_VIEW,
    default_notebooks_dir,
    notebook_files,
    read_notebook,
    strip_widget_views,
)


def write(path, *sources: str) -> None:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources])
    nbformat.write(nb, path)


def test_notebook_files_skip_hidden_and_draft_notebooks(tmp_path):
    for name in ("b.ipynb", "a.ipynb", ".hidden.ipynb", "_draft.ipynb", "notes.md"):
        (tmp_path / name).write_text("{}")
    assert notebook_files(tmp_path) == [tmp_path / "a.ipynb", tmp_path / "b.ipynb"]
    assert notebook_files(tmp_path / "_draft.ipynb") == [tmp_path / "_draft.ipynb"]
    with pytest.raises(FileNotFoundError, match="missing"):
        notebook_files(tmp_path / "missing")


def test_default_notebooks_dir_is_notebooks_when_there_is_one(tmp_path):
    assert default_notebooks_dir(tmp_path) == tmp_path
    (tmp_path / "notebooks").mkdir()
    assert default_notebooks_dir(tmp_path) == tmp_path / "notebooks"


def _outputs():
    view = {"model_id": "abc", "version_major": 2, "version_minor": 0}
    return [
        nbformat.v4.new_output("display_data", {WIDGET_VIEW: view, "image/svg+xml": "<svg/>"}),
        nbformat.v4.new_output("display_data", {WIDGET_VIEW: view}),
        nbformat.v4.new_output("stream", text="hello\n"),
    ]


@pytest.mark.parametrize("drop_bare", [False, True])
def test_widget_views_leave_their_twins(drop_bare):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("w", outputs=_outputs())])
    nb.cells.append(nbformat.v4.new_markdown_cell("text"))
    strip_widget_views(nb, drop_bare=drop_bare)
    outputs = nb.cells[0].outputs
    assert outputs[0]["data"] == {"image/svg+xml": "<svg/>"}
    assert [o.output_type for o in outputs] == ["display_data"] * (1 + (not drop_bare)) + ["stream"]


def test_execute_stores_outputs_in_place(tmp_path, capsys):
    folder = tmp_path / "nbs"
    folder.mkdir()
    write(folder / "a.ipynb", "print(6 * 7)")
    write(folder / "_draft.ipynb", "raise SystemExit('a draft is not run')")
    assert main(["execute", str(folder)]) == 0
    nb = nbformat.read(folder / "a.ipynb", as_version=4)
    assert nb.cells[0].outputs[0]["text"] == "42\n"
    assert f"{folder / 'a.ipynb'}: executed in" in capsys.readouterr().out
    assert sorted(p.name for p in folder.iterdir()) == ["_draft.ipynb", "a.ipynb"]


def test_notebooks_name_their_kernel_as_jupyter_does():
    """Opening a notebook in JupyterLab rewrites a kernelspec that differs from the
    installed kernel's: a kit notebook would show as changed the moment it is opened."""
    from jupyter_client.kernelspec import KernelSpecManager

    spec = KernelSpecManager().get_kernel_spec("python3")
    for path in notebook_files(default_notebooks_dir()):
        kernelspec = read_notebook(path).metadata["kernelspec"]
        assert kernelspec == {
            "name": "python3",
            "display_name": spec.display_name,
            "language": spec.language,
        }, path.name


def test_a_notebooks_title_for_the_app_list_is_its_first_heading_and_nothing_outside(tmp_path):
    import os

    from workshop.tooling.nbfiles import title_of_file

    root = tmp_path / "served"
    root.mkdir()
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell("x = 1"),
        nbformat.v4.new_markdown_cell("Intro\n\n## A title"),
    ]
    nbformat.write(nb, root / "a.ipynb")
    assert title_of_file(root, "a.ipynb") == "A title"
    nb.cells[1].source = "# Changed"
    nbformat.write(nb, root / "a.ipynb")
    stat = (root / "a.ipynb").stat()
    os.utime(root / "a.ipynb", ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    assert title_of_file(root, "a.ipynb") == "Changed"  # read again once the file changed
    nbformat.write(nb, tmp_path / "outside.ipynb")
    (root / "notes.txt").write_text("# Not a notebook")
    (root / "broken.ipynb").write_text("{not json")
    shapes = ("[]", "{}", '{"cells": 5}', '{"cells": [{"cell_type": "markdown"}]}')
    for i, text in enumerate(shapes):
        (root / f"shape{i}.ipynb").write_text(text)  # JSON, but not a notebook
    others = [f"shape{i}.ipynb" for i in range(len(shapes))]
    for path in ("../outside.ipynb", "notes.txt", "broken.ipynb", "missing.ipynb", *others):
        assert title_of_file(root, path) is None, path
