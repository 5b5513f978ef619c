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
from pathlib import Path

from temporalio.client import Client
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.service import TLSConfig
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


def _read(setting: str, path: Path) -> bytes:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise OrchestrationError(f"{setting} {str(path)!r} cannot be read: {exc.strerror}") from None
    if not data.strip():
        raise OrchestrationError(f"{setting} {str(path)!r} is empty")
    return data


def _pem(setting: str, path: Path, marker: bytes) -> bytes:
    data = _read(setting, path)
    if b"-----BEGIN " not in data or marker not in data:
        raise OrchestrationError(f"{setting} {str(path)!r} is not a PEM file with a {marker.decode().lower()}")
    return data


def security(settings: Settings) -> tuple[TLSConfig | bool, str | None]:
    """The TLS configuration and API key for ``SUPERAGENT_TEMPORAL_ADDRESS``, from the settings' files.

    TLS is on when ``SUPERAGENT_TEMPORAL_TLS`` is set or any TLS file is given; a client certificate needs its key
    (mTLS). An API key implies TLS too (a bearer key must not cross the network in clear text).
    """
    ca, cert, key = settings.temporal_tls_ca, settings.temporal_tls_cert, settings.temporal_tls_key
    if (cert is None) != (key is None):
        raise OrchestrationError(
            "mTLS needs both SUPERAGENT_TEMPORAL_TLS_CERT and SUPERAGENT_TEMPORAL_TLS_KEY (the client certificate "
            "and its private key)"
        )
    api_key = settings.temporal_api_key.get_secret_value() if settings.temporal_api_key else None
    if api_key is None and settings.temporal_api_key_file is not None:
        api_key = _read("SUPERAGENT_TEMPORAL_API_KEY_FILE", settings.temporal_api_key_file).decode().strip()
    wanted = settings.temporal_tls or any(p is not None for p in (ca, cert, key)) or api_key is not None
    if not wanted:
        return False, None
    config = TLSConfig(
        server_root_ca_cert=_pem("SUPERAGENT_TEMPORAL_TLS_CA", ca, b"CERTIFICATE") if ca else None,
        client_cert=_pem("SUPERAGENT_TEMPORAL_TLS_CERT", cert, b"CERTIFICATE") if cert else None,
        client_private_key=_pem("SUPERAGENT_TEMPORAL_TLS_KEY", key, b"PRIVATE KEY") if key else None,
        domain=settings.temporal_tls_server_name,
    )
    return config, api_key


async def connect(address: str, namespace: str, *, tls: TLSConfig | bool = False, api_key: str | None = None) -> Client:
    try:
        return await Client.connect(
            address, namespace=namespace, data_converter=pydantic_data_converter, tls=tls, api_key=api_key
        )
    except Exception as exc:
        hint = (
            " (check SUPERAGENT_TEMPORAL_TLS_* and SUPERAGENT_TEMPORAL_API_KEY against the server's)"
            if tls
            else " (unset SUPERAGENT_TEMPORAL_ADDRESS to use a local dev server)"
        )
        raise OrchestrationError(
            f"cannot reach the Temporal server at {address!r}: {str(exc).splitlines()[0]}. Is it running?{hint}"
        ) from None


@contextlib.asynccontextmanager
async def temporal_client(settings: Settings) -> AsyncIterator[Client]:
    """A client for ``SUPERAGENT_TEMPORAL_ADDRESS``, or for a local dev server (reused or started for this block)."""
    if settings.temporal_address:
        tls, api_key = security(settings)
        yield await connect(settings.temporal_address, settings.temporal_namespace, tls=tls, api_key=api_key)
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
