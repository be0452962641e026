"""HTTP cache policy: RFC 2616 revalidation plus a recheck interval for detail pages."""
from __future__ import annotations

from time import time

from scrapy.extensions.httpcache import RFC2616Policy


class KulisseCachePolicy(RFC2616Policy):
    """Entry and list pages (``meta["kulisse_always_check"]``) are always revalidated, so new
    calls are found; a detail page answered less than ``KULISSE_RECHECK_SECONDS`` ago is taken
    from the cache without a request; everything else gets a conditional request (304)."""

    def __init__(self, settings):
        super().__init__(settings)
        self.recheck_seconds = settings.getfloat("KULISSE_RECHECK_SECONDS", 0)

    def is_cached_response_fresh(self, cachedresponse, request) -> bool:
        if request.meta.get("kulisse_always_check"):
            self._set_conditional_validators(request, cachedresponse)
            return False
        if self.recheck_seconds > 0:
            age = self._compute_current_age(cachedresponse, request, time())
            if age < self.recheck_seconds:
                return True
        return super().is_cached_response_fresh(cachedresponse, request)
