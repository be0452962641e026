"""Crawler reach: under production settings a spider fetches only http(s) on its own host.

The real ``demokratie_leben`` spider crawls a loopback copy of its site (``--mirror``, so its own
host is 127.0.0.1 on the server's port) with the production settings (``crawler.settings``; only
delays and retries shortened). Its list page also links to a local file, a ``data:`` URL, a page
on another host (127.0.0.2) and one on another port of 127.0.0.1, every link shaped like a call
link; on the second crawl two of its own pages redirect off-site (to the other host, and to a
``file://`` URL). Nothing foreign may be fetched or stored, and a call behind an off-site
redirect is not marked gone (we could not read it, so we do not know).
"""

from __future__ import annotations

import base64
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import quote

import pytest
from scrapy.http import HtmlResponse, Request
from scrapy.settings import Settings
from scrapy.utils.test import get_crawler

from corpus.store import Store
from crawler.platforms.headings import HeadingsSpider
from crawler.runner import spider_classes
from tests.reliability.faultserver import start, stop
from tests.reliability.helpers import FIXTURES, crawl

SPIDER = "demokratie_leben"
NEWS = "/globals/news/detailseiten-news/"
DETAIL = (FIXTURES / SPIDER / "detail_1.html").read_text("utf-8")
TITLE = "Förderaufruf: Entwicklung einer bundeszentralen Infrastruktur"
# production settings, only faster (the politeness test checks the real delays)
FAST = (
    "--set",
    "DOWNLOAD_DELAY=0",
    "--set",
    "AUTOTHROTTLE_ENABLED=False",
    "--set",
    "RETRY_TIMES=0",
    "--set",
    "DOWNLOAD_TIMEOUT=5",
    "--set",
    "LOG_LEVEL=INFO",
)
MARKERS = ("LOKALE DATEI", "FREMDER HOST", "FREMDER PORT", "DATEN-URL", "UMLEITUNGSZIEL")


def page(title: str) -> bytes:
    return DETAIL.replace(TITLE, title).encode("utf-8")


class Foreign(ThreadingHTTPServer):
    """Another site: answers every path with a call-like page and logs each request."""

    daemon_threads = True

    def __init__(self, host: str, marker: str):
        self.marker, self.log = marker, []

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                self.server.log.append(self.path)
                body = page(f"{self.server.marker} {self.path}")
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        try:
            super().__init__((host, 0), Handler)
        except OSError:  # 127.0.0.2 is not bindable everywhere (macOS): another port is foreign too
            super().__init__(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://{self.server_address[0]}:{self.server_address[1]}"


@pytest.fixture
def world(tmp_path):
    local = tmp_path / "lokal" / NEWS.strip("/")
    local.mkdir(parents=True)
    (local / "lokal.html").write_bytes(page("LOKALE DATEI"))
    other_host, other_port = Foreign("127.0.0.2", "FREMDER HOST"), Foreign("127.0.0.1", "FREMDER PORT")
    data_url = "data:text/html;base64," + base64.b64encode(page("DATEN-URL")).decode() + "#" + NEWS + "daten.html"
    hostile = [
        f"file://{local}/lokal.html",
        f"{other_host.url}{NEWS}fremd.html",
        f"{other_port.url}{NEWS}port.html",
        data_url,
        "file:///etc/passwd#" + NEWS + "x.html",
    ]
    own = [
        "foerderaufruf-bundeszentrale-infrastruktur.html",
        "foerderaufruf-partnerschaften.html",
        "umgeleitet.html",
        "zur-datei.html",
    ]
    links = "".join(f'<li><a href="{quote(h, safe=":/#;,=+")}">x</a></li>' for h in [NEWS + o for o in own] + hostile)
    listing = f"<html><body><main><h1>Förderaufrufe</h1><ul class='news-list'>{links}</ul></main></body></html>"
    site = tmp_path / "site"
    site.mkdir()
    for name in ("detail_1.html", "detail_2.html"):
        (site / name).write_bytes((FIXTURES / SPIDER / name).read_bytes())
    routes = {
        "/demokratie-leben-2025/foerderaufrufe": {"body": listing.encode(), "type": "text/html; charset=utf-8"},
        NEWS + own[0]: {"file": "detail_1.html"},
        NEWS + own[1]: {"file": "detail_2.html"},
        NEWS + "umgeleitet.html": {"body": page("Umgeleitetes Programm"), "type": "text/html; charset=utf-8"},
        NEWS + "zur-datei.html": {"body": page("Programm vor der Datei"), "type": "text/html; charset=utf-8"},
    }
    offsite = {
        NEWS + "umgeleitet.html": {"redirect": f"{other_host.url}{NEWS}umleitungsziel.html"},
        NEWS + "zur-datei.html": {"redirect": f"file://{local}/lokal.html"},
    }
    yield {"site": site, "routes": routes, "offsite": offsite, "foreign": (other_host, other_port)}
    for server in (other_host, other_port):
        server.shutdown()
        server.server_close()


def run_crawl(db, site, routes, *extra):
    server = start(site, routes)
    try:
        proc, run = crawl(db, SPIDER, server.url, *FAST, *extra, settings_module="crawler.settings")
    finally:
        stop(server)
    assert "Traceback" not in proc.stderr, proc.stderr[-3000:]
    return proc, run


def stored(db) -> dict:
    with Store(db) as store:
        return {c.id: c for c in store.calls(include_gone=True)}


def assert_nothing_foreign(db, world):
    for server in world["foreign"]:
        assert server.log == [], f"fremder Server abgefragt: {server.log}"  # not even robots.txt
    for call in stored(db).values():
        text = call.model_dump_json()
        assert not any(m in text for m in MARKERS), f"fremder Inhalt gespeichert: {call.id} {call.title}"
        assert call.id.startswith(SPIDER + ":") and call.url.startswith("https://www.demokratie-leben.de/")


def test_production_crawl_stays_on_its_own_host(world, tmp_path):
    db = tmp_path / "k.sqlite"
    proc, run = run_crawl(db, world["site"], world["routes"])
    assert_nothing_foreign(db, world)
    assert run["status"] == "ok" and run["items"] == 4, (run, proc.stderr[-2000:])
    assert "RemoteControl" not in proc.stderr and "TelnetConsole" not in proc.stderr
    assert "scrapy.extensions" in proc.stderr  # the list of enabled extensions was logged and read

    # the site moves two of its pages off-site: neither target is fetched, nothing is marked gone
    proc, run = run_crawl(db, world["site"], world["routes"] | world["offsite"], "--full")
    assert_nothing_foreign(db, world)
    assert run["status"] != "ok" and run["gone"] == 0, run
    # the redirect to another host is refused and counted; Scrapy does not follow one to file://
    assert run["items"] == 2 and run["error_kinds"] == {"offsite": 1, "http_302": 1}, run
    calls = stored(db)
    assert len(calls) == 4 and all(c.gone_since is None for c in calls.values())


def test_production_settings_have_no_local_handlers_and_no_remote_control():
    s = Settings()
    s.setmodule("crawler.settings", priority="project")
    handlers = s.getdict("DOWNLOAD_HANDLERS")
    for scheme in ("file", "data", "ftp", "s3"):
        assert scheme in handlers and handlers[scheme] is None, scheme
    assert not s.getbool("REMOTE_CONTROL_ENABLED") and not s.getbool("TELNETCONSOLE_ENABLED")


def hostile_variants(href: str) -> list[str]:
    path = "/" + href.split("://", 1)[-1].split("/", 1)[-1] if "://" in href else href
    return [
        f"file:///tmp/x{path}",
        f"http://127.0.0.2:9{path}",
        f"https://fremd.example{path}",
        f"ftp://fremd.example{path}",
        f"data:text/html,x#{path}",
        f"//fremd.example{path}",
    ]


@pytest.mark.parametrize(
    "name",
    [
        n
        for n, c in spider_classes(Settings({"SPIDER_MODULES": ["crawler.spiders"]})).items()
        if issubclass(c, HeadingsSpider) and c.list_paths
    ],
)
def test_every_list_spider_follows_only_its_own_http_links(name):
    """Each list page of the fixtures, with every call link repeated on foreign schemes and hosts:
    only the spider's own links come out, and its link pattern is anchored."""
    cls = spider_classes(Settings({"SPIDER_MODULES": ["crawler.spiders"]}))[name]
    assert cls.link_pattern.startswith("^"), f"{name}: Muster nicht verankert"
    crawler = get_crawler(cls, {"KULISSE_DB": None})
    spider = cls.from_crawler(crawler)
    host = spider.default_root.split("://", 1)[1].split("/", 1)[0]
    assert spider.allowed_domains and host.endswith(spider.allowed_domains[0]), spider.allowed_domains
    listing = (FIXTURES / name / "list.html").read_text("utf-8")
    url = spider.url(cls.list_paths[0])
    own = [
        r.url
        for r in spider.parse_list(HtmlResponse(url, body=listing.encode(), encoding="utf-8"))
        if isinstance(r, Request)
    ]
    assert own, name
    links = "".join(f'<a href="{v}">x</a>' for href in own for v in hostile_variants(href))
    body = listing.replace("</body>", links + "</body>").encode()
    urls = [r.url for r in spider.parse_list(HtmlResponse(url, body=body, encoding="utf-8")) if isinstance(r, Request)]
    assert urls == own, sorted(set(urls) - set(own))
