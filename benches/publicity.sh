#!/usr/bin/env bash
# Benchmark of the publicity set at scale (not a test; not run by CI).
#   bash benches/publicity.sh [COUNT]     default 100000 candidates
# Builds the example with COUNT generated candidates: once the web pages and
# CSV only (--only html), once the PDF lists only (--only pdf), and prints
# wall time and peak memory of each.
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-100000}
cargo build --release -q
bin=target/release/gazette
site=$(mktemp -d)
trap 'rm -rf "$site"' EXIT
cp -r gazette.yaml content "$site/"
# Receipts and forms have their own benchmark (benches/papers.sh).
rm -f "$site/content/2024/papers.yaml"
"$bin" sample-data --count "$count" --seed 1 --output "$site/content/2024/candidates.csv" 2>/dev/null
measure() {
  local label=$1; shift
  # Warm the page cache first, then time.
  "$bin" build --root "$site" --output "$site/out-$label" "$@" >/dev/null 2>&1
  /usr/bin/time -f "%e %M" -o "$site/time" "$bin" build --root "$site" --output "$site/out-$label" "$@" >/dev/null 2>&1
  read -r secs kb < "$site/time"
  local files size
  files=$(find "$site/out-$label/2024/publicity" -type f | wc -l)
  size=$(du -sh "$site/out-$label/2024/publicity" | cut -f1)
  printf '%-22s %6.2f s wall  %6d MB peak  %6d files  %s\n' "$label" "$secs" $((kb / 1024)) "$files" "$size"
}
echo "publicity set for $count candidates ($(nproc) cores):"
measure "html+csv (--only html)" --only html
measure "pdf lists (--only pdf)" --only pdf
