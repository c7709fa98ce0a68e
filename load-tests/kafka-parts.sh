#!/usr/bin/env bash
# The bench's Kafka parts alone, on one fresh node of JAR (default: the built jar): the outbox relay vs
# ProducerPerformance and the inbound bridge vs ConsumerPerformance, as bench.sh measures them, with the node's
# CPU at rest before. Run it for two jars in turn (A B, B A, ...) to compare them pair by pair:
#
#   JAR=/tmp/before.jar NAME=before-1 load-tests/kafka-parts.sh; JAR=/tmp/after.jar NAME=after-1 load-tests/kafka-parts.sh
#
# Knobs: KAFKA_EVENTS (20000), KAFKA_INBOUND_EVENTS (5000), IDLE_SECONDS (20). Rows in load-tests/target/NAME/results.tsv.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
OUT=$HERE/target/${NAME:-kafka}
rm -rf "$OUT" && mkdir -p "$OUT"
WARMUP_SECONDS=20
KAFKA_EVENTS=${KAFKA_EVENTS:-20000}
KAFKA_INBOUND_EVENTS=${KAFKA_INBOUND_EVENTS:-5000}
IDLE_SECONDS=${IDLE_SECONDS:-20}
source "$HERE/node.sh"
source "$HERE/parts.sh"
trap stop_node EXIT
RESULTS=$OUT/results.tsv
: > "$RESULTS"
mvn -q -B -ntp -Dstyle.color=never -f "$HERE/pom.xml" test-compile dependency:build-classpath -Dmdep.outputFile="$OUT/tools.classpath" > /dev/null
TOOLS="$HERE/target/test-classes:$(cat "$OUT/tools.classpath")"
NODE_JAR=${JAR:-$ROOT/verticles/launcher/target/cartwheel.jar} launch_node "$OUT/node" CARTWHEEL_PAYMENTS_SIMULATOR_LATENCY_MS=0 \
  CARTWHEEL_RATE_LIMITS_ENABLED=false CARTWHEEL_LOGIN_THROTTLE_ENABLED=false CARTWHEEL_BRIDGE_INBOUND_TOPICS=bench.inbound
await_node
# the products the inbound feeder restocks (BENCH-00..11), which the bench's simulations make otherwise
sql "INSERT INTO inventory.products (sku, name, price_minor, currency, stock_on_hand)
     SELECT 'BENCH-' || lpad(i::text, 2, '0'), 'bench', 100, 'EUR', 1000000 FROM generate_series(0, 11) i ON CONFLICT DO NOTHING" > /dev/null
sleep 20  # the JIT settles after start-up; CPU at rest is read after it
idle_node
printf 'idle\tnode CPU at rest\t%s\tcores\n' "$NODE_IDLE_CORES" >> "$RESULTS"
kafka_outbound
kafka_inbound
cat "$RESULTS"
