"""The notebook files of the kit: which they are, their tags, and running them in place.

Shared by every command that reads the notebooks (``workshop execute``,
``student``, ``slides``, ``app``), so that each names the same files and reads
the same marks:

- ``notebook_files`` lists a folder's notebooks (``*.ipynb``, sorted by name;
  names starting with ``.`` (hidden, Jupyter's checkpoints) or ``_`` (drafts)
  are not the kit's);
- ``SOLUTION_TAG`` marks a solution cell (``cell.metadata.tags``);
- ``WIDGET_VIEW`` is the MIME type of a live widget's stored output, which
  only means something while its kernel runs; each of the kit's widgets
  stores a static twin (an SVG picture) beside it;
- ``notebook_title`` is a notebook's title, its first heading (the decks' titles,
  the app's list of notebooks).
"""

from __future__ import annotations

import os
import re
import time
from functools import lru_cache
from pathlib import Path

from ..files import write_atomically

SOLUTION_TAG = "solution"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
NOTEBOOK_SUFFIX = ".ipynb"
#: Run in, a folder without ``notebooks/`` is taken as the notebook folder itself.
NOTEBOOKS_FOLDER = "notebooks"
_ANY_HEADING = re.compile(r"^\s{0,3}#{1,6}[ \t]+(.+?)[ \t#]*$", re.M)


def first_heading(markdown_text: str) -> str | None:
    """The text of the first ATX heading (``#`` to ``######``) in ``markdown_text``, or None."""
    match = _ANY_HEADING.search(markdown_text)
    return match.group(1).strip() if match else None


def notebook_title(nb, fallback: str) -> str:
    """The first heading of ``nb``'s markdown cells, else ``fallback``."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            title = first_heading(cell.source)
            if title is not None:
                return title
    return fallback


def title_of_file(root: str | Path, relative_path: str) -> str | None:
    """The title (``notebook_title``) of the notebook at ``relative_path`` under ``root``,
    or None: not a notebook, outside ``root``, unreadable, or without a heading. Read
    again only when the file changes."""
    try:
        path = (Path(root) / relative_path).resolve()
        if path.suffix != NOTEBOOK_SUFFIX or not path.is_relative_to(Path(root).resolve()):
            return None
        return _title_cached(str(path), path.stat().st_mtime_ns)
    except (OSError, ValueError):
        return None


@lru_cache(maxsize=256)
def _title_cached(path: str, _mtime_ns: int) -> str | None:
    from nbformat import v4

    # Parsed without nbformat's validation (slow the first time, and this runs while the
    # app renders its list): a file that is not a notebook just has no title.
    try:
        return notebook_title(v4.reads(Path(path).read_text(encoding="utf-8")), "") or None
    except Exception:  # unreadable, not JSON, or JSON of another shape: any of them
        return None


def notebook_files(target: str | Path) -> list[Path]:
    """The notebooks in folder ``target`` (sorted by name), or ``[target]`` for one file.

    Hidden (``.name``) and draft (``_name``) notebooks of a folder are left out.
    FileNotFoundError if ``target`` does not exist.
    """
    target = Path(target)
    if not target.exists():
        raise FileNotFoundError(f"no notebook or notebook folder {str(target)!r}")
    if not target.is_dir():
        return [target]
    return sorted(
        p for p in target.glob(f"*{NOTEBOOK_SUFFIX}") if not p.name.startswith((".", "_"))
    )


def default_notebooks_dir(cwd: str | Path | None = None) -> Path:
    """``notebooks/`` in the folder run in (``cwd``) when there is one, else that folder."""
    here = Path(cwd) if cwd is not None else Path.cwd()
    notebooks = here / NOTEBOOKS_FOLDER
    return notebooks if notebooks.is_dir() else here


def served_folder(given: str | os.PathLike | None = None) -> Path:
    """The folder a server (``workshop lab``, ``workshop app``) serves: ``given``, else
    ``default_notebooks_dir()``; FileNotFoundError, before anything starts, if missing."""
    folder = Path(given) if given is not None else default_notebooks_dir()
    if not folder.is_dir():
        raise FileNotFoundError(f"no notebook folder {str(folder)!r}")
    return folder


def is_solution(cell) -> bool:
    """True if the cell is tagged ``solution``."""
    return SOLUTION_TAG in (cell.get("metadata", {}).get("tags") or [])


def strip_widget_views(nb, *, drop_bare: bool) -> None:
    """Remove live-widget views from ``nb``'s stored outputs, in place; their twins stay.

    An output that holds another representation beside the view (the static
    twin, or at least its text) loses only the view. An output that is nothing
    but a view is removed when ``drop_bare`` (a slide deck has no widget manager to
    show it) and kept otherwise.
    """
    for cell in nb.cells:
        if "outputs" not in cell:
            continue
        kept = []
        for out in cell.outputs:
            data = out.get("data")
            if data is not None and WIDGET_VIEW in data:
                if len(data) > 1:
                    del data[WIDGET_VIEW]
                elif drop_bare:
                    continue
            kept.append(out)
        cell.outputs = kept


def read_notebook(path: str | Path):
    """The notebook at ``path`` (nbformat version 4)."""
    import nbformat

    return nbformat.read(path, as_version=4)


def write_notebook(path: str | Path, nb) -> None:
    """Write ``nb`` to ``path`` atomically, as Jupyter saves it (with a final newline)."""
    import nbformat

    write_atomically(path, nbformat.writes(nb) + "\n")


def execute_in_place(path: str | Path, timeout_s: int = 600) -> float:
    """Run ``path`` top to bottom in a fresh kernel, store its outputs; return seconds taken.

    ``timeout_s`` bounds each cell. The notebook is written (atomically) only when
    every cell ran; live-widget views are dropped from the outputs, each widget's
    static twin stays (see ``strip_widget_views``), and no widget state is saved.
    """
    from nbclient import NotebookClient

    path = Path(path)
    nb = read_notebook(path)
    nb.metadata.pop("widgets", None)
    client = NotebookClient(
        nb,
        timeout=timeout_s,
        kernel_name="python3",
        # Live widget state is useless without a kernel and bloats the file; the
        # widgets store a static SVG twin among their outputs instead.
        store_widget_state=False,
        resources={"metadata": {"path": str(path.parent)}},
    )
    t0 = time.perf_counter()
    client.execute()
    elapsed = time.perf_counter() - t0
    strip_widget_views(nb, drop_bare=False)
    write_notebook(path, nb)
    return elapsed
