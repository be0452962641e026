"""Kill and resume: a crawl or an index build killed at any point leaves an intact database
holding everything from before, the next run completes, and an index is rebuilt or repaired,
never read half-written (the ranking after a killed build equals that of a clean build)."""

from __future__ import annotations

import builtins
import os
import shutil
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from corpus.model import call_from_record
from matcher.indexes import ensure_indexes
from matcher.profile import load_profile
from matcher.ranking import rank
from tests.reliability.helpers import WordHashEmbedder, synthetic_record

TODAY = date(2026, 12, 1)


class Killed(BaseException):
    """Stands for SIGKILL: nothing after it runs, no cleanup, no except clause catches it."""


def corpus_a():
    return [call_from_record(synthetic_record(n)) for n in range(10)]


def corpus_b():
    """A minus one call, plus a new one, one text changed: the same number of passages, and
    the ids shift position (the case where mixing old params and new vectors would misattribute)."""
    calls = [call_from_record(synthetic_record(n)) for n in range(10) if n != 1]
    calls[2] = call_from_record(synthetic_record(3, variant=1))
    return calls + [call_from_record(synthetic_record(10))]


def fingerprint(calls, directory):
    """What a user sees: the ranking for a profile, plus both indexes' raw scores per id."""
    index = ensure_indexes(calls, directory, embed=WordHashEmbedder())
    profile = load_profile("vmdo")
    ranking = [
        (r.call.id, round(r.score, 5)) for r in rank(calls, profile, today=TODAY, index=index, include_ineligible=True)
    ]
    query = WordHashEmbedder()(["Seniorenarbeit Koordinierungsstelle Quartier"])[0]
    dense = dict(zip(index.dense.ids, np.round(index.dense.scores(query), 5)))
    lexical = dict(zip(index.lexical.ids, np.round(index.lexical.scores("Seniorenarbeit Quartier"), 5)))
    return ranking, dense, lexical


def crash_at(k: int, monkeypatch):
    """Abort the process-to-be at the k-th file write or rename (each write point in turn)."""
    count = {"n": 0}
    real_open, real_replace, real_save = builtins.open, os.replace, np.save

    def tick():
        count["n"] += 1
        if count["n"] == k:
            raise Killed()

    def open_(file, mode="r", *a, **kw):
        if any(m in mode for m in "wax"):
            tick()
        return real_open(file, mode, *a, **kw)

    def replace(src, dst, *a, **kw):
        tick()
        return real_replace(src, dst, *a, **kw)

    def save(file, *a, **kw):
        tick()
        return real_save(file, *a, **kw)

    monkeypatch.setattr(builtins, "open", open_)
    monkeypatch.setattr(os, "replace", replace)
    monkeypatch.setattr(np, "save", save)
    return count


@pytest.mark.parametrize("after", ["b", "a"], ids=["weiter-mit-neuem-korpus", "zurueck-zum-alten-korpus"])
def test_index_build_interrupted_at_every_write_is_repaired_never_read_stale(tmp_path, after):
    """An index of corpus A is updated to corpus B and killed at write k; the next build is for
    B again, or for A (the calls changed back meanwhile): both must equal a clean build."""
    target = corpus_b if after == "b" else corpus_a
    clean = tmp_path / "clean"
    expected = fingerprint(target(), clean)
    base = tmp_path / "a"
    ensure_indexes(corpus_a(), base, embed=WordHashEmbedder())
    points = 0
    for k in range(1, 200):
        directory = tmp_path / f"k{k}"
        shutil.copytree(base, directory)
        with pytest.MonkeyPatch.context() as mp:
            crash_at(k, mp)
            try:
                ensure_indexes(corpus_b(), directory, embed=WordHashEmbedder())
            except Killed:
                pass
            else:
                break  # k is past the last write: the build finished
        points += 1
        assert fingerprint(target(), directory) == expected, f"nach Abbruch an Schreibstelle {k}"
    assert points >= 8  # every file of both indexes was a crash point
    print(f"Index-Absturzstellen ({after}): {points}, alle repariert")


def test_the_stale_index_check_can_fail(tmp_path):
    """A corpus-A index compared with corpus B does differ (the comparison above has teeth)."""
    assert fingerprint(corpus_a(), tmp_path / "a") != fingerprint(corpus_b(), tmp_path / "b")


# -- real processes, SIGKILLed after seeded random delays --------------------------------------
import random  # noqa: E402
import signal  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402

from corpus.labels import CallStatus  # noqa: E402
from corpus.paths import index_dir  # noqa: E402
from corpus.store import Store  # noqa: E402
from tests.reliability.faultserver import start, stop  # noqa: E402
from tests.reliability.helpers import ROOT, crawl, runner_args  # noqa: E402

SEEDS = range(10)
INDEX_CALLS = 600
BUILD = """
import sys
from pathlib import Path
from corpus.paths import index_dir
from corpus.store import Store
from matcher.indexes import ensure_indexes
from tests.reliability.helpers import WordHashEmbedder
db = Path(sys.argv[1])
with Store(db) as store:
    calls = store.calls()
print("bereit", flush=True)  # started up and read: the build (and its writes) begins now
ensure_indexes(calls, index_dir(db), embed=WordHashEmbedder())
print("fertig")
"""
STARTUP = 300  # s: a hang guard for a process to start; at load 15 it takes 15–20 s, not 1


def snapshot(db):
    """What must survive: every call with its version, the versions table, the statuses."""
    with Store(db) as store:
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        calls = {r[0]: (r[1], r[2]) for r in store.conn.execute("SELECT id, version, gone_since FROM calls")}
        versions = store.conn.execute("SELECT COUNT(*) FROM call_versions").fetchone()[0]
        return calls, versions, store.statuses()


def assert_nothing_lost(before, after, label):
    calls0, versions0, statuses0 = before
    calls1, versions1, statuses1 = after
    missing = set(calls0) - set(calls1)
    assert not missing, f"{label}: verloren {sorted(missing)[:5]}"
    assert all(calls1[i][0] >= v for i, (v, _) in calls0.items()), label
    assert all(calls1[i][1] is None for i in calls0 if calls0[i][1] is None), f"{label}: als verschwunden markiert"
    assert versions1 >= versions0, label
    assert statuses1 == statuses0, f"{label}: Status/Notizen verändert"


def kill_into_build(args, delay: float) -> int:
    """Start a build, wait until it has started up (its "bereit"), kill it ``delay`` s later.
    Timing from its own start put the kill into the start-up or after the end whenever the
    machine's load changed between the measured run and this one."""
    proc = subprocess.Popen(args, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    ready = proc.stdout.readline()  # EOF if it died first: then the assert below says so
    assert ready.strip() == "bereit", (ready, proc.wait(timeout=STARTUP))
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    proc.stdout.close()
    return proc.wait(timeout=STARTUP)


def wait_for_run(proc, db: Path, source: str, runs_before: int) -> None:
    """Until the crawl has recorded its run (its writing has begun); fails clearly if it ends
    first or does not get there at all – killing it anyway would test nothing."""
    deadline = time.monotonic() + STARTUP
    while True:
        ended = proc.poll() is not None  # asked first: a run seen after it still counts
        if db.exists():
            with Store(db) as store:
                if len(store.runs(source)) > runs_before:
                    return
        assert not ended, f"der Crawl endete (Code {proc.returncode}), bevor er zu schreiben begann"
        assert time.monotonic() < deadline, "der Crawl hat nicht zu schreiben begonnen"
        time.sleep(0.02)


def kill_while_writing(args, db: Path, source: str, delay: float) -> int:
    """Start a crawl, wait until its run is recorded (writing has begun), then kill it after
    ``delay`` seconds. Waiting for the run instead of a fixed time keeps the kill inside the
    write phase however loaded the machine is."""
    with Store(db) as store:
        runs_before = len(store.runs(source))
    proc = subprocess.Popen(args, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_for_run(proc, db, source, runs_before)
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    return proc.wait(timeout=STARTUP)


PAGES = [f"programm-{n:02d}" for n in range(40)]
PREFIX = "/de/foerderung/themen-und-programme/"


def site_routes(round_no: int) -> dict:
    """40 calls; in each round a few of them change (so the killed crawl is writing versions)."""
    from tests.reliability.test_crawl_faults import html, page

    links = "".join(f'<li><a href="{PREFIX}{n}">{n}</a></li>' for n in PAGES)
    routes = {"/de/foerderung": html(f"<html><body><main><h1>Förderung</h1><ul>{links}</ul></main></body></html>")}
    for i, name in enumerate(PAGES):
        version = round_no if i % 4 == round_no % 4 else 0
        routes[PREFIX + name] = html(page(f"Programm {name} Fassung {version}")) | {"delay": 0.04}
    return routes


def test_crawl_killed_at_random_points_loses_nothing_and_the_next_crawl_completes(tmp_path):
    db = tmp_path / "k.sqlite"
    server = start(tmp_path, site_routes(0))
    try:
        proc, run = crawl(db, "bosch_stiftung", server.url)
        assert run["status"] == "ok" and run["items"] == len(PAGES), proc.stderr[-2000:]
        with Store(db) as store:  # the Verbund's own work, which must never be lost
            ids = sorted(c.id for c in store.calls())
            store.set_status(ids[0], CallStatus.eingereicht, "Antrag am 3.11. abgeschickt")
            store.set_status(ids[5], CallStatus.in_arbeit, "Rückfrage bei der Kommune")
        killed = 0
        for seed in SEEDS:
            server.routes.update(site_routes(seed + 1))
            before = snapshot(db)
            # 40 detail pages at 0.04 s, two at a time: about 0.8 s once the run is recorded
            delay = random.Random(seed).uniform(0.0, 0.5)
            code = kill_while_writing(
                runner_args(db, "bosch_stiftung", server.url, "--full"), db, "bosch_stiftung", delay
            )
            killed += code == -signal.SIGKILL
            assert_nothing_lost(before, snapshot(db), f"Seed {seed}, nach {delay:.2f} s")
        assert killed >= len(SEEDS) - 2  # (almost) every run really died mid-way
        before = snapshot(db)
        proc, run = crawl(db, "bosch_stiftung", server.url, "--full")
    finally:
        stop(server)
    assert proc.returncode == 0 and run["status"] == "ok" and run["items"] == len(PAGES), proc.stderr[-2000:]
    after = snapshot(db)
    assert_nothing_lost(before, after, "Abschlusslauf")
    with Store(db) as store:  # the last round's texts are all in
        titles = {c.title for c in store.calls()}
        runs = store.runs("bosch_stiftung")
    assert {
        f"Programm {n} Fassung {len(SEEDS) if i % 4 == len(SEEDS) % 4 else 0}" for i, n in enumerate(PAGES)
    } == titles
    mid_crawl = sum(r["finished"] is None for r in runs)  # killed after the run had begun writing
    assert runs[-1]["status"] == "ok" and mid_crawl >= len(SEEDS) // 2, (mid_crawl, killed)
    print(f"Crawl: {len(SEEDS)} Seeds, {killed} getötet, {mid_crawl} davon beim Schreiben, nichts verloren")


def test_index_build_killed_at_random_points_is_repaired_on_the_next_run(tmp_path):
    from corpus.model import call_from_record

    db = tmp_path / "k.sqlite"
    with Store(db) as store:
        store.upsert_many([call_from_record(synthetic_record(n)) for n in range(INDEX_CALLS)])
    args = [sys.executable, "-c", BUILD, str(db)]

    def move_on(seed):  # the corpus moves on: many calls change, one leaves, one comes
        rng = random.Random(seed)
        with Store(db) as store:
            changed = [
                call_from_record(synthetic_record(n, variant=seed + 1))
                for n in rng.sample(range(INDEX_CALLS), INDEX_CALLS // 2)
            ]
            store.upsert_many(changed + [call_from_record(synthetic_record(INDEX_CALLS + seed))])
            store.conn.execute(
                "UPDATE calls SET gone_since='2026-01-01' WHERE id=?", (f"synth-{rng.randrange(INDEX_CALLS):05d}",)
            )
        return rng

    def build() -> float:
        """An update like those below, not killed: how long its build (after start-up) takes."""
        proc = subprocess.Popen(args, cwd=ROOT, stdout=subprocess.PIPE, text=True)
        assert proc.stdout.readline().strip() == "bereit"
        started = time.monotonic()
        out, _ = proc.communicate(timeout=STARTUP)
        assert out.strip() == "fertig"
        return time.monotonic() - started

    build()
    move_on(-1)
    full = build()
    killed = 0
    for seed in SEEDS:
        rng = move_on(seed)
        share = rng.uniform(0.05, 0.95)
        for attempt in range(1, 4):
            delay = share * full
            if kill_into_build(args, delay) == -signal.SIGKILL:
                killed += 1
                break
            # the machine got faster since ``full`` was measured: the build finished first;
            # aim into a fresh update with a shorter build time
            full /= 2
            move_on(1000 + 10 * seed + attempt)
        with Store(db) as store:
            assert store.integrity_ok()
            calls = store.calls()
        expected = fingerprint(calls, tmp_path / f"clean-{seed}")
        # the next run (what `kulisse match` does first) repairs whatever the kill left
        assert fingerprint(calls, index_dir(db)) == expected, f"Seed {seed}, Abbruch nach {delay:.2f} s"
    assert killed >= len(SEEDS) // 2
    print(f"Index: {len(SEEDS)} Seeds, {killed} Aufbauten getötet, Rangfolge danach wie sauber gebaut")


def test_a_killed_crawl_is_not_shown_as_still_running(tmp_path):
    from corpus.health import source_health

    db = tmp_path / "k.sqlite"
    server = start(tmp_path, site_routes(0))
    try:
        proc = subprocess.Popen(
            runner_args(db, "bosch_stiftung", server.url),
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            # kill once the run has begun writing (at load 15 that took up to 20 s of a
            # 30 s deadline, after which the crawl was killed before it had any run)
            wait_for_run(proc, db, "bosch_stiftung", 0)
        finally:
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=STARTUP)
    finally:
        stop(server)
    with Store(db) as store:
        [health] = [h for h in source_health(store) if h.source == "bosch_stiftung"]
    assert health.health != "läuft"  # no process holds the crawl lock any more
