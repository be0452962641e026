"""Scrapy settings: ``base`` for production, ``test`` for fixtures and local mirrors."""

from crawler.settings.base import *  # noqa: F401,F403  (scrapy.cfg points at this module)
