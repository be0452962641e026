"""Scheduled crawls through Scrapyd: the real daemon on 127.0.0.1 with the project's own
deploy configuration (crawler/deploy/scrapyd.cfg, no egg), crawls of local mirrors scheduled
through its HTTP API, their calls found in the corpus."""

from __future__ import annotations

import configparser
import json
import os
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from corpus.store import Store
from crawler.lock import CrawlLock
from crawler.mirror import serve
from tests.crawler.helpers import FIXTURES

ROOT = Path(__file__).resolve().parents[2]
DEPLOY_CONF = ROOT / "crawler" / "deploy" / "scrapyd.cfg"
SLUGS = sorted(p.name for p in FIXTURES.iterdir() if (p / "routes.json").exists())


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Scrapyd:
    def __init__(self, url: str):
        self.url = url

    def get(self, endpoint: str, **params) -> dict:
        query = f"?{urllib.parse.urlencode(params)}" if params else ""
        with urllib.request.urlopen(f"{self.url}/{endpoint}{query}", timeout=30) as resp:
            return json.loads(resp.read())

    def post(self, endpoint: str, fields: list[tuple[str, str]]) -> dict:
        data = urllib.parse.urlencode(fields).encode()
        with urllib.request.urlopen(f"{self.url}/{endpoint}", data=data, timeout=30) as resp:
            return json.loads(resp.read())


@pytest.fixture
def scrapyd(tmp_path):
    """Scrapyd with the deploy configuration, moved to a free port and temporary folders."""
    home = tmp_path / "scrapyd"
    home.mkdir()
    conf = configparser.ConfigParser()
    conf.read(DEPLOY_CONF, encoding="utf-8")
    port = free_port()
    conf["scrapyd"].update(
        {
            "http_port": str(port),
            "poll_interval": "0.2",
            "logs_dir": str(home / "logs"),
            "dbs_dir": str(home / "dbs"),
            "eggs_dir": str(home / "eggs"),
        }
    )
    with open(home / "scrapy.cfg", "w", encoding="utf-8") as f:  # as crawler/README.md says
        conf.write(f)
    env = os.environ | {"HOME": str(home), "PYTHONPATH": str(ROOT)}  # no ~/.scrapyd.conf of the user
    log = open(home / "scrapyd.out", "w")
    proc = subprocess.Popen([sys.executable, "-m", "scrapyd"], cwd=home, env=env, stdout=log, stderr=subprocess.STDOUT)
    client = Scrapyd(f"http://127.0.0.1:{port}")
    try:
        deadline = time.monotonic() + 30
        while True:
            assert proc.poll() is None, (home / "scrapyd.out").read_text()
            try:
                if client.get("daemonstatus.json")["status"] == "ok":
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, "Scrapyd startet nicht: " + (home / "scrapyd.out").read_text()
            time.sleep(0.2)
        client.logs = home / "logs"
        yield client
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
        log.close()


@pytest.fixture
def mirrors():
    servers = {slug: serve(FIXTURES / slug) for slug in ("bra_kfi_nw", "aktion_mensch")}
    yield servers
    for s in servers.values():
        s.shutdown()
        s.server_close()


def wait_finished(client: Scrapyd, jobs: set[str], timeout: float = 120) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        listing = client.get("listjobs.json", project="kulisse")
        finished = {j["id"]: j for j in listing["finished"]}
        if jobs <= set(finished):
            return finished
        assert time.monotonic() < deadline, listing
        time.sleep(0.3)


def schedule(client: Scrapyd, slug: str, server, db: Path, *settings: str) -> str:
    answer = client.post(
        "schedule.json",
        [
            ("project", "kulisse"),
            ("spider", slug),
            ("setting", f"KULISSE_DB={db}"),
            ("setting", "KULISSE_ROOTS=" + json.dumps({slug: server.url})),
            # a local mirror needs no politeness delay; everything else is production
            ("setting", "DOWNLOAD_DELAY=0"),
            ("setting", "AUTOTHROTTLE_ENABLED=False"),
            *(("setting", s) for s in settings),
        ],
    )
    assert answer["status"] == "ok", answer
    return answer["jobid"]


def test_scrapyd_schedules_crawls_of_the_mirror_into_the_corpus(tmp_path, scrapyd, mirrors):
    assert "kulisse" in scrapyd.get("listprojects.json")["projects"]
    assert set(SLUGS) <= set(scrapyd.get("listspiders.json", project="kulisse")["spiders"])

    db = tmp_path / "k.sqlite"
    jobs = {schedule(scrapyd, slug, server, db): slug for slug, server in mirrors.items()}
    finished = wait_finished(scrapyd, set(jobs))

    for job_id, slug in jobs.items():
        log = (scrapyd.logs / "kulisse" / slug / f"{job_id}.log").read_text("utf-8")
        assert "Spider closed (finished)" in log, log[-3000:]
    # max_proc = 1 in the deploy configuration: the two jobs ran one after the other
    first, second = sorted(finished.values(), key=lambda j: j["start_time"])
    assert first["end_time"] <= second["start_time"]
    with Store(db) as store:
        calls = store.calls()
        assert {c.source for c in calls} == set(mirrors)
        assert len([c for c in calls if c.source == "bra_kfi_nw"]) == 2
        assert len([c for c in calls if c.source == "aktion_mensch"]) == 3
        assert all("127.0.0.1" not in c.url for c in calls)  # IDs and links of the real sites
        assert all(store.runs(slug)[-1]["status"] == "ok" for slug in mirrors)
    assert (tmp_path / "k.sqlite.httpcache").is_dir()  # the cache went beside the database
    assert all(s.requests >= 2 for s in mirrors.values())


def test_scrapyd_job_obeys_the_crawl_lock_of_a_running_crawl(tmp_path, scrapyd, mirrors):
    db = tmp_path / "k.sqlite"
    server = mirrors["bra_kfi_nw"]
    with CrawlLock(db):  # as if `kulisse crawl` (the timer) were writing right now
        job = schedule(scrapyd, "bra_kfi_nw", server, db, "KULISSE_LOCK_WAIT=1")
        wait_finished(scrapyd, {job})
    log = (scrapyd.logs / "kulisse" / "bra_kfi_nw" / f"{job}.log").read_text("utf-8")
    assert "warte bis zu 1 s" in log and "nichts geschrieben" in log and "(kulisse_gesperrt)" in log, log[-3000:]
    assert [line for line in server.log if "robots" not in line] == []
    if db.exists():
        with Store(db) as store:
            assert not store.runs()
