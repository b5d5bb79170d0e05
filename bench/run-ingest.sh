#!/usr/bin/env bash
# Ingest benchmark (issue 2): read+ack baseline vs full pipeline on the same preloaded stream,
# and XADD -> drift.detected/drift.resolved latency at fixed offered rates.
# Usage: bench/run-ingest.sh [--events N] [--cis N] [--rates 500,2000,5000] [--seconds S]
# Uses DRIFT_DB_URL / DRIFT_REDIS_URI when set, embedded PostgreSQL and Redis otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p bench/results
out="bench/results/ingest-$(date -u +%Y%m%dT%H%M%SZ).txt"
./drift bench "$@" 2>&1 | grep -v -E '^[0-9:.]+ (INFO|DEBUG) ' | tee "$out"
echo "saved to $out"
