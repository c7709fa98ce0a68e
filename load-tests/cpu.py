"""Prints the CPU seconds (user + system) used so far by the given processes and all their descendants,
from /proc: the bench takes it before and after a run to get a server's CPU per request. Descendants that
have ended count too (their time is in their parent's cutime/cstime): pgbench's connections end before
the second reading, and their PostgreSQL backends with them."""
import os
import sys

TICK = os.sysconf("SC_CLK_TCK")


def stat(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[1]), sum(int(f) for f in fields[11:15]) / TICK  # ppid, utime + stime + cutime + cstime


processes = {}
for entry in os.listdir("/proc"):
    if entry.isdigit():
        try:
            processes[int(entry)] = stat(entry)
        except (FileNotFoundError, ProcessLookupError, IndexError):
            pass  # ended meanwhile

children = {}
for pid, (ppid, _) in processes.items():
    children.setdefault(ppid, []).append(pid)

todo = [int(p) for p in sys.argv[1:] if int(p) in processes]
seen = set()
while todo:
    pid = todo.pop()
    if pid not in seen:
        seen.add(pid)
        todo.extend(children.get(pid, []))
print(round(sum(processes[pid][1] for pid in seen), 2))
