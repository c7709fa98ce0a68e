"""compare.sh's report: each figure of side A and side B as median (min–max) over the pairs, and B ÷ A
taken pair by pair. python3 compare_report.py FIGURES.tsv SIDE_A SIDE_B COMMIT KNOBS"""
import collections
import statistics
import sys

figures, side_a, side_b, commit, knobs = sys.argv[1:6]
values = collections.defaultdict(dict)  # figure -> {(side, pair): value}
order = []
for line in open(figures):
    side, pair, name, value = line.rstrip("\n").split("\t")
    if name not in order:
        order.append(name)
    try:
        values[name][(side, pair)] = float(value)
    except ValueError:
        pass  # "-": not measured


def spread(numbers):
    if not numbers:
        return "-"
    fmt = lambda v: f"{v:.3g}" if abs(v) < 100 else f"{v:.0f}"
    return f"{fmt(statistics.median(numbers))} ({fmt(min(numbers))}–{fmt(max(numbers))})"


print("# Two builds side by side\n")
print(f"- A: `{side_a}`\n- B: `{side_b}`\n")
print(f"Fresh node per run, pairs interleaved (A B, B A, ...); median (min–max). Commit {commit}; {knobs}.\n")
print("| figure | A | B | B ÷ A, pair by pair |\n|---|---|---|---|")
for name in order:
    by = values[name]
    pairs = sorted({pair for _, pair in by})
    a = [by[("A", p)] for p in pairs if ("A", p) in by]
    b = [by[("B", p)] for p in pairs if ("B", p) in by]
    ratios = [by[("B", p)] / by[("A", p)] for p in pairs if by.get(("A", p)) and ("B", p) in by]
    print(f"| {name} | {spread(a)} | {spread(b)} | {spread(ratios) if 'errors' not in name else '-'} |")
print()
