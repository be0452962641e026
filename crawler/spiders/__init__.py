"""One spider per source: ``<slug>.py`` with class ``<PascalCaseSlug>Spider`` (see README)."""
