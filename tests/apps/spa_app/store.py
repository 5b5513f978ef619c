"""The issue tracker's data: issues and sign-in sessions, in memory, seeded the same way every time."""

from __future__ import annotations

import secrets
import threading
from dataclasses import asdict, dataclass, replace
from datetime import date, timedelta
from typing import Any, Literal

LABELS = ("bug", "feature", "docs", "question")
STATES = ("open", "closed")
SORTS = ("newest", "oldest", "title")
State = Literal["open", "closed"]

# (title, description, label, state); issue N is opened N days after the first, so "Newest" is the reverse of
# the numbering while "Title" is neither.
SEED_ISSUES = (
    ("Crash when saving an empty draft", "Saving a draft with no body throws a TypeError.", "bug", "open"),
    ("Dark mode for the dashboard", "Many users work at night; a darker palette would help.", "feature", "open"),
    ("Document the export API", "The CSV and JSON export endpoints have no reference page.", "docs", "closed"),
    ("Login page rejects long passwords", "Passwords over 64 characters fail with no message.", "bug", "open"),
    ("How do I reset my API token?", "I cannot find where tokens are managed.", "question", "closed"),
    ("Keyboard shortcuts cheat sheet", "A printable list of every shortcut.", "docs", "open"),
    ("Bulk close stale issues", "Close issues with no activity for 90 days in one go.", "feature", "open"),
    ("Avatar upload fails on Safari", "HEIC images are rejected without an error.", "bug", "closed"),
    ("Webhook retries", "Retry failed webhook deliveries with backoff.", "feature", "open"),
    ("Typo in the billing email", "'Recieve' should read 'Receive'.", "bug", "open"),
)
FIRST_DAY = date(2024, 3, 1)
SEED_AUTHOR = "alex"


@dataclass(frozen=True)
class Issue:
    number: int
    title: str
    description: str
    label: str
    state: State
    opened: date
    author: str

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["opened"] = self.opened.isoformat()
        return data


class IssueStore:
    """Issues plus sign-in sessions; every method is safe to call from several request threads."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._issues: dict[int, Issue] = {}
        self._next_number = 1
        self._sessions: dict[str, str] = {}
        self.reset()

    def reset(self) -> None:
        """Back to the seeded issues, with nobody signed in."""
        with self._lock:
            self._issues = {
                n: Issue(n, title, body, label, state, FIRST_DAY + timedelta(days=n - 1), SEED_AUTHOR)  # type: ignore[arg-type]
                for n, (title, body, label, state) in enumerate(SEED_ISSUES, start=1)
            }
            self._next_number = len(SEED_ISSUES) + 1
            self._sessions.clear()

    # -- sessions -----------------------------------------------------------------
    def open_session(self, user: str) -> str:
        token = secrets.token_urlsafe(24)
        with self._lock:
            self._sessions[token] = user
        return token

    def session_user(self, token: str | None) -> str | None:
        with self._lock:
            return self._sessions.get(token) if token else None

    def close_session(self, token: str) -> None:
        with self._lock:
            self._sessions.pop(token, None)

    # -- issues -------------------------------------------------------------------
    def get(self, number: int) -> Issue | None:
        with self._lock:
            return self._issues.get(number)

    def query(self, *, state: str = "open", label: str = "", text: str = "", sort: str = "newest") -> list[Issue]:
        with self._lock:
            issues = list(self._issues.values())
        needle = text.strip().casefold()
        chosen = [
            i
            for i in issues
            if (state == "all" or i.state == state)
            and (not label or i.label == label)
            and (not needle or needle in i.title.casefold() or needle in i.description.casefold())
        ]
        if sort == "title":
            return sorted(chosen, key=lambda i: (i.title.casefold(), i.number))
        return sorted(chosen, key=lambda i: (i.opened, i.number), reverse=sort != "oldest")

    def create(self, title: str, description: str, label: str, author: str, *, keep: bool = True) -> Issue:
        """The new issue; with ``keep=False`` it is numbered and dated but never stored."""
        with self._lock:
            number = self._next_number
            self._next_number += 1
            newest = max((i.opened for i in self._issues.values()), default=FIRST_DAY)
            issue = Issue(number, title, description, label, "open", newest + timedelta(days=1), author)
            if keep:
                self._issues[number] = issue
            return issue

    def update(self, number: int, **changes: Any) -> Issue | None:
        with self._lock:
            issue = self._issues.get(number)
            if issue is None:
                return None
            issue = replace(issue, **changes)
            self._issues[number] = issue
            return issue

    def delete(self, number: int) -> bool:
        with self._lock:
            return self._issues.pop(number, None) is not None
