"""Datasette browsing a sqlite copy of the book catalogue, in a child process."""

from __future__ import annotations

import json
import os
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

from apps.real.catalog_data import AUTHORS, BOOKS, GENRES
from apps.real.child_server import RunningApp, free_port, run_child

TITLE = "Bookshop catalogue"


def write_catalogue(path: Path) -> None:
    """A sqlite file with ``authors`` and ``books`` (genre names spelled out), replacing any earlier one."""
    path.unlink(missing_ok=True)
    genre_names = dict(GENRES)
    with closing(sqlite3.connect(path)) as db, db:
        db.execute("CREATE TABLE authors (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE)")
        db.execute(
            "CREATE TABLE books (id INTEGER PRIMARY KEY, title TEXT NOT NULL,"
            " author_id INTEGER NOT NULL REFERENCES authors(id), year INTEGER, genre TEXT, in_stock INTEGER)"
        )
        db.executemany("INSERT INTO authors (id, name) VALUES (?, ?)", enumerate(AUTHORS, start=1))
        ids = {name: number for number, name in enumerate(AUTHORS, start=1)}
        db.executemany(
            "INSERT INTO books (title, author_id, year, genre, in_stock) VALUES (?, ?, ?, ?, ?)",
            [(title, ids[author], year, genre_names[genre], int(stock)) for title, author, year, genre, stock in BOOKS],
        )


@contextmanager
def start_datasette(workdir: Path, *, timeout: float = 60.0) -> Iterator[RunningApp]:
    """Serve ``workdir/catalogue.db`` read-only; yields the app with ``url`` = its home page (no sign-in)."""
    workdir.mkdir(parents=True, exist_ok=True)
    database = workdir / "catalogue.db"
    write_catalogue(database)
    metadata = workdir / "metadata.json"
    metadata.write_text(json.dumps({"title": TITLE, "description": "Authors and their books."}))
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    command = [
        sys.executable, "-m", "datasette", "serve", str(database),
        "--host", "127.0.0.1", "--port", str(port), "--immutable", str(database), "--metadata", str(metadata),
    ]  # fmt: skip
    with run_child(
        command, ready_url=url + "-/versions.json", log=workdir / "datasette.log", env=dict(os.environ),
        cwd=workdir, timeout=timeout,
    ) as (pid, seconds):  # fmt: skip
        yield RunningApp(url, pid, workdir / "datasette.log", seconds)
