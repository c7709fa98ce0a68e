"""Prints "ok errors tps p50 p99 p99.9" (ms) of a pgbench run: python3 pgbench_stats.py OUTPUT LOG_PREFIX.
The rate is pgbench's own tps line; the percentiles come from its per-transaction logs (-l)."""
import glob
import re
import statistics
import sys

output, prefix = sys.argv[1], sys.argv[2]
tps = float(re.search(r"tps = ([\d.]+)", open(output).read()).group(1))
latencies, errors = [], 0
for log in glob.glob(prefix + ".*"):
    for line in open(log):
        fields = line.split()  # client transaction latency_us script epoch epoch_us
        if len(fields) >= 3 and fields[2].isdigit():
            latencies.append(int(fields[2]) / 1000)
        elif fields:
            errors += 1  # "failed" or "skipped" in place of the latency
if not latencies:
    sys.exit(f"no transactions in {prefix}.*")
cuts = statistics.quantiles(sorted(latencies), n=1000, method="inclusive")
print(len(latencies), errors, round(tps, 1), round(cuts[499], 1), round(cuts[989], 1), round(cuts[998], 1))
