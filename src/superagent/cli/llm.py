"""`superagent cost` and `superagent models`: what the models have cost, and which model each agent would use."""

from __future__ import annotations

import json
import math
import os
from collections.abc import Mapping
from typing import Any

from rich.console import Console
from rich.table import Table

from superagent.cli.render import safe
from superagent.errors import UnknownPriceError, UsageError
from superagent.llm.config import AGENTS, LLMSettings, Tier, load_llm_settings
from superagent.llm.pricing import PriceBook
from superagent.llm.routing import ModelChoice, first_model, resolve
from superagent.services import Services
from superagent.settings import Settings
from superagent.state.models import CostRow

COST_GROUPS = ("agent", "model", "feature", "day")
FORMATS = ("text", "json")
NO_SPEND = "no spend recorded yet"


def _check_choice(name: str, value: str, valid: tuple[str, ...]) -> None:
    if value not in valid:
        raise UsageError(f"unknown {name} {value!r}: use {', '.join(valid)}")


async def _load_costs(services: Services, by: str) -> tuple[list[CostRow], dict[str, str]]:
    """Cost rows, and for ``by == "feature"`` each job id's flow names (falling back to the job id)."""
    if not services.settings.state_db.exists():
        return [], {}
    async with services.open_state() as state:
        rows = await state.cost_rows()
        features: dict[str, str] = {}
        if by == "feature":
            for job_id in sorted({r.job_id for r in rows}):
                job = await state.get_job(job_id)
                features[job_id] = job.flow if job is not None and job.flow else job_id
    return rows, features


def group_costs(rows: list[CostRow], by: str, features: Mapping[str, str] | None = None) -> list[dict[str, Any]]:
    """Rows summed per agent / model / feature / UTC day, most expensive first."""
    _check_choice("--by", by, COST_GROUPS)
    keys = {
        "agent": lambda r: r.agent,
        "model": lambda r: r.model,
        "feature": lambda r: (features or {}).get(r.job_id, r.job_id),
        "day": lambda r: r.at.date().isoformat(),
    }
    groups: dict[str, list[CostRow]] = {}
    for row in rows:
        groups.setdefault(keys[by](row), []).append(row)
    summed = [
        {
            by: key,
            "calls": len(members),
            "input_tokens": sum(r.input_tokens for r in members),
            "output_tokens": sum(r.output_tokens for r in members),
            "usd": math.fsum(r.usd for r in members),
        }
        for key, members in groups.items()
    ]
    order = (lambda g: g[by]) if by == "day" else (lambda g: (-g["usd"], g[by]))
    return sorted(summed, key=order)


async def show_cost(console: Console, services: Services, by: str = "agent", fmt: str = "text") -> int:
    """Print spend from the ledger grouped ``by`` agent, model, feature or day, as a table or JSON."""
    _check_choice("--by", by, COST_GROUPS)
    _check_choice("--format", fmt, FORMATS)
    rows, features = await _load_costs(services, by)
    grouped = group_costs(rows, by, features)
    total = math.fsum(r.usd for r in rows)
    if fmt == "json":
        payload = {"by": by, "total_usd": total, "calls": len(rows), "rows": grouped}
        console.print(json.dumps(payload, indent=2), markup=False, highlight=False, soft_wrap=True)
        return 0
    if not rows:
        console.print(NO_SPEND)
        return 0
    table = Table(title=f"LLM spend by {by}")
    table.add_column(by.capitalize())
    for name in ("Calls", "Input tokens", "Output tokens", "USD"):
        table.add_column(name, justify="right")
    for group in grouped:
        table.add_row(
            safe(group[by]),
            str(group["calls"]),
            f"{group['input_tokens']:,}",
            f"{group['output_tokens']:,}",
            f"${group['usd']:.4f}",
        )
    console.print(table)
    console.print(f"total ${total:.4f} over {len(rows)} calls", highlight=False)
    return 0


# (label, tier, critical): critical flows are treated as hard ones
CASES: tuple[tuple[str, Tier, bool], ...] = (
    ("easy", "easy", False),
    ("hard", "hard", False),
    ("critical", "hard", True),
)


def _describe(choices: list[ModelChoice], prices: PriceBook) -> tuple[str, str, str]:
    """(model, fallbacks, why) for one agent and case."""
    chosen = first_model(choices)
    if chosen is None:
        return "offline", "", choices[-1].reason
    try:
        prices.check(chosen.ref)
        why = chosen.reason
    except UnknownPriceError as exc:
        why = f"{chosen.reason} — {exc}"
    fallbacks = " → ".join(c.ref for c in choices[1:])
    return chosen.ref, fallbacks, why


def _money(usd: float | None) -> str:
    return "no cap" if usd is None else f"${usd:.2f}"


def show_models(
    console: Console,
    settings: Settings,
    env: Mapping[str, str] | None = None,
    llm: LLMSettings | None = None,
    override: str | None = None,
) -> int:
    """Print, per agent and case (easy/hard, critical or not), the model it would use or "offline", and why."""
    env = os.environ if env is None else env
    llm = llm or load_llm_settings()
    prices = PriceBook.from_settings(llm, env)
    table = Table(title="Models per agent")
    for name in ("Agent", "Case", "Model", "Fallbacks", "Why"):
        table.add_column(name)
    for agent in AGENTS:
        for label, tier, critical in CASES:
            choices = resolve(agent, tier=tier, critical=critical, env=env, settings=llm, override=override)
            model, fallbacks, why = _describe(choices, prices)
            style = "dim" if model == "offline" else ""
            table.add_row(agent, label, safe(model), safe(fallbacks), safe(why), style=style)
    console.print(table)
    caps = Table(title="Budgets (USD)")
    caps.add_column("Cap")
    caps.add_column("Limit", justify="right")
    caps.add_column("Set by")
    caps.add_row("per feature", _money(settings.budget_per_feature), "SUPERAGENT_BUDGET_PER_FEATURE")
    caps.add_row("critical feature", _money(settings.budget_critical), "SUPERAGENT_BUDGET_CRITICAL")
    caps.add_row("session", _money(llm.budget_session), "SUPERAGENT_BUDGET_SESSION / budget_session")
    caps.add_row("daily (UTC)", _money(llm.budget_daily), "SUPERAGENT_BUDGET_DAILY / budget_daily")
    console.print(caps)
    tokens = ", ".join(f"{agent} {llm.max_tokens_for(agent, env)}" for agent in AGENTS)
    console.print(f"max output tokens: {tokens}", highlight=False)
    return 0
