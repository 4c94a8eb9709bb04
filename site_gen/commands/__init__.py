"""The site-gen commands, one module each, in one list.

Each module has the same shape: HELP and DESCRIPTION for the command line, add_arguments()
for its options and run() to run it. Every command that reads the content reads it through
site_gen.stages.gather (load, parse, link), so each finds exactly the problems a build finds.
A command is imported only when it may be run: a build that finds nothing changed takes a
fraction of a second, and loading the preview server or the importer would be much of it.
"""

COMMANDS = {
    "init": "site_gen.commands.init",
    "build": "site_gen.commands.build",
    "check": "site_gen.commands.check",
    "serve": "site_gen.commands.serve",
    "new": "site_gen.commands.new",
    "import": "site_gen.importer",  # the importer's own package: its command is importer/command.py
}
