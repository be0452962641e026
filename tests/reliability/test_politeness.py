"""Politeness: robots.txt obeyed, an identified user agent, requests per host rate-limited, and
no request of the test suite leaves 127.0.0.1."""

from __future__ import annotations

import re
import socket
from pathlib import Path

import pytest
from scrapy.settings import Settings

from tests.reliability.faultserver import start, stop
from tests.reliability.helpers import ROOT, crawl
from tests.reliability.test_crawl_faults import PREFIX, html, page

SPIDER = "bosch_stiftung"
ALLOWED = [f"erlaubt-{n}" for n in range(6)]
SECRET = PREFIX + "gesperrt"


def settings(module: str) -> Settings:
    s = Settings()
    s.setmodule(module, priority="project")
    return s


def site(extra_robots: str = "") -> dict:
    links = "".join(f'<li><a href="{PREFIX}{n}">{n}</a></li>' for n in [*ALLOWED, "gesperrt"])
    routes = {
        "/de/foerderung": html(f"<html><body><main><h1>Förderung</h1><ul>{links}</ul></main></body></html>"),
        "/robots.txt": {"body": f"User-agent: *\nDisallow: {SECRET}\n{extra_robots}".encode(), "type": "text/plain"},
    }
    for name in [*ALLOWED, "gesperrt"]:
        routes[PREFIX + name] = html(page(f"Programm {name}")) | {"delay": 0.05}
    return routes


def test_production_settings_are_polite():
    s = settings("crawler.settings")
    assert s.getbool("ROBOTSTXT_OBEY")
    agent = s.get("USER_AGENT")
    assert agent.startswith("Kulisse/") and re.search(r"\+https://\S+", agent)  # names the project and a contact
    assert agent.isascii()  # sent as a header: non-ASCII arrives garbled
    assert s.getbool("AUTOTHROTTLE_ENABLED") and s.getfloat("AUTOTHROTTLE_TARGET_CONCURRENCY") <= 1
    assert s.getint("CONCURRENT_REQUESTS_PER_DOMAIN") <= 2
    assert s.getfloat("DOWNLOAD_DELAY") >= 1
    assert 0 < s.getint("DOWNLOAD_MAXSIZE") <= 32 * 1024 * 1024  # a 50 MB page is cut off
    assert s.getint("CLOSESPIDER_ERRORCOUNT") > 0 and not s.getbool("COOKIES_ENABLED")


def test_test_settings_never_leave_127_0_0_1():
    s = settings("crawler.settings.test")
    assert "crawler.localonly.LocalOnlyMiddleware" in s.getdict("DOWNLOADER_MIDDLEWARES")
    assert s.getbool("ROBOTSTXT_OBEY")  # tests check politeness with the same rules
    assert not s.getdict("KULISSE_ROOTS")  # no real site is a default root in tests
    # every test that starts a crawl uses the test settings (or `kulisse crawl --mirror`, which does)
    for path in (ROOT / "tests").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        if "crawler.runner" in text and "subprocess" in text:
            assert "crawler.settings.test" in text or "runner_args" in text, path


def test_a_disallowed_path_is_never_fetched_and_the_agent_is_identified(tmp_path):
    server = start(tmp_path, site())
    try:
        proc, run = crawl(tmp_path / "k.sqlite", SPIDER, server.url)
    finally:
        stop(server)
    assert run["items"] == len(ALLOWED), proc.stderr[-2000:]
    # not fetched, as is polite, but counted: the call there is unknown, not gone (test_healthy_drop.py)
    assert run["status"] == "unhealthy" and run["error_kinds"] == {"robots": 1} and run["gone"] == 0, run
    assert server.paths[0] == "/robots.txt"  # asked first
    assert SECRET not in server.paths and not [p for p in server.paths if "gesperrt" in p]
    assert all(PREFIX + n in server.paths for n in ALLOWED)
    assert server.agents == {settings("crawler.settings").get("USER_AGENT")}


def test_the_check_for_disallowed_paths_can_fail(tmp_path):
    """Without robots.txt obeyed, the same crawl does fetch the path (so the test above can fail)."""
    server = start(tmp_path, site())
    try:
        crawl(tmp_path / "k.sqlite", SPIDER, server.url, "--set", "ROBOTSTXT_OBEY=False")
    finally:
        stop(server)
    assert SECRET in server.paths


def test_requests_per_host_are_spaced_and_limited_with_production_settings(tmp_path):
    server = start(tmp_path, site())
    delay = 0.4  # production waits 2 s; shortened so the test stays fast, the mechanism is the same
    try:
        proc, run = crawl(
            tmp_path / "k.sqlite",
            SPIDER,
            server.url,
            "--set",
            f"DOWNLOAD_DELAY={delay}",
            "--set",
            "AUTOTHROTTLE_START_DELAY=0.4",
            settings_module="crawler.settings",
        )
    finally:
        stop(server)
    # every allowed page read; the disallowed one is counted, not fetched
    assert run["items"] == len(ALLOWED) and run["error_kinds"] == {"robots": 1}, proc.stderr[-2000:]
    times = [t for t, p in server.starts if p != "/robots.txt"]
    gaps = [b - a for a, b in zip(times, times[1:])]
    assert len(times) == len(ALLOWED) + 1
    assert min(gaps) >= 0.5 * delay * 0.9  # Scrapy randomises the delay between 0.5× and 1.5×
    assert server.max_in_flight <= 2


def test_no_test_can_open_a_connection_beyond_loopback():
    """tests/conftest.py blocks outbound sockets for the whole suite; loopback still works."""
    with pytest.raises(OSError, match="Netzwerk"):
        socket.create_connection(("203.0.113.7", 80), timeout=1)  # TEST-NET-3, never routed
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        socket.create_connection(listener.getsockname(), timeout=1).close()


def test_a_mirror_crawl_does_not_follow_links_off_the_mirror(tmp_path):
    server = start(tmp_path, site())
    try:
        proc, run = crawl(tmp_path / "k.sqlite", SPIDER, server.url, "--url", "http://203.0.113.7/de/foerderung/x")
    finally:
        stop(server)
    assert (
        run["error_kinds"] == {"outside_mirror": 1, "entry_failed": 1} or run["error_kinds"].get("outside_mirror") == 1
    )
    assert run["requests"] == 0 and run["status"] != "ok"
    assert Path(tmp_path / "k.sqlite").exists()
