"""Fixture responses and spiders wired to a test crawler (no network, no reactor)."""

from __future__ import annotations

from pathlib import Path

from scrapy.http import HtmlResponse, Request, TextResponse
from scrapy.utils.test import get_crawler

from crawler.items import CallItem

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
TEST_SETTINGS = {"KULISSE_DB": None, "HTTPCACHE_ENABLED": False}


def fixture_path(slug: str, name: str) -> Path:
    return FIXTURES / slug / name


def response(
    slug: str,
    name: str,
    url: str,
    *,
    cls=HtmlResponse,
    status: int = 200,
    meta: dict | None = None,
    body: bytes | None = None,
    headers: dict | None = None,
    flags=None,
) -> TextResponse:
    data = body if body is not None else fixture_path(slug, name).read_bytes()
    request = Request(url, meta=meta or {})
    if cls is HtmlResponse and headers is None:
        headers = {"Content-Type": "text/html; charset=utf-8"}
    return cls(url=url, body=data, request=request, status=status, headers=headers or {}, flags=flags)


def make_spider(cls, **settings):
    crawler = get_crawler(cls, TEST_SETTINGS | settings)
    spider = cls.from_crawler(crawler)
    crawler.spider = spider
    return spider


def items(results) -> list[CallItem]:
    return [r for r in results if isinstance(r, CallItem)]


def requests(results) -> list[Request]:
    return [r for r in results if isinstance(r, Request)]


def stat(spider, key: str, default=0):
    return spider.crawler.stats.get_value(key, default)


def validate(spider, item):
    """Run an item through the cleaning and validation pipelines as the crawl would."""
    from crawler.pipelines.clean_strings import CleanStringsPipeline
    from crawler.pipelines.resolve_urls import ResolveUrlsPipeline
    from crawler.pipelines.validate import ValidateCallPipeline

    for pipe in (CleanStringsPipeline, ResolveUrlsPipeline, ValidateCallPipeline):
        item = pipe.from_crawler(spider.crawler).process_item(item, spider)
    return item


def offline_crawl(cls, slug: str, **settings):
    """Follow a spider's requests through its fixture routes (no network, no reactor);
    returns (items, spider). Requests without a route count as 404 errors."""
    import json
    from urllib.parse import unquote, urlsplit

    from scrapy.http import TextResponse as _Text

    routes = json.loads((FIXTURES / slug / "routes.json").read_text("utf-8"))
    spider = make_spider(cls, **settings)
    queue = list(spider.start_requests())
    found, seen = [], set()
    while queue:
        req = queue.pop(0)
        if req.url in seen:
            continue
        seen.add(req.url)
        parts = urlsplit(req.url)
        key = parts.path + (f"?{parts.query}" if parts.query else "")
        route = routes.get(key) or routes.get(unquote(key)) or routes.get(parts.path)
        if not route or "file" not in route:
            spider.count_error("http_404")
            continue
        ctype = route.get("type", "text/html; charset=utf-8")
        kind = HtmlResponse if "html" in ctype else _Text
        resp = kind(
            url=req.url,
            body=fixture_path(slug, route["file"]).read_bytes(),
            request=req,
            headers={"Content-Type": ctype},
        )
        for out in req.callback(resp, **req.cb_kwargs) or []:
            (queue if isinstance(out, Request) else found).append(out)
    return [validate(spider, i) for i in found], spider
