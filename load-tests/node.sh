# Sourced by bench.sh: launch_node DIR [VAR=value ...] starts one node from the built jar (NODE_JAR when set;
# every verticle, embedded PostgreSQL and Kafka, access logs off) with the extra environment given; await_node
# waits until it is ready and sets NODE_PIDS (the JVM and PostgreSQL's postmaster: their process trees are the node's
# CPU), BASE, PG_URL, PG_PORT and KAFKA. stop_node stops it (SIGTERM, graceful).
# NODES=2: two clustered nodes instead, the first with the gateway, users and the embedded services, the second
# with every domain, both given the extra environment; NODE_PIDS then holds both JVMs and PostgreSQL. With
# BRIDGES=2, the first node runs the Kafka bridge too: two bridges share the inbound partitions.
# NODES=canary: the one node clustered, as release "stable"; when the extra environment has
# BENCH_CANARY_NODE=<release>, a second node joins it running orders only, as that release (its JVM in NODE_PIDS
# too). Without it, the node is a cluster of one.
launch_node() {
  NODE_DIR=$1
  shift
  local jar=${NODE_JAR:-$ROOT/verticles/launcher/target/cartwheel.jar}
  # run it under its own name: a `pkill -f cartwheel.jar` meant for another checkout's node spares this one
  mkdir -p "$ROOT/load-tests/target" && { ln -f "$jar" "$ROOT/load-tests/target/platform-under-bench.jar" 2>/dev/null || cp "$jar" "$ROOT/load-tests/target/platform-under-bench.jar"; }
  jar=$ROOT/load-tests/target/platform-under-bench.jar
  NODE_PORT=$(free_port)
  rm -rf "$NODE_DIR" && mkdir -p "$NODE_DIR"
  NODE_JVM=(java -Xms512m -Xmx1g -Dlogback.configurationFile="$ROOT/load-tests/logback-bench.xml" -jar "$jar")
  NODE_EXTRA_ENV=("$@")
  local cluster=()
  if [ "${NODES:-1}" = 2 ]; then
    CLUSTER_PORTS=("$(free_port)" "$(free_port)")
    CLUSTER_ENV=(CARTWHEEL_CLUSTER=true CARTWHEEL_CLUSTER_NAME="bench-$RANDOM"
      CARTWHEEL_CLUSTER_MEMBERS="127.0.0.1:${CLUSTER_PORTS[0]},127.0.0.1:${CLUSTER_PORTS[1]}")
    local verticles=gateway,users
    # BRIDGES=2: the first node runs a bridge too, in the same consumer group as the second's
    if [ "${BRIDGES:-1}" = 2 ]; then verticles=$verticles,bridge; fi
    cluster=("${CLUSTER_ENV[@]}" CARTWHEEL_CLUSTER_PORT="${CLUSTER_PORTS[0]}" CARTWHEEL_VERTICLES=$verticles)
  elif [ "${NODES:-1}" = canary ]; then
    CLUSTER_PORTS=("$(free_port)" "$(free_port)")
    CLUSTER_ENV=(CARTWHEEL_CLUSTER=true CARTWHEEL_CLUSTER_NAME="bench-$RANDOM"
      CARTWHEEL_CLUSTER_MEMBERS="127.0.0.1:${CLUSTER_PORTS[0]},127.0.0.1:${CLUSTER_PORTS[1]}")
    cluster=("${CLUSTER_ENV[@]}" CARTWHEEL_CLUSTER_PORT="${CLUSTER_PORTS[0]}" CARTWHEEL_RELEASE=stable)
  fi
  echo "Starting a node (logs: $NODE_DIR/node.log)"
  (cd "$NODE_DIR" && exec env CARTWHEEL_HTTP_PORT="$NODE_PORT" CARTWHEEL_EMBEDDED_PG_PORT=0 CARTWHEEL_EMBEDDED_KAFKA_PORT=0 \
    "${cluster[@]}" "$@" "${NODE_JVM[@]}" > node.log 2>&1) &
  NODE=$!
}

# launch_domains_node: NODES=2's second node, every domain, on the first node's PostgreSQL and Kafka
launch_domains_node() {
  mkdir -p "$NODE_DIR/domains"
  echo "Starting the domains' node (logs: $NODE_DIR/domains/node.log)"
  (cd "$NODE_DIR/domains" && exec env "${CLUSTER_ENV[@]}" CARTWHEEL_CLUSTER_PORT="${CLUSTER_PORTS[1]}" \
    CARTWHEEL_VERTICLES=orders,payments,inventory,notifications,bridge CARTWHEEL_EMBEDDED_ENABLED=false \
    CARTWHEEL_PG_URL="$PG_URL" CARTWHEEL_KAFKA_BOOTSTRAP="$KAFKA" CARTWHEEL_OPS_PORT="$(free_port)" \
    "${NODE_EXTRA_ENV[@]}" "${NODE_JVM[@]}" > node.log 2>&1) &
  DOMAINS_NODE=$!
  for _ in $(seq 1 120); do grep -q "Cartwheel is ready" "$NODE_DIR/domains/node.log" 2>/dev/null && break; sleep 1; done
  grep -q "Cartwheel is ready" "$NODE_DIR/domains/node.log" || { echo "the domains' node did not start"; tail -30 "$NODE_DIR/domains/node.log"; return 1; }
  NODE_PIDS="$NODE_PIDS $DOMAINS_NODE"
}

# launch_canary_node RELEASE: NODES=canary's second node, orders only, as RELEASE
launch_canary_node() {
  mkdir -p "$NODE_DIR/canary"
  CANARY_OPS_PORT=$(free_port)
  echo "Starting the canary node, release $1 (logs: $NODE_DIR/canary/node.log)"
  (cd "$NODE_DIR/canary" && exec env "${CLUSTER_ENV[@]}" CARTWHEEL_CLUSTER_PORT="${CLUSTER_PORTS[1]}" \
    CARTWHEEL_VERTICLES=orders CARTWHEEL_EMBEDDED_ENABLED=false CARTWHEEL_RELEASE="$1" \
    CARTWHEEL_PG_URL="$PG_URL" CARTWHEEL_KAFKA_BOOTSTRAP="$KAFKA" CARTWHEEL_OPS_PORT="$CANARY_OPS_PORT" \
    "${NODE_EXTRA_ENV[@]}" "${NODE_JVM[@]}" > node.log 2>&1) &
  DOMAINS_NODE=$!
  for _ in $(seq 1 120); do grep -q "Cartwheel is ready" "$NODE_DIR/canary/node.log" 2>/dev/null && break; sleep 1; done
  grep -q "Cartwheel is ready" "$NODE_DIR/canary/node.log" || { echo "the canary node did not start"; tail -30 "$NODE_DIR/canary/node.log"; return 1; }
  NODE_PIDS="$NODE_PIDS $DOMAINS_NODE"
}

await_node() {
  for _ in $(seq 1 120); do grep -q "Cartwheel is ready" "$NODE_DIR/node.log" 2>/dev/null && break; sleep 1; done
  grep -q "Cartwheel is ready" "$NODE_DIR/node.log" || { echo "the node did not start"; tail -30 "$NODE_DIR/node.log"; return 1; }
  BASE=http://127.0.0.1:$NODE_PORT
  PG_URL=$(grep -oE 'postgresql://postgres@127.0.0.1:[0-9]+/cartwheel' "$NODE_DIR/node.log" | head -1)
  PG_PORT=$(echo "$PG_URL" | sed -E 's/.*:([0-9]+)\/.*/\1/')
  KAFKA=$(grep -oE 'Kafka +127.0.0.1:[0-9]+' "$NODE_DIR/node.log" | head -1 | awk '{print $2}')
  NODE_PIDS="$NODE $(head -1 "$NODE_DIR/data/postgres/pgdata/postmaster.pid")"
  if [ "${NODES:-1}" = 2 ]; then launch_domains_node; fi
  if [ "${NODES:-1}" = canary ]; then
    local setting canary=
    for setting in "${NODE_EXTRA_ENV[@]}"; do
      case $setting in BENCH_CANARY_NODE=?*) canary=${setting#*=} ;; esac
    done
    if [ -n "$canary" ]; then launch_canary_node "$canary"; fi
  fi
}

stop_node() {
  # what the canary handled (handledRequests per address), to check its share of the orders
  if [ -n "${CANARY_OPS_PORT:-}" ]; then
    curl -s "http://127.0.0.1:$CANARY_OPS_PORT/info" > "$NODE_DIR/canary/info.json" || true
    curl -s "$BASE/info" > "$NODE_DIR/info.json" || true
    CANARY_OPS_PORT=
  fi
  if [ -n "${DOMAINS_NODE:-}" ]; then
    kill "$DOMAINS_NODE" 2>/dev/null && wait "$DOMAINS_NODE" 2>/dev/null || true
    DOMAINS_NODE=
  fi
  if [ -n "${NODE:-}" ]; then
    kill "$NODE" 2>/dev/null && wait "$NODE" 2>/dev/null || true
    NODE=
  fi
}
