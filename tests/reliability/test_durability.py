"""Durable jobs survive what happens to real deployments: killed workers, a restarted server, poison work, and
rolling restarts (SIGTERM)."""

from __future__ import annotations

import asyncio
import signal

import pytest
from orchestration.histories import keep

from superagent.job_models import JobOutcome
from superagent.orchestration import devserver
from superagent.orchestration.executor import follow, start
from superagent.orchestration.workflows import FeatureWorkflow
from superagent.pipeline.review import Decision
from superagent.state.sqlite import SQLiteStateStore

from .conftest import Lab, activity_attempts, pending, runs_pytest, stop

pytestmark = [pytest.mark.browser, pytest.mark.slow]


async def _results_and_reviews(lab: Lab, job_id: str) -> tuple[int, int]:
    async with SQLiteStateStore(lab.settings.state_db) as state:
        results = await state.results_for(job_id)
        reviews = [r for r in await state.list_reviews() if r.job_id == job_id]
    return len(results), len(reviews)


async def test_a_worker_killed_during_the_run_is_replaced_and_the_job_completes_once(lab: Lab) -> None:
    first = lab.spawn_worker()
    client = await lab.client()
    handle = await start(client, lab.spec())
    await pending(handle, "run")
    await runs_pytest(first.pid)
    stop(first, signal.SIGKILL)

    lab.spawn_worker()
    outcome: JobOutcome = await asyncio.wait_for(handle.result(), 180)
    assert outcome.status == "validated", [f.reason for f in outcome.report.flows]
    attempts = await activity_attempts(handle)
    assert attempts["run"] == [2], "the runner's work is retried once, on the new worker"
    assert attempts["write"] == [1] and attempts["critique"] == [1] and attempts["save"] == [1], (
        f"finished steps were run again: {attempts}"
    )
    assert await _results_and_reviews(lab, outcome.job_id) == (1, 0)
    await keep(handle, "worker_killed_during_run")


async def test_a_restarted_server_loses_no_job(lab: Lab) -> None:
    lab.spawn_worker()
    client = await lab.client()
    spec = lab.spec()
    handle = await start(client, spec)
    await pending(handle, "write")
    assert lab.server is not None and lab.server.process is not None
    lab.server.process.kill()
    lab.server.process.wait()
    lab.start_server()  # same port, same data file
    await devserver.probe(lab.address)

    client = await lab.client()
    handle = client.get_workflow_handle(spec.job_id, result_type=JobOutcome)
    outcome = await asyncio.wait_for(handle.result(), 240)
    assert outcome.status == "validated", [f.reason for f in outcome.report.flows]
    assert await _results_and_reviews(lab, spec.job_id) == (1, 0)


async def test_a_poison_job_stops_at_its_retry_limit_and_lands_in_review(lab: Lab) -> None:
    lab.spawn_worker(SUPERAGENT_RUN_TIMEOUT_S="0.2")  # every run times out: an infrastructure failure, retried
    client = await lab.client()
    handle = await start(client, lab.spec())
    waiting = await asyncio.wait_for(follow(handle, None), 180)
    assert waiting.status == "in_review"
    [flow] = waiting.report.flows
    assert flow.review_id and "failed 3 time(s)" in flow.reason and "RunnerError" in flow.reason
    attempts = await activity_attempts(handle)
    assert attempts["run"] == [3], f"the run must stop at its retry limit: {attempts}"
    assert await _results_and_reviews(lab, waiting.job_id) == (0, 1)

    decided = await handle.execute_update(
        FeatureWorkflow.decide, Decision(review_id=flow.review_id, action="reject", note="runner host broken")
    )
    assert decided.status == "rejected"
    assert (await asyncio.wait_for(handle.result(), 60)).status == "failed"
    await keep(handle, "poison_to_review")


async def test_sigterm_lets_the_in_flight_run_finish(lab: Lab) -> None:
    first = lab.spawn_worker()
    client = await lab.client()
    handle = await start(client, lab.spec())
    await pending(handle, "run")
    assert stop(first, signal.SIGTERM) == 0, "a graceful stop exits cleanly"
    attempts = await activity_attempts(handle)
    assert attempts.get("run") == [1], f"the in-flight run finished on the stopping worker: {attempts}"

    lab.spawn_worker()
    outcome = await asyncio.wait_for(handle.result(), 120)
    assert outcome.status == "validated"
    assert (await activity_attempts(handle))["run"] == [1]
