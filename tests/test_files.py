"""``workshop.files.write_atomically``: the one way the kit replaces a file."""

from __future__ import annotations

import errno
import os
import stat

import pytest

from workshop.files import DEFAULT_NEW_FILE_MODE, write_atomically


def mode_of(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_text_is_written_as_utf8_and_bytes_as_given(tmp_path):
    target = tmp_path / "notes.txt"
    write_atomically(target, "Atemzug ✓\n")
    assert target.read_bytes() == "Atemzug ✓\n".encode()
    write_atomically(target, b"\x00\xff")
    assert target.read_bytes() == b"\x00\xff"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_a_new_file_gets_the_default_or_the_given_mode_and_an_old_one_keeps_its_own(tmp_path):
    fresh = tmp_path / "fresh"
    write_atomically(fresh, "x")
    assert mode_of(fresh) == DEFAULT_NEW_FILE_MODE
    private = tmp_path / "private"
    write_atomically(private, "x", 0o600)
    assert mode_of(private) == 0o600
    fresh.chmod(0o640)
    write_atomically(fresh, "y")
    assert mode_of(fresh) == 0o640 and fresh.read_text() == "y"


def test_a_failed_write_leaves_the_old_content_and_no_temporary_file(tmp_path, monkeypatch):
    target = tmp_path / "plan.json"
    target.write_text("old")

    def disk_full(fd):
        raise OSError(errno.ENOSPC, "No space left on device (simulated)")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(OSError, match="No space left"):
        write_atomically(target, "new" * 1000)
    monkeypatch.undo()
    assert target.read_text() == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.json"]


def test_temporary_files_carry_the_callers_prefix_and_suffix(tmp_path, monkeypatch):
    seen = []
    real = os.replace

    def spy(src, dst, *args, **kwargs):
        seen.append(os.path.basename(src))
        return real(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", spy)
    write_atomically(tmp_path / ("n" * 255), "x", temp_prefix=".mine-", temp_suffix=".part")
    (name,) = seen
    assert name.startswith(".mine-") and name.endswith(".part") and len(name) < 32
