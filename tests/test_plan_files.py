"""Plan files are safe: confined to the chosen folder, never replacing another file, atomic.

Each fault measured on the earlier code has a test here that failed on it:
saving ``journal`` overwrote an unrelated ``journal.md``; ``../../etc/x`` wrote
outside the folder; a 0600 plan became 0644; "Not saved" was shown when only
the Markdown failed; temporary files piled up after killed saves; ``~nouser``
raised RuntimeError; names of 241+ characters failed on the temp name; loading
hit RecursionError on deep nesting, read 100 MB files whole, hung on a named
pipe, and accepted a lone surrogate that could never be saved again.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import random
import signal
import stat
import sys
import threading
import time
import traceback
from pathlib import Path

import pytest

from workshop.practice import plan as pp
from workshop.practice.plan import (
    FORMAT,
    MAX_DEPTH,
    MAX_FILE_BYTES,
    MAX_OWN_RULES,
    MAX_TEXT,
    MD_MARKER,
    NAME_MAX,
    TEMP_PREFIX,
    TEMP_SUFFIX,
    PlanSaveError,
    PracticePlan,
    backup_path,
    check_plan_name,
    load_plan,
    plan_paths,
    save_plan,
)
from workshop.views.practice.builder import PracticePlanBuilder

POSIX = os.name == "posix"
RULE = f"a plan name is 1 to {NAME_MAX} letters, digits, spaces"


def a_plan(minutes: int = 10, **changes) -> PracticePlan:
    base = dict(
        breathing="box",
        movements=("cat_cow", "bridge"),
        minutes_per_day=minutes,
        days_per_week=4,
        own_stop_rules=("My knee aches",),
        notes="Back pain since March; physio says go gently.",
    )
    return PracticePlan(**{**base, **changes})


def snapshot(root: Path) -> dict[str, tuple[str, str]]:
    """Every entry under ``root`` (not following links): kind and content hash or link target."""
    found = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            path = Path(dirpath) / name
            rel = str(path.relative_to(root))
            mode = os.lstat(path).st_mode
            if stat.S_ISLNK(mode):
                found[rel] = ("link", os.readlink(path))
            elif stat.S_ISREG(mode):
                found[rel] = ("file", hashlib.sha256(path.read_bytes()).hexdigest())
            else:
                found[rel] = ("other", oct(stat.S_IFMT(mode)))
    return found


def temp_files(folder: Path) -> list[str]:
    return sorted(n for n in os.listdir(folder) if pp._TEMP_NAME.fullmatch(n))


def without_hanging(call, fifo: Path) -> dict:
    """``call()`` in a thread: its value or error. Fails (never hangs) if it blocks on ``fifo``."""
    outcome: dict = {}

    def run():
        try:
            outcome["value"] = call()
        except BaseException as exc:
            outcome["error"] = exc

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(timeout=60)  # a guard against hanging the suite, not a measurement
    if worker.is_alive():
        # Give the blocked open its other end, so the thread can finish.
        for flags in (os.O_WRONLY | os.O_NONBLOCK, os.O_RDONLY | os.O_NONBLOCK):
            try:
                os.close(os.open(fifo, flags))
            except OSError:
                pass
        worker.join(timeout=60)
        pytest.fail(f"blocked on the named pipe {fifo}")
    return outcome


def write_plan_json(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def plan_json_with(**fields) -> str:
    data = a_plan().to_dict()
    data.update(fields)
    return json.dumps(data)


# ------------------------------------------------------------ only the kit's own files


def test_saving_journal_leaves_an_unrelated_journal_md_alone(tmp_path):
    (tmp_path / "journal.md").write_text("# My private journal\n\nDay 1 ...\n")
    (tmp_path / "journal.json").write_text('{"entries": [1, 2, 3]}')
    (tmp_path / "journal").write_text("plain file")
    before = snapshot(tmp_path)
    result = save_plan(a_plan(), "journal", tmp_path)
    after = snapshot(tmp_path)
    assert {k: after[k] for k in before} == before
    assert set(after) - set(before) == {"journal.plan.json", "journal.plan.md"}
    assert result.paths == (tmp_path / "journal.plan.json", tmp_path / "journal.plan.md")
    assert load_plan(tmp_path / "journal.plan.json") == a_plan()
    assert (tmp_path / "journal.plan.md").read_text(encoding="utf-8").startswith(MD_MARKER)


def _foreign(kind: str, path: Path, outside: Path) -> None:
    if kind == "text":
        path.write_text("someone else's notes\n")
    elif kind == "other json":
        path.write_text('{"format": "someone-else/1", "notes": "x"}')
    elif kind == "bad json":
        path.write_text('{"format": "workshop-practice-plan/1", ')
    elif kind == "symlink":
        path.symlink_to(outside)
    elif kind == "folder":
        path.mkdir()
    elif kind == "fifo":
        os.mkfifo(path)


@pytest.mark.parametrize("which", ["json", "md", "json.bak", "md.bak"])
@pytest.mark.parametrize("kind", ["text", "other json", "bad json", "symlink", "folder", "fifo"])
def test_a_file_the_kit_did_not_write_is_never_replaced(tmp_path, which, kind):
    if kind in {"symlink", "fifo"} and not POSIX:
        pytest.skip("needs POSIX symlinks and named pipes")
    folder = tmp_path / "plans"
    folder.mkdir()
    outside = tmp_path / "outside.plan.json"
    save_plan(a_plan(3), "elsewhere", tmp_path)  # a real plan outside the folder: a link target
    os.replace(tmp_path / "elsewhere.plan.json", outside)
    json_path, md_path = plan_paths("mine", folder)
    path = {
        "json": json_path,
        "md": md_path,
        "json.bak": backup_path(json_path),
        "md.bak": backup_path(md_path),
    }[which]
    if which.endswith("bak"):  # the plan itself is the kit's, only its backup is foreign
        save_plan(a_plan(5), "mine", folder)
    _foreign(kind, path, outside)
    before = snapshot(tmp_path)
    # A named pipe must be refused without being opened (opening would block).
    error = without_hanging(lambda: save_plan(a_plan(20), "mine", folder), path).get("error")
    assert isinstance(error, FileExistsError), error
    assert "replaces only plan files it wrote" in str(error) and str(path) in str(error)
    assert snapshot(tmp_path) == before


def test_a_plan_the_kit_wrote_is_replaced_and_backed_up(tmp_path):
    first, second, third = a_plan(5), a_plan(6), a_plan(7)
    json_path, md_path = save_plan(first, "mine", tmp_path).paths
    first_md = md_path.read_bytes()
    result = save_plan(second, "mine", tmp_path)
    assert result.json_file.backup == backup_path(json_path)
    assert result.markdown_file.backup == backup_path(md_path)
    assert load_plan(json_path) == second
    assert load_plan(backup_path(json_path)) == first
    assert backup_path(md_path).read_bytes() == first_md
    # Saving the same plan again rewrites nothing, so the backup still holds the real previous one.
    again = save_plan(second, "mine", tmp_path)
    assert not again.json_file.changed and not again.markdown_file.changed
    assert load_plan(backup_path(json_path)) == first
    save_plan(third, "mine", tmp_path)
    assert load_plan(json_path) == third
    assert load_plan(backup_path(json_path)) == second
    assert sorted(os.listdir(tmp_path)) == sorted(
        ["mine.plan.json", "mine.plan.md", "mine.plan.json.bak", "mine.plan.md.bak"]
    )


# ------------------------------------------------------------ names stay in the folder


@pytest.mark.parametrize(
    "name",
    [
        "../../etc/x",
        "../x",
        "..",
        ".",
        "a/b",
        "a\\b",
        "/etc/passwd",
        "~nouser/plan.json",
        "~",
        "",
        " plan",
        "plan ",
        "-plan",
        "_plan",
        ".hidden",
        "plan.json",
        "plan.plan",
        "x" * (NAME_MAX + 1),
        "x" * 241,
        "x" * 300,
        "a\x00b",
        "tab\there",
        "new\nline",
        "a:b",
        "a*b",
        "right\u202eleft",  # a bidi override would disguise the name
        "CON",
        "nul",
        "Com1",
        "LPT9",
    ],
)
def test_a_bad_name_is_refused_naming_the_input_and_the_rule(tmp_path, name):
    folder = tmp_path / "a" / "b" / "learner"
    folder.mkdir(parents=True)
    before = snapshot(tmp_path)
    with pytest.raises(ValueError, match="plan name") as caught:
        save_plan(a_plan(), name, folder)
    message = str(caught.value)
    assert RULE in message
    if name:
        assert repr(name[:20])[:-1] in message  # the input, as typed (long ones cut)
    assert snapshot(tmp_path) == before  # nothing written, inside the folder or out


@pytest.mark.parametrize("name", [None, 3, b"plan", Path("plan")])
def test_a_name_that_is_not_text_is_refused(tmp_path, name):
    with pytest.raises(TypeError, match="plan name must be text"):
        save_plan(a_plan(), name, tmp_path)


@pytest.mark.parametrize(
    "name",
    ["p", "my plan", "Plan-2_b", "план на неделю", "日本語の計画", "é" * NAME_MAX, "x" * NAME_MAX],
)
def test_allowed_names_save_where_expected(tmp_path, name):
    assert check_plan_name(name) == name
    json_path, md_path = save_plan(a_plan(), name, tmp_path).paths
    assert json_path == tmp_path / f"{name}.plan.json" and md_path.parent == tmp_path
    assert load_plan(json_path) == a_plan()


def test_the_longest_name_in_four_byte_characters_fits_with_its_backup(tmp_path):
    name = "\U0001d400" * NAME_MAX  # MATHEMATICAL BOLD CAPITAL A: a letter of 4 UTF-8 bytes
    check_plan_name(name)
    assert len(f"{name}.plan.json.bak".encode()) <= 255
    json_path, _ = save_plan(a_plan(5), name, tmp_path).paths
    result = save_plan(a_plan(6), name, tmp_path)  # writes the .bak too
    assert result.saved and load_plan(backup_path(json_path)) == a_plan(5)
    assert temp_files(tmp_path) == []


def test_long_names_fail_on_the_rule_not_on_the_file_system(tmp_path):
    with pytest.raises(ValueError, match=f"has 241 characters; {RULE}"):
        save_plan(a_plan(), "x" * 241, tmp_path)
    assert os.listdir(tmp_path) == []


def test_an_unknown_user_in_a_folder_or_path_is_a_clear_error(tmp_path):
    with pytest.raises(ValueError, match="'~nouser_zq7/plans' starts with '~' but names no user"):
        save_plan(a_plan(), "plan", "~nouser_zq7/plans")
    with pytest.raises(ValueError, match="names no user"):
        load_plan("~nouser_zq7/plan.plan.json")
    with pytest.raises(ValueError, match="contains '~', '/'"):
        save_plan(a_plan(), "~nouser/plan", tmp_path)


def test_the_folder_must_exist_and_be_a_folder(tmp_path):
    with pytest.raises(FileNotFoundError, match="does not exist"):
        save_plan(a_plan(), "plan", tmp_path / "missing")
    (tmp_path / "afile").write_text("x")
    with pytest.raises(NotADirectoryError, match="is a file, not a folder"):
        save_plan(a_plan(), "plan", tmp_path / "afile")
    assert sorted(os.listdir(tmp_path)) == ["afile"]


def test_a_folder_given_with_a_tilde_is_the_home_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    json_path, _ = save_plan(a_plan(), "plan", "~").paths
    assert json_path == tmp_path / "plan.plan.json"


# ------------------------------------------------------------ permissions


@pytest.mark.skipif(not POSIX, reason="POSIX permission bits")
def test_permissions_of_an_existing_plan_are_kept(tmp_path):
    json_path, md_path = save_plan(a_plan(5), "mine", tmp_path).paths
    assert stat.S_IMODE(json_path.stat().st_mode) == 0o600  # new plans are private
    assert stat.S_IMODE(md_path.stat().st_mode) == 0o600
    for mode in (0o600, 0o640, 0o644):
        os.chmod(json_path, mode)
        os.chmod(md_path, mode)
        save_plan(a_plan(mode % 50 + 1), "mine", tmp_path)
        assert stat.S_IMODE(json_path.stat().st_mode) == mode
        assert stat.S_IMODE(md_path.stat().st_mode) == mode
        assert stat.S_IMODE(backup_path(json_path).stat().st_mode) == mode


@pytest.mark.skipif(not POSIX, reason="POSIX permission bits")
def test_a_new_plan_is_private_whatever_the_umask(tmp_path):
    old = os.umask(0)
    try:
        json_path, md_path = save_plan(a_plan(), "mine", tmp_path).paths
    finally:
        os.umask(old)
    assert stat.S_IMODE(json_path.stat().st_mode) == 0o600
    assert stat.S_IMODE(md_path.stat().st_mode) == 0o600


# ------------------------------------------------------------ the status tells the truth


def _fail_replace_onto(monkeypatch, suffix: str) -> None:
    real = os.replace

    def replace(src, dst, *args, **kwargs):
        if str(dst).endswith(suffix):
            raise OSError(errno.ENOSPC, "No space left on device (simulated)")
        return real(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", replace)


def test_status_says_the_plan_was_saved_when_only_the_markdown_failed(tmp_path, monkeypatch):
    b = PracticePlanBuilder(directory=tmp_path)
    b.filename.value = "mine"
    assert b.save() is not None
    old_md = (tmp_path / "mine.plan.md").read_bytes()
    b.minutes.value = 25
    _fail_replace_onto(monkeypatch, ".plan.md")
    assert b.save() is None
    monkeypatch.undo()
    status = b.status.value
    assert "Not saved." not in status and "Partly saved" in status
    assert f"{tmp_path / 'mine.plan.json'}</code>: saved" in status
    assert f"{tmp_path / 'mine.plan.md'}</code>: <b>not saved</b>" in status
    assert "No space left on device" in status
    assert load_plan(tmp_path / "mine.plan.json").minutes_per_day == 25
    assert (tmp_path / "mine.plan.md").read_bytes() == old_md
    assert temp_files(tmp_path) == []


def test_save_plan_reports_each_files_outcome_when_a_write_fails(tmp_path, monkeypatch):
    _fail_replace_onto(monkeypatch, ".plan.md")
    with pytest.raises(PlanSaveError) as caught:
        save_plan(a_plan(), "mine", tmp_path)
    result = caught.value.result
    assert result.json_file.saved and not result.markdown_file.saved
    assert str(tmp_path / "mine.plan.json") in str(caught.value)
    assert "NOT saved" in str(caught.value)
    monkeypatch.undo()

    _fail_replace_onto(monkeypatch, ".plan.json")
    b = PracticePlanBuilder(directory=tmp_path)
    b.filename.value = "mine"
    assert b.save() is None
    status = b.status.value
    assert "Not saved." in status and "not tried" in status
    assert str(tmp_path / "mine.plan.json") in status and str(tmp_path / "mine.plan.md") in status


def test_status_gives_full_paths_and_the_backup(tmp_path):
    b = PracticePlanBuilder(directory=tmp_path)
    b.filename.value = "mine"
    b.save()
    assert "Saved." in b.status.value
    assert str(tmp_path / "mine.plan.json") in b.status.value
    assert str(tmp_path / "mine.plan.md") in b.status.value
    b.minutes.value = 30
    b.save()
    assert f"kept as <code>{tmp_path / 'mine.plan.json.bak'}</code>" in b.status.value
    b.filename.value = "../escape"
    assert b.save() is None
    assert "Not saved." in b.status.value and "Nothing was written" in b.status.value


# ------------------------------------------------------------ temporary files


def test_stale_temp_files_are_removed_by_the_next_save(tmp_path):
    stale = [tmp_path / f"{TEMP_PREFIX}{h}{TEMP_SUFFIX}" for h in ("0123abcd", "ffffffff")]
    for path in stale:
        path.write_text('{"format": "workshop-practice-pl')  # half a plan
    lookalikes = [
        f"{TEMP_PREFIX}notes{TEMP_SUFFIX}",
        f"{TEMP_PREFIX}0123abcd{TEMP_SUFFIX}.keep",
        f"workshop-plan-0123abcd{TEMP_SUFFIX}",
        f"{TEMP_PREFIX}0123ABCD{TEMP_SUFFIX}",
    ]
    for name in lookalikes:
        (tmp_path / name).write_text("the learner's")
    (tmp_path / f"{TEMP_PREFIX}abcdef01{TEMP_SUFFIX}").mkdir()  # a folder: not ours to remove
    result = save_plan(a_plan(), "mine", tmp_path)
    assert sorted(result.removed_temp_files) == sorted(stale)
    assert not any(p.exists() for p in stale)
    assert all((tmp_path / n).read_text() == "the learner's" for n in lookalikes)
    assert "removed 2 temporary file(s)" in result.describe()


def test_temp_names_are_short_whatever_the_plan_name(tmp_path, monkeypatch):
    seen = []
    real = os.replace

    def spy(src, dst, *args, **kwargs):
        seen.append(Path(src).name)
        return real(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", spy)
    save_plan(a_plan(5), "x" * NAME_MAX, tmp_path)
    save_plan(a_plan(6), "x" * NAME_MAX, tmp_path)
    assert seen and all(pp._TEMP_NAME.fullmatch(n) and len(n) < 32 for n in seen)


# ------------------------------------------------------------ loading is bounded


def test_deep_nesting_is_refused_not_a_recursion_error(tmp_path):
    deep = "[" * 100_000 + "]" * 100_000
    path = write_plan_json(
        tmp_path / "deep.plan.json", plan_json_with(notes="X").replace('"X"', deep)
    )
    with pytest.raises(ValueError, match=f"more than {MAX_DEPTH} levels deep"):
        load_plan(path)
    just_over = "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1)
    write_plan_json(path, '{"notes": "[[[[[[[[[[ in a string is fine", "x": ' + just_over + "}")
    with pytest.raises(ValueError, match="levels deep"):
        load_plan(path)
    # Brackets inside strings are text, not nesting.
    write_plan_json(path, plan_json_with(notes="[" * 1500 + '"\\"{{{'))
    assert load_plan(path).notes == "[" * 1500 + '"\\"{{{'


def test_a_huge_file_is_refused_without_being_read(tmp_path, monkeypatch):
    path = tmp_path / "huge.plan.json"
    with open(path, "wb") as fh:
        fh.truncate(100_000_000)  # sparse: 100 MB that take no disk
    read = []
    real_read = os.read
    monkeypatch.setattr(os, "read", lambda fd, n: read.append(n) or real_read(fd, n))
    with pytest.raises(
        ValueError, match=f"100000000 bytes; a plan file is at most {MAX_FILE_BYTES}"
    ):
        load_plan(path)
    assert sum(read) == 0


def test_the_size_limit_is_exact(tmp_path):
    text = plan_json_with()
    path = tmp_path / "edge.plan.json"
    path.write_bytes(text.encode() + b" " * (MAX_FILE_BYTES - len(text.encode())))
    assert load_plan(path) == a_plan()
    path.write_bytes(path.read_bytes() + b" ")
    with pytest.raises(ValueError, match="at most"):
        load_plan(path)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_named_pipe_is_refused_without_waiting(tmp_path):
    fifo = tmp_path / "pipe.plan.json"
    os.mkfifo(fifo)
    outcome = without_hanging(lambda: load_plan(fifo), fifo)
    assert isinstance(outcome.get("error"), ValueError), outcome
    assert "is a named pipe" in str(outcome["error"]) and str(fifo) in str(outcome["error"])


def test_folders_and_devices_are_refused(tmp_path):
    with pytest.raises(ValueError, match="is a folder"):
        load_plan(tmp_path)
    if os.path.exists("/dev/zero"):
        with pytest.raises(ValueError, match="is a device"):
            load_plan("/dev/zero")


@pytest.mark.parametrize(
    ("notes_json", "field"),
    [('"\\ud800"', "notes"), ('"ok \\udfff"', "notes"), ('"\\ud83d"', "notes")],
)
def test_a_lone_surrogate_is_refused_naming_the_field(tmp_path, notes_json, field):
    path = write_plan_json(
        tmp_path / "s.plan.json", plan_json_with(notes="X").replace('"X"', notes_json)
    )
    with pytest.raises(ValueError, match=f"{field} holds text that cannot be saved as UTF-8"):
        load_plan(path)


def test_a_lone_surrogate_in_a_rule_names_the_rule(tmp_path):
    text = plan_json_with(own_stop_rules=["fine", "X"]).replace('"X"', '"\\udc00"')
    path = write_plan_json(tmp_path / "s.plan.json", text)
    with pytest.raises(ValueError, match=r"own_stop_rules\[1\] holds text"):
        load_plan(path)
    with pytest.raises(ValueError, match=r"own_stop_rules\[0\] must be text that can be saved"):
        a_plan(own_stop_rules=("\udc00",))
    with pytest.raises(ValueError, match="notes must be text that can be saved as UTF-8"):
        a_plan(notes="a\ud800b")


def test_a_surrogate_pair_is_an_ordinary_character(tmp_path):
    path = write_plan_json(
        tmp_path / "e.plan.json", plan_json_with(notes="X").replace('"X"', '"\\ud83d\\ude00"')
    )
    plan = load_plan(path)
    assert plan.notes == "\U0001f600"
    assert load_plan(save_plan(plan, "again", tmp_path).json_file.path) == plan


@pytest.mark.parametrize(
    ("raw", "match"),
    [
        (b'{"format": "x", "notes": "\xff"}', "not UTF-8 text"),
        (b'{"minutes_per_day": 1' + b"0" * 5000 + b"}", "5001 digits"),
        (b'{"days_per_week": NaN}', "NaN is not a number"),
        (b'{"notes": "once", "notes": "twice"}', "'notes' appears twice"),
        (b"[" * 10 + b"]" * 10, "levels deep"),
        (b"", "bad JSON"),
    ],
)
def test_malformed_files_are_value_errors_naming_the_file(tmp_path, raw, match):
    path = tmp_path / "bad.plan.json"
    path.write_bytes(raw)
    with pytest.raises(ValueError, match=match) as caught:
        load_plan(path)
    assert str(path) in str(caught.value)


def test_the_largest_plan_saves_and_loads_within_the_limit(tmp_path):
    # Control characters are escaped to six bytes each in JSON: the worst case.
    plan = a_plan(
        own_stop_rules=tuple(f"{i}" + "\x01" * (MAX_TEXT - 2) for i in range(MAX_OWN_RULES)),
        notes="\U0001d400" * MAX_TEXT,
    )
    json_path, _ = save_plan(plan, "big", tmp_path).paths
    assert json_path.stat().st_size <= MAX_FILE_BYTES
    assert load_plan(json_path) == plan
    with pytest.raises(ValueError, match=f"own_stop_rules must hold at most {MAX_OWN_RULES}"):
        a_plan(own_stop_rules=tuple(str(i) for i in range(MAX_OWN_RULES + 1)))


# ------------------------------------------------------------ kill -9 during saves

KILLS = 250
PLANS = [a_plan(m, notes=f"version {m} " + "n" * (m * 40)) for m in range(1, 13)]


def _save_forever(folder: Path) -> None:
    """The child: save one plan after another until killed."""
    try:
        i = 0
        while True:
            save_plan(PLANS[i % len(PLANS)], "mine", folder)
            i += 1
    except BaseException:
        traceback.print_exc()
    finally:
        os._exit(3)  # never return into pytest's code in a forked child


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork and SIGKILL")
def test_kill_9_at_random_moments_never_loses_the_plan(tmp_path):
    seed = random.SystemRandom().randrange(2**32)
    rng = random.Random(seed)
    why = f"(random seed {seed}; rerun with it to reproduce)"
    folder = tmp_path / "plans"
    folder.mkdir()
    unrelated = {
        "mine.json": '{"mine": "not a plan"}',
        "mine.md": "# my own notes\n",
        "mine.plan.txt": "near the plan's name",
        "journal.md": "private",
        f"{TEMP_PREFIX}notes{TEMP_SUFFIX}": "looks like a temp file, is not",
    }
    for name, text in unrelated.items():
        (folder / name).write_text(text)
    hashes = {k: v for k, v in snapshot(folder).items() if k in unrelated}
    json_path, md_path = save_plan(PLANS[0], "mine", folder).paths
    ours = {
        json_path.name,
        md_path.name,
        backup_path(json_path).name,
        backup_path(md_path).name,
    }
    one_save = 0.0
    for plan in PLANS[:3]:  # how long a save takes here, to spread the kills over whole saves
        start = time.perf_counter()
        save_plan(plan, "mine", folder)
        one_save = max(one_save, time.perf_counter() - start)
    interrupted = 0
    for kill in range(KILLS):
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            _save_forever(folder)
        time.sleep(rng.uniform(0, 2 * one_save))
        os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, (
            f"kill {kill}: the saving process ended by itself (status {status}) {why}"
        )
        interrupted += bool(temp_files(folder))
        snap = snapshot(folder)
        assert {k: snap.get(k) for k in unrelated} == hashes, f"kill {kill} {why}"
        assert load_plan(json_path) in PLANS, f"kill {kill} {why}"
        if backup_path(json_path).exists():
            assert load_plan(backup_path(json_path)) in PLANS, f"kill {kill} {why}"
        assert md_path.read_text(encoding="utf-8").startswith(MD_MARKER), f"kill {kill} {why}"

        plan = PLANS[rng.randrange(len(PLANS))]
        save_plan(plan, "mine", folder)  # the next save, after the kill
        assert temp_files(folder) == [], f"kill {kill} {why}"
        assert set(os.listdir(folder)) == set(unrelated) | ours, f"kill {kill} {why}"
        assert load_plan(json_path) == plan, f"kill {kill} {why}"
    # The kills did land inside saves (else this test proved nothing).
    assert interrupted > 0, f"no kill interrupted a save {why}"


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_saves_from_two_processes_at_once_all_succeed(tmp_path):
    """The folder lock: one save never removes the temporary file of another in progress."""
    rounds = 15
    children = []
    for child in range(2):
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            code = 0
            try:
                for i in range(rounds):
                    save_plan(PLANS[(i + child) % len(PLANS)], "mine", tmp_path)
            except BaseException:
                traceback.print_exc()
                code = 4
            os._exit(code)
        children.append(pid)
    for pid in children:
        _, status = os.waitpid(pid, 0)
        assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0, f"status {status}"
    assert load_plan(tmp_path / "mine.plan.json") in PLANS
    assert temp_files(tmp_path) == []


def test_format_marker_is_what_makes_a_json_file_the_kits(tmp_path):
    json_path, _ = plan_paths("mine", tmp_path)
    json_path.write_text(json.dumps({"format": FORMAT}))  # the kit's, if not a valid plan
    save_plan(a_plan(), "mine", tmp_path)
    assert json.loads(backup_path(json_path).read_text()) == {"format": FORMAT}
