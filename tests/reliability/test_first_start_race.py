"""First start, four processes at once: the new database is created, migrated and seeded exactly once.

Each round starts four real ``kulisse`` processes on the same not yet existing default database
(``$KULISSE_DB``): ``export``, ``sources``, ``classify`` and an ``import``. Each process imports
the CLI first and then waits for a common start signal, so that all four open the database
within about a millisecond of each other. Every process must exit 0; every reader sees the
whole snapshot; the snapshot is seeded exactly once; nobody sees "already exists".
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from corpus.seed import SNAPSHOT_SOURCE, snapshot_calls
from corpus.store import Store
from tests.reliability.helpers import ROOT, synthetic_record

ROUNDS = int(os.environ.get("KULISSE_FIRST_START_ROUNDS", "15"))
IMPORTED = 3
# imports the CLI, says it is ready, waits for the start file, then runs `kulisse ARGS` in this process
WAITER = (
    "import os, sys, time\n"
    "from tui.cli import main\n"
    "go = sys.argv[1]\n"
    "open(go + '-' + str(os.getpid()), 'w').close()\n"
    "while not os.path.exists(go):\n"
    "    time.sleep(0.001)\n"
    "sys.argv = ['kulisse'] + sys.argv[2:]\n"
    "main()\n"
)


def start_round(folder: Path, calls_file: Path) -> dict[str, subprocess.Popen]:
    env = os.environ | {"KULISSE_DB": str(folder / "kulisse.sqlite"), "HF_HUB_OFFLINE": "1"}
    go = folder / "los"
    commands = {
        "export": ["export"],
        "sources": ["sources"],
        "classify": ["classify", "--format", "jsonl"],
        "import": ["import", str(calls_file)],
    }
    procs = {
        name: subprocess.Popen(
            [sys.executable, "-c", WAITER, str(go), *args],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name, args in commands.items()
    }
    deadline = time.monotonic() + 60
    while len(list(folder.glob("los-*"))) < len(procs) and time.monotonic() < deadline:
        time.sleep(0.01)  # every process has imported the CLI
    go.touch()
    return procs


def test_four_processes_start_on_a_new_database_at_once(tmp_path):
    snapshot = len(snapshot_calls()[0])
    calls_file = tmp_path / "neu.jsonl"
    calls_file.write_text("".join(json.dumps(synthetic_record(n)) + "\n" for n in range(IMPORTED)), "utf-8")
    failures = []
    for round_no in range(ROUNDS):
        folder = tmp_path / f"runde-{round_no}"
        folder.mkdir()
        procs = start_round(folder, calls_file)
        out = {}
        for name, proc in procs.items():
            stdout, stderr = proc.communicate(timeout=120)
            out[name] = (proc.returncode, stdout, stderr)
        problems = [
            f"{name}: rc {rc}, {err.strip()[-300:]}"
            for name, (rc, _, err) in out.items()
            if rc != 0 or "already exists" in err or "Traceback" in err
        ]
        exported = [l for l in out["export"][1].splitlines() if l.strip()]
        labelled = [l for l in out["classify"][1].splitlines() if l.startswith("{")]
        # the import may land before or after a reader's snapshot of the data, never half
        for name, lines in (("export", exported), ("classify", labelled)):
            if len(lines) not in (snapshot, snapshot + IMPORTED):
                problems.append(f"{name}: {len(lines)} Aufrufe statt {snapshot}")
        snapshot_row = [l for l in out["sources"][1].splitlines() if l.startswith(SNAPSHOT_SOURCE + " ")]
        if not snapshot_row or f" {snapshot} " not in snapshot_row[0]:
            problems.append(f"sources: {out['sources'][1].strip()[-300:]!r}")
        with Store(folder / "kulisse.sqlite") as store:
            seeded = [r for r in store.runs() if r["source"] == SNAPSHOT_SOURCE]
            if len(seeded) != 1 or store.count() != snapshot + IMPORTED or not store.integrity_ok():
                problems.append(f"Endstand: {len(seeded)} Seed-Läufe, {store.count()} Aufrufe")
        if problems:
            failures.append((round_no, problems))
    print(f"\nErststart: {ROUNDS} Runden × 4 Prozesse, {len(failures)} Runde(n) mit Fehlern")
    assert not failures, failures


def test_an_older_schema_is_migrated_once_by_four_openers_at_once(tmp_path):
    """A database at schema 1 opened by four connections at the same moment: one runs the
    missing script, the others wait for its lock and find the work done."""
    import sqlite3
    import threading

    from corpus import migrations

    db = tmp_path / "alt.sqlite"
    raw = sqlite3.connect(db, isolation_level=None)
    raw.execute("PRAGMA journal_mode=WAL")
    raw.execute("BEGIN IMMEDIATE")
    for statement in migrations.SCRIPTS[0].split(";"):
        if statement.strip():
            raw.execute(statement)
    raw.execute("PRAGMA user_version = 1")
    raw.execute("COMMIT")
    raw.close()
    barrier, errors, versions = threading.Barrier(4), [], []

    def open_it():
        barrier.wait()
        try:
            with Store(db) as store:
                versions.append(store.schema_version)
        except Exception as exc:  # collected: the assertion below shows every one
            errors.append(repr(exc))

    threads = [threading.Thread(target=open_it) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert errors == [] and versions == [migrations.SCHEMA_VERSION] * 4
    with Store(db) as store:
        assert store.conn.execute("SELECT COUNT(*) FROM sqlite_master WHERE name='call_links'").fetchone()[0] == 1


def test_a_second_process_waits_for_a_slow_first_setup_longer_than_for_an_ordinary_write(tmp_path):
    """Seeding on a busy machine can outlast the ordinary lock wait: opening must wait for it."""
    import sqlite3
    import threading

    from corpus.store import SCHEMA_VERSION

    path = tmp_path / "k.sqlite"
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("PRAGMA journal_mode=WAL")
    holder.execute("BEGIN IMMEDIATE")  # another process creating the database, still seeding
    release = threading.Timer(2.5, lambda: holder.execute("COMMIT"))
    release.start()
    started = time.monotonic()
    try:
        with Store(path, timeout=0.5) as store:  # ordinary writes would give up after 0.5 s
            assert store.schema_version == SCHEMA_VERSION
    finally:
        release.join()
        holder.close()
    assert time.monotonic() - started >= 2.0
