"""argon2id's reference C implementation (Debian's `argon2` CLI) at the node's cost: CPU milliseconds per hash.
A CLI run also pays for starting a process and for faulting its memory in, which a JVM that hashes again and
again does not. So runs at t passes and at t+10 are timed, interleaved: their difference is ten passes of
pure hashing, and a hash at t costs t of them. (-r prints the raw hash only; without it the CLI also
verifies, a second hash.)

python3 argon2_ceiling.py MEMORY_KIB ITERATIONS PARALLELISM RUNS  ->  prints "ms_per_hash hashes_per_cpu_second"
"""
import resource
import statistics
import subprocess
import sys

memory_kib, iterations, parallelism, runs = map(int, sys.argv[1:5])
EXTRA_PASSES = 10


def cpu_ms(passes):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(["argon2", "cartwheel-bench-salt", "-id", "-t", str(passes), "-k", str(memory_kib), "-p", str(parallelism),
                    "-l", "32", "-r"], input=b"bench-password-2026", stdout=subprocess.DEVNULL, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return 1000 * (after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)


short, long = [], []
for _ in range(runs):
    short.append(cpu_ms(iterations))
    long.append(cpu_ms(iterations + EXTRA_PASSES))
per_pass = (statistics.median(long) - statistics.median(short)) / EXTRA_PASSES
per_hash = per_pass * iterations
print(f"{per_hash:.3f} {1000 / per_hash:.1f}")
