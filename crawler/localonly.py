"""Test and mirror runs: refuse every request that would leave 127.0.0.1.

``crawler.settings.test`` installs this first in the downloader chain, so a spider that
follows an absolute link to the real site fails loudly (``kulisse/errors/outside_mirror``)
instead of making an outbound request from the test suite.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from scrapy.exceptions import IgnoreRequest

from crawler.counting import Counting

LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


class LocalOnlyMiddleware(Counting):
    def process_request(self, request, spider=None):
        host = urlsplit(request.url).hostname or ""
        if host not in LOCAL_HOSTS:
            self.stats.inc_value("kulisse/errors/outside_mirror")
            raise IgnoreRequest(f"Nur lokale Adressen erlaubt, nicht {host}: {request.url}")
        return None
