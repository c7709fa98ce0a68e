#!/usr/bin/env bash
# What metrics and tracing cost: compare.sh with the built jar twice, both off (A) and with the defaults (B:
# metrics and tracing on, spans not exported), so that its "B ÷ A" column reads on ÷ off. Writes
# load-tests/target/observability-cost/compare.md.
#
#   load-tests/observability-cost.sh                        # closed orders and catalogue, 3 pairs, about 40 minutes
#   SCENARIOS=orders PAIRS=2 load-tests/observability-cost.sh
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
JAR=$(dirname "$HERE")/verticles/launcher/target/cartwheel.jar
[ -f "$JAR" ] || mvn -q -B -ntp -Dstyle.color=never -f "$(dirname "$HERE")/pom.xml" -DskipTests package
NAME=${NAME:-observability-cost} exec "$HERE/compare.sh" "$JAR CARTWHEEL_METRICS_ENABLED=false CARTWHEEL_TRACING_ENABLED=false" "$JAR"
