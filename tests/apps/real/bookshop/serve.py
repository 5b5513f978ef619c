"""Run the bookshop's Django admin: ``python -m apps.real.bookshop.serve WORKDIR PORT``.

Settings are made here with ``settings.configure``; the sqlite database lives in WORKDIR. The superuser is
``BOOKSHOP_ADMIN_USER`` with the password in ``BOOKSHOP_ADMIN_PASSWORD`` (environment, so it never shows in a
process listing). Tables are created and seeded on the first start; the admin answers under ``/admin/``.
"""

from __future__ import annotations

import os
import secrets
import sys
from pathlib import Path

import django
from django.conf import settings


def configure(workdir: Path) -> None:
    settings.configure(
        DEBUG=False,
        SECRET_KEY=secrets.token_urlsafe(40),
        ALLOWED_HOSTS=["127.0.0.1", "localhost"],
        INSTALLED_APPS=[
            "django.contrib.admin",
            "django.contrib.auth",
            "django.contrib.contenttypes",
            "django.contrib.sessions",
            "django.contrib.messages",
            "django.contrib.staticfiles",
            "apps.real.bookshop.apps.BookshopConfig",
        ],
        MIDDLEWARE=[
            "django.middleware.security.SecurityMiddleware",
            "django.contrib.sessions.middleware.SessionMiddleware",
            "django.middleware.common.CommonMiddleware",
            "django.middleware.csrf.CsrfViewMiddleware",
            "django.contrib.auth.middleware.AuthenticationMiddleware",
            "django.contrib.messages.middleware.MessageMiddleware",
            "django.middleware.clickjacking.XFrameOptionsMiddleware",
        ],
        ROOT_URLCONF="apps.real.bookshop.urls",
        TEMPLATES=[
            {
                "BACKEND": "django.template.backends.django.DjangoTemplates",
                "APP_DIRS": True,
                "OPTIONS": {
                    "context_processors": [
                        "django.template.context_processors.request",
                        "django.contrib.auth.context_processors.auth",
                        "django.contrib.messages.context_processors.messages",
                    ]
                },
            }
        ],
        DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": str(workdir / "bookshop.sqlite3")}},
        # Fast hashing: the password is thrown away with the database, and the default costs seconds per login.
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        STATIC_URL="/static/",
        USE_TZ=True,
        LANGUAGE_CODE="en-us",
    )
    django.setup()


def seed(username: str, password: str) -> None:
    from django.contrib.auth import get_user_model

    from apps.real.bookshop.models import Author, Book
    from apps.real.catalog_data import AUTHORS, BOOKS

    if not Author.objects.exists():
        authors = {name: Author.objects.create(name=name) for name in AUTHORS}
        Book.objects.bulk_create(
            Book(title=title, author=authors[author], year=year, genre=genre, in_stock=in_stock)
            for title, author, year, genre, in_stock in BOOKS
        )
    users = get_user_model().objects
    if not users.filter(username=username).exists():
        users.create_superuser(username, f"{username}@example.org", password)


def main(argv: list[str]) -> None:
    workdir, port = Path(argv[0]), int(argv[1])
    username = os.environ.get("BOOKSHOP_ADMIN_USER", "admin")
    password = os.environ.pop("BOOKSHOP_ADMIN_PASSWORD", "")
    if not password:
        sys.exit("BOOKSHOP_ADMIN_PASSWORD is not set: the admin needs a password")
    configure(workdir)
    from django.core.management import call_command

    call_command("migrate", run_syncdb=True, verbosity=0)
    seed(username, password)
    # --insecure: serve the admin's CSS and JS without DEBUG, as runserver's static handler would with it.
    call_command("runserver", f"127.0.0.1:{port}", use_reloader=False, skip_checks=True, insecure_serving=True)


if __name__ == "__main__":
    main(sys.argv[1:])
