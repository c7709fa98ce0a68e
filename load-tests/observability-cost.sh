#!/usr/bin/env bash
# What metrics and tracing cost: the closed orders run (OrdersSimulation, SHOPPERS back to back) against a
# node with the defaults (metrics and tracing on, spans not exported) and against one with both off, in
# interleaved pairs (PAIRS), each on a fresh node. Writes load-tests/target/observability-cost.md.
#
#   load-tests/observability-cost.sh                   # 3 pairs, about 10 minutes on 2 cores
#   PAIRS=2 ORDERS_SECONDS=20 load-tests/observability-cost.sh
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
OUT=$HERE/target/observability-cost
PAIRS=${PAIRS:-3}
SHOPPERS=${SHOPPERS:-16}
CUSTOMERS=${CUSTOMERS:-50}
ORDERS_SECONDS=${ORDERS_SECONDS:-30}
WARMUP_SECONDS=${WARMUP_SECONDS:-20}
POISSON=false
source "$HERE/node.sh"
source "$HERE/parts.sh"
trap stop_node EXIT
mkdir -p "$OUT" && : > "$OUT/pairs.tsv"
mvn -q -B -ntp -Dstyle.color=never -f "$HERE/pom.xml" test-compile dependency:build-classpath -Dmdep.outputFile="$OUT/tools.classpath" > /dev/null
TOOLS="$HERE/target/test-classes:$(cat "$OUT/tools.classpath")"
NODE_ENV=(CARTWHEEL_PAYMENTS_SIMULATOR_LATENCY_MS=0 CARTWHEEL_ORDERS_PLACE_WAIT_MS=10000 CARTWHEEL_GATEWAY_REQUEST_TIMEOUT_MS=15000
  CARTWHEEL_RATE_LIMITS_ENABLED=false)
OFF=(CARTWHEEL_METRICS_ENABLED=false CARTWHEEL_TRACING_ENABLED=false)

measure() { # label [VAR=value...]: RESULT="orders/s p50 p99 CPU-ms-per-order errors" of one fresh node
  local label=$1
  shift
  launch_node "$OUT/node-$label" "${NODE_ENV[@]}" "$@"
  await_node
  RESULTS=$OUT/$label.tsv
  node_gatling OrdersSimulation "$label-warmup" -Dshoppers="$SHOPPERS" -Dcustomers="$CUSTOMERS" -DdurationSeconds="$WARMUP_SECONDS"
  node_gatling OrdersSimulation "$label" -Dshoppers="$SHOPPERS" -Dcustomers="$CUSTOMERS" -DdurationSeconds="$ORDERS_SECONDS"
  local ok ko rate p50 p99 p999
  read -r ok ko rate p50 p99 p999 < <(python3 "$HERE/gatling_stats.py" "$REPORT" "place order" "$ORDERS_SECONDS")
  stop_node
  RESULT="$rate $p50 $p99 $(cpu_ms_per_op "$CPU_S" "$ok") $ko"
}

for pair in $(seq 1 "$PAIRS"); do
  measure "on-$pair"; on=$RESULT
  measure "off-$pair" "${OFF[@]}"; off=$RESULT
  echo "pair $pair: on $on | off $off"
  echo "$on $off" >> "$OUT/pairs.tsv"
done

python3 - "$OUT/pairs.tsv" "$PAIRS" "$SHOPPERS" "$ORDERS_SECONDS" "$(git -C "$ROOT" rev-parse --short HEAD)" > "$HERE/target/observability-cost.md" <<'PY'
import statistics, sys
rows = [list(map(float, line.split())) for line in open(sys.argv[1]) if line.strip()]
def spread(values, digits=3):
    return f"{round(statistics.median(values), digits):g} ({round(min(values), digits):g}–{round(max(values), digits):g})"
print(f"# What metrics and tracing cost\n\n{sys.argv[2]} interleaved pairs, each on a fresh node: {sys.argv[3]} shoppers placing orders "
      f"back to back for {sys.argv[4]} s, with the defaults (metrics and tracing on, spans not exported) and with both off. "
      f"Commit {sys.argv[5]}. Median (min–max).\n")
print("| | orders/s | p50 ms | p99 ms | server CPU ms/order | errors |\n|---|---|---|---|---|---|")
for name, at in (("metrics and tracing on", 0), ("both off", 5)):
    print(f"| {name} | " + " | ".join(spread([r[at + i] for r in rows], 1) for i in range(4)) + f" | {int(sum(r[at + 4] for r in rows))} |")
print(f"\nThroughput on ÷ off, pair by pair: {spread([r[0] / r[5] for r in rows])}; "
      f"CPU per order on ÷ off: {spread([r[3] / r[8] for r in rows])}.")
PY
cat "$HERE/target/observability-cost.md"
