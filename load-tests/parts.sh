# Sourced by bench.sh: one function per measured part. Each appends its rows to $RESULTS (tab-separated:
# key, label, throughput, unit, p50 ms, p99 ms, p99.9 ms, errors, server CPU ms per operation, note);
# report.py turns them into report.md. "-" marks a figure a part does not measure; a key "name#n" is the
# n-th of repeated runs, which the report shows as their median and spread.

row() {
  local IFS=$'\t'
  echo "$*" >> "$RESULTS"
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# wait_for FILE PATTERN PID: until FILE has a line matching PATTERN; fails when PID ends first
wait_for() {
  until grep -q "$2" "$1" 2>/dev/null; do
    kill -0 "$3" 2>/dev/null || { grep -q "$2" "$1" 2>/dev/null && return 0; echo "gave up waiting for '$2' in $1"; return 1; }
    sleep 0.2
  done
}

cpu_ms_per_op() { # cpu_seconds operations ("-" when not measured)
  python3 -c "import sys; s, n = sys.argv[1], int(sys.argv[2]); print(round(1000 * float(s) / n, 3) if n and s != '-' else '-')" "$1" "$2"
}

# jit_seconds PID: the CPU seconds a JVM's JIT compiler threads have used so far
jit_seconds() {
  python3 "$HERE/threads.py" "$1" | python3 -c "import json, sys; print(sum(cpu for name, cpu in json.load(sys.stdin).items() if 'CompilerThre' in name))"
}

# gatling SIMULATION LABEL "SERVER_PIDS" -Dknob=value...: runs a simulation; sets REPORT (its HTML report)
# and CPU_S, the CPU seconds the server processes used while it ran (after its setup, before its report).
# With RECORD=file.jfr, the node is profiled over the same window. With CLIENT_WARMUP=seconds, an open
# simulation first runs its arrivals that long unrecorded (Gatling's own JIT), and the window starts after.
# With JIT_PID=pid, JIT_CORES is the cores that JVM's JIT compiler used over the window: a node that still
# compiles spends CPU a node that has run for a while does not (load-tests/README.md, "The node's warm-up").
gatling() {
  local simulation=$1 label=$2 pids=$3 client_warmup=${CLIENT_WARMUP:-0}
  shift 3
  local log=$OUT/gatling-$label.log
  # -Dhttps.proxyHost: Gatling's once-a-day release check (Maven Central) fails at once; the bench stays local
  java -Xmx512m --add-opens=java.base/java.lang=ALL-UNNAMED -Dhttps.proxyHost=127.0.0.1 -Dhttps.proxyPort=9 -Dpoisson="$POISSON" \
    -DclientWarmupSeconds="$client_warmup" "$@" \
    -cp "$TOOLS" io.gatling.app.Gatling -s "dev.cartwheel.bench.$simulation" -rf "$OUT/gatling" -rd "$label" > "$log" 2>&1 &
  local pid=$!
  wait_for "$log" "Simulation .* started" $pid || { tail -20 "$log"; return 1; }
  sleep "$client_warmup"
  local before since jit_before
  before=$(python3 "$HERE/cpu.py" $pids)
  if [ -n "${JIT_PID:-}" ]; then jit_before=$(jit_seconds "$JIT_PID"); fi
  since=$(date +%s.%N)
  if [ -n "${RECORD:-}" ]; then jcmd "$NODE" JFR.start name=bench settings=profile filename="$RECORD" > /dev/null; fi
  wait_for "$log" "Parsing log file" $pid || { tail -20 "$log"; return 1; }
  CPU_S=$(python3 -c "import sys; print(float(sys.argv[2]) - float(sys.argv[1]))" "$before" "$(python3 "$HERE/cpu.py" $pids)")
  WINDOW_S=$(python3 -c "import sys, time; print(time.time() - float(sys.argv[1]))" "$since")
  if [ -n "${JIT_PID:-}" ]; then
    JIT_CORES=$(python3 -c "import sys; print(round((float(sys.argv[2]) - float(sys.argv[1])) / float(sys.argv[3]), 3))" "$jit_before" "$(jit_seconds "$JIT_PID")" "$WINDOW_S")
  fi
  # after the CPU reading: writing the recording out is not the scenario's work
  if [ -n "${RECORD:-}" ]; then jcmd "$NODE" JFR.stop name=bench > /dev/null; fi
  wait $pid || true  # Gatling exits non-zero when a request failed: errors are counted, not fatal
  REPORT=$(grep -o 'file://.*index.html' "$log" | sed 's|^file://||; s|/index.html$||')
  [ -n "$REPORT" ] || { echo "Gatling wrote no report: $log"; tail -20 "$log"; return 1; }
}

# gatling_row KEY LABEL UNIT STATS_ROW SECONDS [NOTE]: a row from the last report's STATS_ROW
gatling_row() {
  local ok ko rate p50 p99 p999
  read -r ok ko rate p50 p99 p999 < <(python3 "$HERE/gatling_stats.py" "$REPORT" "$4" "$5")
  row "$1" "$2" "$rate" "$3" "$p50" "$p99" "$p999" "$ko" "$(cpu_ms_per_op "$CPU_S" "$ok")" "${6:--}"
}

# --- the ceilings, each measured alone on the machine ---

# stop_server PID: stops a ceiling's server and forgets it (bench.sh's exit trap stops those still in SERVERS)
stop_server() {
  kill "$1" 2>/dev/null && wait "$1" 2>/dev/null || true
  local left=() pid
  for pid in "${SERVERS[@]}"; do [ "$pid" = "$1" ] || left+=("$pid"); done
  SERVERS=("${left[@]}")
}

http_baseline() {
  local port; port=$(free_port)
  java -Xmx512m -cp "$BASELINES" dev.cartwheel.baselines.HttpBaseline "$port" > "$OUT/http-baseline.log" 2>&1 &
  local server=$!
  SERVERS+=($server)
  wait_for "$OUT/http-baseline.log" "listening" $server
  local knobs=(-DbaseUrl="http://127.0.0.1:$port" -Dsetup=false -Drate="$CATALOGUE_RATE")
  if [ "$WARMUP_SECONDS" -gt 0 ]; then gatling CatalogueSimulation http-baseline-warmup "$server" "${knobs[@]}" -DdurationSeconds="$WARMUP_SECONDS"; fi
  CLIENT_WARMUP=$CLIENT_WARMUP_SECONDS gatling CatalogueSimulation http-baseline "$server" "${knobs[@]}" -DdurationSeconds="$DURATION"
  gatling_row http "bare vertx-web, fixed JSON (HTTP ceiling)" "req/s" "All Requests" "$DURATION"
  stop_server $server
}

# eventbus_row KEY LABEL OUTPUT: a row from EventBusBaseline's RESULT line
eventbus_row() {
  local line; line=$(grep '^RESULT' "$3") || { echo "no result in $3"; tail -20 "$3"; return 1; }
  local -A r
  local pair
  for pair in ${line#RESULT }; do r[${pair%%=*}]=${pair#*=}; done
  row "$1" "$2" "${r[throughput]}" "msg/s" "${r[p50_ms]}" "${r[p99_ms]}" "${r[p999_ms]}" "${r[errors]}" "-" "$EB_IN_FLIGHT requests in flight"
}

# eventbus_jvm: sets EB_JVM, the command line of EventBusBaseline, with Hazelcast's recommended opens, as the
# platform's launcher gives them
eventbus_jvm() {
  EB_JVM=(-Xmx512m --add-modules java.se --add-exports java.base/jdk.internal.ref=ALL-UNNAMED --add-opens java.base/java.lang=ALL-UNNAMED
    --add-opens java.base/sun.nio.ch=ALL-UNNAMED --add-opens java.management/sun.management=ALL-UNNAMED
    --add-opens jdk.management/com.sun.management.internal=ALL-UNNAMED -cp "$BASELINES" dev.cartwheel.baselines.EventBusBaseline)
}

eventbus_baselines() {
  eventbus_jvm
  java "${EB_JVM[@]}" local "$EB_IN_FLIGHT" "$EB_WARMUP_SECONDS" "$EB_SECONDS" > "$OUT/eventbus-local.log" 2>&1
  eventbus_row eventbus_local "event bus request/reply, one JVM (messaging ceiling)" "$OUT/eventbus-local.log"

  eventbus_cluster eventbus_cluster "event bus request/reply, two JVMs over Hazelcast TCP"
  # the same with the event bus's mutual TLS (cluster.tls.*), from the operators' script
  local certs=$OUT/cluster-tls-certs
  rm -rf "$certs" && "$ROOT/scripts/cluster-certs.sh" "$certs" member > /dev/null 2>&1
  eventbus_cluster eventbus_cluster_tls "event bus request/reply, two JVMs, mutual TLS (cluster.tls)" "$certs"
}

# eventbus_cluster KEY LABEL [CERTS]: the echo on one clustered JVM, the driver on another; with CERTS (a
# directory of scripts/cluster-certs.sh's files), over mutual TLS
eventbus_cluster() {
  local a b; a=$(free_port); b=$(free_port)
  local cluster="bench-$RANDOM" members="127.0.0.1:$a,127.0.0.1:$b"
  EB_TLS_DIR=${3:-} java "${EB_JVM[@]}" server "$cluster" "$a" "$members" > "$OUT/$1-server.log" 2>&1 &
  local server=$!
  SERVERS+=($server)
  wait_for "$OUT/$1-server.log" "echo ready" $server
  EB_TLS_DIR=${3:-} java "${EB_JVM[@]}" client "$cluster" "$b" "$members" "$EB_IN_FLIGHT" "$EB_WARMUP_SECONDS" "$EB_SECONDS" > "$OUT/$1.log" 2>&1 || true
  stop_server $server
  eventbus_row "$1" "$2" "$OUT/$1.log"
}

# password_ceiling PAIR: argon2id in its reference C implementation (Debian's argon2 CLI), at the cost the node
# is configured with (conf/config.json), in CPU per hash of pure hashing (argon2_ceiling.py says how). It runs
# right before each sign-in run, with the node idle beside it: on this shared machine, readings minutes apart
# differed by half, so each is set against the sign-ins that follow it
password_ceiling() {
  local cost ms per_s
  cost=$(python3 -c "import json, sys; u = json.load(open(sys.argv[1]))['users']; print(u['hashMemoryKib'], u['hashIterations'], u['hashParallelism'])" \
    "$ROOT/conf/config.json")
  read -r ms per_s < <(python3 "$HERE/argon2_ceiling.py" $cost "$ARGON2_RUNS")
  row "argon2_c#$1" "argon2id in C, the reference (argon2 CLI; m t p = $cost)" "$per_s" "hashes/CPU-s" - - - 0 "$ms" \
    "CPU per hash of pure hashing: the CLI's runs at two costs, less the process start and page faults both pay"
}

# --- the platform, one node (every verticle, embedded PostgreSQL and Kafka) ---

# NODE_IDLE_CORES: the node's CPU at rest (outbox relays polling, the Kafka broker, PostgreSQL), which a
# run's CPU per operation leaves out: that work does not grow with the load. The median of 2-second slices,
# so that a burst of the JIT finishing the warm-up's compilations does not count as rest (one run read 0.215
# cores where the runs before and after read 0.12-0.14, and the catalogue's net CPU came out near zero)
idle_node() {
  local readings=() i
  for ((i = 0; i <= IDLE_SECONDS / 2; i++)); do
    [ "$i" -eq 0 ] || sleep 2
    readings+=("$(date +%s.%N) $(python3 "$HERE/cpu.py" $NODE_PIDS)")
  done
  NODE_IDLE_CORES=$(printf '%s\n' "${readings[@]}" | python3 -c "
import statistics, sys
points = [tuple(map(float, line.split())) for line in sys.stdin]
print(round(statistics.median((c2 - c1) / (t2 - t1) for (t1, c1), (t2, c2) in zip(points, points[1:])), 3))")
}

# node_gatling SIMULATION LABEL -Dknob=value...: gatling against the node, CPU_S net of its idle CPU
node_gatling() {
  local simulation=$1 label=$2
  shift 2
  JIT_PID=$NODE gatling "$simulation" "$label" "$NODE_PIDS" -DbaseUrl="$BASE" "$@"
  CPU_S=$(python3 -c "import sys; print(max(0.0, float(sys.argv[1]) - float(sys.argv[2]) * float(sys.argv[3])))" \
    "$CPU_S" "${NODE_IDLE_CORES:-0}" "$WINDOW_S")
}

catalogue() {
  local knobs=(-Drate="$CATALOGUE_RATE")
  if [ "$WARMUP_SECONDS" -gt 0 ]; then node_gatling CatalogueSimulation catalogue-warmup "${knobs[@]}" -DdurationSeconds="$WARMUP_SECONDS"; fi
  idle_node
  CLIENT_WARMUP=$CLIENT_WARMUP_SECONDS node_gatling CatalogueSimulation catalogue "${knobs[@]}" -DdurationSeconds="$DURATION"
  gatling_row catalogue "catalogue browsing (list + 2 products)" "req/s" "All Requests" "$DURATION"
}

# recording NAME: where a part's JFR recording goes, or nothing when PROFILE is off
recording() {
  if [ "$PROFILE" = 1 ]; then echo "$OUT/$1.jfr"; fi
}

# summarise NAME TITLE: the recording's hot methods, appended to profile.md
summarise() {
  if [ "$PROFILE" = 1 ]; then python3 "$HERE/profile.py" "$OUT/$1.jfr" "$OUT/profile.md" 12 "$2"; fi
}

# sign_in: sign-ins back to back, one argon2id hash each, after a warm-up (the login path's first seconds are
# the JIT's): the node's CPU per sign-in against the C hash's, in SIGNIN_PAIRS pairs (ceiling, then sign-ins)
sign_in() {
  if [ "$WARMUP_SECONDS" -gt 0 ]; then node_gatling SignInSimulation sign-in-warmup -Dclients="$SIGNIN_CLIENTS" -DdurationSeconds=10; fi
  local pair
  for pair in $(seq 1 "$SIGNIN_PAIRS"); do
    password_ceiling "$pair"
    node_gatling SignInSimulation "sign-in-$pair" -Dclients="$SIGNIN_CLIENTS" -DdurationSeconds="$SIGNIN_SECONDS"
    gatling_row "signin#$pair" "sign-in, closed: $SIGNIN_CLIENTS back to back (one argon2id hash each)" "req/s" "sign in" "$SIGNIN_SECONDS"
  done
}

shopper_journey() {
  local since; since=$(sql "SELECT extract(epoch FROM clock_timestamp())")
  RECORD=$(recording shopper-journey) node_gatling ShopperSimulation shopper-journey \
    -Drate="$SHOPPER_RATE" -DdurationSeconds="$SHOPPER_SECONDS"
  local outcomes
  outcomes=$(sql "SELECT string_agg(n || ' ' || outcome, ', ' ORDER BY n DESC) FROM (SELECT count(*) AS n,
    status || coalesce(' ' || cancel_reason, '') AS outcome FROM orders.orders WHERE created_at > to_timestamp($since) GROUP BY 2) o")
  gatling_row shopper_orders "shopper journey: place order" "orders/s" "place order" "$SHOPPER_SECONDS" "$outcomes"
  # the server CPU of the whole journey is charged to its orders above; the rows below show its other steps
  CPU_S=- gatling_row shopper_register "shopper journey: register (argon2id)" "req/s" "register" "$SHOPPER_SECONDS"
  CPU_S=- gatling_row shopper_login "shopper journey: login (argon2id)" "req/s" "login" "$SHOPPER_SECONDS"
  summarise shopper-journey "the shopper journey ($SHOPPER_RATE shoppers/s)"
}

# orders_closed PAIR: the closed orders run (warmed up and profiled on the first pair only), with the SQL
# the node issued per order in each pair
orders_closed() {
  local knobs=(-Dshoppers="$SHOPPERS" -Dcustomers="$CUSTOMERS") record= warmup=${ORDERS_WARMUP_SECONDS:-$WARMUP_SECONDS}
  if [ "$1" = 1 ]; then
    if [ "$warmup" -gt 0 ]; then node_gatling OrdersSimulation orders-warmup "${knobs[@]}" -DdurationSeconds="$warmup"; fi
    record=$(recording orders)
  fi
  sql_economy_start
  RECORD=$record node_gatling OrdersSimulation "orders-$1" "${knobs[@]}" -DdurationSeconds="$ORDERS_SECONDS"
  gatling_row "orders_closed#$1" "orders, closed: $SHOPPERS shoppers back to back" "orders/s" "place order" "$ORDERS_SECONDS" \
    "node JIT $JIT_CORES cores"
  local statements transactions
  read -r statements transactions < <(sql_economy_per_order "$OUT/sql-per-order-$1.tsv")
  row "sql_economy#$1" "SQL per confirmed order, closed run (pg_stat_statements)" "$statements" "statements/order" - - - 0 - \
    "$transactions transactions/order; statements count BEGIN and COMMIT, each a round trip; by statement: target/sql-per-order-$1.tsv"
  if [ -n "$record" ]; then summarise orders "orders placed back to back ($SHOPPERS shoppers, no password hashing)"; fi
}

# orders_open: orders arriving at half the closed runs' median rate (an open workload), for the latency people
# would see at that load
orders_open() {
  local rate
  rate=$(python3 -c "import statistics, sys; print(round(statistics.median(float(l.split('\t')[2]) for l in open(sys.argv[1]) if l.startswith('orders_closed#')) / 2, 1))" "$RESULTS")
  CLIENT_WARMUP=$CLIENT_WARMUP_SECONDS node_gatling OrdersSimulation orders-open -Drate="$rate" -Dcustomers="$CUSTOMERS" -DdurationSeconds="$ORDERS_SECONDS"
  gatling_row orders_open "orders, open: half the closed rate ($rate orders/s)" "orders/s" "place order" "$ORDERS_SECONDS"
}

stream() {
  node_gatling StreamSimulation stream -Drate="$STREAM_RATE" -DdurationSeconds="$DURATION" \
    -Dcustomers="$CUSTOMERS" -DearlyFile="$OUT/stream-early.txt"
  local answered; answered=$(python3 "$HERE/gatling_stats.py" "$REPORT" "place order" "$DURATION" | cut -d' ' -f4)
  gatling_row stream "WebSocket: order → CONFIRMED on the socket" "updates/s" "order → CONFIRMED on socket" "$DURATION" \
    "the order's HTTP answer alone: p50 $answered ms; update $(cat "$OUT/stream-early.txt")"
}

# database_ceiling PAIR [SCRIPT KEY LABEL]: pgbench with one confirmed order's SQL per transaction (needs the
# BENCH products of the simulations); by default the saga's SQL (pgbench/order.sql), the database ceiling
database_ceiling() {
  local script=${2:-$HERE/pgbench/order.sql} key=${3:-pgbench} label=${4:-"pgbench order.sql, $SHOPPERS clients (database ceiling)"}
  local dir=$OUT/$key-$1
  rm -rf "$dir" && mkdir -p "$dir"
  local postgres; postgres=$(head -1 "$NODE_DIR/data/postgres/pgdata/postmaster.pid")
  local before; before=$(python3 "$HERE/cpu.py" "$postgres")
  (cd "$dir" && PGPASSWORD= pgbench -n -h 127.0.0.1 -p "$PG_PORT" -U postgres -M prepared -c "$SHOPPERS" -j 2 \
    -T "$PGBENCH_SECONDS" -l --log-prefix=tx -f "$script" cartwheel > output.txt 2>&1)
  local cpu; cpu=$(python3 -c "import sys; print(float(sys.argv[2]) - float(sys.argv[1]))" "$before" "$(python3 "$HERE/cpu.py" "$postgres")")
  local ok errors tps p50 p99 p999
  read -r ok errors tps p50 p99 p999 < <(python3 "$HERE/pgbench_stats.py" "$dir/output.txt" "$dir/tx")
  row "$key#$1" "$label" "$tps" "orders/s" "$p50" "$p99" "$p999" "$errors" "$(cpu_ms_per_op "$cpu" "$ok")" "CPU: PostgreSQL only"
}

# the SQL a node issues per order, notifications and relays included (order.sql + order-full-tail.sql), replayed by pgbench
database_full() {
  cat "$HERE/pgbench/order.sql" "$HERE/pgbench/order-full-tail.sql" > "$OUT/order-full.sql"
  database_ceiling "$1" "$OUT/order-full.sql" pgbench_full "pgbench order-full.sql: all the SQL a node issues per order, $SHOPPERS clients"
}

sql() { psql -qtAX "$PG_URL" -c "$1"; }

# The outbox relay draining KAFKA_EVENTS order events written at once vs ProducerPerformance on the same
# broker with the same count, value size and producer settings.
kafka_outbound() {
  local payload='{"eventId":"00000000-0000-0000-0000-000000000000","occurredAt":"2026-11-23T12:00:00Z","order":{"id":"1b4e28ba-2fa1-11d2-883f-0016d3cca427","userId":"6f1c2a4e-8b0d-4c52-9d7e-3a1f0e5b9c11","status":"CONFIRMED","cancelReason":null,"lines":[{"sku":"CW-MUG-01","quantity":2,"unitPriceMinor":1290},{"sku":"CW-TEE-M","quantity":1,"unitPriceMinor":2490}],"totalMinor":5070,"currency":"EUR","createdAt":"2026-11-23T12:00:00Z","updatedAt":"2026-11-23T12:00:00Z"}}'
  # Rows written with SQL wake no relay: it finds them at its next poll, 0 to outbox.pollMs (1 s) later. That
  # wait is notice, not speed, so the rate is taken between the first batch's mark and the last's.
  relay() { # count: events/s of the relay draining COUNT rows written at once
    local after; after=$(sql "SELECT coalesce(max(seq), 0) FROM orders.outbox")
    sql "INSERT INTO orders.outbox (id, aggregate_id, address, payload, occurred_at, published_at)
         SELECT gen_random_uuid(), gen_random_uuid()::text, 'orders.evt.order-confirmed', '$payload'::jsonb, now(), now()
         FROM generate_series(1, $1)"
    until [ "$(sql "SELECT count(*) FROM orders.outbox WHERE kafka_sent_at IS NULL")" = "0" ]; do sleep 0.2; done
    sql "SELECT round(count(*) FILTER (WHERE kafka_sent_at > first) / extract(epoch FROM max(kafka_sent_at) - first))::int
         FROM orders.outbox, (SELECT min(kafka_sent_at) AS first FROM orders.outbox WHERE seq > $after) marks WHERE seq > $after GROUP BY first"
  }
  # as long a warm-up as the measured drain: after 2000 events the node still compiled the relay's path
  if [ "$WARMUP_SECONDS" -gt 0 ]; then relay "$KAFKA_EVENTS" > /dev/null; fi
  local rate; rate=$(relay "$KAFKA_EVENTS")
  # the value the relay really sends: the payload as PostgreSQL prints jsonb
  local size; size=$(sql "SELECT octet_length('$payload'::jsonb::text)")
  row outbound "Kafka outbound: outbox relay, CloudEvents" "$rate" "events/s" - - - 0 - "$KAFKA_EVENTS events of $size bytes written at once, acks=all"
  java -cp "$TOOLS" org.apache.kafka.tools.ProducerPerformance --topic bench.perf --num-records "$KAFKA_EVENTS" --record-size "$size" \
    --throughput -1 --producer-props bootstrap.servers="$KAFKA" acks=all enable.idempotence=true linger.ms=25 > "$OUT/producer-perf.log" 2>&1
  # last line: N records sent, R records/sec (..), A ms avg latency, M ms max latency, p50 ms 50th, .. 95th, .. 99th, .. 99.9th.
  python3 - "$OUT/producer-perf.log" >> "$RESULTS" <<'EOF'
import re, sys
line = [l for l in open(sys.argv[1]) if "records/sec" in l][-1]
rate = re.search(r"([\d.]+) records/sec", line).group(1)
p = {k: v for v, k in re.findall(r"(\d+) ms (50th|99th|99.9th)", line)}
print("\t".join(["producer_perf", "Kafka ProducerPerformance (broker ceiling, write)", f"{float(rate):.0f}", "records/s",
                 p["50th"], p["99th"], p["99.9th"], "0", "-", "same count, size and acks as the relay"]))
EOF
}

# The bridge handling KAFKA_INBOUND_EVENTS restock CloudEvents written at once (each: dedupe lookup, inventory
# transaction with its outbox row, dedupe row) vs ConsumerPerformance reading as many of them.
kafka_inbound() {
  if [ "$WARMUP_SECONDS" -gt 0 ]; then inbound_drain "$KAFKA_INBOUND_WARMUP" > /dev/null; fi
  local dead; dead=$(sql "SELECT count(*) FROM bridge.dead_letters")
  local rate; rate=$(inbound_drain "$KAFKA_INBOUND_EVENTS")
  row inbound "Kafka inbound: bridge, restock CloudEvents" "$rate" "events/s" - - - \
    "$(( $(sql "SELECT count(*) FROM bridge.dead_letters") - dead ))" - "$KAFKA_INBOUND_EVENTS events written at once; errors = dead letters"
  local fetched
  fetched=$(java -cp "$TOOLS" org.apache.kafka.tools.ConsumerPerformance --bootstrap-server "$KAFKA" --topic bench.inbound \
    --messages "$KAFKA_INBOUND_EVENTS" --group "perf-$RANDOM" --timeout 60000 2>/dev/null | tail -1 | awk -F', *' '{printf "%d\n", $10}')
  row consumer_perf "Kafka ConsumerPerformance (broker ceiling, read)" "$fetched" "records/s" - - - 0 - "the same records"
}

# The bridge placing KAFKA_PARTNER_ORDERS partner-order CloudEvents written at once, keyed by customer (the closed
# orders run's customers): each is a whole saga, as an order over HTTP, so its ceiling is the closed orders run
kafka_inbound_orders() {
  local customers; customers=$(sql "SELECT string_agg(id::text, ',') FROM (SELECT id FROM users.users WHERE email LIKE 'bench-%' LIMIT $CUSTOMERS) c")
  [ -n "$customers" ] || { echo "no bench customers: run the closed orders first"; return 1; }
  if [ "$WARMUP_SECONDS" -gt 0 ]; then inbound_drain $((KAFKA_PARTNER_ORDERS / 3)) "$customers" > /dev/null; fi
  local dead; dead=$(sql "SELECT count(*) FROM bridge.dead_letters")
  local orders; orders=$(sql "SELECT count(*) FROM orders.orders WHERE status = 'CONFIRMED'")
  local rate; rate=$(inbound_drain "$KAFKA_PARTNER_ORDERS" "$customers")
  row inbound_orders "Kafka inbound: bridge, partner-order CloudEvents (each a saga)" "$rate" "orders/s" - - - \
    "$(( $(sql "SELECT count(*) FROM bridge.dead_letters") - dead ))" - \
    "$KAFKA_PARTNER_ORDERS orders written at once over $(( $(echo "$customers" | tr -cd , | wc -c) + 1 )) customers (keys); $(( $(sql "SELECT count(*) FROM orders.orders WHERE status = 'CONFIRMED'") - orders )) confirmed; errors = dead letters"
}

# inbound_drain COUNT [CUSTOMERS]: feeds COUNT restocks (partner orders for CUSTOMERS, comma-separated ids) at once,
# waits until the bridge handled them all, and prints the events/s between the first and the last handled
inbound_drain() {
  # a record dead-lettered is finished too (not handled): the rate counts the handled ones
  local finished="(SELECT count(*) FROM bridge.processed_inbound) + (SELECT count(*) FROM bridge.dead_letters)"
  local before; before=$(sql "SELECT $finished")
  local since; since=$(sql "SELECT extract(epoch FROM clock_timestamp())")
  java -cp "$TOOLS" dev.cartwheel.bench.InboundFeeder "$KAFKA" bench.inbound "$1" BENCH ${2:-} > /dev/null 2>&1
  until [ "$(sql "SELECT $finished")" -ge $((before + $1)) ]; do sleep 0.2; done
  sql "SELECT round(count(*) / extract(epoch FROM max(handled_at) - min(handled_at)))::int FROM bridge.processed_inbound
       WHERE handled_at > to_timestamp($since)"
}

# --- SQL economy: what the node asks of PostgreSQL per order (pg_stat_statements, preloaded by the embedded
# PostgreSQL; a node without it reports "-") ---

# sql_economy_start: zeroes the statement counters and remembers the transaction count and the time
sql_economy_start() {
  SQL_SINCE=$(sql "SELECT extract(epoch FROM clock_timestamp())")
  SQL_XACTS=$(sql "SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = current_database()")
  SQL_STATEMENTS=0
  if sql "CREATE EXTENSION IF NOT EXISTS pg_stat_statements; SELECT pg_stat_statements_reset()" > /dev/null 2>&1; then SQL_STATEMENTS=1; fi
}

# sql_economy_per_order [TOP_FILE]: prints "statements transactions" per order created since the start
# (statements count BEGIN and COMMIT: each is a round trip of its own), and writes the statements to TOP_FILE
# when given: calls per order, execution ms per order, the statement
sql_economy_per_order() {
  local orders; orders=$(sql "SELECT count(*) FROM orders.orders WHERE created_at > to_timestamp($SQL_SINCE)")
  [ "$orders" -gt 0 ] || { echo "- -"; return; }
  local transactions
  transactions=$(sql "SELECT round((xact_commit + xact_rollback - $SQL_XACTS)::numeric / $orders, 2) FROM pg_stat_database WHERE datname = current_database()")
  if [ "$SQL_STATEMENTS" = 1 ]; then
    # the node's statements: this database's, less the bench's own readings
    local node="FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
      AND query !~ 'pg_stat_|to_timestamp'"
    if [ -n "${1:-}" ]; then
      # calls and PostgreSQL's execution time per order (planning, parsing and the protocol not counted)
      sql "SELECT round(calls::numeric / $orders, 2) || E'\t' || round((total_exec_time / $orders)::numeric, 3) || E'\t'
             || regexp_replace(query, '\s+', ' ', 'g') $node ORDER BY calls DESC, total_exec_time DESC" > "$1"
    fi
    echo "$(sql "SELECT round(sum(calls)::numeric / $orders, 2) $node") $transactions"
  else
    echo "- $transactions"
  fi
}
