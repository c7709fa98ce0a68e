"""CPU seconds of each thread of a process, summed by thread name (digits folded: "vert.x-eventloop-thread-#"), from
/proc: `threads.py PID > before.json`, later `threads.py PID > after.json`, then `threads.py --diff before.json
after.json SECONDS` prints the busiest names in cores (at-rest.sh uses it to split a node's CPU at rest)."""
import json
import os
import re
import sys

if sys.argv[1] == "--diff":
    before, after, seconds = json.load(open(sys.argv[2])), json.load(open(sys.argv[3])), float(sys.argv[4])
    used = {name: cpu - before.get(name, 0) for name, cpu in after.items()}
    for name, cpu in sorted(used.items(), key=lambda item: -item[1])[:12]:
        if cpu > 0:
            print(f"  {name:44s} {cpu / seconds:.4f} cores")
    sys.exit()

tick = os.sysconf("SC_CLK_TCK")
by_name = {}
for task in os.listdir(f"/proc/{sys.argv[1]}/task"):
    try:
        with open(f"/proc/{sys.argv[1]}/task/{task}/stat") as f:
            stat = f.read()
    except FileNotFoundError:
        continue  # the thread ended meanwhile
    name = re.sub(r"\d+", "#", stat[stat.index("(") + 1:stat.rindex(")")])
    fields = stat.rsplit(")", 1)[1].split()
    by_name[name] = by_name.get(name, 0) + (int(fields[11]) + int(fields[12])) / tick  # utime + stime
print(json.dumps(by_name))
