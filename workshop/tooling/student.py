"""Student copies of the notebooks: solution cells removed, outputs cleared.

A cell is a solution when its metadata carries the tag ``"solution"``
(``cell.metadata.tags``; ``nbfiles.SOLUTION_TAG``). ``workshop student notebooks
student/`` (or ``make student``) writes one copy of every notebook with those cells removed
and every output cleared, each file written atomically. The exercises' own
*Show solution* buttons stay: they are the learner's choice to look.
"""

from __future__ import annotations

import copy
from pathlib import Path

from .nbfiles import (
    default_notebooks_dir,
    is_solution,
    notebook_files,
    read_notebook,
    write_notebook,
)

#: Where the copies go by default, relative to the folder run in.
DEFAULT_TARGET = Path("student")
#: Notebook metadata (``metadata["workshop"]``) that marks a student copy this kit
#: wrote: only such a file is ever replaced by a new copy.
STUDENT_MARK = {"student_copy": True}


def is_student_copy(path: Path) -> bool:
    """True when ``path`` is a notebook this kit wrote as a student copy."""
    try:
        nb = read_notebook(path)
    except Exception:  # unreadable, not JSON, not a notebook: not ours
        return False
    return nb.metadata.get("workshop") == STUDENT_MARK


def student_notebook(nb):
    """A copy of ``nb`` without solution cells, with outputs and execution counts cleared."""
    out = copy.deepcopy(nb)
    out.cells = [cell for cell in out.cells if not is_solution(cell)]
    for cell in out.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
            cell.metadata.pop("execution", None)
    out.metadata.pop("widgets", None)
    out.metadata["workshop"] = dict(STUDENT_MARK)
    return out


def write_student_copies(source: Path | None = None, target: Path | None = None) -> list[Path]:
    """Write a student copy of every notebook in ``source`` (a folder or one file) to ``target``.

    Relative to the folder run in, ``source`` defaults to ``notebooks/`` (or that
    folder itself, see ``nbfiles.default_notebooks_dir``) and ``target`` to
    ``student/``. Returns the paths written. ``target`` is created if missing;
    earlier student copies (``STUDENT_MARK``) are replaced atomically, and nothing
    else: a ValueError, before anything is written, names a file in the way (the
    source itself, or anyone's own notebook). A source with no notebook raises
    FileNotFoundError and creates nothing.
    """
    import nbformat

    source = Path(source) if source is not None else default_notebooks_dir()
    target = Path(target) if target is not None else DEFAULT_TARGET
    if not source.exists():
        raise FileNotFoundError(f"source {str(source)!r} does not exist")
    if source.is_dir() and source.resolve() == target.resolve():
        raise ValueError("target must differ from source: student copies would overwrite them")
    notebooks = notebook_files(source)
    if not notebooks:  # nothing to copy: create no empty folder where the learner did not mean
        raise FileNotFoundError(f"no notebooks in {str(source)!r}")
    # Every copy replaces only an earlier copy: checked for all before any is written.
    for path in notebooks:
        dest = target / path.name
        if dest.exists() and dest.resolve() == path.resolve():
            raise ValueError(
                f"{dest} is the notebook itself: a student copy would overwrite it; "
                "choose another --out. Nothing was written."
            )
        if dest.exists() and not is_student_copy(dest):
            raise ValueError(
                f"{dest} exists and is not a student copy this kit wrote; move it away or "
                "choose another --out. Nothing was written."
            )
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for path in notebooks:
        student = student_notebook(read_notebook(path))
        nbformat.validate(student)
        dest = target / path.name
        write_notebook(dest, student)
        written.append(dest)
    return written
