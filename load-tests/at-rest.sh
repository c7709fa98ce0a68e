#!/usr/bin/env bash
# A node's CPU at rest, split: its JVM, the embedded PostgreSQL and the embedded Kafka broker, each JVM by thread.
# One fresh node of JAR (default: the built jar), left alone SETTLE_SECONDS (90) after start, then read for
# READ_SECONDS (40). NODE_SETTINGS adds to its environment (e.g. "CARTWHEEL_OUTBOX_POLL_MS=5000").
#
#   JAR=/tmp/before.jar NAME=rest-before load-tests/at-rest.sh; JAR=/tmp/after.jar NAME=rest-after load-tests/at-rest.sh
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
OUT=$HERE/target/${NAME:-at-rest}
rm -rf "$OUT" && mkdir -p "$OUT"
SETTLE_SECONDS=${SETTLE_SECONDS:-90}
READ_SECONDS=${READ_SECONDS:-40}
source "$HERE/node.sh"
source "$HERE/parts.sh"
trap stop_node EXIT
NODE_JAR=${JAR:-$ROOT/verticles/launcher/target/cartwheel.jar} launch_node "$OUT/node" ${NODE_SETTINGS:-}
await_node
sleep "$SETTLE_SECONDS"
POSTGRES=$(head -1 "$NODE_DIR/data/postgres/pgdata/postmaster.pid")
BROKER=$(pgrep -P "$NODE" -f kafka | head -1)
reading() { # seconds of CPU: the node's JVM alone, PostgreSQL's tree, the broker's tree
  echo "$(awk '{print ($14 + $15) / 100}' "/proc/$NODE/stat") $(python3 "$HERE/cpu.py" "$POSTGRES") $(python3 "$HERE/cpu.py" "$BROKER")"
}
python3 "$HERE/threads.py" "$NODE" > "$OUT/node-0.json"; python3 "$HERE/threads.py" "$BROKER" > "$OUT/broker-0.json"
before=$(reading)
sleep "$READ_SECONDS"
after=$(reading)
python3 "$HERE/threads.py" "$NODE" > "$OUT/node-1.json"; python3 "$HERE/threads.py" "$BROKER" > "$OUT/broker-1.json"
python3 - "$before" "$after" "$READ_SECONDS" <<'PY' | tee "$OUT/at-rest.txt"
import sys
before, after, seconds = map(float, sys.argv[1].split()), map(float, sys.argv[2].split()), float(sys.argv[3])
jvm, postgres, broker = ((a - b) / seconds for a, b in zip(after, before))
print(f"at rest, cores: node JVM {jvm:.4f}, embedded PostgreSQL {postgres:.4f}, embedded broker {broker:.4f}, in all {jvm + postgres + broker:.4f}")
PY
{ echo "node JVM by thread:"; python3 "$HERE/threads.py" --diff "$OUT/node-0.json" "$OUT/node-1.json" "$READ_SECONDS"
  echo "broker by thread:"; python3 "$HERE/threads.py" --diff "$OUT/broker-0.json" "$OUT/broker-1.json" "$READ_SECONDS"; } | tee -a "$OUT/at-rest.txt"
