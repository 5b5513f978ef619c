"""`superagent cost` and `superagent models` as a user sees them."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from superagent.cli.llm import show_cost, show_models
from superagent.errors import UsageError
from superagent.llm import LLMSettings
from superagent.services import build_services
from superagent.settings import Settings
from superagent.state import SQLiteStateStore
from superagent.state.models import CostRow, Job


def cost(console: Console, settings: Settings, by: str = "agent", fmt: str = "text") -> int:
    """`superagent cost` as the command runs it."""
    return asyncio.run(show_cost(console, build_services(settings), by, fmt))


def console() -> Console:
    return Console(record=True, width=220, color_system=None)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(state_dir=tmp_path / ".superagent")


def seed(settings: Settings) -> None:
    day1 = datetime(2026, 11, 24, 10, tzinfo=UTC)
    day2 = datetime(2026, 11, 25, 10, tzinfo=UTC)
    rows = [
        CostRow(
            job_id="j1",
            step="writer.write",
            agent="writer",
            model="anthropic:claude-sonnet-4-5",
            input_tokens=1000,
            output_tokens=500,
            usd=0.0105,
            at=day1,
        ),
        CostRow(
            job_id="j1",
            step="critic.review",
            agent="critic",
            model="anthropic:claude-haiku-4-5",
            input_tokens=800,
            output_tokens=100,
            usd=0.0013,
            at=day1,
        ),
        CostRow(
            job_id="j2",
            step="writer.write",
            agent="writer",
            model="openai:gpt-4o",
            input_tokens=400,
            output_tokens=200,
            usd=0.003,
            at=day2,
        ),
        CostRow(
            job_id="gone",
            step="medic.patch",
            agent="medic",
            model="openai:gpt-4o",
            input_tokens=10,
            output_tokens=10,
            usd=0.0001,
            at=day2,
        ),
    ]

    async def store() -> None:
        async with SQLiteStateStore(settings.state_db) as state:
            await state.create_job(Job(id="j1", request="r", intent="create_test", flow="login"))
            await state.create_job(Job(id="j2", request="r", intent="create_test", flow="search,checkout"))
            for row in rows:
                await state.record_cost(row)

    asyncio.run(store())


def as_json(c: Console) -> Any:
    return json.loads(c.export_text())


def test_no_spend_yet_on_a_missing_state_db(settings: Settings) -> None:
    text, js = console(), console()

    assert cost(text, settings) == 0
    assert cost(js, settings, fmt="json") == 0

    assert "no spend recorded yet" in text.export_text()
    assert as_json(js) == {"by": "agent", "total_usd": 0.0, "calls": 0, "rows": []}
    assert not settings.state_db.exists()  # looking does not create the store


def test_cost_by_agent_as_json_has_the_total_the_calls_and_the_groups(settings: Settings) -> None:
    seed(settings)
    c = console()

    cost(c, settings, by="agent", fmt="json")

    data = as_json(c)
    assert data["total_usd"] == pytest.approx(0.0149)
    assert data["calls"] == 4
    assert data["rows"] == [
        {"agent": "writer", "calls": 2, "input_tokens": 1400, "output_tokens": 700, "usd": pytest.approx(0.0135)},
        {"agent": "critic", "calls": 1, "input_tokens": 800, "output_tokens": 100, "usd": pytest.approx(0.0013)},
        {"agent": "medic", "calls": 1, "input_tokens": 10, "output_tokens": 10, "usd": pytest.approx(0.0001)},
    ]


def test_cost_by_feature_uses_the_jobs_flows_or_the_job_id(settings: Settings) -> None:
    seed(settings)
    c = console()

    cost(c, settings, by="feature", fmt="json")

    assert {row["feature"]: row["calls"] for row in as_json(c)["rows"]} == {
        "login": 2,
        "search,checkout": 1,
        "gone": 1,
    }


def test_cost_by_day_and_by_model(settings: Settings) -> None:
    seed(settings)
    by_day, by_model = console(), console()

    cost(by_day, settings, by="day", fmt="json")
    cost(by_model, settings, by="model", fmt="json")

    assert [r["day"] for r in as_json(by_day)["rows"]] == ["2026-11-24", "2026-11-25"]
    models = {r["model"]: r["calls"] for r in as_json(by_model)["rows"]}
    assert models == {"anthropic:claude-sonnet-4-5": 1, "anthropic:claude-haiku-4-5": 1, "openai:gpt-4o": 2}


def test_cost_as_text_is_a_table_and_a_total(settings: Settings) -> None:
    seed(settings)
    c = console()

    cost(c, settings, by="model")

    out = c.export_text()
    assert "LLM spend by model" in out
    assert "openai:gpt-4o" in out
    assert "total $0.0149 over 4 calls" in out


@pytest.mark.parametrize(
    ("by", "fmt", "valid"), [("week", "text", "agent, model, feature, day"), ("agent", "csv", "text, json")]
)
def test_bad_options_are_usage_errors_listing_the_valid_ones(settings: Settings, by: str, fmt: str, valid: str) -> None:
    with pytest.raises(UsageError, match=valid):
        cost(console(), settings, by=by, fmt=fmt)


def test_models_without_keys_are_all_offline_with_the_reason(settings: Settings) -> None:
    c = console()

    assert show_models(c, settings, env={}, llm=LLMSettings()) == 0

    out = c.export_text()
    assert "no API key: offline" in out
    assert "claude" not in out
    assert "no cap" in out  # session and daily caps unset
    assert "$0.50" in out and "$3.00" in out


def test_models_with_a_key_show_the_choice_the_reason_and_the_caps(settings: Settings) -> None:
    c = console()
    llm = LLMSettings(budget_daily=5.0)

    show_models(
        c, settings, env={"ANTHROPIC_API_KEY": "a", "SUPERAGENT_MODEL_CRITIC": "anthropic:claude-sonnet-4-5"}, llm=llm
    )

    out = c.export_text()
    assert "anthropic:claude-sonnet-4-5" in out
    assert "default for hard requests: Sonnet-class" in out
    assert "SUPERAGENT_MODEL_CRITIC" in out
    assert "offline by design" in out  # the validator off critical paths
    assert "$5.00" in out


def test_models_flag_local_shows_everything_offline(settings: Settings) -> None:
    c = console()

    show_models(c, settings, env={"ANTHROPIC_API_KEY": "a"}, llm=LLMSettings(), override="local")

    out = c.export_text()
    assert "claude" not in out
    assert "--model: offline" in out


def test_models_flag_an_unpriced_model(settings: Settings) -> None:
    c = console()

    show_models(c, settings, env={"OPENAI_API_KEY": "o", "SUPERAGENT_MODEL_ROUTER": "openai:gpt-9"}, llm=LLMSettings())

    assert "no price known for 'openai:gpt-9'" in c.export_text()
