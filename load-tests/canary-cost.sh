#!/usr/bin/env bash
# What a canary release costs (issue 17): closed orders with a route sending 10 % of the orders to a canary (B)
# against a baseline (A), in interleaved pairs. Both sides run clustered (NODES=canary in node.sh): a node with
# everything, as release "stable", and beside it a node running orders only, as release "canary". Side B routes
# releases.routes.orders there at weight 10 (not sticky, so that the share is 10 % of the orders whatever the
# bench's few customers hash to). The baseline (BASELINE):
#   pinned (default)  the same two nodes and route at weight 0: the canary deployed, sent nothing;
#   unrouted          the same two nodes without a route: orders go round-robin to both (half to the canary);
#   alone             one node without a canary: what deploying one costs on the same cores, its JVM included.
# Writes load-tests/target/canary-cost/compare.md; each node's /info (handledRequests) is kept beside its log.
#
#   load-tests/canary-cost.sh                    # 3 pairs, about 16 minutes
#   BASELINE=alone load-tests/canary-cost.sh
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
JAR=$ROOT/verticles/launcher/target/cartwheel.jar
[ -f "$JAR" ] || mvn -q -B -ntp -Dstyle.color=never -f "$ROOT/pom.xml" -DskipTests package
CANARY_NODE=BENCH_CANARY_NODE=canary
ROUTE="CARTWHEEL_RELEASES_ROUTES_ORDERS_STABLE=stable CARTWHEEL_RELEASES_ROUTES_ORDERS_CANARY=canary"
ROUTE="$ROUTE CARTWHEEL_RELEASES_ROUTES_ORDERS_STICKY=false"
case ${BASELINE:-pinned} in
  pinned) SIDE_A="$JAR $CANARY_NODE $ROUTE CARTWHEEL_RELEASES_ROUTES_ORDERS_CANARY_WEIGHT=0" ;;
  unrouted) SIDE_A="$JAR $CANARY_NODE" ;;
  alone) SIDE_A=$JAR ;;
  *) echo "BASELINE is pinned, unrouted or alone"; exit 2 ;;
esac
NODES=canary SCENARIOS=${SCENARIOS:-orders} NAME=${NAME:-canary-cost-${BASELINE:-pinned}} \
  "$HERE/compare.sh" "$SIDE_A" "$JAR $CANARY_NODE $ROUTE CARTWHEEL_RELEASES_ROUTES_ORDERS_CANARY_WEIGHT=10"
