"""Fixtures for the test apps: the single-page issue tracker is served once per session."""

from apps.spa_app.fixtures import spa_credentials, spa_server

__all__ = ["spa_credentials", "spa_server"]
