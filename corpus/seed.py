"""The shipped snapshot of real calls, so that everything works offline on a fresh machine."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from corpus.importer import Problem, read_jsonl
from corpus.model import FundingCall
from corpus.paths import SNAPSHOT_DIR
from corpus.store import Store, StoreError

SNAPSHOT_SOURCE = "snapshot"


def snapshot_calls() -> tuple[list[FundingCall], list[Problem]]:
    calls: list[FundingCall] = []
    problems: list[Problem] = []
    for path in sorted(SNAPSHOT_DIR.glob("*.jsonl")):
        part, part_problems = read_jsonl(path)
        for call in part:
            call.source = call.source or SNAPSHOT_SOURCE
        calls.extend(part)
        problems.extend(part_problems)
    return calls, problems


def seed(store: Store) -> int:
    """Import the snapshot into an empty store; returns the number of calls added."""
    calls, _ = snapshot_calls()
    run = store.start_run(SNAPSHOT_SOURCE, kind="import")
    results = store.upsert_many(calls, run_id=run)
    store.finish_run(run, status="ok", stats={"items": len(results)})
    return sum(r.outcome == "neu" for r in results)


def open_store(db: Path | None, *, seed_if_new: bool = True, on_seeded: Callable[[Store], None] | None = None) -> Store:
    """Open the database. A new one is seeded from the snapshot in the same transaction that
    creates it (so a second process starting at the same moment never sees it empty): the
    default database always, whatever the command; a new ``--db`` file unless the caller
    opts out (``kulisse import`` into a new file gives just its own calls). ``on_seeded`` runs in
    that transaction too, in the one process that seeded (the matcher adds the prebuilt labels)."""
    from corpus.paths import default_db

    path = Path(db) if db else default_db()
    if db is None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"Der Datenordner {path.parent} lässt sich nicht anlegen ({exc.strerror}).") from exc

    def seed_and_hook(store: Store) -> None:
        seed(store)
        if on_seeded is not None:
            on_seeded(store)

    return Store(path, on_create=seed_and_hook if (seed_if_new or db is None) else None)
