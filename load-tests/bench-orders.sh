#!/usr/bin/env bash
# Orders per second through the gateway of one node (all verticles in one JVM, embedded PostgreSQL and
# Kafka), against the database's own ceiling for the same SQL (pgbench with pgbench/order.sql), both
# measured now, on this machine, in interleaved pairs so that the machine's drift hits both alike.
# Writes load-tests/target/report.md.
#
#   load-tests/bench-orders.sh                      # defaults below
#   SHOPPERS=32 RUN_SECONDS=20 REPEATS=3 load-tests/bench-orders.sh
#
# Needs: JDK 17, Maven, python3, pgbench (Debian: apt-get install postgresql-client).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
OUT=$ROOT/load-tests/target
SHOPPERS=${SHOPPERS:-16}
RUN_SECONDS=${RUN_SECONDS:-30}
WARMUP_SECONDS=${WARMUP_SECONDS:-30}
REPEATS=${REPEATS:-5}

command -v pgbench >/dev/null || { echo "pgbench is missing (apt-get install postgresql-client)"; exit 1; }
mkdir -p "$OUT"
source "$ROOT/load-tests/node.sh"
start_node "$OUT/bench-node" CARTWHEEL_PAYMENTS_SIMULATOR_LATENCY_MS=0 CARTWHEEL_ORDERS_PLACE_WAIT_MS=10000 \
  CARTWHEEL_GATEWAY_REQUEST_TIMEOUT_MS=15000 CARTWHEEL_RATE_LIMITS_ENABLED=false

gatling() { # seconds label
  mvn -q -B -ntp -f "$ROOT/load-tests/pom.xml" gatling:test -Dgatling.simulationClass=dev.cartwheel.bench.OrdersSimulation \
    -DbaseUrl="$BASE" -Dshoppers="$SHOPPERS" -DdurationSeconds="$1" > "$OUT/gatling-$2.log" 2>&1 || true
  python3 "$ROOT/load-tests/gatling_stats.py" "$OUT/gatling-$2.log" "$1"
}

pgbench_tps() { # label
  PGPASSWORD= pgbench -n -h 127.0.0.1 -p "$PG_PORT" -U postgres -M prepared -c "$SHOPPERS" -j 2 -T "$RUN_SECONDS" \
    -f "$ROOT/load-tests/pgbench/order.sql" cartwheel > "$OUT/pgbench-$1.log" 2>&1
  grep -oE 'tps = [0-9.]+' "$OUT/pgbench-$1.log" | head -1 | awk '{print $3}'
}

echo "Warming up for ${WARMUP_SECONDS}s (JIT, pools)"
gatling "$WARMUP_SECONDS" warmup > /dev/null

echo "$REPEATS pairs: $SHOPPERS shoppers through the gateway for ${RUN_SECONDS}s, then pgbench with $SHOPPERS clients for ${RUN_SECONDS}s"
echo "ok errors orders/s p50_ms p99_ms pgbench_tps"
: > "$OUT/pairs.tsv"
for i in $(seq 1 "$REPEATS"); do
  gateway=$(gatling "$RUN_SECONDS" "run-$i")
  echo "$gateway $(pgbench_tps "$i")" | tee -a "$OUT/pairs.tsv"
done

python3 "$ROOT/load-tests/report.py" "$OUT" "$SHOPPERS" "$RUN_SECONDS"
echo "Report: $OUT/report.md"
