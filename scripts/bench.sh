#!/usr/bin/env bash
# Benchmark of the read-only commands against the I/O floor (cat of the same files).
#
#   scripts/bench.sh [N ...]        default: 1000 10000 100000
#
# For each N it writes a project of N realistic records with the generator example
# (cargo run --release --example gen -- DIR N), warms the file cache, and times
# `fortb summary --format json`, `fortb list`, `fortb check`, `fortb --version` and the floor
# `find initiatives -name '*.toml' -print0 | xargs -0 cat > /dev/null` on the same files.
# Uses hyperfine when installed (apt-get install hyperfine), else the median of repeated runs.
# Prints a Markdown table for docs/performance.md, plus peak memory of summary.
set -euo pipefail
cd "$(dirname "$0")/.."

sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000 100000)

cargo build --release --quiet --bin fortb --example gen
fortb="$PWD/target/release/fortb"
gen="$PWD/target/release/examples/gen"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

runs=10
median_ms() { # command... → median wall time in ms over $runs runs
  local times=()
  for _ in $(seq "$runs"); do
    local start end
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1 || true
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

time_ms() { # name command → median ms
  if command -v hyperfine >/dev/null 2>&1; then
    hyperfine --style none --warmup 2 --runs "$runs" --export-json "$work/h.json" "$1" >/dev/null 2>&1
    python3 -c "import json;print(round(json.load(open('$work/h.json'))['results'][0]['median']*1000))"
  else
    median_ms bash -c "$1"
  fi
}

echo "machine: $(nproc) cores, $(uname -sm)"
echo "timer: $(command -v hyperfine >/dev/null 2>&1 && echo hyperfine || echo 'median of runs')"
echo
echo "| N | cat floor | summary --format json | check | list | --version | summary peak memory |"
echo "|---:|---:|---:|---:|---:|---:|---:|"
for n in "${sizes[@]}"; do
  dir="$work/p$n"
  "$gen" "$dir" "$n" 2>/dev/null
  cd "$dir"
  floor="find initiatives -name '*.toml' -print0 | xargs -0 cat > /dev/null"
  bash -c "$floor"   # warm the cache
  c=$(time_ms "$floor")
  s=$(time_ms "$fortb summary --format json --until 2026-11-23 > /dev/null")
  k=$(time_ms "$fortb check > /dev/null 2>&1")
  l=$(time_ms "$fortb list > /dev/null")
  v=$(time_ms "$fortb --version > /dev/null")
  mem=$( { /usr/bin/time -f '%M' "$fortb" summary --format json --until 2026-11-23 >/dev/null; } 2>&1 | tail -1 )
  ratio=$(python3 -c "print(f'{$s/$c:.2f}' if $c else '-')")
  echo "| $n | $c ms | $s ms (${ratio}×) | $k ms | $l ms | $v ms | $((mem / 1024)) MB |"
  cd - >/dev/null
  rm -rf "$dir"
done
