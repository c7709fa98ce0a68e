"""Writes report.md from pairs.tsv (one line per pair: ok errors orders/s p50 p99 pgbench-tps):
median and spread of each figure, and of the ratio Cartwheel / database ceiling taken pair by pair."""
import os
import platform
import statistics
import subprocess
import sys

out, shoppers, seconds = sys.argv[1:4]
pairs = [line.split() for line in open(os.path.join(out, "pairs.tsv")) if line.strip()]
throughput = [float(p[2]) for p in pairs]
p50 = [float(p[3]) for p in pairs]
p99 = [float(p[4]) for p in pairs]
tps = [float(p[5]) for p in pairs]
ratios = [t / d for t, d in zip(throughput, tps) if d > 0]
errors = sum(int(p[1]) for p in pairs)
java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]


def spread(values, digits=0):
    fmt = f"{{:.{digits}f}}"
    return f"{fmt.format(statistics.median(values))} ({fmt.format(min(values))}–{fmt.format(max(values))})"


with open(os.path.join(out, "report.md"), "w") as report:
    report.write("# Orders through the gateway, against the database ceiling\n\n")
    report.write(f"Machine: {os.cpu_count()} cores, {platform.system()} {platform.release()}; {java}.\n")
    report.write("One node, all verticles in one JVM (-Xmx1g), embedded PostgreSQL and Kafka, simulated payment "
                 "provider without latency, Gatling and pgbench on the same machine.\n")
    report.write(f"{len(pairs)} interleaved pairs of {seconds} s: {shoppers} shoppers placing orders back to back "
                 f"through the gateway, then pgbench running pgbench/order.sql with {shoppers} clients.\n\n")
    report.write("| pair | orders/s | p50 ms | p99 ms | errors | pgbench orders/s | ratio |\n|---|---|---|---|---|---|---|\n")
    for i, p in enumerate(pairs, 1):
        ratio = float(p[2]) / float(p[5]) if float(p[5]) > 0 else float("nan")
        report.write(f"| {i} | {p[2]} | {p[3]} | {p[4]} | {p[1]} | {float(p[5]):.0f} | {ratio:.2f} |\n")
    report.write("\n| figure | median (min–max) |\n|---|---|\n")
    report.write(f"| orders/s through the gateway | {spread(throughput)} |\n")
    report.write(f"| latency p50 (ms) | {spread(p50)} |\n")
    report.write(f"| latency p99 (ms) | {spread(p99)} |\n")
    report.write(f"| errors | {errors} |\n")
    report.write(f"| pgbench order.sql (orders/s the database sustains) | {spread(tps)} |\n")
    report.write(f"| **ratio Cartwheel / database ceiling** | **{spread(ratios, 2)}** |\n")
    report.write("\nReproduce: `load-tests/bench-orders.sh` (see load-tests/README.md).\n")
