#!/usr/bin/env bash
# Benchmark of receipts and recommendation forms at scale (not a test; not
# run by CI).
#   bash benches/papers.sh [COUNT] [RUNS]   default 100000 candidates, 3 runs
# Builds the 2024 example with COUNT generated candidates (receipts for all,
# forms for the exam-exempt), publicity left out:
#   1. once from nothing: every receipt key derived (PBKDF2, reported apart);
#   2. RUNS times into a fresh output with the keys kept from 1 (the papers
#      alone: the receipts/s figure);
#   3. RUNS rebuilds with nothing changed, and RUNS with one candidate changed.
# Prints the median of each (wall time, receipts per second, peak memory),
# the sizes of the published (encrypted) receipts, the privacy guard's pass,
# and a Typst peer comparison when the `typst` Python package is importable.
# GAZETTE_BENCH_DERIVATIONS=FILE seeds step 1 with a derivations.txt kept
# from an earlier run of the same COUNT or more (same key, same seed: the
# first N generated rows do not depend on COUNT). GAZETTE_BENCH_BIN=FILE
# measures that binary (e.g. the previous release) instead of building one;
# GAZETTE_BENCH_PEER=0 leaves the Typst peer out.
# The site is made under $TMPDIR: see the README on the file system.
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-100000}
runs=${2:-3}
[ -n "${GAZETTE_BENCH_BIN:-}" ] || cargo build --release -q
site=$(mktemp -d)
trap 'rm -rf "$site"' EXIT
# The binary is copied: a rebuild during a long run does not change it.
cp "${GAZETTE_BENCH_BIN:-target/release/gazette}" "$site/gazette"
bin=$site/gazette
cp -r gazette.yaml content "$site/"
rm -rf "$site/content/2023" "$site/content/2024/publicity.yaml"
export GAZETTE_RECEIPT_KEY=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

# One build: appends "wall_secs peak_kb cpu_secs" to $site/<label>.times and prints it.
run() { # label, output folder, private folder
  /usr/bin/time -f "%e %M %U %S" -o "$site/time" "$bin" build --root "$site" --output "$2" --private "$3" 2>"$site/log" || { cat "$site/log"; exit 1; }
  read -r secs kb user sys < "$site/time"
  echo "$secs $kb $(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')" >> "$site/$1.times"
  local line
  line=$(grep -o '[0-9]* receipts and [0-9]* college forms.*' "$site/log" || true)
  printf '  %-26s %7.2f s wall  %7.2f s CPU  %5d MB peak  %s\n' "$1" "$secs" "$(tail -1 "$site/$1.times" | cut -d' ' -f3)" $((kb / 1024)) "$line"
}

summary() { # label
  local secs mb cpu
  secs=$(cut -d' ' -f1 "$site/$1.times" | median)
  cpu=$(cut -d' ' -f3 "$site/$1.times" | median)
  mb=$(cut -d' ' -f2 "$site/$1.times" | median | awk '{ printf "%d", $1 / 1024 }')
  awk -v l="$1" -v s="$secs" -v c="$cpu" -v m="$mb" -v r="$count" -v n="$(wc -l < "$site/$1.times")" \
    'BEGIN { printf "%-26s median of %d: %.2f s wall, %.0f receipts/s, %.2f s CPU (%.2f ms a paper), %d MB peak\n", l, n, s, r / s, c, 1000 * c / r, m }'
}

# Warm the page cache (fonts, binary) with a small list.
"$bin" sample-data --count 200 --seed 1 --output "$site/content/2024/candidates.csv" 2>/dev/null
"$bin" build --root "$site" --output "$site/warm" --private "$site/warm-private" >/dev/null 2>&1
rm -rf "$site/warm" "$site/warm-private"
"$bin" sample-data --count "$count" --seed 1 --output "$site/content/2024/candidates.csv" 2>/dev/null
echo "receipts and forms for $count candidates ($(nproc) cores):"

if [ -n "${GAZETTE_BENCH_DERIVATIONS:-}" ]; then
  mkdir -p "$site/private" && chmod 700 "$site/private"
  cp "$GAZETTE_BENCH_DERIVATIONS" "$site/private/derivations.txt"
  echo "  receipt keys: seeded from $GAZETTE_BENCH_DERIVATIONS"
else
  run "from nothing, keys derived" "$site/out" "$site/private"
  grep -o 'receipt keys.*' "$site/log" | sed 's/^/  /' || true
fi

for _ in $(seq "$runs"); do
  rm -rf "$site/out" "$site/private/manifest.json" "$site/private/2024"
  run "full, keys kept" "$site/out" "$site/private"
done
grep -o 'receipt keys.*' "$site/log" | sed 's/^/  /' || true
receipts=$(find "$site/out/2024/receipts" -name '*.bin' | wc -l)
forms=$(find "$site/private/2024/forms" -name '*.pdf' | wc -l)
pages=0
for f in "$site/private/2024/forms/"*.pdf; do
  pages=$((pages + $(pdfinfo "$f" 2>/dev/null | awk '/^Pages:/ {print $2}')))
done
echo "  $receipts receipts, $forms college forms, $pages form pages"
find "$site/out/2024/receipts" -name '*.bin' -printf '%s\n' | sort -n | awk '
  { a[NR] = $1; t += $1 }
  END { printf "  published receipt size: mean %.1f KB, median %.1f KB, max %.1f KB; all receipts %.0f MB\n", t / NR / 1024, a[int((NR + 1) / 2)] / 1024, a[NR] / 1024, t / 1048576 }'
printf '  forms total %s; private folder %s\n' "$(du -sh "$site/private/2024/forms" | cut -f1)" "$(du -sh "$site/private" | cut -f1)"

# The privacy guard's pass over that output on its own (the build above ran
# it too), and its share of a build with keys kept.
secs=$(cut -d' ' -f1 "$site/full, keys kept.times" | median)
if [ -z "${GAZETTE_BENCH_BIN:-}" ]; then
  cargo bench --bench guard --no-run -q 2>/dev/null
  guard=$(ls -t target/release/deps/guard-* | grep -v '\.d$' | head -1)
  line=$("$guard" "$site" "$site/out")
  gsecs=$(echo "$line" | grep -o 'in [0-9.]* s' | grep -o '[0-9.]*')
  awk -v g="$gsecs" -v b="$secs" -v l="$line" 'BEGIN { printf "  %s: %.1f%% of a build with keys kept\n", l, 100 * g / b }'
fi

for _ in $(seq "$runs"); do
  run "rebuild, nothing changed" "$site/out" "$site/private"
done
# Change one candidate's major (row 2 of the list), to and fro.
for _ in $(seq "$runs"); do
  python3 - "$site/content/2024/candidates.csv" <<'PY'
import csv, sys
path = sys.argv[1]
rows = list(csv.reader(open(path, encoding="utf-8-sig", newline="")))
rows[1][5] = "护理" if rows[1][5] != "护理" else "药学"
csv.writer(open(path, "w", encoding="utf-8", newline="")).writerows(rows)
PY
  run "rebuild, one changed" "$site/out" "$site/private"
done

echo "medians:"
for label in "full, keys kept" "rebuild, nothing changed" "rebuild, one changed"; do
  printf '  '
  summary "$label"
done

# The peer: the same receipt made with Typst's Python binding, one compiler
# per process, one process per core.
if [ "${GAZETTE_BENCH_PEER:-1}" = 0 ]; then
  echo "typst peer: skipped (GAZETTE_BENCH_PEER=0)"
elif python3 -c 'import typst' 2>/dev/null; then
  n=$((count < 20000 ? count : 20000))
  start=$(date +%s.%N)
  python3 benches/typst_receipts.py "$site/content/2024/candidates.csv" "$site/typst" "$n" "$(nproc)"
  end=$(date +%s.%N)
  awk -v s="$start" -v e="$end" -v n="$n" 'BEGIN { printf "typst peer: %d receipts in %.1f s, %.0f receipts/s\n", n, e - s, n / (e - s) }'
  find "$site/typst" -name '*.pdf' -printf '%s\n' | awk '{ t += $1 } END { printf "  typst receipt size: mean %.1f KB\n", t / NR / 1024 }'
else
  echo "typst peer: skipped (the typst Python package is not installed: pip install typst)"
fi
