"""Writes kafka-report.md from kafka-outbound.tsv and kafka-inbound.tsv (one pair per line: ours, Kafka's tool)."""
import os
import statistics
import sys

out, events, size, inbound_events = sys.argv[1:5]


def pairs(name):
    return [[float(v) for v in line.split()] for line in open(os.path.join(out, name)) if line.strip()]


def spread(values, digits=0):
    fmt = f"{{:.{digits}f}}"
    return f"{fmt.format(statistics.median(values))} ({fmt.format(min(values))}–{fmt.format(max(values))})"


def section(report, title, rows, ours, theirs):
    report.write(f"## {title}\n\n| pair | {ours}/s | {theirs}/s | ratio |\n|---|---|---|---|\n")
    for i, (a, b) in enumerate(rows, 1):
        report.write(f"| {i} | {a:.0f} | {b:.0f} | {a / b:.3f} |\n")
    report.write(f"\nmedian (min–max): {ours} {spread([a for a, _ in rows])}/s, {theirs} {spread([b for _, b in rows])}/s, "
                 f"**ratio {spread([a / b for a, b in rows], 3)}**\n\n")


with open(os.path.join(out, "kafka-report.md"), "w") as report:
    report.write("# The Kafka bridge against Kafka's own tools, same broker, same session\n\n")
    report.write(f"{os.cpu_count()} cores; one node (all verticles, -Xmx1g) with embedded PostgreSQL and Kafka.\n\n")
    section(report, f"Outbound: {events} order events of {size} bytes, acks=all, idempotent", pairs("kafka-outbound.tsv"),
            "outbox relay (CloudEvents)", "ProducerPerformance")
    section(report, f"Inbound: {inbound_events} restock CloudEvents, each handled end to end (inventory transaction, dedupe row)",
            pairs("kafka-inbound.tsv"), "bridge", "ConsumerPerformance")
    report.write("Reproduce: `load-tests/bench-kafka.sh` (see load-tests/README.md).\n")
