"""Appends to OUTPUT.md a summary of a JFR recording's CPU samples (jdk.ExecutionSample): where the
node's CPU went, by top frame (self time), by package of the top frame, by thread, by the innermost frame
outside the JDK, and by the innermost Cartwheel frame on the stack. python3 profile.py RECORDING.jfr OUTPUT.md TOP TITLE"""
import collections
import json
import re
import subprocess
import sys

recording, output, top, title = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
printed = subprocess.run(["jfr", "print", "--json", "--stack-depth", "64", "--events", "jdk.ExecutionSample", recording],
                         capture_output=True, text=True, check=True).stdout
events = json.loads(printed)["recording"]["events"]
if not events:
    sys.exit(f"no CPU samples in {recording}")


def method(frame):
    m = frame["method"]
    return f'{m["type"]["name"].replace("/", ".")}.{m["name"]}'


def outside_jdk(frames):  # the innermost frame of a library or of ours: who asked the JDK for the work
    names = (method(f) for f in frames)
    return next((n for n in names if not n.startswith(("java.", "jdk.", "sun."))), "(JDK frames only in the top 64)")


def ours_in(frames):  # the innermost frame of our own code that is not a generated lambda class
    names = (method(f) for f in frames)
    return next((n for n in names if n.startswith("dev.cartwheel") and "$$Lambda" not in n), "(no Cartwheel frame in the top 64)")


def package(method_name, depth=3):  # com.password4j.Argon2Function.fillBlock -> com.password4j
    return ".".join(method_name.split(".")[:-2][:depth])


self_time, packages, threads, libraries, ours = (collections.Counter() for _ in range(5))
for event in events:
    frames = (event["values"].get("stackTrace") or {}).get("frames") or []
    if not frames:
        continue
    leaf = method(frames[0])
    self_time[leaf] += 1
    packages[package(leaf)] += 1
    thread = event["values"]["sampledThread"]
    threads[re.sub(r"[-#]?\d+$", "", (thread.get("javaName") or thread.get("osName") or "?"))] += 1
    libraries[outside_jdk(frames)] += 1
    ours[ours_in(frames)] += 1
total = sum(self_time.values())


def table(heading, counter, what):
    lines = [f"#### {heading}\n", f"| {what} | samples | share |", "|---|---|---|"]
    lines += [f"| `{name}` | {count} | {100 * count / total:.1f} % |" for name, count in counter.most_common(top)]
    return "\n".join(lines) + "\n"


with open(output, "a") as out:
    out.write(f"### Profile of {title}: {total} CPU samples of the node (JFR, `{recording.rsplit('/', 1)[-1]}`)\n\n")
    out.write(table("Hot methods (self: the frame on the CPU)", self_time, "method"))
    out.write("\n" + table("By package of the frame on the CPU", packages, "package"))
    out.write("\n" + table("By thread", threads, "thread"))
    out.write("\n" + table("By innermost frame outside the JDK (the library or our code the JDK worked for)", libraries, "frame"))
    out.write("\n" + table("By innermost Cartwheel frame (which of our code the CPU was working for)", ours, "frame") + "\n")
print(f"{total} samples; top: {self_time.most_common(1)[0][0]}")
