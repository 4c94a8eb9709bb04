"""site_gen: a static site generator for published group minutes."""

__version__ = "0.1.0"
