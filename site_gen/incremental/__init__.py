"""Incremental building, beside the pipeline: the build session (session.py) and the keys it
compares (keys.py)."""
