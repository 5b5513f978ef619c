"""Recorded workflow histories for the replay test. ``SUPERAGENT_RECORD_HISTORIES=1`` re-records them."""

from __future__ import annotations

import os
from pathlib import Path

from temporalio.client import WorkflowHandle

HISTORIES = Path(__file__).parent / "histories"


async def keep(handle: WorkflowHandle[object, object], name: str) -> None:
    if os.environ.get("SUPERAGENT_RECORD_HISTORIES") != "1":
        return
    HISTORIES.mkdir(exist_ok=True)
    history = await handle.fetch_history()
    (HISTORIES / f"{name}.json").write_text(history.to_json())
