#!/usr/bin/env bash
# The privacy guard's share of a build at scale (not a test; not run by CI).
#   bash benches/guard.sh [COUNT]     default 100000 candidates
# Builds the example with COUNT generated candidates (web pages, publicity,
# receipts and forms: every file the guard searches), then times one guard
# pass over the output on its own, and prints both and the share.
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-100000}
cargo build --release -q
cargo bench --bench guard --no-run -q 2>/dev/null
guard=$(ls -t target/release/deps/guard-* | grep -v '\.d$' | head -1)
bin=$PWD/target/release/gazette
site=$(mktemp -d)
trap 'rm -rf "$site"' EXIT
cp -r gazette.yaml content "$site/"
rm -rf "$site/content/2023"
"$bin" sample-data --count "$count" --seed 1 --output "$site/content/2024/candidates.csv" 2>/dev/null
export GAZETTE_RECEIPT_KEY=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
# Warm the page cache (fonts, binary) with a check, then time a build from nothing.
"$bin" check --root "$site" >/dev/null 2>&1 || true
/usr/bin/time -f "%e %M" -o "$site/time" "$bin" build --root "$site" --output "$site/out" 2>"$site/log" || { cat "$site/log"; exit 1; }
read -r build _ < "$site/time"
line=$("$guard" "$site" "$site/out")
echo "$count candidates ($(nproc) cores): full build ${build} s (guard included)"
echo "  $line"
secs=$(echo "$line" | grep -o 'in [0-9.]* s' | grep -o '[0-9.]*')
awk -v g="$secs" -v b="$build" 'BEGIN { printf "  guard share of the build: %.1f%%\n", 100 * g / b }'
