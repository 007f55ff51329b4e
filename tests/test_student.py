"""Student copies: no solution cells, no outputs, and each still runs top to bottom."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from workshop.cli import main
from workshop.tooling.nbfiles import SOLUTION_TAG, is_solution
from workshop.tooling.student import student_notebook, write_student_copies

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted(p for p in (ROOT / "notebooks").glob("*.ipynb") if not p.name.startswith("."))
#: Notebooks of this issue: each must carry at least one solution cell.
WITH_SOLUTIONS = {
    "00_welcome_and_safety.ipynb",
    "03_body_map.ipynb",
    "06_evidence_and_cautions.ipynb",
    "07_your_practice.ipynb",
}


@pytest.fixture(scope="module")
def student_dir(tmp_path_factory):
    target = tmp_path_factory.mktemp("student")
    written = write_student_copies(ROOT / "notebooks", target)
    assert [p.name for p in written] == [p.name for p in NOTEBOOKS]
    return target


def test_the_learning_path_marks_its_solutions():
    names = {p.name for p in NOTEBOOKS}
    assert WITH_SOLUTIONS <= names
    for name in WITH_SOLUTIONS:
        nb = nbformat.read(ROOT / "notebooks" / name, as_version=4)
        assert any(is_solution(c) for c in nb.cells), name


def test_student_notebook_drops_solutions_and_outputs():
    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_markdown_cell("question"),
            nbformat.v4.new_code_cell("x = 1", metadata={"tags": [SOLUTION_TAG]}),
            nbformat.v4.new_markdown_cell("answer", metadata={"tags": ["solution", "other"]}),
            nbformat.v4.new_code_cell(
                "2",
                execution_count=3,
                outputs=[nbformat.v4.new_output("execute_result", {"text/plain": "2"})],
                metadata={"tags": ["keep"]},
            ),
        ]
    )
    out = student_notebook(nb)
    assert [c.source for c in out.cells] == ["question", "2"]
    assert out.cells[1].outputs == [] and out.cells[1].execution_count is None
    assert len(nb.cells) == 4 and nb.cells[3].outputs  # the original is untouched


@pytest.mark.parametrize("name", [p.name for p in NOTEBOOKS])
def test_student_copy_has_no_solutions_and_runs(student_dir, name):
    path = student_dir / name
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    assert not any(is_solution(c) for c in nb.cells)
    assert all(not c.outputs for c in nb.cells if c.cell_type == "code")
    original = nbformat.read(ROOT / "notebooks" / name, as_version=4)
    assert len(nb.cells) == sum(not is_solution(c) for c in original.cells)
    # A fresh kernel, run in the temporary folder: nothing may depend on a solution cell.
    NotebookClient(
        nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(student_dir)}}
    ).execute()
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.output_type == "error"]
    assert not errors
    leftovers = {p.name for p in student_dir.iterdir()} - {p.name for p in NOTEBOOKS}
    assert not leftovers, f"{name} left files behind: {leftovers}"


def test_cli_student_command(tmp_path, capsys):
    source = tmp_path / "src"
    source.mkdir()
    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell("1 + 1"),
            nbformat.v4.new_code_cell("2 + 2", metadata={"tags": ["solution"]}),
        ]
    )
    nbformat.write(nb, source / "a.ipynb")
    assert main(["student", str(source), str(tmp_path / "out")]) == 0
    copy = nbformat.read(tmp_path / "out" / "a.ipynb", as_version=4)
    assert [c.source for c in copy.cells] == ["1 + 1"]
    assert "student copy written" in capsys.readouterr().out
    assert not [p for p in (tmp_path / "out").iterdir() if p.name.startswith(".")]
    with pytest.raises(ValueError, match="target must differ"):
        write_student_copies(source, source)


def test_a_copy_replaces_only_an_earlier_copy(tmp_path):
    """A student copy never lands on its own source or on anyone's own notebook; an
    earlier copy is replaced. The refusal comes before any file is written."""
    source = tmp_path / "src"
    source.mkdir()
    for name in ("a.ipynb", "b.ipynb"):
        nb = nbformat.v4.new_notebook(
            cells=[
                nbformat.v4.new_code_cell(f"'{name}'", outputs=[]),
                nbformat.v4.new_code_cell("2 + 2", metadata={"tags": ["solution"]}),
            ]
        )
        nbformat.write(nb, source / name)
    original = (source / "a.ipynb").read_bytes()
    # One notebook given as the source, its own folder as the target.
    with pytest.raises(ValueError, match="the notebook itself"):
        write_student_copies(source / "a.ipynb", source)
    assert (source / "a.ipynb").read_bytes() == original
    # Someone's own notebook where a copy would go: refused, nothing written.
    out = tmp_path / "out"
    out.mkdir()
    own = b'{"my": "own notebook"}'
    (out / "b.ipynb").write_bytes(own)
    with pytest.raises(ValueError, match="not a student copy"):
        write_student_copies(source, out)
    assert (out / "b.ipynb").read_bytes() == own
    assert not (out / "a.ipynb").exists()
    # Earlier copies are replaced.
    (out / "b.ipynb").unlink()
    assert len(write_student_copies(source, out)) == 2
    assert len(write_student_copies(source, out)) == 2
    assert main(["student", str(source), str(out)]) == 0
