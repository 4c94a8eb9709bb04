"""`site-gen import`: minutes written elsewhere (text, Markdown, Word) into the content format."""

from site_gen.importer.command import DESCRIPTION, HELP, add_arguments, run

__all__ = ["DESCRIPTION", "HELP", "add_arguments", "run"]
