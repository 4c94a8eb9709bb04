"""Link stage: every parsed file together, into one checked model of the site."""

from site_gen.link.linker import link_site

__all__ = ["link_site"]
