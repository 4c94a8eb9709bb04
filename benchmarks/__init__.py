"""Benchmarks: a realistic corpus generator and a build-time comparison with Hugo and Pelican."""
