"""A damaged database: no write reports success, and every read says so in German.

A database of 3,000 calls gets 64 KB of seeded random bytes in its middle (at three places, one
case each). Then ``kulisse import`` of 20,000 calls must fail (exit code not 0) with a German
message and write nothing; ``crawl`` must be refused the same way before any request; and
``export``, ``sources``, ``classify`` and ``match`` must all answer with a German message: no
traceback, no English "malformed".
"""

from __future__ import annotations

import json
import random
import shutil

import pytest

from corpus.model import FundingCall
from corpus.store import Store
from tests.reliability.helpers import kulisse, synthetic_record

BASE_CALLS = 3000
IMPORT_CALLS = 20_000
GARBAGE = 64 * 1024
PLACES = {"mitte": 0.5, "erstes-drittel": 0.33, "letztes-drittel": 0.66}
ENGLISH = ("malformed", "database disk image", "Traceback", "not a database", "Unerwarteter Fehler")


@pytest.fixture(scope="module")
def intact_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("intakt") / "k.sqlite"
    with Store(db) as store:
        run = store.start_run("import:basis", kind="import")
        store.upsert_many([FundingCall.model_validate(synthetic_record(n)) for n in range(BASE_CALLS)], run_id=run)
        store.finish_run(run, status="ok", stats={"items": BASE_CALLS})
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return db


@pytest.fixture(scope="module")
def big_import(tmp_path_factory):
    path = tmp_path_factory.mktemp("import") / "viele.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for n in range(BASE_CALLS, BASE_CALLS + IMPORT_CALLS):
            out.write(json.dumps(synthetic_record(n)) + "\n")
    return path


def damage(db, share: float, seed: int) -> None:
    size = db.stat().st_size
    assert size > 4 * GARBAGE
    with db.open("r+b") as f:
        f.seek(int(size * share))
        f.write(random.Random(seed).randbytes(GARBAGE))


def assert_german_refusal(result, what: str) -> None:
    text = result.stdout + result.stderr
    assert result.returncode != 0, f"{what}: Exit-Code 0 auf beschädigter Datenbank\n{text[-1500:]}"
    assert "beschädigt" in result.stderr, f"{what}: {result.stderr[-1500:]}"
    assert not any(word in text for word in ENGLISH), f"{what}: {text[-1500:]}"


@pytest.mark.parametrize("place", list(PLACES))
def test_a_damaged_database_refuses_writes_and_says_so_in_german(intact_db, big_import, tmp_path, place):
    db = tmp_path / "k.sqlite"
    shutil.copy(intact_db, db)
    damage(db, PLACES[place], seed=len(place))
    result = kulisse("import", big_import, "--db", db, timeout=600)
    assert_german_refusal(result, "import")
    assert "importiert" not in result.stdout
    # a crawl is refused before any request (port 9: nothing listens there anyway)
    for args in (
        ["crawl", "bosch_stiftung", "--mirror", "http://127.0.0.1:9"],
        ["export"],
        ["sources"],
        ["classify", "--format", "jsonl"],
        ["match", "--profile", "vmdo", "--format", "json"],
    ):
        assert_german_refusal(kulisse(*args, "--db", db, timeout=300), args[0])


def test_an_intact_database_still_takes_the_import(intact_db, tmp_path):
    """The counter-check: the same import into the undamaged copy succeeds (the check can pass)."""
    db = tmp_path / "k.sqlite"
    shutil.copy(intact_db, db)
    src = tmp_path / "wenige.jsonl"
    src.write_text("".join(json.dumps(synthetic_record(n)) + "\n" for n in range(BASE_CALLS, BASE_CALLS + 50)), "utf-8")
    result = kulisse("import", src, "--db", db)
    assert result.returncode == 0 and "50 Aufrufe importiert" in result.stdout, result.stderr
    with Store(db) as store:
        assert store.count() == BASE_CALLS + 50
