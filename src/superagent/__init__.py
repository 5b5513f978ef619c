"""SuperAgent: multi-agent test automation that writes, lints, runs, validates and heals Playwright tests."""

__version__ = "0.1.0"
