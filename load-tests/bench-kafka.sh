#!/usr/bin/env bash
# Events per second through the Kafka bridge of one node, against Kafka's own performance tools on the
# same broker with the same record size and acks, measured now, in interleaved pairs:
#   outbound: the outbox relay writing CloudEvents (acks=all, idempotent) vs ProducerPerformance;
#   inbound:  the bridge handling restock CloudEvents end to end vs ConsumerPerformance reading them.
# Writes load-tests/target/kafka-report.md.
#
#   load-tests/bench-kafka.sh                 # defaults below
#   EVENTS=5000 REPEATS=3 load-tests/bench-kafka.sh
#
# Needs: JDK 17, Maven, python3, psql (Debian: apt-get install postgresql-client).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
OUT=$ROOT/load-tests/target
EVENTS=${EVENTS:-20000}
INBOUND_EVENTS=${INBOUND_EVENTS:-5000}
REPEATS=${REPEATS:-3}

command -v psql >/dev/null || { echo "psql is missing (apt-get install postgresql-client)"; exit 1; }
mkdir -p "$OUT"
mvn -q -B -ntp -f "$ROOT/load-tests/pom.xml" test-compile dependency:build-classpath -Dmdep.outputFile="$OUT/tools.classpath" >/dev/null
TOOLS="$OUT/test-classes:$(cat "$OUT/tools.classpath")"
source "$ROOT/load-tests/node.sh"
start_node "$OUT/kafka-bench-node" CARTWHEEL_BRIDGE_INBOUND_TOPICS=bench.inbound

sql() { psql -qtAX "$PG_URL" -c "$1"; }

ADMIN=$(curl -s -X POST "$BASE/api/v1/sessions" -H 'Content-Type: application/json' \
  -d '{"email":"admin@cartwheel.dev","password":"cartwheel-dev-admin"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
for i in $(seq -w 0 11); do
  curl -s -o /dev/null -X POST "$BASE/api/v1/products" -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' \
    -d "{\"sku\":\"BENCH-IN-$i\",\"name\":\"Inbound bench $i\",\"priceMinor\":100,\"currency\":\"EUR\"}"
done

# An order-confirmed event of realistic size, as the orders outbox holds it.
PAYLOAD='{"eventId":"00000000-0000-0000-0000-000000000000","occurredAt":"2026-11-23T12:00:00Z","order":{"id":"1b4e28ba-2fa1-11d2-883f-0016d3cca427","userId":"6f1c2a4e-8b0d-4c52-9d7e-3a1f0e5b9c11","status":"CONFIRMED","cancelReason":null,"lines":[{"sku":"CW-MUG-01","quantity":2,"unitPriceMinor":1290},{"sku":"CW-TEE-M","quantity":1,"unitPriceMinor":2490}],"totalMinor":5070,"currency":"EUR","createdAt":"2026-11-23T12:00:00Z","updatedAt":"2026-11-23T12:00:00Z"}}'
SIZE=${#PAYLOAD}

outbound_relay() { # events/s of the relay draining EVENTS rows written at once
  sql "INSERT INTO orders.outbox (id, aggregate_id, address, payload, occurred_at, published_at)
       SELECT gen_random_uuid(), gen_random_uuid()::text, 'orders.evt.order-confirmed', '$PAYLOAD'::jsonb, now(), now()
       FROM generate_series(1, $EVENTS)"
  local start; start=$(sql "SELECT extract(epoch FROM clock_timestamp())")
  until [ "$(sql "SELECT count(*) FROM orders.outbox WHERE kafka_sent_at IS NULL")" = "0" ]; do sleep 0.2; done
  sql "SELECT round($EVENTS / extract(epoch FROM max(kafka_sent_at) - to_timestamp($start)))::int FROM orders.outbox"
}

producer_perf() {
  java -cp "$TOOLS" org.apache.kafka.tools.ProducerPerformance --topic bench.perf --num-records "$EVENTS" --record-size "$SIZE" \
    --throughput -1 --producer-props bootstrap.servers="$KAFKA" acks=all enable.idempotence=true linger.ms=5 2>/dev/null \
    | tail -1 | grep -oE '[0-9.]+ records/sec' | awk '{printf "%d\n", $1}'
}

inbound_bridge() { # events/s of the bridge handling INBOUND_EVENTS restocks fed at once
  local before; before=$(sql "SELECT count(*) FROM bridge.processed_inbound")
  local since; since=$(sql "SELECT extract(epoch FROM clock_timestamp())")
  java -cp "$TOOLS" dev.cartwheel.bench.InboundFeeder "$KAFKA" bench.inbound "$INBOUND_EVENTS" BENCH-IN >/dev/null 2>&1
  until [ "$(sql "SELECT count(*) FROM bridge.processed_inbound")" -ge $((before + INBOUND_EVENTS)) ]; do sleep 0.2; done
  sql "SELECT round(count(*) / extract(epoch FROM max(handled_at) - min(handled_at)))::int FROM bridge.processed_inbound
       WHERE handled_at > to_timestamp($since)"
}

consumer_perf() { # reads the same number of the same records from bench.inbound
  java -cp "$TOOLS" org.apache.kafka.tools.ConsumerPerformance --bootstrap-server "$KAFKA" --topic bench.inbound \
    --messages "$INBOUND_EVENTS" --group "perf-$1-$RANDOM" --timeout 60000 2>/dev/null \
    | tail -1 | awk -F', *' '{printf "%d\n", $10}'
}

echo "Warming up"
EVENTS=2000 outbound_relay >/dev/null
# the value the relay really sends: the payload as PostgreSQL prints jsonb, not as written above
SIZE=$(sql "SELECT round(avg(octet_length(payload::text)))::int FROM orders.outbox")
producer_perf >/dev/null
INBOUND_EVENTS=500 inbound_bridge >/dev/null

echo "outbound: relay_events/s producer_perf_records/s (${EVENTS} events of ${SIZE} bytes)"
: > "$OUT/kafka-outbound.tsv"
for i in $(seq 1 "$REPEATS"); do echo "$(outbound_relay) $(producer_perf)" | tee -a "$OUT/kafka-outbound.tsv"; done
echo "inbound: bridge_events/s consumer_perf_records/s (${INBOUND_EVENTS} restocks)"
: > "$OUT/kafka-inbound.tsv"
for i in $(seq 1 "$REPEATS"); do echo "$(inbound_bridge) $(consumer_perf "$i")" | tee -a "$OUT/kafka-inbound.tsv"; done

python3 "$ROOT/load-tests/kafka_report.py" "$OUT" "$EVENTS" "$SIZE" "$INBOUND_EVENTS"
echo "Report: $OUT/kafka-report.md"
