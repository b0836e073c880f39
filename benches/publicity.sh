#!/usr/bin/env bash
# Benchmark of the publicity set at scale (not a test; not run by CI).
#   bash benches/publicity.sh [COUNT] [RUNS]   default 100000 candidates, 3 runs
# Builds the example with COUNT generated candidates: the web pages and CSV
# (--only html), and the PDF lists and CSV (--only pdf), each RUNS times
# after a warm-up run, and prints the median wall time, CPU time (user +
# system: the figure that holds on a busy machine) and peak memory of
# each. With `hugo` installed it also times Hugo on the same list as pages.
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-100000}
runs=${2:-3}
[ -n "${GAZETTE_BENCH_BIN:-}" ] || cargo build --release -q
bin=${GAZETTE_BENCH_BIN:-target/release/gazette}
site=$(mktemp -d)
trap 'rm -rf "$site"' EXIT
cp -r gazette.yaml content "$site/"
# Receipts and forms have their own benchmark (benches/papers.sh).
rm -f "$site/content/2024/papers.yaml"
"$bin" sample-data --count "$count" --seed 1 --output "$site/content/2024/candidates.csv" 2>/dev/null
# median of the numbers on stdin
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
measure() {
  local label=$1; shift
  # Warm the page cache first, then time.
  "$bin" build --root "$site" --output "$site/out-$label" "$@" >/dev/null 2>&1
  : > "$site/times"
  for _ in $(seq "$runs"); do
    /usr/bin/time -f "%e %M %U %S" -a -o "$site/times" "$bin" build --root "$site" --output "$site/out-$label" "$@" >/dev/null 2>&1
  done
  local secs mb cpu files size
  secs=$(awk '{ print $1 }' "$site/times" | median)
  cpu=$(awk '{ print $3 + $4 }' "$site/times" | median)
  mb=$(awk '{ print $2 / 1024 }' "$site/times" | median)
  files=$(find "$site/out-$label/2024/publicity" -type f | wc -l)
  size=$(du -sh "$site/out-$label/2024/publicity" | cut -f1)
  printf '%-22s %6.2f s wall  %6.2f s CPU  %6.0f MB peak  %6d files  %s  (median of %d)\n' "$label" "$secs" "$cpu" "$mb" "$files" "$size" "$runs"
}
echo "publicity set for $count candidates ($(nproc) cores):"
measure "html+csv (--only html)" --only html
measure "pdf+csv (--only pdf)" --only pdf
if command -v hugo >/dev/null; then
  # The same list as Hugo pages: one content file per page of 100 rows.
  h=$site/hugo
  hugo new site "$h" >/dev/null 2>&1
  mkdir -p "$h/content/list" "$h/layouts/_default"
  echo '<html><body><table>{{ .Content }}</table></body></html>' > "$h/layouts/_default/single.html"
  tail -n +2 "$site/content/2024/candidates.csv" | cut -d, -f1,5,6 \
    | split -l 100 - "$h/content/list/page-"
  for f in "$h"/content/list/page-*; do
    { printf -- '---\ntitle: list\n---\n'; sed 's/.*/<tr><td>&<\/td><\/tr>/' "$f"; } > "$f.html"
    rm "$f"
  done
  "$(command -v hugo)" --source "$h" --quiet >/dev/null 2>&1
  : > "$site/times"
  for _ in $(seq "$runs"); do
    /usr/bin/time -f "%e %M" -a -o "$site/times" hugo --source "$h" --quiet >/dev/null 2>&1
  done
  printf '%-22s %6.2f s wall  %6.0f MB peak  (median of %d)\n' "hugo (peer)" \
    "$(awk '{ print $1 }' "$site/times" | median)" "$(awk '{ print $2 / 1024 }' "$site/times" | median)" "$runs"
else
  echo "hugo not installed: no peer comparison"
fi
