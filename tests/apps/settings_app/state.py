"""What one settings app instance remembers: the profile, the picture, contacts and projects."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field, replace

LANGUAGES = ("English", "Deutsch", "Español", "Français", "日本語")
TIME_ZONES = ("UTC", "Europe/London", "Europe/Berlin", "America/New_York", "America/Los_Angeles", "Asia/Tokyo")
THEMES = ("Light", "Dark", "System")
# (form name, visible label) pairs, in page order.
NOTIFICATIONS = (
    ("notify_product", "Product updates"),
    ("notify_digest", "Weekly digest"),
    ("notify_security", "Security alerts"),
)
SWITCHES = (("two_factor", "Two-factor authentication"), ("online_status", "Show my online status"))
VISIBILITIES = ("Private", "Team", "Public")
TEMPLATES = ("Blank", "Kanban board", "Scrum")
PROJECT_FEATURES = (("issues", "Enable issue tracker"), ("wiki", "Enable wiki"), ("invite", "Invite my team"))


@dataclass(frozen=True)
class Profile:
    display_name: str = "Dana Whitaker"
    email: str = "dana@example.com"
    bio: str = ""
    language: str = "English"
    time_zone: str = "UTC"
    theme: str = "System"
    notifications: frozenset[str] = frozenset({"notify_product", "notify_security"})
    switches: frozenset[str] = frozenset({"online_status"})


@dataclass(frozen=True)
class Contact:
    name: str
    email: str


@dataclass(frozen=True)
class ProjectDraft:
    name: str = ""
    description: str = ""
    visibility: str = "Private"
    template: str = "Blank"
    features: frozenset[str] = frozenset({"issues"})


@dataclass(frozen=True)
class Project:
    id: int
    draft: ProjectDraft


@dataclass
class AccountState:
    profile: Profile = field(default_factory=Profile)
    picture: str | None = None
    contacts: list[Contact] = field(default_factory=list)
    projects: list[Project] = field(default_factory=list)

    def add_project(self, draft: ProjectDraft) -> Project:
        project = Project(len(self.projects) + 1, draft)
        self.projects.append(project)
        return project


class CsvImportError(ValueError):
    """The uploaded file is not a contacts CSV; the message is shown to the user."""


def read_contacts(data: bytes) -> list[Contact]:
    """Contacts from a CSV with ``name`` and ``email`` header columns (any case, any order, extra columns ok)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CsvImportError("The file is not UTF-8 text.") from exc
    rows = csv.DictReader(io.StringIO(text))
    columns = {name.strip().casefold(): name for name in rows.fieldnames or ()}
    if "name" not in columns or "email" not in columns:
        raise CsvImportError("The CSV needs a header row with name and email columns.")
    contacts = []
    for row in rows:
        name, email = (row.get(columns["name"]) or "").strip(), (row.get(columns["email"]) or "").strip()
        if name or email:
            contacts.append(Contact(name, email))
    return contacts


def profile_from_form(form: dict[str, list[str]], current: Profile) -> Profile:
    def one(name: str, default: str) -> str:
        return form.get(name, [default])[0].strip()

    def choice(name: str, options: tuple[str, ...], default: str) -> str:
        value = one(name, default)
        return value if value in options else default

    return replace(
        current,
        display_name=one("display_name", ""),
        email=one("email", ""),
        bio=one("bio", ""),
        language=choice("language", LANGUAGES, current.language),
        time_zone=choice("time_zone", TIME_ZONES, current.time_zone),
        theme=choice("theme", THEMES, current.theme),
        notifications=frozenset(name for name, _ in NOTIFICATIONS if name in form),
        switches=frozenset(name for name, _ in SWITCHES if one(name, "false") == "true"),
    )
