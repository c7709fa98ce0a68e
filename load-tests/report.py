"""Writes report.md from the bench's results.tsv and config.env: one table of every scenario and ceiling,
each scenario with the ceiling it is compared to and the ratio, then the machine and the configuration.
Exits non-zero when a row is missing or has no throughput (the smoke mode's verdict).
python3 report.py OUT_DIR"""
import os
import platform
import statistics
import subprocess
import sys

out = sys.argv[1]
FIELDS = ["key", "label", "throughput", "unit", "p50", "p99", "p999", "errors", "cpu", "note"]
runs = {}  # key -> its rows: one, or one per repetition ("name#n" in results.tsv)
for line in open(os.path.join(out, "results.tsv")):
    if line.strip():
        values = line.rstrip("\n").split("\t")
        row = dict(zip(FIELDS, values + ["-"] * (len(FIELDS) - len(values))))
        row["key"] = row["key"].split("#")[0]
        runs.setdefault(row["key"], []).append(row)
config = dict(line.rstrip("\n").split("=", 1) for line in open(os.path.join(out, "config.env")) if "=" in line)

# the table's order; each scenario: (its ceiling, what the ratio compares, how it reads)
ORDER = ["http", "catalogue", "pgbench", "pgbench_full", "orders_closed", "sql_economy", "orders_open", "argon2_c", "signin",
         "shopper_orders", "shopper_register", "shopper_login",
         "eventbus_local", "eventbus_cluster", "eventbus_cluster_tls", "stream", "producer_perf", "outbound", "consumer_perf", "inbound", "inbound_orders"]
COMPARED = {
    "catalogue": ("http", "cpu"),
    "signin": ("argon2_c", "cpu"),
    "orders_closed": ("pgbench", "throughput"),
    "shopper_orders": ("pgbench", "throughput"),
    "eventbus_cluster": ("eventbus_local", "throughput"),
    # what the event bus's mutual TLS costs: the same two JVMs without it
    "eventbus_cluster_tls": ("eventbus_cluster", "throughput"),
    "stream": ("eventbus_local", "p50"),
    "outbound": ("producer_perf", "throughput"),
    "inbound": ("consumer_perf", "throughput"),
    # each partner order is a saga, as an order over HTTP: the closed orders run is its ceiling
    "inbound_orders": ("orders_closed", "throughput"),
}
# per confirmed order, from the code (Saga, OrdersRoutes): gateway -> orders.cmd.place, then quote, reserve,
# authorize and commit; and the events it publishes: order-placed, stock-reserved, payment-authorized,
# stock-committed, order-confirmed, and two notification-created
ORDER_ROUND_TRIPS, ORDER_EVENTS = 5, 7
BASIS = {"throughput": "throughput", "cpu": "requests per server CPU-second", "p50": "p50 latency"}


def number(value):
    try:
        return float(value)
    except ValueError:
        return None


def spread(values, fmt):
    return f"{fmt(statistics.median(values))} ({fmt(min(values))}–{fmt(max(values))})"


def combined(key, repeated):
    """One row for repeated runs: the median of each figure, errors summed, the spread in the note."""
    if len(repeated) == 1:
        return repeated[0]
    row = dict(repeated[0])
    for field in ("throughput", "p50", "p99", "p999", "cpu"):
        values = [number(r[field]) for r in repeated if number(r[field]) is not None]
        row[field] = f"{round(statistics.median(values), 3):g}" if values else "-"
    row["errors"] = str(sum(int(r["errors"]) for r in repeated if r["errors"].isdigit()))
    rates = [number(r["throughput"]) for r in repeated if number(r["throughput"]) is not None]
    notes = {n: r["note"] for n, r in enumerate(repeated, 1) if r["note"] not in ("-", "")}
    if len(set(notes.values())) > 1:  # a note with a figure of its own: each run's
        shown = [f"run {n}: {note}" for n, note in notes.items()]
    else:
        shown = list(set(notes.values()))
    row["note"] = "; ".join([f"median of {len(repeated)} runs; throughput {min(rates):g}–{max(rates):g}"] + shown)
    return row


rows = {key: combined(key, repeated) for key, repeated in runs.items()}


def ratio(row):
    if row["key"] not in COMPARED:
        return "—", "—"
    base_key, basis = COMPARED[row["key"]]
    base = rows.get(base_key)
    if base is None:
        return "(missing)", "(missing)"
    a, b = number(row[basis]), number(base[basis])
    ours, theirs = runs[row["key"]], runs[base_key]
    if basis == "throughput" and len(ours) > 1 and len(ours) == len(theirs):
        # repeated in interleaved pairs: the ratio pair by pair, then its median and spread
        pairs = [number(x["throughput"]) / number(y["throughput"]) for x, y in zip(ours, theirs)
                 if number(x["throughput"]) and number(y["throughput"])]
        value = spread(pairs, lambda v: f"{v:.3f}") if pairs else "n/a"
    elif basis == "cpu" and len(ours) > 1 and len(ours) == len(theirs):
        # repeated in interleaved pairs: requests per CPU-second ÷ the ceiling's, pair by pair
        pairs = [number(y["cpu"]) / number(x["cpu"]) for x, y in zip(ours, theirs) if number(x["cpu"]) and number(y["cpu"])]
        value = spread(pairs, lambda v: f"{v:.3f}") if pairs else "n/a"
    elif not a or not b:
        value = "n/a"
    elif basis == "cpu":  # fewer CPU ms per request is better: the ratio of requests per CPU-second
        value = f"{b / a:.3f}"
    elif basis == "p50":  # how many of the ceiling's round trips the scenario's latency is
        value = f"×{a / b:,.0f}"
    else:
        value = f"{a / b:.3f}"
    return f'{base["label"].split(" (")[0]} — {BASIS[basis]}', value


def cpu_ratios(key, ceiling):
    """The scenario's CPU per operation ÷ the ceiling's, pair by pair (repeated runs in interleaved pairs)."""
    ours, theirs = runs.get(key, []), runs.get(ceiling, [])
    return [number(x["cpu"]) / number(y["cpu"]) for x, y in zip(ours, theirs) if number(x["cpu"]) and number(y["cpu"])]


def machine():
    model = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
    java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    return f"{os.cpu_count()} cores ({model}), {platform.system()} {platform.release()}; {java}"


missing = [key for key in ORDER if key not in rows or not number(rows[key]["throughput"])]
with open(os.path.join(out, "report.md"), "w") as report:
    report.write(f"# Cartwheel bench{' (smoke: a few seconds per part, figures not meaningful)' if config.get('SMOKE') == '1' else ''}\n\n")
    report.write("| scenario | throughput | p50 ms | p99 ms | p99.9 ms | errors | server CPU ms/op | compared with | ratio |\n")
    report.write("|---|---|---|---|---|---|---|---|---|\n")
    for key in ORDER:
        row = rows.get(key)
        if row is None:
            report.write(f"| {key}: **no result** | | | | | | | | |\n")
            continue
        versus, value = ratio(row)
        report.write(f'| {row["label"]} | {row["throughput"]} {row["unit"]} | {row["p50"]} | {row["p99"]} | {row["p999"]} | '
                     f'{row["errors"]} | {row["cpu"]} | {versus} | {value} |\n')
    report.write("\nRatios: throughput ÷ the ceiling's; for the catalogue, its requests per server CPU-second ÷ the bare "
                 "endpoint's (the same open load hits both, so throughput alone would be equal); for sign-in, its requests "
                 "per server CPU-second ÷ the C reference's hashes per CPU-second; for the WebSocket update, "
                 "its p50 ÷ one event-bus round trip's. Server CPU is the node's JVMs and PostgreSQL (the baseline's own "
                 "process for the ceilings) over the arrivals window, less the node's CPU at rest "
                 f"({config.get('NODE_IDLE_CORES', '?')} cores: outbox relays polling, the Kafka broker, PostgreSQL).\n\n")
    notes = [f'- {rows[k]["label"]}: {rows[k]["note"]}' for k in ORDER if k in rows and rows[k]["note"] not in ("-", "")]
    orders, echo = rows.get("orders_closed"), rows.get("eventbus_local")
    for ceiling in ("pgbench", "pgbench_full"):
        ratios = cpu_ratios("orders_closed", ceiling)
        if ratios:
            notes.append(f"- CPU per confirmed order, the node's (JVMs and PostgreSQL) ÷ PostgreSQL's under {rows[ceiling]['label'].split(',')[0]}, "
                         f"pair by pair: {spread(ratios, lambda v: f'{v:.2f}')}.")
    if orders and echo and number(orders["throughput"]) and number(echo["throughput"]) and number(orders["p50"]):
        per_s = number(orders["throughput"]) * ORDER_ROUND_TRIPS
        hops_ms = number(echo["p50"]) * ORDER_ROUND_TRIPS
        notes.append(f"- Messaging: a confirmed order makes {ORDER_ROUND_TRIPS} event-bus request/reply round trips and "
                     f"publishes {ORDER_EVENTS} events. At the closed run's rate that is {per_s:.0f} round trips/s, "
                     f"{100 * per_s / number(echo['throughput']):.2f} % of the one-JVM echo ceiling, and "
                     f"{ORDER_ROUND_TRIPS} bare round trips take {hops_ms:.2f} ms, "
                     f"{100 * hops_ms / number(orders['p50']):.2f} % of an order's p50.")
    report.write("Notes:\n\n" + "\n".join(notes) + "\n\n")
    report.write(f"Machine: {machine()}; load average {config.get('LOAD', '?')}.\n\n")
    report.write(f"Commit {config.get('COMMIT', '?')}; the whole bench took {config.get('SECONDS_TAKEN', '?')} s. Knobs: "
                 + ", ".join(f"`{k}={v}`" for k, v in config.items() if k not in ("COMMIT", "SECONDS_TAKEN", "LOAD", "SMOKE", "NODE_IDLE_CORES")) + ".\n\n")
    report.write("One node: every verticle in one JVM (-Xmx1g), embedded PostgreSQL and Kafka (its broker in a child JVM), "
                 "the simulated payment provider without latency, rate limits off; Gatling, pgbench and the perf tools on "
                 "the same machine. Reproduce: `load-tests/bench.sh` (see load-tests/README.md).\n")
    if os.path.exists(os.path.join(out, "profile.md")):
        report.write("\n## Where the node's CPU went\n\nJFR (`settings=profile`) over each run's arrivals window; "
                     "the recordings are in target/*.jfr (`jfr print --events jdk.ExecutionSample`).\n\n")
        report.write(open(os.path.join(out, "profile.md")).read())

if missing:
    sys.exit(f"report.md lacks a result for: {', '.join(missing)}")
print(f"{len(rows)} rows")
