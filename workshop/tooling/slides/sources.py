"""Where the slides' inputs are: the vendored reveal.js and the facilitator guide.

Both live in the kit's ``slides/`` folder, which a wheel does not hold: it is
found beside the notebooks, in the folder run in, in the checkout the package
runs from, or in the folder the kit was pip-installed from (``find_slides_dir``).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

#: reveal.js as vendored in ``slides/vendor/`` (see its README for the checksums).
REVEAL_VERSION = "5.2.1"
REVEAL_DIR = f"reveal.js-{REVEAL_VERSION}"
GUIDE_SOURCE = "facilitator_guide.md"
DIST_NAME = "mindful-movement-workshop"
SLIDES_FOLDER = "slides"

#: The folder holding the ``workshop`` package: the kit's checkout when it runs
#: from source (this file is ``workshop/tooling/slides/sources.py``).
ROOT = Path(__file__).resolve().parents[3]


def install_source() -> Path | None:
    """The folder the kit was pip-installed from (``pip install .``), if pip recorded one."""
    import json
    from importlib import metadata
    from urllib.request import url2pathname

    try:
        text = metadata.distribution(DIST_NAME).read_text("direct_url.json")
        url = json.loads(text or "{}").get("url", "")
    except (metadata.PackageNotFoundError, ValueError, AttributeError):
        return None
    if not url.startswith("file://"):
        return None
    return Path(url2pathname(urlsplit(url).path))


def reveal_script(slides_dir: Path) -> Path:
    """reveal.js itself in ``slides_dir``: the file whose presence says it is vendored there."""
    return Path(slides_dir) / "vendor" / REVEAL_DIR / "dist" / "reveal.js"


def _has_slide_assets(folder: Path) -> bool:
    return reveal_script(folder).is_file() and (folder / GUIDE_SOURCE).is_file()


def find_slides_dir(notebooks_dir: Path, cwd: Path | None = None) -> Path:
    """The folder with ``vendor/reveal.js-<version>/`` and ``facilitator_guide.md``.

    The first that has both of: ``slides/`` beside the notebooks folder (the kit's
    own layout), ``slides/`` in the folder run in, ``slides/`` of the checkout the
    package runs from, and ``slides/`` of the folder it was pip-installed from (a
    wheel holds neither file). FileNotFoundError names every folder looked in.
    """
    here = Path(cwd) if cwd is not None else Path.cwd()
    candidates = [
        Path(notebooks_dir).resolve().parent / SLIDES_FOLDER,
        here / SLIDES_FOLDER,
        ROOT / SLIDES_FOLDER,
    ]
    source = install_source()
    if source is not None:
        candidates.append(source / SLIDES_FOLDER)
    for folder in candidates:
        if _has_slide_assets(folder):
            return folder
    looked = "\n  ".join(str(c) for c in dict.fromkeys(candidates))
    raise FileNotFoundError(
        f"no slides folder with vendor/{REVEAL_DIR}/ and {GUIDE_SOURCE} in:\n  {looked}\n"
        "name the kit's slides/ folder with --slides-dir"
    )
