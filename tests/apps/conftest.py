"""The bundled test apps' fixtures (defined in ``apps.fixtures`` so other test folders can import them too)."""

from apps.fixtures import admin_server, admin_site, app_browser, settings_server, settings_site, tab

__all__ = ["admin_server", "admin_site", "app_browser", "settings_server", "settings_site", "tab"]
