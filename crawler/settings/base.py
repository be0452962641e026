"""Polite production defaults for every Kulisse spider (DESIGN: robots, user agent, rate limit)."""

BOT_NAME = "kulisse"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"
COMMANDS_MODULE = "crawler.commands"

USER_AGENT = (
    "Kulisse/0.1 (+https://github.com/kulisse-foerderkulisse/kulisse; "
    "Foerderaufrufe fuer migrantische Verbuende)"
)  # ASCII only: HTTP header values are Latin-1 at best, a server would log "fÃ¼r"
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 8
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 2.0
DOWNLOAD_DELAY_JITTER = 0.5
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 2.0
AUTOTHROTTLE_MAX_DELAY = 60.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
DOWNLOAD_TIMEOUT = 60
RETRY_TIMES = 2
REDIRECT_MAX_TIMES = 5
# a source that keeps failing is stopped early and reported, not hammered
CLOSESPIDER_ERRORCOUNT = 25
# A page larger than this is junk or a trap: cut off and counted (kulisse/errors/too_large).
# The foerderdatenbank export (30–50 MB) raises the cap for its one request (meta).
DOWNLOAD_MAXSIZE = 16 * 1024 * 1024
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024
EXPORT_MAXSIZE = 200 * 1024 * 1024
# redirect loops a → b → a are counted, not silently filtered (see crawler/dupefilter.py)
DUPEFILTER_CLASS = "crawler.dupefilter.LoopCountingDupeFilter"
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
# Scrapy's HTTP endpoint that runs posted Python code inside the crawl: never wanted here
REMOTE_CONTROL_ENABLED = False
# Only http(s): a link or redirect to file://, data:, ftp:// or s3:// must not read anything
# (crawler/reach.py refuses them first; without a handler they could not be fetched anyway)
DOWNLOAD_HANDLERS = {"file": None, "data": None, "ftp": None, "s3": None}
LOG_LEVEL = "INFO"
REQUEST_FINGERPRINTER_IMPLEMENTATION = "2.7"
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
FEED_EXPORT_ENCODING = "utf-8"

# Incremental crawling (policy in crawler/cache.py): every page is cached beside the
# database (<db>.httpcache, set by the CacheBesideDatabase add-on) with its validators and the
# time of the last real check; within its interval a page is reused without a request, after
# it the site is asked conditionally (If-None-Match / If-Modified-Since → 304).
HTTPCACHE_ENABLED = True
HTTPCACHE_POLICY = "crawler.cache.KulisseCachePolicy"
HTTPCACHE_STORAGE = "scrapy.extensions.httpcache.FilesystemCacheStorage"
HTTPCACHE_DIR = "httpcache"
HTTPCACHE_IGNORE_HTTP_CODES = [301, 302, 303, 307, 308, 400, 401, 403, 404, 408, 429, 500, 502, 503, 504]
HTTPCACHE_GZIP = True
ADDONS = {"crawler.cache.CacheBesideDatabase": 0}
# a detail page whose list page is unchanged is asked again after this long
KULISSE_RECHECK_SECONDS = 7 * 86400
# entry and list pages: a daily timer always rechecks them, a second crawl within the hour not
KULISSE_LIST_RECHECK_SECONDS = 3600
KULISSE_ROBOTS_RECHECK_SECONDS = 86400  # RFC 9309 allows caching robots.txt for 24 h
KULISSE_FULL = False  # kulisse crawl --full: ask every page again (conditionally)
# One crawl writes at a time (crawler/lock.py); a crawl that finds the lock taken waits this
# long (Scrapyd jobs scheduled together), then stops without writing. The runner decides
# itself (refuse, or wait with --wait) before Scrapy starts.
KULISSE_LOCK_WAIT = 3600

DOWNLOADER_MIDDLEWARES = {
    # only the spider's own host, checked on every request and redirect step, counted
    # (crawler/reach.py); Scrapy's own offsite filter dropped redirects silently
    "scrapy.downloadermiddlewares.offsite.OffsiteMiddleware": None,
    "crawler.reach.OwnHostsMiddleware": 50,
    # above the cache (900): sees what really crossed the network, and refuses bot pages
    # before the cache could store them
    "crawler.middlewares.NetworkAccountingMiddleware": 950,
    "crawler.middlewares.BotProtectionMiddleware": 940,
}
SPIDER_MIDDLEWARES = {
    "crawler.middlewares.ErrorAccountingMiddleware": 45,
    # next to the spider: tells a list page's links and items whether the page was unchanged
    "crawler.middlewares.PageStateMiddleware": 950,
}
ITEM_PIPELINES = {
    "crawler.pipelines.clean_strings.CleanStringsPipeline": 100,
    "crawler.pipelines.resolve_urls.ResolveUrlsPipeline": 200,
    "crawler.pipelines.validate.ValidateCallPipeline": 300,
    "crawler.pipelines.dedupe.DedupePipeline": 400,
    "crawler.pipelines.corpus_writer.CorpusWriterPipeline": 900,
}

# Site roots, one per spider; the runner's --mirror replaces them (KULISSE_ROOTS[slug]).
KULISSE_ROOTS: dict[str, str] = {}
KULISSE_DB = None  # set by the runner, by -s KULISSE_DB=… or $KULISSE_DB (crawler/cache.py)
KULISSE_ONLY_URLS: list[str] = []  # --url: parse just these detail pages, mark nothing gone
# DSEE asks to be asked before its database is reused (§§ 87a ff. UrhG): off until the
# permission is recorded here, e.g. "Zusage per E-Mail vom 2026-10-01, Frau X".
KULISSE_DSEE_PERMISSION = ""
# Health: a source that found at least this many calls last time and now finds less than
# KULISSE_DROP_SHARE of them is reported as broken.
KULISSE_DROP_MIN_PREVIOUS = 5
KULISSE_DROP_SHARE = 0.3
