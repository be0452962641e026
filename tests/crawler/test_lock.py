"""One crawl writes at a time — also a crawl that does not go through ``crawler.runner``
(Scrapyd jobs run ``scrapy crawl``): the corpus writer takes the lock beside the database."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from corpus.store import Store
from crawler.lock import CrawlLock, lock_path
from crawler.mirror import MirrorHandler, MirrorServer, serve
from tests.crawler.helpers import FIXTURES

ROOT = Path(__file__).resolve().parents[2]
BRA_LIST = "/integration-migration/kompetenzzentrum-fuer-integration"
HOLD = 180  # s: the held page and the first crawl's download timeout; a hang guard, never reached


class HeldHandler(MirrorHandler):
    """Answers the list page only when the test says so: the first crawl then holds the lock
    for as long as the test needs, however slowly a loaded machine starts the second one (a
    fixed delay of 2–3 s was shorter than ``scrapy crawl``'s start-up at load 15)."""

    def _serve(self, method: str):
        if self.path.split("?", 1)[0] == BRA_LIST:
            self.server.arrived.set()
            assert self.server.release.wait(HOLD), "Seite nie freigegeben"
        super()._serve(method)


def held_mirror() -> MirrorServer:
    server = MirrorServer(FIXTURES / "bra_kfi_nw")
    server.RequestHandlerClass = HeldHandler
    server.arrived, server.release = threading.Event(), threading.Event()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture
def mirrors():
    started = []

    def start(held: bool = False):
        server = held_mirror() if held else serve(FIXTURES / "bra_kfi_nw")
        started.append(server)
        return server

    yield start
    for s in started:
        if hasattr(s, "release"):
            s.release.set()  # a failed test must not leave a handler thread waiting
        s.shutdown()
        s.server_close()


def runner(db: Path, mirror, *extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "crawler.runner",
            "bra_kfi_nw",
            "--db",
            str(db),
            "--settings",
            "crawler.settings.test",
            "--json",
            "--mirror",
            f"bra_kfi_nw={mirror.url}",
            *extra,
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def scrapy_crawl(db: Path, mirror, wait: float, stderr=subprocess.PIPE) -> subprocess.Popen:
    """A crawl as Scrapyd starts it: ``scrapy crawl`` with settings, no runner, no runner lock."""
    env = os.environ | {"SCRAPY_SETTINGS_MODULE": "crawler.settings.test"}
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "scrapy",
            "crawl",
            "bra_kfi_nw",
            "-s",
            f"KULISSE_DB={db}",
            "-s",
            f"KULISSE_LOCK_WAIT={wait}",
            "-s",
            "KULISSE_ROOTS=" + json.dumps({"bra_kfi_nw": mirror.url}),
            "-s",
            "LOG_LEVEL=INFO",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=stderr,
        text=True,
    )


def wait_for(condition, process, what: str, timeout: float = 120) -> None:
    """Poll ``condition`` while ``process`` runs; the deadline only guards against a hang."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, what
        time.sleep(0.05)


def first_crawl(db: Path, held: MirrorServer) -> subprocess.Popen:
    """The runner, inside its crawl: the lock is taken before Scrapy starts, and the list page
    it now waits for is answered only on ``held.release``."""
    first = runner(db, held, "--set", f"DOWNLOAD_TIMEOUT={HOLD}")
    wait_for(held.arrived.is_set, first, "der erste Crawl hat nicht begonnen")
    return first


def intact(db: Path) -> list:
    with Store(db) as store:
        assert store.integrity_ok()
        calls = store.calls()
        assert all(len(store.versions(c.id)) == 1 for c in calls)
        return calls


def test_lock_is_reentrant_in_a_process_and_refused_across_processes(tmp_path):
    db = tmp_path / "k.sqlite"
    outer, inner = CrawlLock(db), CrawlLock(db)
    outer.acquire()
    inner.acquire()  # the runner and a writer in the same process share the lock
    inner.release()
    probe = (
        "import sys; from crawler.lock import CrawlLock, CrawlLocked\n"
        "try:\n    CrawlLock(sys.argv[1]).acquire()\nexcept CrawlLocked as e:\n    print(e); sys.exit(3)"
    )
    held = subprocess.run([sys.executable, "-c", probe, str(db)], cwd=ROOT, capture_output=True, text=True)
    assert held.returncode == 3 and "Es läuft bereits ein Crawl" in held.stdout and str(os.getpid()) in held.stdout
    outer.release()
    free = subprocess.run([sys.executable, "-c", probe, str(db)], cwd=ROOT, capture_output=True, text=True)
    assert free.returncode == 0, free.stdout
    assert lock_path(db) == tmp_path / "k.sqlite.crawl.lock"


def test_a_scrapy_crawl_beside_a_running_crawl_refuses_clearly_and_writes_nothing(tmp_path, mirrors):
    db = tmp_path / "k.sqlite"
    held = mirrors(held=True)
    first = first_crawl(db, held)
    other_site = mirrors()
    second = scrapy_crawl(db, other_site, wait=0)
    _, log = second.communicate(timeout=HOLD)
    assert first.poll() is None  # the refusal really met a running crawl
    assert "Es läuft bereits ein Crawl" in log and "nichts geschrieben" in log, log[-3000:]
    assert "kulisse_gesperrt" in log
    assert [line for line in other_site.log if "robots" not in line] == []  # refused before any page
    held.release.set()
    out, err = first.communicate(timeout=HOLD)
    assert first.returncode == 0, err[-3000:]
    assert json.loads(out)["new"] == 2
    with Store(db) as store:
        assert len(store.runs("bra_kfi_nw")) == 1  # the refused crawl did not even open a run
    assert len(intact(db)) == 2


def test_a_scrapy_crawl_beside_a_running_crawl_waits_then_writes_after_it(tmp_path, mirrors):
    db = tmp_path / "k.sqlite"
    held = mirrors(held=True)
    first = first_crawl(db, held)
    log_file = tmp_path / "second.log"
    with log_file.open("w") as log_out:
        second = scrapy_crawl(db, mirrors(), wait=HOLD, stderr=log_out)
        # the first crawl ends only once the second has said it waits
        wait_for(lambda: "warte bis zu" in log_file.read_text(), second, "der zweite Crawl wartet nicht")
        assert first.poll() is None
        held.release.set()
        second.communicate(timeout=HOLD)
    log = log_file.read_text()
    assert second.returncode == 0 and f"warte bis zu {HOLD} s" in log, log[-3000:]
    assert first.wait(timeout=HOLD) == 0
    with Store(db) as store:
        one, two = store.runs("bra_kfi_nw")
        assert one["finished"] <= two["started"]  # one after the other, never interleaved
        assert one["status"] == two["status"] == "ok"
        assert two["stats"]["new"] == 0 and two["stats"]["items"] == 2
    assert len(intact(db)) == 2
