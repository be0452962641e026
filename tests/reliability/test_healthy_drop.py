"""A crawl that could not read a source's pages is never "healthy", so it marks nothing gone.

The source here is small (3 calls), below the share rule's minimum (``KULISSE_DROP_MIN_PREVIOUS``):
a gzip page that unpacks to more than ``DOWNLOAD_MAXSIZE``, a robots.txt that turns to
``Disallow: /`` (or forbids one call page), and a drop to zero calls must each end unhealthy
or failed, with every call kept. The real ``bosch_stiftung`` spider crawls a copy of a database
after one healthy crawl, in its own process, as ``kulisse crawl`` does.
"""

from __future__ import annotations

import gzip
import shutil

import pytest

from corpus.store import Store
from tests.reliability.faultserver import start, stop
from tests.reliability.helpers import crawl, kulisse
from tests.reliability.test_crawl_faults import PREFIX, html, page

SPIDER = "bosch_stiftung"
NAMES = ["klein-1", "klein-2", "klein-3"]
BOMB = gzip.compress(b"<html><body><main><h1>Bombe</h1><p>" + b"a" * (20 * 1024 * 1024) + b"</p></main></body></html>")


def routes() -> dict:
    links = "".join(f'<li><a href="{PREFIX}{n}">{n}</a></li>' for n in NAMES)
    result = {
        "/de/foerderung": html(f"<html><body><main><h1>Förderung</h1><ul>{links}</ul></main></body></html>"),
        "/robots.txt": {"body": b"User-agent: *\nAllow: /\n", "type": "text/plain"},
    }
    for name in NAMES:
        result[PREFIX + name] = html(page(f"Programm {name} für Vereine"))
    return result


def bomb() -> dict:
    return {"body": BOMB, "type": "text/html; charset=utf-8", "headers": {"Content-Encoding": "gzip"}}


def robots(rules: str) -> dict:
    return {"/robots.txt": {"body": f"User-agent: *\n{rules}\n".encode(), "type": "text/plain"}}


CASES = {
    "gzip-eine-seite": ({PREFIX + NAMES[0]: bomb()}, "too_large"),
    "gzip-alle-seiten": ({PREFIX + n: bomb() for n in NAMES}, "too_large"),
    "robots-alles-gesperrt": (robots("Disallow: /"), "robots"),
    "robots-eine-seite-gesperrt": (robots(f"Disallow: {PREFIX}{NAMES[1]}"), "robots"),
    "alle-seiten-404": ({PREFIX + n: {"status": 404, "body": b"weg", "type": "text/html"} for n in NAMES}, None),
}


@pytest.fixture(scope="module")
def healthy_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("gesund") / "k.sqlite"
    server = start(db.parent, routes())
    try:
        proc, run = crawl(db, SPIDER, server.url)
    finally:
        stop(server)
    assert run["status"] == "ok" and run["items"] == len(NAMES), proc.stderr[-3000:]
    return db


@pytest.mark.parametrize("case", list(CASES))
def test_a_crawl_that_could_not_read_its_pages_marks_nothing_gone(healthy_db, tmp_path, case):
    overrides, kind = CASES[case]
    db = tmp_path / "k.sqlite"
    shutil.copy(healthy_db, db)  # without the cache: every page is really asked again
    server = start(tmp_path, routes() | overrides)
    try:
        proc, run = crawl(db, SPIDER, server.url)
    finally:
        stop(server)
    assert "Traceback" not in proc.stderr, proc.stderr[-3000:]
    assert run["status"] in ("unhealthy", "failed"), run
    assert run["gone"] == 0 and run.get("reason"), run
    if kind:
        assert run["error_kinds"].get(kind, 0) >= 1, run
    with Store(db) as store:
        assert store.count() == len(NAMES) and store.integrity_ok()
    line = next(l for l in kulisse("sources", "--db", db).stdout.splitlines() if l.startswith(SPIDER))
    assert "gesund" not in line and ("gestört" in line or "fehlgeschlagen" in line), line
    if case == "gzip-eine-seite":  # the bomb was refused unpacked, the other pages were read
        assert run["items"] == len(NAMES) - 1 and run["bytes"] < 1024 * 1024


def test_a_lone_404_in_a_crawl_that_finds_others_still_marks_that_call_gone(healthy_db, tmp_path):
    """The counter-check: a real end of one call is still recorded."""
    db = tmp_path / "k.sqlite"
    shutil.copy(healthy_db, db)
    server = start(tmp_path, routes() | {PREFIX + NAMES[2]: {"status": 404, "body": b"weg", "type": "text/html"}})
    try:
        _, run = crawl(db, SPIDER, server.url)
    finally:
        stop(server)
    assert run["status"] == "ok" and run["gone"] == 1, run
