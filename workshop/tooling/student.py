"""Student copies of the notebooks: solution cells removed, outputs cleared.

A cell is a solution when its metadata carries the tag ``"solution"``
(``cell.metadata.tags``). ``workshop student notebooks student/`` (or
``make student``) writes one copy of every notebook with those cells removed
and every output cleared, each file written atomically. The exercises' own
*Show solution* buttons stay: they are the learner's choice to look.
"""

from __future__ import annotations

import copy
from pathlib import Path

SOLUTION_TAG = "solution"


def is_solution(cell) -> bool:
    """True if the cell is tagged ``solution``."""
    return SOLUTION_TAG in (cell.get("metadata", {}).get("tags") or [])


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
    return out


def write_student_copies(source: Path, target: Path) -> list[Path]:
    """Write a student copy of every notebook in ``source`` (a folder or one file) to ``target``.

    Returns the paths written. ``target`` is created if missing; existing copies
    are replaced atomically.
    """
    import nbformat

    from ..cli import _notebooks, write_atomically

    source, target = Path(source), Path(target)
    if not source.exists():
        raise FileNotFoundError(f"source {str(source)!r} does not exist")
    if source.is_dir() and source.resolve() == target.resolve():
        raise ValueError("target must differ from source: student copies would overwrite them")
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for path in _notebooks(source):
        nb = nbformat.read(path, as_version=4)
        student = student_notebook(nb)
        nbformat.validate(student)
        dest = target / path.name
        write_atomically(dest, nbformat.writes(student) + "\n")
        written.append(dest)
    return written
