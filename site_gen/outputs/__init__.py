"""Files for readers' tools, made from the frozen model: feeds, calendars, open data, discovery.

Each module has one job and one entry point, `files(...)`, yielding (output path, bytes);
extras.extra_files gives them all. Nothing is imported here, so that a build that stops
early (site_gen.unchanged) can ask outputs.search about Pagefind without loading the rest.
"""
