"""All spiders against their fixtures served on 127.0.0.1, in a subprocess per crawl."""

from __future__ import annotations

import fcntl
import json
import subprocess
import sys
from pathlib import Path

import pytest

from corpus.store import Store
from crawler.mirror import serve
from tests.crawler.helpers import FIXTURES

ROOT = Path(__file__).resolve().parents[2]
SLUGS = sorted(p.name for p in FIXTURES.iterdir() if (p / "routes.json").exists())


def crawl(db: Path, mirrors: dict, *extra: str) -> subprocess.CompletedProcess:
    args = [
        sys.executable,
        "-m",
        "crawler.runner",
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
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=120)


@pytest.fixture
def mirrors():
    servers = {slug: serve(FIXTURES / slug) for slug in SLUGS}
    yield servers
    for s in servers.values():
        s.shutdown()
        s.server_close()


@pytest.mark.slow
def test_all_spiders_into_a_fresh_corpus_then_unchanged(tmp_path, mirrors):
    db = tmp_path / "k.sqlite"
    first = crawl(db, mirrors, *SLUGS)
    runs = {r["source"]: r for r in map(json.loads, first.stdout.splitlines())}
    assert set(runs) == set(SLUGS), first.stderr[-2000:]
    assert len(SLUGS) >= 15
    for slug, run in runs.items():
        assert run["items"] >= 1, (slug, run)
        assert run["status"] == "ok", (slug, run)
    with Store(db) as store:
        calls = store.calls()
        assert len(calls) == sum(r["items"] for r in runs.values())
        assert all(c.url.startswith("https://") and "127.0.0.1" not in c.url for c in calls)
        # the same programme at foerderdatenbank and at BAMF / the KfI is linked
        bgz = "foerderdatenbank:bund-bmi-gesellschaftl-sozialen-integration-von-zuwanderern"
        linked = {other for other, _ in store.links(bgz)}
        assert "bamf_bgz:de-themen-integration-zugewanderteteilnehmende-zusammenhalt-bgz-node" in linked
        assert store.links("foerderdatenbank:land-nrw-selbstorganisation-migrantinnen-migranten")
    first_requests = sum(s.requests for s in mirrors.values())
    first_bytes = sum(s.bytes_sent for s in mirrors.values())
    for s in mirrors.values():
        s.reset_counts()

    second = crawl(db, mirrors, *SLUGS, "--full")
    runs2 = {r["source"]: r for r in map(json.loads, second.stdout.splitlines())}
    assert all(r["status"] == "ok" and r["new"] == 0 and r["changed"] == 0 for r in runs2.values()), runs2
    assert sum(r["not_modified"] + r["unchanged"] for r in runs2.values()) == len(calls)
    assert sum(r["not_modified"] for r in runs2.values()) >= len(calls) // 2  # answered 304, not re-read
    statuses = {}
    for s in mirrors.values():
        for code, n in s.status_counts.items():
            statuses[code] = statuses.get(code, 0) + n
    assert statuses.get(200, 0) == 0 or statuses.get(304, 0) > statuses.get(200, 0)
    assert sum(s.bytes_sent for s in mirrors.values()) < 0.1 * first_bytes
    assert sum(s.requests for s in mirrors.values()) <= first_requests
    with Store(db) as store:
        assert all(v["version"] == 1 for c in store.calls() for v in store.versions(c.id)[-1:])


@pytest.mark.slow
def test_captcha_makes_source_unhealthy_and_keeps_its_calls(tmp_path, mirrors):
    db = tmp_path / "k.sqlite"
    assert crawl(db, {"foerderdatenbank": mirrors["foerderdatenbank"]}, "foerderdatenbank").returncode == 0
    bad = serve(
        FIXTURES / "foerderdatenbank",
        overrides={
            "/FDB/WS/export": {"file": "captcha.html", "type": "text/html"},
            "/SiteGlobals/FDB/Forms/Suche/Foederprogrammsuche_Formular.html?filterCategories=FundingProgram&templateQueryString=Integration": {
                "file": "captcha.html",
                "type": "text/html",
            },
        },
    )
    try:
        result = crawl(db, {"foerderdatenbank": bad}, "foerderdatenbank")
    finally:
        bad.shutdown()
        bad.server_close()
    [run] = map(json.loads, result.stdout.splitlines())
    assert run["status"] == "failed" and "CAPTCHA" in run["reason"]
    with Store(db) as store:
        assert len([c for c in store.calls() if c.source == "foerderdatenbank"]) == 2  # nothing marked gone
    out = subprocess.run(
        [sys.executable, "-m", "tui.cli", "sources", "--db", str(db)], cwd=ROOT, capture_output=True, text=True
    )
    line = next(l for l in out.stdout.splitlines() if l.startswith("foerderdatenbank"))
    assert "fehlgeschlagen" in line and "CAPTCHA" in line


@pytest.mark.slow
def test_healthy_crawl_marks_vanished_call_gone(tmp_path, mirrors):
    db = tmp_path / "k.sqlite"
    crawl(db, {"bra_kfi_nw": mirrors["bra_kfi_nw"]}, "bra_kfi_nw")
    kim = "/integration-migration/kompetenzzentrum-fuer-integration/foerderung-kommunen/kommunales-integrationsmanagement-kim"
    smaller = serve(FIXTURES / "bra_kfi_nw", overrides={kim: {"status": 404}})
    try:
        crawl(db, {"bra_kfi_nw": smaller}, "bra_kfi_nw", "--full")
    finally:
        smaller.shutdown()
        smaller.server_close()
    with Store(db) as store:
        gone = [c.id for c in store.calls(include_gone=True) if c.gone_since]
        assert (
            gone == ["bra_kfi_nw:kommunales-integrationsmanagement-kim"]
            or gone == ["bra_kfi_nw:foerderung-kommunen/kommunales-integrationsmanagement-kim"]
            or len(gone) == 1
        )


def test_second_crawl_on_the_same_db_stops_with_a_german_message(tmp_path):
    db = tmp_path / "k.sqlite"
    Store(db).close()
    with open(db.with_name(db.name + ".crawl.lock"), "a+") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        lock.write("4242")
        lock.flush()
        result = subprocess.run(
            [sys.executable, "-m", "crawler.runner", "bra_kfi_nw", "--db", str(db)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 75
    assert "Es läuft bereits ein Crawl" in result.stderr and "--wait" in result.stderr


def test_only_given_urls_are_read_and_nothing_is_marked_gone(tmp_path, mirrors):
    db = tmp_path / "k.sqlite"
    server = mirrors["bra_kfi_nw"]
    url = (
        server.url
        + "/integration-migration/kompetenzzentrum-fuer-integration/foerderung-kommunen/kommunales-integrationsmanagement-kim"
    )
    result = crawl(db, {"bra_kfi_nw": server}, "bra_kfi_nw", "--url", url)
    [run] = map(json.loads, result.stdout.splitlines())
    assert run["items"] == 1 and run["partial"] is True
    assert [l for l in server.log if "robots" not in l] == [f"GET {url[len(server.url) :]} 200"]
