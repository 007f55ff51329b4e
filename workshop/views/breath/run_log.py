"""The breath pacer's run log: what the page sends back after (and during) a run.

The page (``js/runlog.js``) logs every phase it showed, the pauses and how the run
ended, as named records; ``check_log`` checks a log against the plan's
``workshop.breath.boundaries`` in the kernel, so a broken or hand-made log is
refused (``BreathPacer``'s trust boundary) and ``lags_s`` can trust what it reads.
"""

from __future__ import annotations

import numpy as np

from ..common.trust import check_bool, check_integer, check_real, shown

#: Keys of the run log the page sends (js/runlog.js), of its records, and how a run can end.
LOG_KEYS = ("started_wall_ms", "total_s", "shown", "pauses", "end")
SHOWN_KEYS = ("index", "phase", "planned_s", "shown_s", "boundary")
PAUSE_KEYS = ("at_s", "duration_s")
END_KEYS = ("reason", "at_s")
END_REASONS = ("completed", "stopped")
#: Shown rows beyond one per phase: a phase shown again after a pause or a hidden tab.
SPARE_SHOWN_ROWS = 1000
MAX_PAUSES = 10_000
#: Slack on the browser's times (it rounds them to 0.1 ms), s.
TIME_SLACK_S = 1e-3
#: Latest time a log may name, s, and latest wall clock, ms: bounds, not expectations.
MAX_ELAPSED_S = 1e9
MAX_WALL_MS = 1e15


def _records(name: str, rows, keys: tuple[str, ...], max_rows: int) -> list[dict]:
    """``rows``: a list of at most ``max_rows`` objects with exactly ``keys``."""
    if not isinstance(rows, list):
        raise TypeError(f"{name} must be a list; got {shown(rows)}")
    if len(rows) > max_rows:
        raise ValueError(f"{name} may hold at most {max_rows} records; got {len(rows)}")
    for row in rows:
        if not isinstance(row, dict) or set(row) != set(keys):
            raise ValueError(
                f"each record of {name} must hold exactly {list(keys)}; got {shown(row)}"
            )
    return rows


def check_log(log, phases: np.ndarray) -> dict:
    """A run log as the page sends it (js/runlog.js), checked against the plan's
    ``boundaries``.

    ``{}`` (no run yet), or exactly ``LOG_KEYS``: ``shown`` records (``SHOWN_KEYS``:
    the plan's phase ``index`` and its ``phase`` name, its ``planned_s`` start, the
    ``shown_s`` time it appeared, s, and ``boundary``, true when it came in on the
    clock), ``pauses`` records (``PAUSE_KEYS``: ``at_s``, ``duration_s`` or ``None``
    while paused) and ``end`` ``None`` or a record (``END_KEYS``: ``reason``, ``at_s``).
    Returns a clean copy; raises ``TypeError``/``ValueError`` naming what is wrong.
    """
    if not isinstance(log, dict):
        raise TypeError(f"log must be an object; got {shown(log)}")
    if not log:
        return {}
    if set(log) != set(LOG_KEYS):
        raise ValueError(f"log must hold exactly {list(LOG_KEYS)}; got {shown(list(log))}")
    starts, names = phases["time_s"].tolist(), phases["phase"].tolist()
    n, total = len(starts) - 1, starts[-1]
    started = check_real(log["started_wall_ms"], "log started_wall_ms", 0.0, MAX_WALL_MS)
    log_total = check_real(log["total_s"], "log total_s", 0.0, MAX_ELAPSED_S)
    if abs(log_total - total) > TIME_SLACK_S:
        raise ValueError(f"log total_s must be this plan's {total:g} s; got {log_total:g}")
    shown_rows = []
    for row in _records("log shown", log["shown"], SHOWN_KEYS, 2 * n + SPARE_SHOWN_ROWS):
        i = check_integer(row["index"], "log shown index", 0, n - 1)
        if row["phase"] != names[i]:
            raise ValueError(f"log shown phase {i} must be {names[i]!r}; got {shown(row['phase'])}")
        planned = check_real(row["planned_s"], "log shown planned_s", 0.0, total)
        if abs(planned - starts[i]) > TIME_SLACK_S:
            raise ValueError(f"log shown phase {i} starts at {starts[i]:g} s; got {planned:g}")
        at = check_real(row["shown_s"], "log shown shown_s", -TIME_SLACK_S, total + TIME_SLACK_S)
        boundary = check_bool(row["boundary"], "log shown boundary")
        shown_rows.append(
            {
                "index": i,
                "phase": names[i],
                "planned_s": planned,
                "shown_s": at,
                "boundary": boundary,
            }
        )
    # Times run from the start with pauses left out: none lies past the plan's end, and
    # each record comes after the one before (a phase shown again after a pause repeats
    # its index, never goes back to an earlier one).
    for before, after in zip(shown_rows, shown_rows[1:], strict=False):
        if after["index"] < before["index"] or after["shown_s"] < before["shown_s"] - TIME_SLACK_S:
            raise ValueError(
                "log shown records must come in order (phase index and shown_s never "
                f"going back); got phase {after['index']} at {after['shown_s']:g} s after "
                f"phase {before['index']} at {before['shown_s']:g} s"
            )
    pauses = [
        {
            "at_s": check_real(row["at_s"], "log pause at_s", -TIME_SLACK_S, total + TIME_SLACK_S),
            "duration_s": None
            if row["duration_s"] is None
            else check_real(row["duration_s"], "log pause duration_s", 0.0, MAX_ELAPSED_S),
        }
        for row in _records("log pauses", log["pauses"], PAUSE_KEYS, MAX_PAUSES)
    ]
    for before, after in zip(pauses, pauses[1:], strict=False):
        if before["duration_s"] is None or after["at_s"] < before["at_s"] - TIME_SLACK_S:
            raise ValueError(
                "log pauses must come in order, each ended before the next (only the last "
                f"may be open); got {shown(log['pauses'])}"
            )
    end = log["end"]
    if end is not None:
        (end,) = _records("log end", [end], END_KEYS, 1)
        if not isinstance(end["reason"], str) or end["reason"] not in END_REASONS:
            raise ValueError(f"log end reason must be one of {END_REASONS}; got {shown(end)}")
        at_s = check_real(end["at_s"], "log end at_s", -TIME_SLACK_S, total + TIME_SLACK_S)
        last = max([r["shown_s"] for r in shown_rows] + [r["at_s"] for r in pauses], default=0.0)
        if at_s < last - TIME_SLACK_S:
            raise ValueError(
                f"log end at_s must come after every shown phase and pause ({last:g} s); "
                f"got {at_s:g}"
            )
        end = {"reason": end["reason"], "at_s": at_s}
    return {
        "started_wall_ms": started,
        "total_s": log_total,
        "shown": shown_rows,
        "pauses": pauses,
        "end": end,
    }
