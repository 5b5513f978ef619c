"""Durable jobs on a real Temporal dev server, with every agent's worker in this process and real Chromium."""

from __future__ import annotations

import asyncio
import base64
import json
from pathlib import Path

import pytest
from apps.notes_app import NotesApp
from temporalio.client import WorkflowUpdateFailedError

from superagent.agents.router import route
from superagent.events import Event
from superagent.job_models import JobOutcome, JobSpec, Policy
from superagent.jobs import check_job, create_job
from superagent.orchestration.executor import follow, start
from superagent.orchestration.worker import running_workers, temporal_client
from superagent.orchestration.workflows import FeatureWorkflow
from superagent.pipeline.review import Decision
from superagent.services import build_services
from superagent.settings import Settings
from superagent.state.sqlite import SQLiteStateStore

from .conftest import USER
from .histories import keep

pytestmark = [pytest.mark.browser, pytest.mark.slow]
ENV = {"SUPERAGENT_USERNAME": USER, "SUPERAGENT_PASSWORD_ENV": "NOTES_PASSWORD"}


async def _write_search_test(settings: Settings, url: str, password: str) -> tuple[str, list[Event]]:
    events: list[Event] = []
    request = route(f"write a test that searching the notes works on {url}", username=USER)
    outcome = await create_job(
        build_services(settings), "search", [request], username=USER, password_env="NOTES_PASSWORD", runner_env=ENV,
        on_event=events.append,
    )  # fmt: skip
    assert outcome.report.ok, [f.reason for f in outcome.report.flows]
    assert Path(outcome.report_path).is_file()
    return outcome.job_id, events


def _payload_text(node: object) -> str:
    """Every payload of a history, decoded (the JSON form keeps them base64-encoded under "data")."""
    if isinstance(node, dict):
        data = node.get("data")
        own = base64.b64decode(data).decode(errors="replace") if isinstance(data, str) and "metadata" in node else ""
        return own + "".join(_payload_text(v) for k, v in node.items() if k != "data")
    if isinstance(node, list):
        return "".join(_payload_text(v) for v in node)
    return ""


async def test_a_durable_job_writes_runs_validates_and_records_once(
    chromium: str, durable_settings: Settings, notes: tuple[NotesApp, str]
) -> None:
    app, url = notes
    job_id, events = await _write_search_test(durable_settings, url, app.password)
    kinds = [e.kind for e in events]
    for kind in ("TestWritten", "CritiqueGiven", "RunStarted", "RunFinished", "VerdictGiven"):
        assert kind in kinds, f"the live display never heard {kind}: {kinds}"
    async with SQLiteStateStore(durable_settings.state_db) as state:
        job = await state.get_job(job_id)
        assert job is not None and job.status == "validated"
        assert len(await state.results_for(job_id)) == 1
        assert [e.kind for e in await state.events_for(job_id)] == kinds
    async with temporal_client(durable_settings) as client:
        handle = client.get_workflow_handle(job_id)
        history = await handle.fetch_history()
        await keep(handle, "create_validated")
    payloads = _payload_text(json.loads(history.to_json()))
    assert app.password not in payloads, "a secret reached the workflow history"
    assert "iVBORw0KGgo" not in payloads, "a screenshot travelled through Temporal instead of by its path"
    assert ".png" in payloads  # ...which is how it does travel


async def test_a_job_waits_for_a_person_and_continues_on_the_decision(
    chromium: str, durable_settings: Settings, notes: tuple[NotesApp, str]
) -> None:
    app, url = notes
    await _write_search_test(durable_settings, url, app.password)
    test_file = str(durable_settings.tests_dir / "test_search.py")
    app.broken.add("search")  # the feature breaks: an assertion fails, which Medic must not "fix"
    async with (
        temporal_client(durable_settings) as client,
        running_workers(client, durable_settings, build_services(durable_settings).activities),
    ):
        spec = JobSpec(
            job_id="heal-" + durable_settings.task_queue_prefix.rstrip("-"),
            kind="check",
            title="heal",
            url=url,
            paths=[test_file],
            heal=True,
            runner_env=ENV,
            policy=Policy.from_settings(durable_settings),
        )
        handle = await start(client, spec)
        waiting = await follow(handle, None)
        assert waiting.status == "in_review"
        [flow] = waiting.report.flows
        assert flow.status == "in_review" and flow.review_id
        description = await handle.describe()
        assert description.status is not None and description.status.name == "RUNNING"
        assert (await description.memo())["phase"] == "in_review"

        with pytest.raises(WorkflowUpdateFailedError):
            await handle.execute_update(FeatureWorkflow.decide, Decision(review_id="r-nope", action="reject", note="x"))
        decided = await handle.execute_update(
            FeatureWorkflow.decide, Decision(review_id=flow.review_id, action="reject", note="a real bug, filed")
        )
        assert decided.status == "rejected"
        final = await asyncio.wait_for(handle.result(), 60)
        await keep(handle, "heal_review_rejected")
    assert final.status == "failed"
    async with SQLiteStateStore(durable_settings.state_db) as state:
        item = await state.get_review(flow.review_id)
        assert item is not None and item.status == "rejected" and item.note == "a real bug, filed"
        job = await state.get_job(spec.job_id)
        assert job is not None and job.status == "failed"
    assert "search" in Path(test_file).read_text()  # the test was left as it is


async def test_an_unanswered_review_times_out_by_policy(
    chromium: str, durable_settings: Settings, notes: tuple[NotesApp, str]
) -> None:
    app, url = notes
    await _write_search_test(durable_settings, url, app.password)
    app.broken.add("search")
    settings = durable_settings.model_copy(update={"review_timeout_s": 1.0, "review_on_timeout": "reject"})
    test_file = str(settings.tests_dir / "test_search.py")
    async with (
        temporal_client(settings) as client,
        running_workers(client, settings, build_services(settings).activities),
    ):
        outcome = await check_job(build_services(settings), [test_file], url, judge=True, heal=True, runner_env=ENV)
        job_id, report = outcome.job_id, outcome.report
        [flow] = report.flows
        assert flow.status == "in_review"
        handle = client.get_workflow_handle(job_id, result_type=JobOutcome)
        final = await asyncio.wait_for(handle.result(), 60)
        await keep(handle, "review_timed_out")
    assert final.status == "failed"
    async with SQLiteStateStore(settings.state_db) as state:
        item = await state.get_review(flow.review_id or "")
        assert item is not None and item.status == "rejected" and item.note == "review timed out"


async def test_bad_input_fails_the_job_with_the_same_error_as_inline(
    chromium: str, durable_settings: Settings, tmp_path: Path
) -> None:
    from superagent.errors import TestFileError

    durable_settings.tests_dir.mkdir(parents=True, exist_ok=True)  # workers take test paths under it only
    empty = durable_settings.tests_dir / "test_nothing.py"
    empty.write_text("x = 1\n")
    with pytest.raises(TestFileError, match="no tests found"):
        await check_job(build_services(durable_settings), [str(empty)], None, judge=True, runner_env={})


async def test_a_job_left_unfinished_resumes_with_the_next_command(
    chromium: str, durable_settings: Settings, notes: tuple[NotesApp, str]
) -> None:
    """The laptop default: a local server that lives as long as a command, its data in the state folder."""
    from superagent.orchestration.worker import embedded

    _, url = notes
    settings = durable_settings.model_copy(update={"temporal_address": None})
    spec = JobSpec(
        job_id="left-" + settings.task_queue_prefix.rstrip("-"),
        kind="create",
        title="search",
        url=url,
        requests=[route(f"write a test that searching the notes works on {url}", username=USER)],
        username=USER,
        password_env="NOTES_PASSWORD",
        runner_env=ENV,
        policy=Policy.from_settings(settings),
    )
    async with temporal_client(settings) as client:  # started, but this command runs no workers
        await start(client, spec)
    assert not (settings.state_dir / "temporal.json").exists(), "the command's server stopped with it"
    async with embedded(
        settings, build_services(settings).activities
    ) as client:  # the next command's workers pick the job up
        outcome = await asyncio.wait_for(client.get_workflow_handle(spec.job_id, result_type=JobOutcome).result(), 120)
    assert outcome.status == "validated"
