"""Incremental crawling (policy in crawler/cache.py) against fixtures served on 127.0.0.1.

Each crawl is a subprocess of ``crawler.runner``; the mirrors count every request and byte.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from scrapy.http import HtmlResponse, Request
from scrapy.settings import Settings

from corpus.store import Store
from crawler.cache import CHECKED_HEADER, KulisseCachePolicy
from crawler.middlewares import NetworkAccountingMiddleware
from crawler.mirror import serve
from tests.crawler.helpers import FIXTURES

ROOT = Path(__file__).resolve().parents[2]
SLUGS = sorted(p.name for p in FIXTURES.iterdir() if (p / "routes.json").exists())
BRA_LIST = "/integration-migration/kompetenzzentrum-fuer-integration"
KIM = "bra_kfi_nw:kommunales-integrationsmanagement-kim"
LISTS_DUE = ("--set", "KULISSE_LIST_RECHECK_SECONDS=0", "--set", "KULISSE_ROBOTS_RECHECK_SECONDS=0")


def crawl(db: Path, mirrors: dict, *extra: str) -> dict:
    args = [
        sys.executable,
        "-m",
        "crawler.runner",
        *mirrors,
        "--db",
        str(db),
        "--settings",
        "crawler.settings.test",
        "--json",
        "--set",
        "KULISSE_DSEE_PERMISSION=Test-Erlaubnis",
        *extra,
    ]
    for slug, server in mirrors.items():
        args += ["--mirror", f"{slug}={server.url}"]
    result = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=120)
    runs = {r["source"]: r for r in map(json.loads, result.stdout.splitlines())}
    assert set(runs) == set(mirrors), result.stderr[-3000:]
    return runs


def totals(mirrors: dict) -> tuple[int, int]:
    result = sum(s.requests for s in mirrors.values()), sum(s.bytes_sent for s in mirrors.values())
    for s in mirrors.values():
        s.reset_counts()
    return result


def checked(db: Path) -> dict[str, tuple[str, str]]:
    with Store(db) as store:
        return {r[0]: (r[1], r[2]) for r in store.conn.execute("SELECT id, last_checked, last_seen FROM calls")}


@pytest.fixture
def servers():
    started = []

    def start(folder: Path, **overrides):
        server = serve(folder, overrides=overrides)
        started.append(server)
        return server

    yield start
    for s in started:
        s.shutdown()
        s.server_close()


def test_unchanged_second_crawl_needs_under_ten_percent_and_keeps_last_checked_honest(tmp_path, servers):
    mirrors = {slug: servers(FIXTURES / slug) for slug in SLUGS}
    db = tmp_path / "k.sqlite"
    first = crawl(db, mirrors)
    req1, bytes1 = totals(mirrors)
    calls = sum(r["items"] for r in first.values())
    assert calls >= 20 and all(r["status"] == "ok" for r in first.values())
    before = checked(db)
    time.sleep(1.1)  # the store keeps seconds: let "now" move on

    second = crawl(db, mirrors)
    req2, bytes2 = totals(mirrors)
    assert req2 < 0.1 * req1 and bytes2 < 0.1 * bytes1, (req2, req1, bytes2, bytes1)
    assert all(r["status"] == "ok" and r["new"] == 0 and r["changed"] == 0 for r in second.values()), second
    assert sum(r["items"] for r in second.values()) == calls
    assert sum(r["cached"] for r in second.values()) == calls  # nothing was asked again …
    after = checked(db)
    assert all(after[i][0] == before[i][0] for i in before)  # … so "last checked" stays
    assert all(after[i][1] > before[i][1] for i in before)  # but the calls were seen (not gone)
    with Store(db) as store:
        assert all(len(store.versions(i)) == 1 for i in before)
        assert not [c for c in store.calls(include_gone=True) if c.gone_since]


def test_next_day_lists_answer_304_and_their_details_are_not_asked(tmp_path, servers):
    mirrors = {"bra_kfi_nw": servers(FIXTURES / "bra_kfi_nw"), "aktion_mensch": servers(FIXTURES / "aktion_mensch")}
    db = tmp_path / "k.sqlite"
    crawl(db, mirrors)
    totals(mirrors)
    before = checked(db)
    time.sleep(1.1)
    runs = crawl(db, mirrors, *LISTS_DUE)
    bra = mirrors["bra_kfi_nw"].log
    assert f"GET {BRA_LIST} 304" in bra
    assert not [line for line in bra if "kommunales-integrationsmanagement" in line or "mso-foerderung" in line]
    assert runs["bra_kfi_nw"]["cached"] == 2 and runs["aktion_mensch"]["not_modified"] == 3
    after = checked(db)
    # Aktion Mensch's calls live on the page that answered 304: checked; the KfI details were not asked
    assert all(after[i][0] > before[i][0] for i in after if i.startswith("aktion_mensch:"))
    assert all(after[i][0] == before[i][0] for i in after if i.startswith("bra_kfi_nw:"))


def copy_fixture(tmp_path: Path) -> Path:
    folder = tmp_path / "bra_kfi_nw"
    shutil.copytree(FIXTURES / "bra_kfi_nw", folder)
    return folder


def edit(folder: Path, name: str, old: str, new: str) -> None:
    path = folder / name
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new), "utf-8")


def test_changed_detail_is_found_when_its_list_changes(tmp_path, servers):
    folder = copy_fixture(tmp_path)
    mirror = {"bra_kfi_nw": servers(folder)}
    db = tmp_path / "k.sqlite"
    crawl(db, mirror)
    edit(folder, "detail_2.html", "bis zu 57.000 Euro", "bis zu 60.000 Euro")
    edit(folder, "list.html", "KOMM-AN III", "KOMM-AN III (neu aufgelegt)")
    runs = crawl(db, mirror, *LISTS_DUE)  # the next day: the list is asked again and has changed
    assert runs["bra_kfi_nw"]["changed"] == 1 and runs["bra_kfi_nw"]["new"] == 0
    with Store(db) as store:
        versions = store.versions(KIM)
        assert [v["version"] for v in versions] == [1, 2]
        assert "amount_text" in versions[-1]["changed_fields"]
        assert "60.000" in store.get(KIM).amount.text
        # the other detail was asked too (its list changed) and answered 304: one version
        assert any(line.endswith("mso-foerderung 304") for line in mirror["bra_kfi_nw"].log)
        assert len(store.versions("bra_kfi_nw:foerderung-von-migrantinnenselbstorganisationen-mso-foerderung")) == 1


def test_changed_detail_under_an_unchanged_list_waits_for_its_interval_or_full(tmp_path, servers):
    folder = copy_fixture(tmp_path)
    mirror = {"bra_kfi_nw": servers(folder)}
    db = tmp_path / "k.sqlite"
    crawl(db, mirror)
    edit(folder, "detail_2.html", "bis zu 57.000 Euro", "bis zu 60.000 Euro")
    runs = crawl(db, mirror, *LISTS_DUE)  # list unchanged, detail checked moments ago: not asked
    assert runs["bra_kfi_nw"]["changed"] == 0
    runs = crawl(db, mirror, *LISTS_DUE, "--set", "KULISSE_RECHECK_SECONDS=0")  # its interval is over
    assert runs["bra_kfi_nw"]["changed"] == 1
    edit(folder, "detail_2.html", "bis zu 60.000 Euro", "bis zu 61.000 Euro")
    runs = crawl(db, mirror, "--full")
    assert runs["bra_kfi_nw"]["changed"] == 1
    with Store(db) as store:
        assert [v["version"] for v in store.versions(KIM)] == [1, 2, 3]


def test_server_error_on_recheck_is_an_error_not_the_cached_copy(tmp_path, servers):
    db = tmp_path / "k.sqlite"
    crawl(db, {"bra_kfi_nw": servers(FIXTURES / "bra_kfi_nw")})
    before = checked(db)
    time.sleep(1.1)
    broken = servers(FIXTURES / "bra_kfi_nw", **{BRA_LIST: {"file": "list.html", "status": 500}})
    run = crawl(db, {"bra_kfi_nw": broken}, "--full")["bra_kfi_nw"]
    assert run["status"] != "ok" and run["error_kinds"].get("http_500") == 1
    assert run["items"] == 0
    with Store(db) as store:
        assert not [c for c in store.calls(include_gone=True) if c.gone_since]  # unhealthy: nothing gone
    assert checked(db) == before


# -- the policy and the middleware, without a crawl --------------------------------------------


def policy(**settings) -> KulisseCachePolicy:
    values = Settings()
    values.setmodule("crawler.settings.base")
    values.update(settings)
    return KulisseCachePolicy(values)


def cached_page(age: float | None, **headers) -> HtmlResponse:
    if age is not None:
        headers[CHECKED_HEADER.decode()] = f"{time.time() - age:.0f}"
    return HtmlResponse("https://example.org/a", body=b"<html>a</html>", headers=headers)


def test_policy_intervals_per_kind_of_page():
    p = policy()
    entry = Request("https://example.org/list", meta={"kulisse_entry": True})
    detail_of_unchanged = Request("https://example.org/a", meta={"kulisse_parent_unchanged": True})
    detail_of_changed = Request("https://example.org/b", meta={"kulisse_parent_unchanged": False})
    assert p.is_cached_response_fresh(cached_page(600), entry)
    assert not p.is_cached_response_fresh(cached_page(7200, ETag='"x"'), entry)
    assert entry.headers[b"If-None-Match"] == b'"x"'  # asked conditionally
    assert p.is_cached_response_fresh(cached_page(6 * 86400), detail_of_unchanged)
    assert not p.is_cached_response_fresh(cached_page(8 * 86400), detail_of_unchanged)
    assert not p.is_cached_response_fresh(cached_page(5), detail_of_changed)
    assert not p.is_cached_response_fresh(cached_page(None), entry)  # never checked: ask
    # the server's Last-Modified heuristic no longer makes an old page "fresh"
    old = cached_page(None, **{"Last-Modified": "Thu, 09 Oct 2025 08:53:20 GMT"})
    assert not p.is_cached_response_fresh(old, detail_of_unchanged)
    assert not policy(KULISSE_FULL=True).is_cached_response_fresh(cached_page(5), detail_of_unchanged)
    assert not p.is_cached_response_valid(cached_page(5), HtmlResponse("https://example.org/a", status=503), entry)
    assert not p.should_cache_response(
        HtmlResponse("https://example.org/a", status=500, headers={"Expires": "x"}), entry
    )


def test_site_without_validators_answering_the_same_page_counts_as_not_modified():
    from scrapy.utils.test import get_crawler

    mw = NetworkAccountingMiddleware.from_crawler(get_crawler())
    same = Request("https://example.org/a", meta={"cached_response": cached_page(100)})
    mw.process_response(same, HtmlResponse("https://example.org/a", body=b"<html>a</html>"))
    assert same.meta["kulisse_page"] == "not_modified"
    other = Request("https://example.org/a", meta={"cached_response": cached_page(100)})
    fresh_body = HtmlResponse("https://example.org/a", body=b"<html>b</html>")
    mw.process_response(other, fresh_body)
    assert other.meta["kulisse_page"] == "changed" and CHECKED_HEADER in fresh_body.headers
    hit = Request("https://example.org/a")
    mw.process_response(hit, HtmlResponse("https://example.org/a", body=b"x", flags=["cached"]))
    assert hit.meta["kulisse_page"] == "fresh"
    assert mw.stats.get_value("kulisse/net/bytes") == 2 * len(b"<html>a</html>")  # the cache hit is not counted
