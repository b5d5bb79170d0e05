#!/usr/bin/env bash
# Every benchmark in one run, then one table of the headline figures (issue 9).
# Usage: bench/run-all.sh            (= ./drift bench-all; 12 to 30 minutes on 2 cores)
# Each benchmark's full output is saved under bench/results/all-<time>/, the table beside it.
# Uses DRIFT_DB_URL / DRIFT_REDIS_URI when set, embedded PostgreSQL and Redis otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."
stamp=$(date -u +%Y%m%dT%H%M%SZ)
dir="bench/results/all-$stamp"
mkdir -p "$dir"
export DRIFT_BENCH_SUMMARY="$PWD/$dir/summary.tsv"
: > "$DRIFT_BENCH_SUMMARY"

run() {
  local name=$1; shift
  echo "bench-all: $name ($*) ..." >&2
  if ! ./drift "$@" > "$dir/$name.txt" 2>&1; then
    printf '%s\t%s\t%s\t-\t-\t-\t-\n' "$name" "did not finish (see $dir/$name.txt)" "-" >> "$DRIFT_BENCH_SUMMARY"
  fi
}

run ingest bench --events 50000 --rates 500,2000,5000 --seconds 10
run ingest-no-notify bench --events 50000 --rates 500,2000 --seconds 10 --no-notify
run ingest-mixed bench --events 5000 --rates 500,2000,5000 --seconds 10 --drifting 10
run sweep bench-netbox 10000 20
run compliance bench-compliance 10000 10
run agent bench-agent
run memory bench-memory 1000000
run api bench-api 10000 1000000 --requests=100
run growth bench-growth

{
  echo "drift benchmarks, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(free -g | awk '/^Mem:/{print $2}') GiB, $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
  echo
  echo "| bench | measure | value | baseline (same run) | ratio | goal | met |"
  echo "|---|---|---|---|---|---|---|"
  sed 's/\t/ | /g; s/^/| /; s/$/ |/' "$DRIFT_BENCH_SUMMARY"
} | tee "$dir/summary.md"
echo "saved to $dir/" >&2
