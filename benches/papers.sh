#!/usr/bin/env bash
# Benchmark of receipts and recommendation forms at scale (not a test; not
# run by CI).
#   bash benches/papers.sh [COUNT]     default 100000 candidates
# Builds the 2024 example with COUNT generated candidates (receipts for all,
# forms for the exam-exempt), publicity left out: first from nothing (every
# receipt key derived), then into a fresh output with the keys kept from
# the first build (the papers alone, comparable with builds before the keys
# existed); then rebuilds with nothing changed and with one candidate
# changed. Prints wall time, receipts per second, peak memory, the key
# derivations' CPU time and the sizes of the published (encrypted)
# receipts.
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-100000}
cargo build --release -q
bin=$PWD/target/release/gazette
site=$(mktemp -d)
trap 'rm -rf "$site"' EXIT
cp -r gazette.yaml content "$site/"
rm -rf "$site/content/2023" "$site/content/2024/publicity.yaml"
export GAZETTE_RECEIPT_KEY=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef

run() { # label, output folder, private folder
  /usr/bin/time -f "%e %M" -o "$site/time" "$bin" build --root "$site" --output "$2" --private "$3" 2>"$site/log" || { cat "$site/log"; exit 1; }
  read -r secs kb < "$site/time"
  local line
  line=$(grep -o '[0-9]* receipts and [0-9]* college forms.*' "$site/log" || true)
  printf '%-30s %7.2f s wall  %5d MB peak  %s\n' "$1" "$secs" $((kb / 1024)) "$line"
  grep -o 'receipt keys.*' "$site/log" | sed 's/^/  /' || true
}

# Warm the page cache (fonts, binary) with a small list, then time a build from nothing.
"$bin" sample-data --count 200 --seed 1 --output "$site/content/2024/candidates.csv" 2>/dev/null
"$bin" build --root "$site" --output "$site/warm" --private "$site/warm-private" >/dev/null 2>&1
rm -rf "$site/warm" "$site/warm-private"
"$bin" sample-data --count "$count" --seed 1 --output "$site/content/2024/candidates.csv" 2>/dev/null
echo "receipts and forms for $count candidates ($(nproc) cores):"
run "full build, keys derived" "$site/out" "$site/private"
rm -rf "$site/out" "$site/private/manifest.json"
run "full build, keys kept" "$site/out" "$site/private"
read -r secs _ < "$site/time"
receipts=$(find "$site/out/2024/receipts" -name '*.bin' | wc -l)
forms=$(find "$site/private/2024/forms" -name '*.pdf' | wc -l)
pages=0
for f in "$site/private/2024/forms/"*.pdf; do
  pages=$((pages + $(pdfinfo "$f" 2>/dev/null | awk '/^Pages:/ {print $2}')))
done
awk -v r="$receipts" -v s="$secs" 'BEGIN { printf "  %d receipts: %.0f receipts/s overall with keys kept, %.2f ms each\n", r, r / s, s * 1000 / r }'
echo "  $forms college forms, $pages form pages"
find "$site/out/2024/receipts" -name '*.bin' -printf '%s\n' | sort -n | awk '
  { a[NR] = $1; t += $1 }
  END { printf "  published receipt size: mean %.1f KB, median %.1f KB, max %.1f KB; all receipts %.0f MB\n", t / NR / 1024, a[int((NR + 1) / 2)] / 1024, a[NR] / 1024, t / 1048576 }'
printf '  forms total %s; private folder %s\n' "$(du -sh "$site/private/2024/forms" | cut -f1)" "$(du -sh "$site/private" | cut -f1)"
# The privacy guard's pass over that output on its own (the build above ran
# it too), and its share of the build with keys kept.
cargo bench --bench guard --no-run -q 2>/dev/null
guard=$(ls -t target/release/deps/guard-* | grep -v '\.d$' | head -1)
line=$("$guard" "$site" "$site/out")
gsecs=$(echo "$line" | grep -o 'in [0-9.]* s' | grep -o '[0-9.]*')
awk -v g="$gsecs" -v b="$secs" -v l="$line" 'BEGIN { printf "  %s: %.1f%% of the build with keys kept\n", l, 100 * g / b }'

run "rebuild, nothing changed" "$site/out" "$site/private"
# Change one candidate's major (row 2 of the list).
python3 - "$site/content/2024/candidates.csv" <<'PY'
import csv, sys
path = sys.argv[1]
rows = list(csv.reader(open(path, encoding="utf-8-sig", newline="")))
rows[1][5] = "护理" if rows[1][5] != "护理" else "药学"
csv.writer(open(path, "w", encoding="utf-8", newline="")).writerows(rows)
PY
run "rebuild, one changed" "$site/out" "$site/private"
