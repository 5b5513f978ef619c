"""Workflow code must replay every recorded history: a non-deterministic change to ``FeatureWorkflow`` (a new
activity, a reordered call) fails here instead of breaking jobs that are already running. Changing the workflow on
purpose needs ``workflow.patched`` and newly recorded histories (``SUPERAGENT_RECORD_HISTORIES=1``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from temporalio.client import WorkflowHistory
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.worker import Replayer

from superagent.orchestration.workflows import FeatureWorkflow

from .histories import HISTORIES

RECORDED = sorted(HISTORIES.glob("*.json"))


def test_histories_are_recorded() -> None:
    names = {p.stem for p in RECORDED}
    assert {"create_validated", "heal_review_rejected", "poison_to_review", "worker_killed_during_run"} <= names


@pytest.mark.parametrize("path", RECORDED, ids=[p.stem for p in RECORDED])
async def test_the_workflow_replays_a_recorded_history(path: Path) -> None:
    history = WorkflowHistory.from_json(path.stem, json.loads(path.read_text()))
    replayer = Replayer(workflows=[FeatureWorkflow], data_converter=pydantic_data_converter)
    result = await replayer.replay_workflow(history, raise_on_replay_failure=True)
    assert result.replay_failure is None
