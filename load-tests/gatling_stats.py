"""Prints "ok ko throughput p50 p99 p99.9" for one row of a Gatling HTML report's statistics table
(a request, a group, or "All Requests"): python3 gatling_stats.py REPORT_DIR NAME SECONDS.
Throughput is OK responses over SECONDS (the injection window); the percentiles are Gatling's over all
responses of the row (gatling.conf sets them to 50, 95, 99 and 99.9)."""
import html
import re
import sys

report, name, seconds = sys.argv[1], sys.argv[2], float(sys.argv[3])
page = open(f"{report}/index.html", encoding="utf-8").read()
for row in re.findall(r'<tr id="[^"]*"[^>]*>(.*?)</tr>', page, re.S):
    label = re.search(r'class="ellipsed-name">([^<]*)<', row)
    if label and html.unescape(label.group(1)) == name:
        cells = {int(col): value for col, value in re.findall(r'<td class="value [^"]*col-(\d+)">([^<]*)</td>', row)}
        number = lambda col: 0 if cells[col] in ("-", "") else float(cells[col].replace(",", ""))
        ok, ko = int(number(3)), int(number(4))
        # columns: 2 total, 3 ok, 4 ko, 5 ko %, 6 per second, 7 min, 8 p50, 9 p95, 10 p99, 11 p99.9, 12 max
        print(ok, ko, round(ok / seconds, 1), f"{number(8):g}", f"{number(10):g}", f"{number(11):g}")
        break
else:
    sys.exit(f"no row '{name}' in {report}/index.html")
