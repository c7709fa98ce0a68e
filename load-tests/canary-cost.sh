#!/usr/bin/env bash
# What a canary release costs (issue 17): closed orders on one node with no release route (A) against the same
# node with a canary of orders beside it and a route sending it 10 % of the orders (B), in interleaved pairs.
# Both sides run clustered (NODES=canary in node.sh): A is a cluster of one; B adds a node running orders only,
# as release "canary", and routes releases.routes.orders to it (not sticky, so that the share is 10 % of the
# orders whatever the bench's few customers hash to). B pays for the route's choice, the per-release counts
# of the rollback guard and the canary's orders crossing to the other JVM. Writes
# load-tests/target/canary-cost/compare.md.
#
#   load-tests/canary-cost.sh                   # 3 pairs, about 15 minutes
#   PAIRS=2 WARMUP_SECONDS=30 load-tests/canary-cost.sh
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
JAR=$ROOT/verticles/launcher/target/cartwheel.jar
[ -f "$JAR" ] || mvn -q -B -ntp -Dstyle.color=never -f "$ROOT/pom.xml" -DskipTests package
ROUTE="CARTWHEEL_RELEASES_ROUTES_ORDERS_STABLE=stable CARTWHEEL_RELEASES_ROUTES_ORDERS_CANARY=canary"
ROUTE="$ROUTE CARTWHEEL_RELEASES_ROUTES_ORDERS_CANARY_WEIGHT=10 CARTWHEEL_RELEASES_ROUTES_ORDERS_STICKY=false"
NODES=canary SCENARIOS=${SCENARIOS:-orders} NAME=${NAME:-canary-cost} "$HERE/compare.sh" "$JAR" "$JAR $ROUTE"
