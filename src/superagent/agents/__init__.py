"""The agents that write, lint, run, validate and heal tests."""
