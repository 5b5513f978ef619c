"""A job whose input cannot be decoded, or asks what a worker refuses, ends FAILED at once: it never sits in a
retry loop that every worker keeps picking up."""

from __future__ import annotations

import asyncio
import uuid
from pathlib import Path

import pytest
from temporalio.client import Client, WorkflowFailureError
from temporalio.common import RawValue
from temporalio.converter import default
from temporalio.exceptions import ApplicationError

from superagent.job_models import JobSpec, Policy
from superagent.orchestration import devserver
from superagent.orchestration.worker import connect, running_workers
from superagent.services import build_services
from superagent.settings import Settings


@pytest.fixture
async def router_worker(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """A dev server and the router's worker (it runs the workflows) in this process."""
    try:
        devserver.find_temporal()
    except Exception as exc:
        pytest.skip(str(exc))
    monkeypatch.chdir(tmp_path)
    async with devserver.local_server(tmp_path / ".superagent") as server:
        settings = Settings(
            state_dir=tmp_path / ".superagent", artifacts_dir=tmp_path / "artifacts",
            tests_dir=tmp_path / "superagent-tests", temporal_address=server.address,
            task_queue_prefix=f"p{uuid.uuid4().hex[:6]}-", _env_file=None,  # type: ignore[call-arg]
        )  # fmt: skip
        client = await connect(server.address, "default")
        services = build_services(settings)
        async with running_workers(client, settings, services.activities, ["router"]):
            yield client, settings


async def _failure(client: Client, settings: Settings, payload: object) -> BaseException:
    """Start FeatureWorkflow with ``payload`` as it is (no client-side model check) and wait for its end."""
    handle = await client.start_workflow(
        "FeatureWorkflow", RawValue(default().payload_converter.to_payloads([payload])[0]),
        id=f"poison-{uuid.uuid4().hex[:8]}", task_queue=f"{settings.task_queue_prefix}router",
    )  # fmt: skip
    with pytest.raises(WorkflowFailureError) as failed:
        await asyncio.wait_for(handle.result(), 60)
    description = await handle.describe()
    assert description.status is not None and description.status.name == "FAILED"
    return failed.value.cause


@pytest.mark.parametrize(
    "payload",
    [
        {"job_id": "j1", "kind": "destroy", "title": "t"},
        {"job_id": "j1", "kind": "check", "title": "t", "budget": {"limit_usd": "lots"}},
        ["not", "a", "spec"],
    ],
)
async def test_a_workflow_input_that_does_not_decode_fails_the_run(router_worker, payload: object) -> None:  # type: ignore[no-untyped-def]
    client, settings = router_worker
    cause = await _failure(client, settings, payload)
    assert isinstance(cause, ApplicationError) and cause.type == "ValidationError", cause


async def test_a_spec_a_worker_refuses_fails_the_job_with_the_reason(router_worker) -> None:  # type: ignore[no-untyped-def]
    client, settings = router_worker
    spec = JobSpec(
        job_id="../../outside", kind="check", title="t", paths=["superagent-tests"],
        runner_env={"LD_PRELOAD": "/tmp/evil.so"}, policy=Policy.from_settings(settings),
    )  # fmt: skip
    cause = await _failure(client, settings, spec.model_dump(mode="json"))
    while cause.__cause__ is not None:
        cause = cause.__cause__
    assert isinstance(cause, ApplicationError) and cause.type == "UsageError"
    assert "bad job id '../../outside'" in cause.message
