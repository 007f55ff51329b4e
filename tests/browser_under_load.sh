#!/usr/bin/env bash
# Run the browser tests N times (default 10), each with a fresh HOME and two
# CPU-busy processes beside them, as a new or busy machine would: the check that
# they wait for readiness, not for luck. Prints one line per run and a summary;
# exits 1 if any run failed. Usage: tests/browser_under_load.sh [N]
set -uo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
py=.venv/bin/python
[[ -x $py ]] || { echo "run 'make test' once first (it creates .venv)" >&2; exit 2; }
busy=()
cleanup() { for pid in "${busy[@]}"; do kill "$pid" 2>/dev/null; done; }
trap cleanup EXIT
for _ in 1 2; do (while :; do :; done) & busy+=($!); done
failed=0
for i in $(seq 1 "$runs"); do
  home=$(mktemp -d)
  log=$(mktemp)
  if HOME=$home $py -m pytest -q -p no:cacheprovider tests/test_browser_explorer.py \
      tests/test_browser_lab.py tests/test_browser_pacer.py >"$log" 2>&1; then
    echo "run $i: $(tail -n 1 "$log")"
  else
    failed=$((failed + 1))
    echo "run $i: FAILED: $(tail -n 1 "$log") (log: $log)"
  fi
  rm -rf "$home"
done
echo "$((runs - failed)) passed, $failed failed"
((failed == 0))
