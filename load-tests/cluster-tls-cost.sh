#!/usr/bin/env bash
# What mutual TLS on the event bus costs (cluster.tls.*), off (A) and on (B) in interleaved pairs:
#  1. the event-bus echo between two clustered JVMs (bare Vert.x, the bench's eventbus_cluster row): msg/s;
#  2. compare.sh with two clustered nodes per side (NODES=2: gateway and users on one, every domain on the other,
#     so each order crosses the event bus between JVMs five times): orders/s and CPU per order.
# Writes load-tests/target/cluster-tls-cost/compare.md, the echo's pairs first.
#
#   load-tests/cluster-tls-cost.sh                        # 3 pairs, about 20 minutes
#   PAIRS=2 WARMUP_SECONDS=30 load-tests/cluster-tls-cost.sh
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
PAIRS=${PAIRS:-3}
NAME=${NAME:-cluster-tls-cost}
OUT=$HERE/target/$NAME
JAR=$ROOT/verticles/launcher/target/cartwheel.jar
[ -f "$JAR" ] || mvn -q -B -ntp -Dstyle.color=never -f "$ROOT/pom.xml" -DskipTests package
CERTS=$HERE/target/cluster-tls-certs
rm -rf "$CERTS" && "$ROOT/scripts/cluster-certs.sh" "$CERTS" member > /dev/null 2>&1

# 1. the echo, pair by pair
ECHO=$HERE/target/$NAME-echo
rm -rf "$ECHO" && mkdir -p "$ECHO"
source "$HERE/parts.sh"
SERVERS=()
trap 'for pid in "${SERVERS[@]}"; do kill "$pid" 2>/dev/null || true; done' EXIT
BASELINES=$HERE/baselines/target/bench-baselines.jar
mvn -q -B -ntp -Dstyle.color=never -f "$HERE/baselines/pom.xml" package
EB_IN_FLIGHT=16 EB_SECONDS=${EB_SECONDS:-20} EB_WARMUP_SECONDS=5
eventbus_jvm
OUT=$ECHO RESULTS=$ECHO/rows.tsv
for pair in $(seq 1 "$PAIRS"); do
  if [ $((pair % 2)) = 1 ]; then order=(A B); else order=(B A); fi
  for side in "${order[@]}"; do
    echo "[echo pair $pair of $PAIRS] side $side"
    if [ "$side" = A ]; then eventbus_cluster "A#$pair" "plain"; else eventbus_cluster "B#$pair" "mutual TLS" "$CERTS"; fi
  done
done
python3 - "$RESULTS" "$PAIRS" > "$ECHO/echo.md" <<'PY'
import statistics, sys
rows = {line.split("\t")[0]: float(line.split("\t")[2]) for line in open(sys.argv[1]) if line.strip()}
pairs = int(sys.argv[2])
ratios = [rows[f"B#{p}"] / rows[f"A#{p}"] for p in range(1, pairs + 1)]
a = [rows[f"A#{p}"] for p in range(1, pairs + 1)]
b = [rows[f"B#{p}"] for p in range(1, pairs + 1)]
fmt = lambda v: f"{statistics.median(v):.0f} ({min(v):.0f}–{max(v):.0f})"
print("| event-bus echo, two JVMs, 16 in flight | A: plain | B: mutual TLS | B ÷ A, pair by pair |")
print("|---|---|---|---|")
print(f"| msg/s, median (spread) | {fmt(a)} | {fmt(b)} | {statistics.median(ratios):.2f} ({min(ratios):.2f}–{max(ratios):.2f}) |")
PY
cat "$ECHO/echo.md"

# 2. orders across two nodes
TLS="CARTWHEEL_CLUSTER_TLS_CERT_FILE=$CERTS/member.pem CARTWHEEL_CLUSTER_TLS_KEY_FILE=$CERTS/member-key.pem CARTWHEEL_CLUSTER_TLS_CA_FILE=$CERTS/ca.pem"
NODES=2 SCENARIOS=${SCENARIOS:-orders} NAME=$NAME PAIRS=$PAIRS "$HERE/compare.sh" "$JAR" "$JAR $TLS"
{ echo; cat "$ECHO/echo.md"; } >> "$HERE/target/$NAME/compare.md"
