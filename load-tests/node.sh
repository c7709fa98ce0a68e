# Sourced by the bench scripts: start_node DIR [VAR=value ...] starts one node from the built jar (every
# verticle, embedded PostgreSQL and Kafka, access logs off) with the extra environment given, waits until
# it is ready, stops it when the script exits, and sets BASE, PG_URL, PG_PORT and KAFKA.
start_node() {
  local run=$1
  shift
  local jar=$ROOT/verticles/launcher/target/cartwheel.jar
  [ -f "$jar" ] || mvn -q -B -ntp -f "$ROOT/pom.xml" -DskipTests package
  # run it under its own name: a `pkill -f cartwheel.jar` meant for another checkout's node spares this one
  mkdir -p "$ROOT/load-tests/target" && ln -f "$jar" "$ROOT/load-tests/target/platform-under-bench.jar"
  jar=$ROOT/load-tests/target/platform-under-bench.jar
  local port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  rm -rf "$run" && mkdir -p "$run"
  echo "Starting a node (logs: $run/node.log)"
  (cd "$run" && exec env CARTWHEEL_HTTP_PORT="$port" CARTWHEEL_EMBEDDED_PG_PORT=0 CARTWHEEL_EMBEDDED_KAFKA_PORT=0 "$@" \
    java -Xms512m -Xmx1g -Dlogback.configurationFile="$ROOT/load-tests/logback-bench.xml" -jar "$jar" > node.log 2>&1) &
  NODE=$!
  trap 'kill $NODE 2>/dev/null; wait $NODE 2>/dev/null || true' EXIT
  for _ in $(seq 1 120); do grep -q "Cartwheel is ready" "$run/node.log" 2>/dev/null && break; sleep 1; done
  grep -q "Cartwheel is ready" "$run/node.log" || { echo "the node did not start"; tail -30 "$run/node.log"; exit 1; }
  BASE=http://127.0.0.1:$port
  PG_URL=$(grep -oE 'postgresql://postgres@127.0.0.1:[0-9]+/cartwheel' "$run/node.log" | head -1)
  PG_PORT=$(echo "$PG_URL" | sed -E 's/.*:([0-9]+)\/.*/\1/')
  KAFKA=$(grep -oE 'Kafka +127.0.0.1:[0-9]+' "$run/node.log" | head -1 | awk '{print $2}')
}
