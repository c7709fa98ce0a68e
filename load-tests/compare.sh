#!/usr/bin/env bash
# Two builds of the node, or one build with two settings, side by side: catalogue browsing at a fixed open
# rate (server CPU per request), the closed orders run (orders/s, server CPU per order, SQL per order) and,
# when SCENARIOS names it, sign-ins back to back (server CPU per sign-in: one password hash) against a fresh node of each, in interleaved pairs (A B, then B A, ...), with B ÷ A taken pair by pair.
# This is how a change is kept or dropped (load-tests/README.md, "Comparing two builds").
#
#   git stash; mvn -q -DskipTests package; cp verticles/launcher/target/cartwheel.jar /tmp/before.jar; git stash pop
#   mvn -q -DskipTests package
#   load-tests/compare.sh /tmp/before.jar verticles/launcher/target/cartwheel.jar
#   load-tests/compare.sh cartwheel.jar "cartwheel.jar CARTWHEEL_TRACING_ENABLED=false"   # a jar and its extra settings
#
# Knobs: PAIRS (3), SCENARIOS ("catalogue orders"; also "signin"), SIGNIN_CLIENTS (4), SIGNIN_SECONDS (20), ORDERS_SECONDS (30), WARMUP_SECONDS (60; the JIT is busy long after 20),
# ORDERS_WARMUP_SECONDS (180: the orders path's JIT settles after about three minutes; "node JIT cores" shows whether it did),
# CLIENT_WARMUP_SECONDS (10: the catalogue run's first seconds unrecorded, while Gatling compiles itself), SHOPPERS (16),
# CUSTOMERS (50), CATALOGUE_RATE (150), CATALOGUE_SECONDS (30), IDLE_SECONDS (10), PROFILE (0; 1: JFR of each
# side's first orders run), NODES (1; 2: two clustered nodes per side; canary: see node.sh), NAME (compare).
# Writes load-tests/target/NAME/compare.md.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
[ $# -eq 2 ] || { sed -n '2,16p' "$0"; exit 2; }
PAIRS=${PAIRS:-3}
SCENARIOS=${SCENARIOS:-catalogue orders}
ORDERS_SECONDS=${ORDERS_SECONDS:-30}
WARMUP_SECONDS=${WARMUP_SECONDS:-60}
ORDERS_WARMUP_SECONDS=${ORDERS_WARMUP_SECONDS:-180}
CLIENT_WARMUP_SECONDS=${CLIENT_WARMUP_SECONDS:-10}
SHOPPERS=${SHOPPERS:-16}
CUSTOMERS=${CUSTOMERS:-50}
CATALOGUE_RATE=${CATALOGUE_RATE:-150}
CATALOGUE_SECONDS=${CATALOGUE_SECONDS:-30}
IDLE_SECONDS=${IDLE_SECONDS:-10}
SIGNIN_CLIENTS=${SIGNIN_CLIENTS:-4}
SIGNIN_SECONDS=${SIGNIN_SECONDS:-20}
PROFILE=${PROFILE:-0}
POISSON=false
OUT=$HERE/target/${NAME:-compare}
read -ra SIDE_A <<< "$1"
read -ra SIDE_B <<< "$2"
for side in "${SIDE_A[0]}" "${SIDE_B[0]}"; do [ -f "$side" ] || { echo "no such jar: $side"; exit 2; }; done
source "$HERE/node.sh"
source "$HERE/parts.sh"
trap stop_node EXIT
rm -rf "$OUT" && mkdir -p "$OUT"
mvn -q -B -ntp -Dstyle.color=never -f "$HERE/pom.xml" test-compile dependency:build-classpath -Dmdep.outputFile="$OUT/tools.classpath" > /dev/null
TOOLS="$HERE/target/test-classes:$(cat "$OUT/tools.classpath")"
NODE_ENV=(CARTWHEEL_PAYMENTS_SIMULATOR_LATENCY_MS=0 CARTWHEEL_ORDERS_PLACE_WAIT_MS=10000 CARTWHEEL_GATEWAY_REQUEST_TIMEOUT_MS=15000
  CARTWHEEL_RATE_LIMITS_ENABLED=false CARTWHEEL_LOGIN_THROTTLE_ENABLED=false)

# measure SIDE PAIR JAR [VAR=value...]: one fresh node; appends "side pair figure value" lines to figures.tsv
measure() {
  local side=$1 pair=$2 jar=$3
  shift 3
  NODE_JAR=$jar launch_node "$OUT/node-$side-$pair" "${NODE_ENV[@]}" "$@"
  await_node
  RESULTS=$OUT/rows-$side-$pair.tsv
  figure() { printf '%s\t%s\t%s\t%s\n' "$side" "$pair" "$1" "$2" >> "$OUT/figures.tsv"; }
  local ok ko rate p50 p99 p999
  if [[ " $SCENARIOS " == *" catalogue "* ]]; then
    node_gatling CatalogueSimulation "catalogue-warmup-$side-$pair" -Drate="$CATALOGUE_RATE" -DdurationSeconds="$WARMUP_SECONDS"
    idle_node
    figure "node idle cores" "$NODE_IDLE_CORES"
    CLIENT_WARMUP=$CLIENT_WARMUP_SECONDS node_gatling CatalogueSimulation "catalogue-$side-$pair" -Drate="$CATALOGUE_RATE" -DdurationSeconds="$CATALOGUE_SECONDS"
    read -r ok ko rate p50 p99 p999 < <(python3 "$HERE/gatling_stats.py" "$REPORT" "All Requests" "$CATALOGUE_SECONDS")
    figure "catalogue CPU ms/request" "$(cpu_ms_per_op "$CPU_S" "$ok")"
    figure "catalogue p99 ms" "$p99"
    figure "catalogue errors" "$ko"
  fi
  if [[ " $SCENARIOS " == *" orders "* ]]; then
    node_gatling OrdersSimulation "orders-warmup-$side-$pair" -Dshoppers="$SHOPPERS" -Dcustomers="$CUSTOMERS" -DdurationSeconds="$ORDERS_WARMUP_SECONDS"
    [ -n "${NODE_IDLE_CORES:-}" ] || idle_node
    figure "node idle cores" "$NODE_IDLE_CORES"
    local record=
    if [ "$PROFILE" = 1 ] && [ "$pair" = 1 ]; then record=$OUT/orders-$side.jfr; fi
    sql_economy_start
    RECORD=$record node_gatling OrdersSimulation "orders-$side-$pair" -Dshoppers="$SHOPPERS" -Dcustomers="$CUSTOMERS" -DdurationSeconds="$ORDERS_SECONDS"
    read -r ok ko rate p50 p99 p999 < <(python3 "$HERE/gatling_stats.py" "$REPORT" "place order" "$ORDERS_SECONDS")
    figure "orders/s" "$rate"
    figure "orders CPU ms/order" "$(cpu_ms_per_op "$CPU_S" "$ok")"
    figure "orders p50 ms" "$p50"
    figure "orders p99 ms" "$p99"
    figure "orders errors" "$ko"
    figure "orders node JIT cores" "$JIT_CORES"
    local statements transactions
    read -r statements transactions < <(sql_economy_per_order "$OUT/statements-$side-$pair.tsv")
    figure "SQL statements/order" "$statements"
    figure "SQL transactions/order" "$transactions"
    if [ -n "$record" ]; then python3 "$HERE/profile.py" "$record" "$OUT/profile-$side.md" 15 "side $side's orders run"; fi
  fi
  if [[ " $SCENARIOS " == *" signin "* ]]; then
    node_gatling SignInSimulation "sign-in-warmup-$side-$pair" -Dclients="$SIGNIN_CLIENTS" -DdurationSeconds=10
    [ -n "${NODE_IDLE_CORES:-}" ] || idle_node
    node_gatling SignInSimulation "sign-in-$side-$pair" -Dclients="$SIGNIN_CLIENTS" -DdurationSeconds="$SIGNIN_SECONDS"
    read -r ok ko rate p50 p99 p999 < <(python3 "$HERE/gatling_stats.py" "$REPORT" "sign in" "$SIGNIN_SECONDS")
    figure "sign-ins/s" "$rate"
    figure "sign-in CPU ms/request" "$(cpu_ms_per_op "$CPU_S" "$ok")"
    figure "sign-in p99 ms" "$p99"
    figure "sign-in errors" "$ko"
  fi
  stop_node
  NODE_IDLE_CORES=
}

: > "$OUT/figures.tsv"
for pair in $(seq 1 "$PAIRS"); do
  if [ $((pair % 2)) = 1 ]; then order=(A B); else order=(B A); fi
  for side in "${order[@]}"; do
    echo "[pair $pair of $PAIRS] side $side"
    if [ "$side" = A ]; then measure A "$pair" "${SIDE_A[@]}"; else measure B "$pair" "${SIDE_B[@]}"; fi
  done
done

python3 "$HERE/compare_report.py" "$OUT/figures.tsv" "$1" "$2" \
  "$(git -C "$ROOT" rev-parse --short HEAD)" "PAIRS=$PAIRS NODES=${NODES:-1} SHOPPERS=$SHOPPERS ORDERS_SECONDS=$ORDERS_SECONDS CATALOGUE_RATE=$CATALOGUE_RATE CATALOGUE_SECONDS=$CATALOGUE_SECONDS WARMUP_SECONDS=$WARMUP_SECONDS ORDERS_WARMUP_SECONDS=$ORDERS_WARMUP_SECONDS" \
  > "$OUT/compare.md"
for side in A B; do [ -f "$OUT/profile-$side.md" ] && cat "$OUT/profile-$side.md" >> "$OUT/compare.md"; done
cat "$OUT/compare.md"
