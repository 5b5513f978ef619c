"""Hard USD budgets kept by reservation: a call reserves its worst case first, and settles with what it really cost.

Caps: one per feature (``feature:<job_id>``), one for the session, one for the UTC day (seeded from the ledger).
A call is charged to its feature's cap and to the session and daily caps. Amounts are whole nano-dollars, so
reserving and settling never drift: with honest usage (real cost <= the reserved worst case) no cap's spend
ever exceeds its limit. ``reserve`` and ``settle`` do not await, so under asyncio each is atomic.
An exhausted budget is a value (``BudgetExhausted``), not an exception.
"""

from __future__ import annotations

import logging
import math
from datetime import UTC, datetime
from decimal import Decimal

from pydantic import BaseModel, Field

from superagent.llm.base import CostLedger
from superagent.llm.config import LLMSettings

log = logging.getLogger(__name__)

NANO_PER_USD = 10**9
SESSION = "session"
DAILY = "daily"


def usd_to_nano_up(usd: float) -> int:
    """Whole nano-dollars, rounded up (for what a call may cost). ``repr`` keeps 0.1 at 0.1 and keeps the order
    of floats, so an honest call (cost <= reserved) never settles more nano-dollars than it reserved."""
    return max(0, math.ceil(Decimal(repr(usd)) * NANO_PER_USD))


def usd_to_nano_down(usd: float) -> int:
    """Whole nano-dollars, rounded down (for limits)."""
    return max(0, math.floor(Decimal(repr(usd)) * NANO_PER_USD))


def _usd(nano: int) -> float:
    return nano / NANO_PER_USD


def feature_cap(job_id: str) -> str:
    return f"feature:{job_id}"


class Cap(BaseModel):
    name: str
    limit_nano: int = Field(ge=0)
    spent_nano: int = 0
    reserved_nano: int = 0

    @property
    def limit_usd(self) -> float:
        return _usd(self.limit_nano)

    @property
    def spent_usd(self) -> float:
        return _usd(self.spent_nano)

    @property
    def reserved_usd(self) -> float:
        return _usd(self.reserved_nano)

    @property
    def available_nano(self) -> int:
        return max(0, self.limit_nano - self.spent_nano - self.reserved_nano)


class Reservation(BaseModel):
    """Money set aside for one call on every cap it is charged to."""

    id: int
    caps: list[str]
    amount_nano: int
    label: str = ""

    @property
    def usd(self) -> float:
        return _usd(self.amount_nano)


class BudgetExhausted(BaseModel):
    """A reservation that did not fit: which cap, and by how much."""

    cap: str
    needed_usd: float
    available_usd: float
    limit_usd: float

    @property
    def detail(self) -> str:
        return (
            f"budget {self.cap!r} exhausted: the call may cost ${self.needed_usd:.4f}, "
            f"${self.available_usd:.4f} of ${self.limit_usd:.4f} left"
        )


class BudgetState(BaseModel):
    """Every cap of a session and the reservations still open. Plain data: a durable workflow can hold it."""

    caps: dict[str, Cap] = Field(default_factory=dict)
    reservations: dict[int, Reservation] = Field(default_factory=dict)
    next_id: int = 1

    @classmethod
    def create(
        cls, *, session_usd: float | None = None, daily_usd: float | None = None, daily_spent_usd: float = 0.0
    ) -> BudgetState:
        state = cls()
        if session_usd is not None:
            state.set_cap(SESSION, session_usd)
        if daily_usd is not None:
            state.set_cap(DAILY, daily_usd, spent_usd=daily_spent_usd)
        return state

    def set_cap(self, name: str, limit_usd: float, *, spent_usd: float = 0.0) -> Cap:
        """Add a cap, or change the limit of an existing one (its spend and reservations stay)."""
        if name in self.caps:
            self.caps[name].limit_nano = usd_to_nano_down(limit_usd)
        else:
            self.caps[name] = Cap(
                name=name, limit_nano=usd_to_nano_down(limit_usd), spent_nano=usd_to_nano_up(spent_usd)
            )
        return self.caps[name]

    def open_feature(self, job_id: str, limit_usd: float) -> Cap:
        """The cap of one feature (a job): ``Request.budget_usd``, or ``budget_critical`` on critical flows."""
        return self.set_cap(feature_cap(job_id), limit_usd)

    def caps_for(self, job_id: str | None) -> list[str]:
        names = [feature_cap(job_id)] if job_id is not None else []
        return [n for n in [*names, SESSION, DAILY] if n in self.caps]

    def available_usd(self, job_id: str | None = None) -> float | None:
        """What one more call of ``job_id`` could still reserve; None when no cap applies."""
        caps = [self.caps[n] for n in self.caps_for(job_id)]
        return _usd(min(c.available_nano for c in caps)) if caps else None

    def reserve(self, usd: float, *, job_id: str | None = None, label: str = "") -> Reservation | BudgetExhausted:
        """Set aside ``usd`` on every cap that applies, or say which cap it does not fit."""
        amount = usd_to_nano_up(usd)
        names = self.caps_for(job_id)
        for name in names:
            cap = self.caps[name]
            if amount > cap.available_nano:
                return BudgetExhausted(
                    cap=name, needed_usd=_usd(amount), available_usd=_usd(cap.available_nano), limit_usd=cap.limit_usd
                )
        for name in names:
            self.caps[name].reserved_nano += amount
        reservation = Reservation(id=self.next_id, caps=names, amount_nano=amount, label=label)
        self.reservations[reservation.id] = reservation
        self.next_id += 1
        return reservation

    def settle(self, reservation: Reservation, actual_usd: float) -> float:
        """Release the reservation and charge what the call really cost; returns that cost in USD.

        A provider reporting more than was reserved is still charged in full (the money is spent), which leaves
        the caps at or over their limit so nothing else fits; it is logged as a warning.
        """
        if self.reservations.pop(reservation.id, None) is None:
            raise ValueError(f"reservation {reservation.id} is not open (settled twice?)")
        actual = usd_to_nano_up(actual_usd)
        if actual > reservation.amount_nano:
            log.warning(
                "call %r cost $%.6f, more than the $%.6f reserved: its usage exceeded the worst case",
                reservation.label,
                _usd(actual),
                reservation.usd,
            )
        for name in reservation.caps:
            cap = self.caps[name]
            cap.reserved_nano -= reservation.amount_nano
            cap.spent_nano += actual
        return actual_usd

    def release(self, reservation: Reservation) -> None:
        """Give a reservation back unused (the call was never made)."""
        self.settle(reservation, 0.0)


def open_budget(settings: LLMSettings, *, daily_spent_usd: float = 0.0) -> BudgetState:
    """A session's budget from the configured caps; add each job's cap with ``open_feature``."""
    return BudgetState.create(
        session_usd=settings.budget_session, daily_usd=settings.budget_daily, daily_spent_usd=daily_spent_usd
    )


async def spent_today(ledger: CostLedger, *, now: datetime | None = None) -> float:
    """USD recorded in the ledger since midnight UTC: what the daily cap starts from."""
    now = now or datetime.now(UTC)
    midnight = now.astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    return math.fsum(row.usd for row in await ledger.cost_rows() if row.at >= midnight)
