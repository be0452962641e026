"""Concurrency: the TUI's status writes while a crawl writes, and two crawls started at once.

The TUI reads and writes statuses through ``tui.services.marks`` on its own connection; the crawl
runs in its own process (as ``kulisse crawl`` and the TUI's crawl worker start it).
"""

from __future__ import annotations

import subprocess
import threading
import time

from corpus.labels import CallStatus
from corpus.store import Store
from tests.reliability.faultserver import start, stop
from tests.reliability.helpers import ROOT, crawl, kulisse, runner_args
from tests.reliability.test_kill_resume import PAGES, site_routes
from tui.services import database, marks

SPIDER = "bosch_stiftung"
WRITERS = 2
WRITES_EACH = 60


def test_statuses_written_and_read_while_a_crawl_writes(tmp_path):
    db = tmp_path / "k.sqlite"
    server = start(tmp_path, site_routes(0))
    try:
        proc, run = crawl(db, SPIDER, server.url)
        assert run["status"] == "ok", proc.stderr[-2000:]
        with Store(db) as store:
            ids = sorted(c.id for c in store.calls())
        server.routes.update(site_routes(1))  # the second crawl writes new versions of a quarter
        crawler = subprocess.Popen(
            runner_args(db, SPIDER, server.url, "--set", "KULISSE_RECHECK_SECONDS=0"),
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        errors: list[BaseException] = []
        written: dict[str, tuple[CallStatus, str]] = {}
        during = [0]
        lock = threading.Lock()
        statuses = list(CallStatus)

        def tui_user(worker: int) -> None:
            try:
                store = database.open_store(db)
                try:
                    n = 0
                    while n < WRITES_EACH or (crawler.poll() is None and n < 5000):
                        mine = ids[worker::WRITERS]  # each user edits other calls: reads are exact
                        cid = mine[(n * 7) % len(mine)]
                        status, note = statuses[n % len(statuses)], f"Notiz {worker}/{n}: <b>[bold]x[/]</b>"
                        marks.set_status(store, cid, status, note)
                        with lock:
                            written[cid] = (status, note)
                        assert marks.statuses(store)[cid] == (status, note)  # read your own write
                        if store.conn.execute("SELECT COUNT(*) FROM runs WHERE finished IS NULL").fetchone()[0]:
                            with lock:
                                during[0] += 1  # written while the crawl's run was open
                        n += 1
                        time.sleep(0.005)
                finally:
                    store.close()
            except BaseException as exc:  # noqa: BLE001 - reported by the main thread
                errors.append(exc)

        threads = [threading.Thread(target=tui_user, args=(w,)) for w in range(WRITERS)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)
        out, err = crawler.communicate(timeout=60)
    finally:
        stop(server)
    assert not errors, errors[0]
    assert crawler.returncode == 0, err[-2000:]
    assert '"status": "ok"' in out and f'"items": {len(PAGES)}' in out
    assert during[0] >= 10, during  # the statuses really were written while the crawl wrote
    print(f"{during[0]} Statusänderungen während des Crawls")
    with Store(db) as store:
        assert store.integrity_ok()
        assert store.statuses() == written  # every last write survived, nothing else
        assert store.count() == len(PAGES)
        assert sum(1 for c in store.calls() if "Fassung 1" in c.title) == len(PAGES) // 4


def test_two_crawls_started_at_once_one_refuses_with_a_german_message(tmp_path):
    db = tmp_path / "k.sqlite"
    Store(db).close()
    server = start(tmp_path, site_routes(0))
    try:
        args = ["crawl", SPIDER, "--db", str(db), "--mirror", f"{SPIDER}={server.url}"]
        procs = [
            subprocess.Popen(
                [*kulisse_cmd(), *args], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
            )
            for _ in range(2)
        ]
        results = [(p.wait(timeout=90), *p.communicate()) for p in procs]
    finally:
        stop(server)
    codes = sorted(code for code, _, _ in results)
    assert codes == [0, 75], results
    refused = next(err for code, _, err in results if code == 75)
    assert "Es läuft bereits ein Crawl" in refused and "--wait" in refused and "Traceback" not in refused
    with Store(db) as store:
        runs = [r for r in store.runs(SPIDER)]
        assert len(runs) == 1 and runs[0]["status"] == "ok" and store.count() == len(PAGES)


def test_two_crawls_with_wait_run_one_after_the_other(tmp_path):
    db = tmp_path / "k.sqlite"
    Store(db).close()
    server = start(tmp_path, site_routes(0))
    try:
        args = ["crawl", SPIDER, "--db", str(db), "--mirror", f"{SPIDER}={server.url}", "--wait"]
        procs = [
            subprocess.Popen(
                [*kulisse_cmd(), *args], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
            )
            for _ in range(2)
        ]
        results = [(p.wait(timeout=90), *p.communicate()) for p in procs]
    finally:
        stop(server)
    assert [code for code, _, _ in results] == [0, 0], results
    with Store(db) as store:
        first, second = store.runs(SPIDER)
        assert first["status"] == second["status"] == "ok"
        assert second["started"] >= first["finished"]  # the second waited for the lock
        assert second["stats"]["items"] == len(PAGES) and second["stats"]["new"] == second["stats"]["changed"] == 0
    out = kulisse("sources", "--db", db)
    assert "gesund" in out.stdout


def kulisse_cmd() -> list[str]:
    import sys

    return [sys.executable, "-m", "tui.cli"]
