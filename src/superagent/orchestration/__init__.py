"""Executors for the pipeline: inline (in-process)."""
