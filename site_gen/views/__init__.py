"""Views: plain data made for templates, one builder per kind of page."""

from site_gen.views.pages import Page, PageMaker, meeting_pages, site_pages

__all__ = ["Page", "PageMaker", "meeting_pages", "site_pages"]
