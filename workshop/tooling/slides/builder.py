"""``workshop slides``: every deck, the facilitator guide and an index, checked offline.

Paths are those of the folder the command runs in, never of the installed
package: the notebooks are ``notebooks/`` there (or that folder itself when it
has no ``notebooks/``), the output goes to ``slides/_build/`` there;
``--notebooks``, ``--out`` and ``--slides-dir`` name others.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

from ...files import write_atomically
from ..nbfiles import default_notebooks_dir, notebook_files
from .deck import DECK_SUFFIX, Deck, build_deck, deck_exporter
from .notes import deck_key, guide_notes
from .offline import check_offline
from .pages import GUIDE_HTML, INDEX_HTML, build_guide, build_index
from .sources import GUIDE_SOURCE, REVEAL_DIR, find_slides_dir, reveal_script

#: Where the decks go by default, relative to the folder the command runs in.
DEFAULT_OUT = Path("slides") / "_build"
#: In the output folder: the names of everything the last build wrote there. A build
#: replaces or removes only those, and refuses a folder holding anything else.
MANIFEST = ".workshop-slides.json"


@dataclass(frozen=True)
class BuildResult:
    """What ``build`` wrote: the folder, the decks (in notebook order), the guide, the index."""

    out_dir: Path
    decks: tuple[Deck, ...]
    guide: Path
    index: Path


def _kit_names(out_dir: Path, default: bool) -> set[str]:
    """The names in ``out_dir`` an earlier build wrote (empty for a new folder).

    ValueError, before anything is written, when the folder holds anything else: a
    build never replaces or removes a file the kit did not write. The default folder
    built before the kit kept a record counts as the kit's when every name in it is
    one a build writes.
    """
    if not out_dir.exists():
        return set()
    if not out_dir.is_dir():
        raise ValueError(f"--out {out_dir} is a file, not a folder; nothing was written")
    present = {p.name for p in out_dir.iterdir()} - {MANIFEST}
    record = out_dir / MANIFEST
    if record.is_file():
        try:
            written = json.loads(record.read_text(encoding="utf-8"))["written"]
            owned = {str(name) for name in written}
        except (ValueError, KeyError, TypeError) as exc:
            raise ValueError(
                f"{record} is not a record this kit wrote; nothing was written"
            ) from exc
    elif default:
        owned = {
            n
            for n in present
            if n.endswith(DECK_SUFFIX)
            or n.startswith("reveal.js-")
            or n in (GUIDE_HTML, INDEX_HTML)
        }
    else:
        owned = set()
    foreign = sorted(present - owned)
    if foreign:
        shown = ", ".join(foreign[:5]) + (", ..." if len(foreign) > 5 else "")
        raise ValueError(
            f"{out_dir} holds files the kit did not write ({shown}); choose a new or empty "
            "folder for --out (a build replaces what is in it). Nothing was written."
        )
    return owned


def _copy_reveal(slides_dir: Path, out_dir: Path, owned: set[str]) -> None:
    """Copy the vendored reveal.js beside the decks, replacing another version an earlier
    build put there."""
    vendor = slides_dir / "vendor" / REVEAL_DIR
    for old in out_dir.glob("reveal.js-*"):
        if old.name in owned and old.is_dir() and not old.is_symlink():
            shutil.rmtree(old)
    shutil.copytree(vendor, out_dir / REVEAL_DIR, ignore=shutil.ignore_patterns("*.md"))


def build(
    out_dir: Path | None = None,
    notebooks_dir: Path | None = None,
    slides_dir: Path | None = None,
    include_code: bool = False,
) -> BuildResult:
    """Build every deck, the guide and an index into ``out_dir``; check they are offline.

    Relative to the folder run in, ``out_dir`` defaults to ``slides/_build`` and
    ``notebooks_dir`` to ``notebooks/`` (or that folder itself, see
    ``nbfiles.default_notebooks_dir``); ``slides_dir`` (holding ``vendor/`` and
    ``facilitator_guide.md``) is found by ``find_slides_dir``. Decks from notebooks
    that no longer exist are removed from ``out_dir``; nothing else there is replaced
    or removed (``MANIFEST``). Before anything is written, FileNotFoundError when
    there are no notebooks or reveal.js is not vendored, ValueError when ``out_dir``
    holds files the kit did not write;
    after the build, ``OfflineError`` when a built file would load from the internet.
    """
    default = out_dir is None
    out_dir = Path(out_dir) if out_dir is not None else Path.cwd() / DEFAULT_OUT
    notebooks_dir = Path(notebooks_dir) if notebooks_dir is not None else default_notebooks_dir()
    notebooks = notebook_files(notebooks_dir) if notebooks_dir.is_dir() else []
    if not notebooks:
        raise FileNotFoundError(f"no notebooks in {notebooks_dir}")
    slides_dir = Path(slides_dir) if slides_dir is not None else find_slides_dir(notebooks_dir)
    if not reveal_script(slides_dir).is_file():
        raise FileNotFoundError(
            f"reveal.js is not vendored at {slides_dir / 'vendor' / REVEAL_DIR} "
            "(see slides/vendor/README.md)"
        )

    owned = _kit_names(out_dir, default)
    out_dir.mkdir(parents=True, exist_ok=True)
    for stale in out_dir.glob(f"*{DECK_SUFFIX}"):
        if stale.name in owned:
            stale.unlink()
    _copy_reveal(slides_dir, out_dir, owned)
    exporter = deck_exporter(include_code)
    notes = guide_notes((slides_dir / GUIDE_SOURCE).read_text(encoding="utf-8"))
    decks = tuple(
        build_deck(nb, out_dir, exporter=exporter, notes=notes.get(deck_key(nb.stem)))
        for nb in notebooks
    )
    guide = build_guide(slides_dir / GUIDE_SOURCE, out_dir)
    index = build_index(decks, guide, out_dir)
    written = sorted(p.name for p in out_dir.iterdir() if p.name != MANIFEST)
    write_atomically(out_dir / MANIFEST, json.dumps({"written": written}, indent=1) + "\n")
    check_offline(out_dir)
    return BuildResult(out_dir=out_dir, decks=decks, guide=guide, index=index)
