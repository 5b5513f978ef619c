"""Open-world benchmark: ordinary requests on apps SuperAgent was not built around.

For each request: `superagent run` writes and validates a test; the test must pass again with
`superagent test FILE --url URL`, and must FAIL once the feature it covers is broken in the app (each bundled test
app has a `broken` switch per feature). A request counts only when all three hold. Prints the success rate per
app and overall, and lists the misses with the reason.

    python benchmarks/open_world.py                 # everything (about 60 requests; long)
    python benchmarks/open_world.py --app admin --limit 5
    python benchmarks/open_world.py --executor temporal
    python benchmarks/open_world.py --only "Crash {unique}" --only "click Edit"

Apps: the Flask admin site under /admin/, the settings/wizard app (plain WSGI), the single-page issue tracker
(client-side routing, dialogs, menus), and the notes app. Offline: no API key is used.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import secrets
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from apps.admin_app import MOUNT  # noqa: E402
from apps.admin_app import create_app as create_admin  # noqa: E402
from apps.admin_app import serve as serve_admin  # noqa: E402
from apps.notes_app import NotesApp  # noqa: E402
from apps.settings_app import create_app as create_settings  # noqa: E402
from apps.settings_app import serve as serve_settings  # noqa: E402
from apps.spa_app import create_app as create_spa  # noqa: E402

USER = "dana"
PASSWORD_ENV = "OPEN_WORLD_PASSWORD"


@dataclass(frozen=True)
class Case:
    app: str
    text: str
    feature: str  # the app's broken switch that must make the test fail
    login: bool = True


# Named flows in varied wording (some compound), then steps in plain English and Gherkin.
CASES: list[Case] = [
    # --- admin site under /admin/ (Flask) -----------------------------------------------------------------
    Case("admin", "write a test that a user can log in", "login"),
    Case("admin", "test that a librarian can sign in to the admin", "login"),
    Case("admin", "write a test that a logged in user can log out", "logout"),
    Case("admin", "write a test that an admin can add a new book", "create"),
    Case("admin", "as a logged in admin, create a book", "create"),
    Case("admin", "write a test that a user can edit a book", "edit"),
    Case("admin", "write a test that an admin can delete a book", "delete"),
    Case("admin", 'write a test that searching books for "Earthsea" works', "search"),
    Case("admin", "write a test that a user can filter books by genre", "filter"),
    Case("admin", "write a test that the books list can be sorted by title", "sort"),
    Case("admin", "write a test that a user can go to the next page of books", "paginate"),
    Case(
        "admin",
        "log in, click Books, click Add book, fill Title with 'Book {unique}', select 'Fantasy' in Genre, "
        "fill Year with 2001, select 'Ursula K. Le Guin' in Author, click Save, expect 'was added', "
        "the first row contains 'Book {unique}'",
        "create",
    ),
    Case(
        "admin",
        "log in, go to books/, fill 'Title or author' with Earthsea, click Search in the filter form, "
        "expect 'A Wizard of Earthsea'",
        "search",
    ),
    Case(
        "admin",
        "log in, open the Books page, select Fantasy in Genre, click Search, the first row contains Fantasy",
        "filter",
    ),
    Case("admin", "log in, click Books, click Title, the first row contains 'A Study in Scarlet'", "sort"),
    Case(
        "admin",
        "log in, click Books, click Next, the URL contains 'page=2', the first row contains 'Kindred', "
        'should not see "His Master\'s Voice"',
        "paginate",
    ),
    Case(
        "admin",
        "Given I am logged in\nWhen I open the Books page\nAnd I click Add book\n"
        "And I fill Title with 'Gherkin {unique}'\nAnd I select 'Fantasy' in Genre\nAnd I fill Year with 1999\n"
        "And I select 'Isaac Asimov' in Author\nAnd I click Save\nThen I should see 'was added'\n"
        "And the first row contains 'Gherkin {unique}'",
        "create",
    ),
    Case(
        "admin",
        "1. log in\n2. click the dana menu button\n3. click Log out\n4. expect 'You have been logged out'",
        "logout",
    ),
    # --- settings / wizard app (plain WSGI) ---------------------------------------------------------------
    Case("settings", "write a test that a user can sign in", "login"),
    Case("settings", "write a test that a user can save their profile settings", "save_settings"),
    Case("settings", "write a test that a signed in user can turn on a setting", "switches"),
    Case("settings", "write a test that a user can import contacts from a CSV file", "upload"),
    Case("settings", "write a test that a user can create a project with the wizard", "wizard"),
    Case("settings", "after signing in, toggle a notification setting", "save_settings"),
    Case(
        "settings",
        "sign in, fill Bio with 'Bio {unique}', click Save settings, expect 'Settings saved', reload the page, "
        "Bio has value 'Bio {unique}'",
        "save_settings",
    ),
    Case(
        "settings",
        "sign in, select 'Dark' in Theme, click Save settings, expect 'Settings saved', reload, 'Dark' is checked",
        "save_settings",
    ),
    Case(
        "settings",
        "sign in, click Contacts, upload contacts.csv to CSV file, click Import contacts, "
        "expect 'Imported 3 contacts', "
        "the first row contains 'ada@example.com'",
        "upload",
    ),
    Case(
        "settings",
        "sign in, click Projects, click Create project, fill Name with 'Project {unique}', click Next, "
        "click Next, click Create project, expect 'Project created'",
        "wizard",
    ),
    Case(
        "settings",
        "sign in, click Projects, click Create project, click Next, expect 'Project name is required'",
        "validation",
    ),
    Case(
        "settings",
        "Given I am signed in\nWhen I click Projects\nAnd I click Create project\n"
        "And I fill Name with 'Launch {unique}'\nAnd I click Next\nAnd I click Next\nAnd I click Create project\n"
        "Then I should see 'Project created'",
        "wizard",
    ),
    Case(
        "settings",
        "sign in, turn on 'Two-factor authentication', click Save settings, expect 'Settings saved'",
        "switches",
    ),
    Case(
        "settings",
        "sign in, turn on 'Weekly digest', click Save settings, refresh, 'Weekly digest' is checked",
        "save_settings",
    ),
    # --- single-page issue tracker (client-side routing) --------------------------------------------------
    Case("spa", "write a test that a user can sign in", "login"),
    Case("spa", "write a test that a signed in user can sign out", "logout"),
    Case("spa", "write a test that a logged in user can create an issue", "create"),
    Case("spa", "write a test that a user can open an issue and see its details", "detail"),
    Case("spa", "write a test that a user can edit an issue", "edit"),
    Case("spa", "write a test that a user can close an issue", "close"),
    Case("spa", "write a test that a user can delete an issue", "delete"),
    Case("spa", "write a test that a user can filter issues by label", "filter"),
    Case("spa", "write a test that a user can sort issues by title", "sort"),
    Case(
        "spa",
        "sign in, click New issue, fill Title with 'Issue {unique}', click Create, expect 'created', "
        "the first row contains 'Issue {unique}'",
        "create",
    ),
    Case(
        "spa",
        "sign in, click New issue, fill Title with 'Toast {unique}', click Create, the toast shows 'created'",
        "toast",
    ),
    Case(
        "spa",
        "sign in, click the Closed tab, expect 'Document the export API', should not see 'Dark mode for the dashboard'",
        "filter",
    ),
    Case("spa", "sign in, select Title in Sort, the first row contains 'Bulk close stale issues'", "sort"),
    # Steps that change a record for good act on one the test creates, so the test can run again.
    Case(
        "spa",
        "sign in, click New issue, fill Title with 'Crash {unique}', click Create, click 'Crash {unique}', "
        "click Close issue, expect 'Reopen issue'",
        "close",
    ),
    Case(
        "spa",
        "sign in, click New issue, fill Title with 'Retry {unique}', click Create, click 'Retry {unique}', click Edit, "
        "fill Title with 'Edited {unique}', click Save, expect heading 'Edited {unique}'",
        "edit",
    ),
    Case(
        "spa",
        "sign in, click New issue, fill Title with 'Typo {unique}', click Create, click 'Typo {unique}', "
        "click More actions, click Delete, click Delete in the dialog, should not see 'Typo {unique}'",
        "delete",
    ),
    Case("spa", "go to issues/4, sign in, expect heading 'Login page rejects long passwords'", "routing"),
    Case("spa", "sign in, click the Account menu, click Sign out, expect 'Sign in'", "logout"),
    Case(
        "spa",
        "Scenario: a bug is filed\nGiven I am signed in\nWhen I click New issue\n"
        "And I fill Title with 'Filed {unique}'\nAnd I select bug in Label\nAnd I click Create\n"
        "Then I should see 'created'\nAnd the first row contains 'Filed {unique}'",
        "create",
    ),
    Case(
        "spa",
        "Given I am signed in\nWhen I select 'docs' in Label\nThen I should see 'Keyboard shortcuts cheat sheet'\n"
        "And I should not see 'Webhook retries'",
        "filter",
    ),
    # --- notes app (stdlib) ---------------------------------------------------------------------------------
    Case("notes", "write a test that a user can log in", "login"),
    Case("notes", "write a test that searching the notes works", "search"),
    Case("notes", "write a test that a user can create a new note", "create_item"),
    Case("notes", "test that a signed in user can add a note", "create_item"),
    Case(
        "notes",
        "sign in, click New note, fill Title with 'Note {unique}', click Save, expect 'Note {unique}'",
        "create_item",
    ),
    Case("notes", "sign in, fill Search with offsite, press Enter, expect 'Team offsite ideas'", "search"),
    Case(
        "notes",
        "Given I am signed in\nWhen I fill Search with 'backup'\nAnd I press Enter\n"
        "Then I should see 'Database backup rotation'\nAnd I should not see 'Onboarding checklist'",
        "search",
    ),
    Case("notes", "log in as dana, then expect 'Sign out'", "login"),
    Case("admin", "write a test that a user can open a book and see its details", "detail"),
    Case("settings", "write a test that a user can upload a profile picture", "upload"),
]


@dataclass
class Served:
    app: Any
    url: str
    workdir: Path
    password: str


@dataclass
class Outcome:
    case: Case
    ok: bool
    why: str = ""
    seconds: float = 0.0
    files: list[str] = field(default_factory=list)


@contextlib.contextmanager
def served(name: str, root: Path) -> Iterator[Served]:
    password = "ow-" + secrets.token_urlsafe(9)
    workdir = root / name
    workdir.mkdir()
    (workdir / "contacts.csv").write_text(
        "name,email\nAda,ada@example.com\nAlan,alan@example.com\nGrace,g@example.com\n"
    )
    if name == "admin":
        admin = create_admin(USER, password)
        with serve_admin(admin) as origin:
            yield Served(admin, f"{origin}{MOUNT}/", workdir, password)
    elif name == "settings":
        settings = create_settings(USER, password)
        with serve_settings(settings) as origin:
            yield Served(settings, f"{origin}/", workdir, password)
    elif name == "spa":
        spa = create_spa(username=USER, password=password)
        with spa.serve() as url:
            yield Served(spa, url, workdir, password)
    else:
        notes = NotesApp(USER, password)
        with notes.serve() as url:
            yield Served(notes, url, workdir, password)


def superagent(cwd: Path, password: str, executor: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, PASSWORD_ENV: password, "SUPERAGENT_EXECUTOR": executor}
    env.pop("SUPERAGENT_USERNAME", None)
    return subprocess.run(
        [sys.executable, "-m", "superagent", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600,
        check=False,
    )  # fmt: skip


def _last_line(done: subprocess.CompletedProcess[str]) -> str:
    lines = [line for line in (done.stdout + done.stderr).splitlines() if line.strip()]
    return lines[-1][:200] if lines else f"exit {done.returncode}"


def _reason(done: subprocess.CompletedProcess[str]) -> str:
    text = done.stdout + done.stderr
    for marker in ("[Scribe]", "error:", "sent to review", "not_found", "rejected", "failed", "Error"):
        for line in text.splitlines():
            if marker in line:
                return line.strip()[:200]
    return _last_line(done)


def _reset(app: Any, broken: frozenset[str] = frozenset()) -> None:
    """Fresh data, and only ``broken`` features broken (every app takes its set of broken features anew)."""
    if hasattr(app, "reset"):
        app.reset()
    app.broken = set(broken) if isinstance(app.broken, set) else broken


def _written(tests: Path) -> dict[Path, int]:
    return {p: p.stat().st_mtime_ns for p in tests.glob("test_*.py")} if tests.is_dir() else {}


def attempt(case: Case, where: Served, executor: str) -> Outcome:
    started = time.perf_counter()
    tests = where.workdir / "superagent-tests"
    before = _written(tests)
    _reset(where.app)
    args = ["run", case.text, "--url", where.url]
    if case.login:
        args += ["--username", USER, "--password-env", PASSWORD_ENV]
    written = superagent(where.workdir, where.password, executor, *args)
    after = _written(tests)
    files = sorted(str(p) for p, stamp in after.items() if before.get(p) != stamp)  # new, or rewritten
    if written.returncode != 0 or not files:
        return Outcome(case, False, f"not written: {_reason(written)}", time.perf_counter() - started)
    _reset(where.app)
    rerun = superagent(where.workdir, where.password, executor, "test", *files, "--url", where.url)
    if rerun.returncode != 0:
        return Outcome(case, False, f"rerun failed: {_reason(rerun)}", time.perf_counter() - started, files)
    _reset(where.app, frozenset({case.feature}))
    try:
        broken = superagent(where.workdir, where.password, executor, "test", *files, "--url", where.url)
    finally:
        _reset(where.app)
    if broken.returncode == 0:
        why = f"still passes with {case.feature!r} broken"
        return Outcome(case, False, why, time.perf_counter() - started, files)
    return Outcome(case, True, "", time.perf_counter() - started, files)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--app", choices=["admin", "settings", "spa", "notes"], action="append")
    parser.add_argument("--limit", type=int, default=0, help="at most this many requests per app")
    parser.add_argument("--executor", choices=["inline", "temporal"], default="inline")
    parser.add_argument("--only", action="append", help="only requests containing this text (may be repeated)")
    args = parser.parse_args()
    cases = [c for c in CASES if not args.app or c.app in args.app]
    cases = [c for c in cases if not args.only or any(o in c.text for o in args.only)]
    outcomes: list[Outcome] = []
    with tempfile.TemporaryDirectory() as tmp:
        for app in dict.fromkeys(c.app for c in cases):
            mine = [c for c in cases if c.app == app]
            if args.limit:
                mine = mine[: args.limit]
            with served(app, Path(tmp)) as where:
                for n, case in enumerate(mine, 1):
                    outcome = attempt(case, where, args.executor)
                    outcomes.append(outcome)
                    mark = "ok  " if outcome.ok else "MISS"
                    print(f"{mark} {app:8} {n:2}/{len(mine)} {outcome.seconds:5.1f}s {case.text[:70]!r} {outcome.why}",
                          flush=True)  # fmt: skip
    print()
    print(f"{'app':10} {'ok':>4} {'of':>4} {'rate':>6}")
    for app in dict.fromkeys(o.case.app for o in outcomes):
        mine = [o for o in outcomes if o.case.app == app]
        ok = sum(o.ok for o in mine)
        print(f"{app:10} {ok:4d} {len(mine):4d} {ok / len(mine):6.0%}")
    ok = sum(o.ok for o in outcomes)
    print(f"{'overall':10} {ok:4d} {len(outcomes):4d} {ok / max(len(outcomes), 1):6.0%}")
    steps = [o for o in outcomes if "write a test" not in o.case.text and "test that" not in o.case.text]
    print(f"step language / Gherkin requests: {len(steps)}, named-flow requests: {len(outcomes) - len(steps)}")
    misses = [o for o in outcomes if not o.ok]
    if misses:
        print("\nmisses:")
        for o in misses:
            print(f"  {o.case.app}: {o.case.text!r}: {o.why}")


if __name__ == "__main__":
    main()
