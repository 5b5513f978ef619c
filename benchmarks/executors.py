"""`superagent demo run` (both acts) on the Temporal executor against the inline one, alternating, in one run.

    .venv/bin/python benchmarks/executors.py [--rounds 2]

Each round runs the whole demo twice in fresh folders: once durable (a local Temporal dev server started by the
command, every agent's worker in-process, each agent call an activity) and once inline (agents called directly).
The machine is shared and noisy: compare the ratio of the totals, measured side by side, not absolute seconds.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time

ACT = re.compile(r"(\d+)/(\d+) validated in ([\d.]+)s")


def demo(executor: str) -> tuple[float, list[float], int]:
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "superagent", "demo", "run"],
            cwd=tmp,
            env={**os.environ, "SUPERAGENT_EXECUTOR": executor, "COLUMNS": "200"},
            capture_output=True,
            text=True,
            check=False,
        )
        wall = time.perf_counter() - started
        if done.returncode != 0:
            print(done.stdout[-3000:], done.stderr[-2000:])
        acts = [float(m.group(3)) for m in ACT.finditer(done.stdout)]
        return wall, acts, done.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    totals = {"temporal": 0.0, "inline": 0.0}
    for n in range(args.rounds):
        order = ("temporal", "inline") if n % 2 == 0 else ("inline", "temporal")
        for executor in order:
            wall, acts, code = demo(executor)
            totals[executor] += wall
            shown = ", ".join(f"act {i + 1} {s:.1f}s" for i, s in enumerate(acts))
            print(f"round {n + 1} {executor:>8}: make-demo wall {wall:.1f}s ({shown}; exit {code})", flush=True)
    ratio = totals["temporal"] / totals["inline"]
    print(f"cores: {os.cpu_count()}")
    print(f"temporal / inline wall time: {ratio:.3f}  (target <= 1.10)")


if __name__ == "__main__":
    main()
