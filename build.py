#!/usr/bin/env python3
"""Build the site: `python build.py --help`. The same as `site-gen build`."""

import sys

from site_gen.cli import main

if __name__ == "__main__":
    sys.exit(main(["build", *sys.argv[1:]]))
