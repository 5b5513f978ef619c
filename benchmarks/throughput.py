"""Validated flows per hour on the demo app, and pipeline wall time vs a raw pytest run of the final tests.

    .venv/bin/python benchmarks/throughput.py [--rounds 3]

Each round runs the whole demo job (8 flows: write, critic, one pytest batch, rubric) in a fresh folder, then
runs plain `pytest` on the tests it produced, against the same app, in the same conditions. Figures are from one
run on a shared machine: compare the ratio, not the absolute seconds.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import secrets
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from superagent.agents.router import route
from superagent.cli.demo import DEMO_FLOWS
from superagent.demo.app import create_app
from superagent.demo.server import AppServer
from superagent.jobs import create_job
from superagent.services import build_services
from superagent.settings import Settings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--executor", choices=("temporal", "inline"), default="temporal")
    args = parser.parse_args()
    username, password = "demo", secrets.token_urlsafe(12)
    os.environ["SUPERAGENT_PASSWORD"] = password  # agents and tests read it by name
    env = {"SUPERAGENT_USERNAME": username}
    pipeline_s: list[float] = []
    raw_s: list[float] = []
    validated = total = 0
    with AppServer(create_app("v1", username=username, password=password)) as server:
        requests = [route(text, url=server.url, username=username) for text in DEMO_FLOWS]
        for n in range(args.rounds):
            with tempfile.TemporaryDirectory() as tmp:
                root = Path(tmp)
                settings = Settings(
                    tests_dir=root / "tests", artifacts_dir=root / "artifacts", state_dir=root / "state",
                    executor=args.executor,
                )  # fmt: skip
                started = time.perf_counter()
                report = asyncio.run(
                    create_job(
                        build_services(settings),
                        "benchmark",
                        requests,
                        username=username,
                        password_env="SUPERAGENT_PASSWORD",
                        runner_env=env,
                    )
                ).report
                pipeline_s.append(time.perf_counter() - started)
                validated += sum(f.status == "validated" for f in report.flows)
                total += len(report.flows)
                started = time.perf_counter()
                raw = subprocess.run(
                    [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(root / "tests"),
                     "--base-url", server.url, "--superagent-artifacts", str(root / "raw")],
                    env={**os.environ, **env}, capture_output=True, text=True, check=False,
                )  # fmt: skip
                raw_s.append(time.perf_counter() - started)
                ok = sum(f.status == "validated" for f in report.flows)
                for flow in report.flows:
                    if flow.status != "validated":
                        print(f"  {flow.flow}: {flow.status} — {flow.reason[:300]}")
                run_s = report.run.wall_ms / 1000 if report.run else 0.0
                print(
                    f"round {n + 1}: pipeline {pipeline_s[-1]:.1f}s ({ok}/{len(report.flows)} validated; runner batch "
                    f"{run_s:.1f}s, the rest writing and checking), raw pytest {raw_s[-1]:.1f}s (exit {raw.returncode})"
                )
    per_hour = validated / sum(pipeline_s) * 3600
    ratio = sum(pipeline_s) / sum(raw_s)
    print(f"cores: {os.cpu_count()}")
    print(f"validated flows: {validated}/{total}")
    print(f"validated flows per hour: {per_hour:.0f}  (target >= 1000)")
    print(f"pipeline wall / raw pytest wall: {ratio:.2f}  (target <= 1.5)")


if __name__ == "__main__":
    main()
