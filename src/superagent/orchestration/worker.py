"""Temporal clients and workers: the embedded runtime (a local dev server, every agent in this process) and the
scale-out worker (some agents' task queues against ``SUPERAGENT_TEMPORAL_ADDRESS``). Same activities, same
workflow, same task queues."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import AsyncIterator, Callable, Sequence
from datetime import timedelta

from temporalio.client import Client
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.worker import Worker

from superagent.errors import OrchestrationError, UsageError
from superagent.orchestration.activities import AgentActivities
from superagent.orchestration.devserver import local_server
from superagent.orchestration.models import AGENTS
from superagent.orchestration.workflows import FeatureWorkflow
from superagent.settings import Settings

log = logging.getLogger(__name__)

EMBEDDED_SHUTDOWN_S = 5.0


def parse_agents(text: str) -> list[str]:
    """``runner,validator`` or ``all``; the router's worker also runs the workflows (Kaya orchestrates)."""
    if text.strip() == "all":
        return list(AGENTS)
    agents = [a.strip() for a in text.split(",") if a.strip()]
    unknown = [a for a in agents if a not in AGENTS]
    if unknown or not agents:
        raise UsageError(f"unknown agent(s) {unknown or [text]!r}: use any of {', '.join(AGENTS)}, or all")
    return agents


async def connect(address: str, namespace: str) -> Client:
    try:
        return await Client.connect(address, namespace=namespace, data_converter=pydantic_data_converter)
    except Exception as exc:
        raise OrchestrationError(
            f"cannot reach the Temporal server at {address!r}: {str(exc).splitlines()[0]}. "
            "Is it running? (unset SUPERAGENT_TEMPORAL_ADDRESS to use a local dev server)"
        ) from None


@contextlib.asynccontextmanager
async def temporal_client(settings: Settings) -> AsyncIterator[Client]:
    """A client for ``SUPERAGENT_TEMPORAL_ADDRESS``, or for a local dev server (reused or started for this block)."""
    if settings.temporal_address:
        yield await connect(settings.temporal_address, settings.temporal_namespace)
        return
    async with local_server(settings.state_dir, settings.temporal_namespace) as server:
        yield await connect(server.address, settings.temporal_namespace)


ActivitiesFactory = Callable[[], AgentActivities]


def build_workers(
    client: Client, settings: Settings, agents: Sequence[str], activities: AgentActivities, *, concurrency: int,
    shutdown_s: float,
) -> list[Worker]:  # fmt: skip
    workers = []
    for agent in agents:
        workers.append(
            Worker(
                client,
                task_queue=f"{settings.task_queue_prefix}{agent}",
                activities=activities.for_agent(agent),
                workflows=[FeatureWorkflow] if agent == "router" else [],
                max_concurrent_activities=concurrency,
                graceful_shutdown_timeout=timedelta(seconds=shutdown_s),
            )
        )
    return workers


@contextlib.asynccontextmanager
async def running_workers(
    client: Client, settings: Settings, make_activities: ActivitiesFactory, agents: Sequence[str] = AGENTS, *,
    concurrency: int = 16, shutdown_s: float = EMBEDDED_SHUTDOWN_S,
) -> AsyncIterator[list[Worker]]:  # fmt: skip
    """Workers for ``agents`` polling while the block runs; on exit in-flight activities get ``shutdown_s``."""
    activities = make_activities()
    workers = build_workers(client, settings, agents, activities, concurrency=concurrency, shutdown_s=shutdown_s)
    try:
        async with contextlib.AsyncExitStack() as stack:
            for worker in workers:
                await stack.enter_async_context(worker)
            yield workers
    finally:
        await activities.aclose()


@contextlib.asynccontextmanager
async def embedded(settings: Settings, make_activities: ActivitiesFactory) -> AsyncIterator[Client]:
    """The laptop default: a Temporal server (local unless configured) and every agent's worker in this process.

    Unfinished workflows in the server's data resume here too.
    """
    async with temporal_client(settings) as client, running_workers(client, settings, make_activities):
        yield client


async def serve_workers(
    settings: Settings, make_activities: ActivitiesFactory, agents: Sequence[str], concurrency: int,
    on_ready: Callable[[], None] | None = None,
) -> None:  # fmt: skip
    """``superagent worker``: poll until SIGTERM/SIGINT, then let in-flight activities finish (graceful shutdown)."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    shutdown_s = settings.run_timeout_s + 60
    async with (
        temporal_client(settings) as client,
        running_workers(client, settings, make_activities, agents, concurrency=concurrency, shutdown_s=shutdown_s),
    ):
        log.warning("workers ready for %s on %s", ",".join(agents), settings.temporal_address or "a local server")
        if on_ready is not None:
            on_ready()
        await stop.wait()
        log.warning("stopping: waiting for in-flight activities to finish")
