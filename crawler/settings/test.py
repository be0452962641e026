"""Settings for tests, mirrors and benchmarks: no delays, no retries, a low error budget."""

from crawler.settings.base import *  # noqa: F401,F403

DOWNLOAD_DELAY = 0
DOWNLOAD_DELAY_JITTER = 0
AUTOTHROTTLE_ENABLED = False
RETRY_TIMES = 0
DOWNLOAD_TIMEOUT = 5
LOG_LEVEL = "WARNING"
# offline replays of a recorded cache must not hit the network for missing pages
HTTPCACHE_IGNORE_MISSING = False
# tests and mirrors never leave 127.0.0.1 (crawler/localonly.py); first in the chain
DOWNLOADER_MIDDLEWARES = DOWNLOADER_MIDDLEWARES | {"crawler.localonly.LocalOnlyMiddleware": 10}  # noqa: F405
