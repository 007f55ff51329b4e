"""Writing a file in one step: the kit's one atomic-write primitive.

Every file the kit writes for someone (executed notebooks, student copies, the
app's offline template, practice plans) goes through ``write_atomically``, so an
interrupted write (a full disk, a killed process, a power cut) never leaves half
a file where a whole one was. Numbers packages and tooling may both import this
module; it imports nothing of the kit.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

#: Permission bits of a new file when the caller names none (a notebook, a copy).
DEFAULT_NEW_FILE_MODE = 0o644
#: Temporary files are named ``<prefix><8 hex digits><suffix>`` beside the target.
DEFAULT_TEMP_PREFIX = ".workshop-"
DEFAULT_TEMP_SUFFIX = ".tmp"
_TEMP_NAME_TRIES = 100


def _create_temp_file(folder: Path, prefix: str, suffix: str) -> tuple[int, Path]:
    """Create a new, empty, private (0600) file in ``folder``: (descriptor, path).

    O_EXCL: an existing file is never opened and a planted symbolic link never
    followed. The name is short whatever the target's, so it always fits the
    file system's name limit.
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _ in range(_TEMP_NAME_TRIES):
        tmp = folder / f"{prefix}{secrets.token_hex(4)}{suffix}"
        try:
            return os.open(tmp, flags, 0o600), tmp
        except FileExistsError:
            continue
    # 100 collisions of 32 random bits: someone fills the folder on purpose.
    raise FileExistsError(f"{folder}: could not create a temporary file")  # pragma: no cover


def write_atomically(
    path: str | os.PathLike,
    data: bytes | str,
    mode: int | None = None,
    *,
    temp_prefix: str = DEFAULT_TEMP_PREFIX,
    temp_suffix: str = DEFAULT_TEMP_SUFFIX,
) -> None:
    """Replace ``path`` by ``data`` (text is written as UTF-8) in one step.

    A temporary file in the same folder is written, fsynced and renamed over
    ``path`` (``os.replace``): ``path`` always holds its old or its new content.
    ``mode`` gives the new file's permission bits; without it an existing file
    keeps its own and a new one gets ``DEFAULT_NEW_FILE_MODE`` (0644). The
    permissions are set before the data is written, so a private file is never
    readable by others, even for a moment. On any error the temporary file is
    removed (after a kill it stays, named ``temp_prefix…temp_suffix``, for the
    caller to clean up) and the error is raised.
    """
    path = Path(path)
    if isinstance(data, str):
        data = data.encode("utf-8")
    if mode is None:
        try:
            mode = path.stat().st_mode & 0o777
        except FileNotFoundError:
            mode = DEFAULT_NEW_FILE_MODE
    fd, tmp = _create_temp_file(path.parent, temp_prefix, temp_suffix)
    try:
        with open(fd, "wb") as fh:
            if hasattr(os, "fchmod"):  # before the data, so the fsync covers it too
                os.fchmod(fh.fileno(), mode)
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if not hasattr(os, "fchmod"):  # pragma: no cover - Windows
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
