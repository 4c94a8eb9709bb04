"""Files for readers' tools, made from the frozen model: feeds, calendars, open data, discovery.

Each module has one job and one entry point, `files(...)`, yielding (output path, bytes);
outputs.registry lists them all. Nothing is imported here, so that a build that finds its
output current (site_gen.incremental) can ask outputs.search about Pagefind without loading
the rest.
"""
