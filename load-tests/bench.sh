#!/usr/bin/env bash
# The bench: Cartwheel's scenarios and, in the same run on the same machine, the ceilings of the parts
# it is built on; writes load-tests/target/report.md (see load-tests/README.md).
#
#   load-tests/bench.sh                    # the full bench, about ten minutes on 2 cores
#   load-tests/bench.sh --smoke            # every part for a few seconds (CI); fails when a row is missing
#   SHOPPER_RATE=8 DURATION=30 load-tests/bench.sh
#
# Needs: JDK 17, Maven, python3, pgbench and psql, argon2 (Debian: apt-get install postgresql-client argon2).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
OUT=$HERE/target
[ "${1:-}" = "--smoke" ] && BENCH_SMOKE=1
SMOKE=${BENCH_SMOKE:-0}

# Knobs (environment variables). Full defaults first, smoke defaults second.
if [ "$SMOKE" = 1 ]; then s() { echo "${!1:-$3}"; }; else s() { echo "${!1:-$2}"; }; fi
CATALOGUE_RATE=$(s CATALOGUE_RATE 150 50)   # visitors/s, 3 requests each (the HTTP ceiling gets the same)
SHOPPER_RATE=$(s SHOPPER_RATE 8 2)           # new shoppers/s: register, login, browse, 3 orders
STREAM_RATE=$(s STREAM_RATE 10 4)           # WebSocket subscribers/s, 3 orders each
DURATION=$(s DURATION 60 3)                  # seconds of arrivals: HTTP ceiling, catalogue, WebSocket
SHOPPER_SECONDS=$(s SHOPPER_SECONDS 90 4)
ORDERS_SECONDS=$(s ORDERS_SECONDS 30 3)      # the closed orders run (capacity)
SIGNIN_CLIENTS=$(s SIGNIN_CLIENTS 4 4)       # sign-ins in flight, back to back (one argon2id hash each)
SIGNIN_SECONDS=$(s SIGNIN_SECONDS 20 3)
SIGNIN_PAIRS=$(s SIGNIN_PAIRS 3 1)           # the hashing ceiling then the sign-ins, repeated: the ratio pair by pair
ARGON2_RUNS=$(s ARGON2_RUNS 15 2)            # runs of the argon2 CLI at each of two costs (the hashing ceiling)
SHOPPERS=$(s SHOPPERS 16 16)                 # its concurrent shoppers, and pgbench's clients
PAIRS=$(s PAIRS 1 1)                         # closed orders then pgbench, repeated: median and spread when > 1
PGBENCH_SECONDS=$(s PGBENCH_SECONDS 30 3)
CUSTOMERS=$(s CUSTOMERS 50 10)               # registered before the closed and WebSocket runs
KAFKA_EVENTS=$(s KAFKA_EVENTS 20000 1000)
KAFKA_INBOUND_EVENTS=$(s KAFKA_INBOUND_EVENTS 5000 300)
KAFKA_INBOUND_WARMUP=$(s KAFKA_INBOUND_WARMUP 5000 0)  # before each inbound run, unmeasured: the JIT compiles the path
KAFKA_PARTNER_ORDERS=$(s KAFKA_PARTNER_ORDERS 3000 100)
EB_IN_FLIGHT=$(s EB_IN_FLIGHT 16 16)
EB_SECONDS=$(s EB_SECONDS 20 3)
EB_WARMUP_SECONDS=$(s EB_WARMUP_SECONDS 5 1)
WARMUP_SECONDS=$(s WARMUP_SECONDS 20 0)
ORDERS_WARMUP_SECONDS=$(s ORDERS_WARMUP_SECONDS 180 0)  # before the first closed orders run: until the node's JIT has settled
CLIENT_WARMUP_SECONDS=$(s CLIENT_WARMUP_SECONDS 10 1)  # open runs: their arrivals this long, unrecorded, while Gatling compiles itself
IDLE_SECONDS=$(s IDLE_SECONDS 10 2)          # the node's CPU at rest, measured after the catalogue's warm-up
POISSON=$(s POISSON true false)              # Poisson arrivals; the smoke run spaces them evenly
PROFILE=$(s PROFILE 1 1)                     # 1: JFR of the node during the shopper journey and the closed orders
KNOBS="CATALOGUE_RATE SHOPPER_RATE STREAM_RATE DURATION SHOPPER_SECONDS ORDERS_SECONDS SIGNIN_CLIENTS SIGNIN_SECONDS SIGNIN_PAIRS ARGON2_RUNS SHOPPERS PAIRS PGBENCH_SECONDS
  CUSTOMERS KAFKA_EVENTS KAFKA_INBOUND_EVENTS KAFKA_INBOUND_WARMUP KAFKA_PARTNER_ORDERS EB_IN_FLIGHT EB_SECONDS EB_WARMUP_SECONDS WARMUP_SECONDS ORDERS_WARMUP_SECONDS CLIENT_WARMUP_SECONDS IDLE_SECONDS POISSON PROFILE"

for tool in java mvn python3 pgbench psql jcmd jfr argon2 openssl; do
  command -v $tool > /dev/null || { echo "$tool is missing (pgbench, psql: apt-get install postgresql-client; argon2: apt-get install argon2; openssl: apt-get install openssl)"; exit 1; }
done

source "$HERE/node.sh"
source "$HERE/parts.sh"
SERVERS=()
stop_all() {
  for pid in "${SERVERS[@]}"; do kill "$pid" 2>/dev/null || true; done
  stop_node
}
trap stop_all EXIT

rm -rf "$OUT/gatling" "$OUT/report.md" "$OUT/profile.md" "$OUT"/*.jfr && mkdir -p "$OUT"
RESULTS=$OUT/results.tsv
: > "$RESULTS"
STARTED=$(date +%s)
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)

step() { echo "[$(( $(date +%s) - STARTED )) s] $*"; }
step "Building"
# the node's jar is built when missing only (the reactor build takes minutes): rebuild it after a change
[ -f "$ROOT/verticles/launcher/target/cartwheel.jar" ] || mvn -q -B -ntp -Dstyle.color=never -f "$ROOT/pom.xml" -DskipTests -DskipITs package
BASELINES=$HERE/baselines/target/bench-baselines.jar
mvn -q -B -ntp -Dstyle.color=never -f "$HERE/baselines/pom.xml" package  # a few seconds: always current, unlike the node's jar
mvn -q -B -ntp -Dstyle.color=never -f "$HERE/pom.xml" test-compile dependency:build-classpath -Dmdep.outputFile="$OUT/tools.classpath" > /dev/null
TOOLS="$OUT/test-classes:$(cat "$OUT/tools.classpath")"

NODE_ENV=(CARTWHEEL_PAYMENTS_SIMULATOR_LATENCY_MS=0 CARTWHEEL_ORDERS_PLACE_WAIT_MS=10000 CARTWHEEL_GATEWAY_REQUEST_TIMEOUT_MS=15000
  CARTWHEEL_RATE_LIMITS_ENABLED=false CARTWHEEL_LOGIN_THROTTLE_ENABLED=false CARTWHEEL_STREAM_MAX_CONNECTIONS_PER_USER=50
  CARTWHEEL_BRIDGE_INBOUND_TOPICS=bench.inbound)
step "HTTP ceiling";      http_baseline
step "event-bus ceiling"; eventbus_baselines
step "starting the node"; launch_node "$OUT/bench-node" "${NODE_ENV[@]}"; await_node
step "node ready at $BASE"
step "catalogue";         catalogue
step "sign-in and the hashing ceiling"; sign_in
step "shopper journey";   shopper_journey
for pair in $(seq 1 "$PAIRS"); do
  step "orders (closed) and database ceilings, pair $pair of $PAIRS"; orders_closed "$pair"; database_ceiling "$pair"; database_full "$pair"
done
step "orders (open)";     orders_open
step "WebSocket";         stream
step "Kafka";             kafka_outbound; kafka_inbound; kafka_inbound_orders
stop_node

{
  for knob in $KNOBS; do echo "$knob=${!knob}"; done
  echo "SMOKE=$SMOKE"
  echo "NODE_IDLE_CORES=${NODE_IDLE_CORES:-?}"
  echo "COMMIT=$(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet HEAD -- . ':!load-tests/target' || echo -dirty)"
  echo "SECONDS_TAKEN=$(( $(date +%s) - STARTED ))"
  echo "LOAD=$LOAD_BEFORE → $(cut -d' ' -f1-3 /proc/loadavg)"
} > "$OUT/config.env"
python3 "$HERE/report.py" "$OUT"
echo "Report: $OUT/report.md (Gatling's HTML reports: $OUT/gatling/)"
