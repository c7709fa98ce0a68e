"""Prints "ok ko throughput p50 p99" from the summary Gatling printed to the given log."""
import re
import sys

log, seconds = sys.argv[1], float(sys.argv[2])
summary = {}
for line in open(log, errors="replace"):
    match = re.match(r"> (request count|response time (50th|99th) percentile \(ms\))\s*\|\s*([\d,-]+)\s*\|\s*([\d,-]+)\s*\|\s*([\d,-]+)", line)
    if match:
        summary[match.group(1)] = [0 if v == "-" else int(v.replace(",", "")) for v in match.group(3, 4, 5)]
if "request count" not in summary:
    sys.exit(f"Gatling printed no summary; see {log}")
total, ok, ko = summary["request count"]
p50 = summary.get("response time 50th percentile (ms)", [0, 0, 0])[1]
p99 = summary.get("response time 99th percentile (ms)", [0, 0, 0])[1]
print(ok, ko, round(ok / seconds, 1), p50, p99)
