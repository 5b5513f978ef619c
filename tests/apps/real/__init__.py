"""Real open-source web apps from PyPI (Django's admin, Datasette), started as child processes for tests."""
