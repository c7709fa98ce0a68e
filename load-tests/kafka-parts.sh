#!/usr/bin/env bash
# The bench's Kafka parts alone, on one fresh node of JAR (default: the built jar): the outbox relay vs
# ProducerPerformance, the inbound bridge vs ConsumerPerformance, and partner orders through the bridge vs the
# closed orders run over HTTP, as bench.sh measures them, with the node's CPU at rest before. Run it for two jars
# in turn (A B, B A, ...) to compare them pair by pair:
#
#   JAR=/tmp/before.jar NAME=before-1 load-tests/kafka-parts.sh; JAR=/tmp/after.jar NAME=after-1 load-tests/kafka-parts.sh
#
# Knobs: KAFKA_EVENTS (20000), KAFKA_INBOUND_EVENTS (5000; 0 leaves the inbound bridge out), KAFKA_INBOUND_WARMUP (5000), KAFKA_PARTNER_ORDERS (3000;
# 0 leaves the closed orders run and the partner orders out), IDLE_SECONDS (20), NODE_SETTINGS (more of the node's
# environment, e.g. "CARTWHEEL_OUTBOX_BATCH_SIZE=1000"), and node.sh's NODES and BRIDGES. Rows in
# load-tests/target/NAME/results.tsv.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
OUT=$HERE/target/${NAME:-kafka}
rm -rf "$OUT" && mkdir -p "$OUT"
WARMUP_SECONDS=20
KAFKA_EVENTS=${KAFKA_EVENTS:-20000}
KAFKA_INBOUND_EVENTS=${KAFKA_INBOUND_EVENTS:-5000}
KAFKA_INBOUND_WARMUP=${KAFKA_INBOUND_WARMUP:-5000}
KAFKA_PARTNER_ORDERS=${KAFKA_PARTNER_ORDERS:-3000}
# the closed orders run, as bench.sh's defaults
SHOPPERS=16 CUSTOMERS=50 ORDERS_SECONDS=30 PROFILE=0 POISSON=true
IDLE_SECONDS=${IDLE_SECONDS:-20}
source "$HERE/node.sh"
source "$HERE/parts.sh"
trap stop_node EXIT
RESULTS=$OUT/results.tsv
: > "$RESULTS"
mvn -q -B -ntp -Dstyle.color=never -f "$HERE/pom.xml" test-compile dependency:build-classpath -Dmdep.outputFile="$OUT/tools.classpath" > /dev/null
TOOLS="$HERE/target/test-classes:$(cat "$OUT/tools.classpath")"
NODE_JAR=${JAR:-$ROOT/verticles/launcher/target/cartwheel.jar} launch_node "$OUT/node" CARTWHEEL_PAYMENTS_SIMULATOR_LATENCY_MS=0 \
  CARTWHEEL_ORDERS_PLACE_WAIT_MS=10000 CARTWHEEL_GATEWAY_REQUEST_TIMEOUT_MS=15000 \
  CARTWHEEL_RATE_LIMITS_ENABLED=false CARTWHEEL_LOGIN_THROTTLE_ENABLED=false CARTWHEEL_BRIDGE_INBOUND_TOPICS=bench.inbound \
  ${NODE_SETTINGS:-}
await_node
# the products the inbound feeder restocks (BENCH-00..11), which the bench's simulations make otherwise
sql "INSERT INTO inventory.products (sku, name, price_minor, currency, stock_on_hand)
     SELECT 'BENCH-' || lpad(i::text, 2, '0'), 'bench', 100, 'EUR', 1000000 FROM generate_series(0, 11) i ON CONFLICT DO NOTHING" > /dev/null
sleep 20  # the JIT settles after start-up; CPU at rest is read after it
idle_node
printf 'idle\tnode CPU at rest\t%s\tcores\n' "$NODE_IDLE_CORES" >> "$RESULTS"
kafka_outbound
if [ "$KAFKA_INBOUND_EVENTS" -gt 0 ]; then kafka_inbound; fi
if [ "$KAFKA_PARTNER_ORDERS" -gt 0 ]; then
  orders_closed 1
  kafka_inbound_orders
fi
cat "$RESULTS"
