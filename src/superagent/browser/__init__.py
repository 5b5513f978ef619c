"""Chromium discovery, launch arguments, and page snapshots with element fingerprints."""
