"""Views: plain data made for templates, and the parts that several kinds of page share."""
