#!/usr/bin/env bash
# Benchmark of a notice-only build (not a test; not run by CI).
#   bash benches/notice.sh [RUNS]     default 7 runs
# Builds the example's 2024 notice alone (no 2023, no candidates, publicity
# or papers) with the release binary, RUNS times after one warm-up run, and
# prints the median wall time, CPU time (user + system, 10 ms resolution)
# and peak memory: the whole build (web page, PDF, Word and OFD), then
# --only html and --only pdf. With `hugo` installed it also times Hugo on
# a one-page site for comparison.
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

# median of the numbers on stdin
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# measure LABEL COMMAND...: RUNS timed runs after a warm-up.
measure() {
  local label=$1; shift
  "$@" >/dev/null 2>&1
  : > "$site/times"
  for _ in $(seq "$runs"); do
    /usr/bin/time -f "%e %M %U %S" -a -o "$site/times" "$@" >/dev/null 2>&1
  done
  local ms mb cpu
  ms=$(awk '{ print $1 * 1000 }' "$site/times" | median)
  cpu=$(awk '{ print ($3 + $4) * 1000 }' "$site/times" | median)
  mb=$(awk '{ print $2 / 1024 }' "$site/times" | median)
  printf '%-28s %6.0f ms wall  %6.0f ms CPU  %6.1f MB peak  (median of %d)\n' "$label" "$ms" "$cpu" "$mb" "$runs"
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
