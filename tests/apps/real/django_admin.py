"""Django's admin site over a small bookshop app, served by ``runserver`` in a child process."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from apps.real.child_server import RunningApp, free_port, run_child

# The directory that holds the ``apps`` package, so that the child can import the bookshop app.
_TESTS_DIR = Path(__file__).resolve().parents[2]


@contextmanager
def start_django_admin(
    workdir: Path, *, password: str, username: str = "admin", timeout: float = 90.0
) -> Iterator[RunningApp]:
    """Create (on first use) a bookshop database in ``workdir`` with a superuser, and serve its admin.

    Yields the app with ``url`` = ``http://127.0.0.1:PORT/admin/`` and the superuser's credentials.
    """
    if not password:
        raise ValueError("the Django admin needs a non-empty password")
    workdir.mkdir(parents=True, exist_ok=True)
    port = free_port()
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(_TESTS_DIR), os.environ.get("PYTHONPATH")])),
        "PYTHONUNBUFFERED": "1",
        "BOOKSHOP_ADMIN_USER": username,
        "BOOKSHOP_ADMIN_PASSWORD": password,
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    url = f"http://127.0.0.1:{port}/admin/"
    with run_child(
        [sys.executable, "-m", "apps.real.bookshop.serve", str(workdir), str(port)],
        ready_url=url + "login/",
        log=workdir / "django.log",
        env=env,
        cwd=workdir,
        timeout=timeout,
    ) as (pid, seconds):
        yield RunningApp(url, pid, workdir / "django.log", seconds, username=username, password=password)
