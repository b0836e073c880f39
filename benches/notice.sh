#!/usr/bin/env bash
# Benchmark of a notice-only build (not a test; not run by CI).
#   bash benches/notice.sh [RUNS]     default 7 runs
# Builds the example's 2024 notice alone (no 2023, no candidates, publicity
# or papers) with the release binary, RUNS times after one warm-up run, and
# prints the median wall time, CPU time (user + system) and peak memory of
# a run, each to a tenth of a millisecond or megabyte (the rusage of each
# run's process, read by python3): the whole build (web page, PDF, Word and
# OFD), then --only html and --only pdf. With `hugo` installed it also
# times Hugo on a one-page site for comparison.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-7}
[ "$runs" -ge 5 ] || { echo "at least 5 runs" >&2; exit 2; }
[ -n "${GAZETTE_BENCH_BIN:-}" ] || cargo build --release -q
bin=${GAZETTE_BENCH_BIN:-${CARGO_TARGET_DIR:-$PWD/target}/release/gazette}
site=$(mktemp -d)
trap 'rm -rf "$site"' EXIT
cp -r gazette.yaml content "$site/"
rm -rf "$site/content/2023"
(cd "$site/content/2024" && rm -rf candidates.* publicity.yaml papers.yaml photos)

# measure LABEL COMMAND...: RUNS timed runs after a warm-up, each in a
# process of its own whose rusage gives its CPU time and peak memory.
measure() {
  local label=$1; shift
  python3 - "$label" "$runs" "$@" <<'PY'
import os, statistics, subprocess, sys, time

label, runs, cmd = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
quiet = dict(stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
subprocess.run(cmd, **quiet)
wall, cpu, peak = [], [], []
for _ in range(runs):
    start = time.perf_counter()
    p = subprocess.Popen(cmd, **quiet)
    _, status, use = os.wait4(p.pid, 0)
    wall.append((time.perf_counter() - start) * 1000)
    cpu.append((use.ru_utime + use.ru_stime) * 1000)
    peak.append(use.ru_maxrss / 1024)
    if status != 0:
        sys.exit(f"{label}: {cmd[0]} failed")
m = statistics.median
print(f"{label:<28} {m(wall):6.1f} ms wall  {m(cpu):6.1f} ms CPU  {m(peak):6.1f} MB peak  (median of {runs})")
PY
}

echo "notice-only build ($(nproc) cores):"
measure "whole build" "$bin" build --root "$site" --output "$site/out" -q
measure "web page (--only html)" "$bin" build --root "$site" --output "$site/out-html" --only html -q
measure "print (--only pdf)" "$bin" build --root "$site" --output "$site/out-pdf" --only pdf -q

if command -v hugo >/dev/null; then
  h=$site/hugo
  hugo new site "$h" >/dev/null 2>&1
  mkdir -p "$h/content" "$h/layouts/_default"
  echo '<html><body>{{ .Content }}</body></html>' > "$h/layouts/_default/single.html"
  { printf -- '---\ntitle: notice\n---\n'; cat "$site/content/2024/notice.md"; } > "$h/content/notice.md"
  measure "hugo 1 page (peer)" hugo --source "$h" --quiet
else
  echo "hugo not installed: no peer comparison"
fi
