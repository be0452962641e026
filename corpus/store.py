"""The corpus store: SQLite in WAL mode, every version of every call, who saw it when.

Each public write method is one transaction (``BEGIN IMMEDIATE`` … ``COMMIT``), so a crash or
a kill in the middle leaves the previous state intact; SQLite's journal does the rest.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from corpus import migrations
from corpus.labels import CallStatus
from corpus.model import Classification, FundingCall

SCHEMA_VERSION = migrations.SCHEMA_VERSION
# How long a process opening a new or older database waits for another one that is creating and
# seeding it (or migrating it) at the same moment, in seconds; ordinary writes wait ``timeout``.
SETUP_WAIT = 120.0

_PROVENANCE = {"source", "first_seen", "last_seen", "gone_since", "labels"}


class StoreError(Exception):
    """A problem with the database, with a German message for the user."""


@dataclass(frozen=True)
class UpsertResult:
    call_id: str
    outcome: str  # "neu", "geändert", "unverändert"
    version: int
    changed_fields: tuple[str, ...] = ()


def utcnow() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


class Store:
    """Open with ``Store(path)``; use as a context manager or call ``close()``."""

    def __init__(self, path: str | Path, *, timeout: float = 10.0, on_create: Callable[[Store], object] | None = None):
        """``on_create`` fills a new database (the snapshot) in the same exclusive transaction
        that creates its schema: whoever opens the file next finds it complete, never half."""
        self.path = Path(path)
        if self.path.is_dir():
            raise StoreError(f"Der Datenbankpfad {self.path} ist ein Ordner, keine Datei.")
        if not self.path.parent.exists():
            raise StoreError(f"Der Ordner {self.path.parent} für die Datenbank existiert nicht.")
        self._depth = 0  # nesting of transaction(); inner ones join the outer
        self._checked = False  # quick_check done before this connection's first write
        self._timeout = timeout
        # Opening a database another process is creating at the same moment can meet SQLITE_BUSY
        # outside the busy handler (switching the journal to WAL, a lock upgrade): try again
        # for a while instead of failing the command.
        give_up = time.monotonic() + SETUP_WAIT
        while True:
            try:
                self._open(on_create)
                return
            except (sqlite3.OperationalError, StoreError) as exc:
                cause = exc if isinstance(exc, sqlite3.OperationalError) else exc.__cause__
                busy = isinstance(cause, sqlite3.OperationalError) and _is_busy(cause)
                self._close_quietly()
                if not busy or time.monotonic() > give_up:
                    if isinstance(exc, StoreError):
                        raise
                    raise StoreError(german_db_error(exc, self.path)) from exc
                time.sleep(0.1)
            except sqlite3.DatabaseError as exc:
                self._close_quietly()
                raise StoreError(german_db_error(exc, self.path)) from exc

    def _open(self, on_create) -> None:
        self._depth = 0
        self.conn = sqlite3.connect(self.path, timeout=self._timeout, isolation_level=None)
        self.conn.row_factory = sqlite3.Row
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA synchronous=NORMAL")
        self.conn.execute("PRAGMA foreign_keys=ON")
        self._migrate(on_create)

    def _close_quietly(self) -> None:
        conn = getattr(self, "conn", None)
        if conn is not None:
            try:
                conn.close()
            except sqlite3.Error:
                pass
            self.conn = None

    # -- lifecycle ---------------------------------------------------------------------
    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One atomic write; rolls back on any error, also on KeyboardInterrupt. A transaction
        opened inside another one is part of it (seeding inside the migration)."""
        if self._depth:
            self._depth += 1
            try:
                yield self.conn
            finally:
                self._depth -= 1
            return
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise StoreError(german_db_error(exc, self.path)) from exc
        self._depth = 1
        try:
            if not self._checked:
                self.check_intact()
            yield self.conn
        except sqlite3.DatabaseError as exc:
            self._rollback()
            raise StoreError(german_db_error(exc, self.path)) from exc
        except BaseException:
            self._rollback()
            raise
        else:
            try:
                self.conn.execute("COMMIT")
            except sqlite3.DatabaseError as exc:
                self._rollback()
                raise StoreError(german_db_error(exc, self.path)) from exc
        finally:
            self._depth = 0

    def check_intact(self) -> None:
        """``PRAGMA quick_check``; a damaged file raises a German ``StoreError``. Runs inside the
        first write of every connection, so that no write into a damaged file can report success
        (SQLite may write around broken pages without noticing); callers about to start long
        work (a crawl) ask first."""
        try:
            rows = [r[0] for r in self.conn.execute("PRAGMA quick_check(1)")]
        except sqlite3.DatabaseError as exc:
            raise StoreError(german_db_error(exc, self.path)) from exc
        if rows != ["ok"]:
            raise StoreError(damaged_message(self.path))
        self._checked = True

    def _rollback(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")

    def _migrate(self, on_create=None) -> None:
        self._refuse_newer(self.schema_version)
        if self.schema_version == SCHEMA_VERSION:
            return  # versions only grow: nothing to do, no write lock needed
        # read and write the version under one write lock: a second process waits here and
        # then finds the schema (and the snapshot) complete. Seeding (snapshot, prebuilt labels and
        # indexes) takes longer than any ordinary write on a slow or busy machine: wait longer here.
        self.conn.execute(f"PRAGMA busy_timeout = {int(SETUP_WAIT * 1000)}")
        try:
            with self.transaction() as conn:
                current = self.schema_version
                self._refuse_newer(current)
                if current < SCHEMA_VERSION:
                    migrations.apply(conn, current)
                    if current == 0 and on_create is not None:
                        on_create(self)
        finally:
            self.conn.execute(f"PRAGMA busy_timeout = {int(self._timeout * 1000)}")

    def _refuse_newer(self, current: int) -> None:
        if current > SCHEMA_VERSION:
            raise StoreError(
                f"Die Datenbank {self.path} stammt aus einer neueren Kulisse-Version "
                f"(Schema {current}, diese Version kennt {SCHEMA_VERSION}). Bitte Kulisse aktualisieren."
            )

    @property
    def schema_version(self) -> int:
        return self.conn.execute("PRAGMA user_version").fetchone()[0]

    # -- runs --------------------------------------------------------------------------
    def start_run(self, source: str, kind: str = "crawl", *, now: datetime | None = None) -> int:
        # the writer's pid lets readers tell a running run from one whose process was killed
        stats = json.dumps({"pid": os.getpid()})
        with self.transaction() as conn:
            cur = conn.execute(
                "INSERT INTO runs(source, kind, started, stats) VALUES (?, ?, ?, ?)",
                (source, kind, _iso(now or utcnow()), stats),
            )
            return int(cur.lastrowid)

    def finish_run(
        self,
        run_id: int,
        *,
        status: str = "ok",
        stats: dict | None = None,
        mark_gone: bool = False,
        now: datetime | None = None,
    ) -> list[str]:
        """Close a run. With ``mark_gone`` (only for a healthy, complete crawl) every call of
        the run's source that this run did not see is marked gone; returns those ids."""
        now_s = _iso(now or utcnow())
        with self.transaction() as conn:
            row = conn.execute("SELECT source FROM runs WHERE id=?", (run_id,)).fetchone()
            if row is None:
                raise StoreError(f"Unbekannter Lauf {run_id}.")
            gone: list[str] = []
            if mark_gone and status == "ok":
                gone = [
                    r[0]
                    for r in conn.execute(
                        "SELECT id FROM calls WHERE source=? AND gone_since IS NULL AND id NOT IN "
                        "(SELECT call_id FROM sightings WHERE run_id=?)",
                        (row["source"], run_id),
                    )
                ]
                conn.executemany("UPDATE calls SET gone_since=? WHERE id=?", [(now_s, i) for i in gone])
            stats = dict(stats or {})
            stats.setdefault("gone", len(gone))
            stats.pop("pid", None)
            conn.execute(
                "UPDATE runs SET finished=?, status=?, stats=? WHERE id=?",
                (now_s, status, json.dumps(stats, ensure_ascii=False), run_id),
            )
            return gone

    def runs(self, source: str | None = None) -> list[dict]:
        sql = "SELECT * FROM runs" + (" WHERE source=?" if source else "") + " ORDER BY id"
        rows = self.conn.execute(sql, (source,) if source else ()).fetchall()
        return [dict(r) | {"stats": json.loads(r["stats"])} for r in rows]

    def sightings(self, run_id: int) -> set[str]:
        return {r[0] for r in self.conn.execute("SELECT call_id FROM sightings WHERE run_id=?", (run_id,))}

    # -- calls -------------------------------------------------------------------------
    def upsert(self, call: FundingCall, *, run_id: int | None = None, now: datetime | None = None) -> UpsertResult:
        """Store one call in its own transaction (see ``upsert_many`` for batches)."""
        with self.transaction():
            return self._upsert(call, run_id, now or utcnow())

    def upsert_many(
        self, calls: list[FundingCall], *, run_id: int | None = None, now: datetime | None = None
    ) -> list[UpsertResult]:
        """Store a batch atomically: all of it or, on any error, none of it."""
        now = now or utcnow()
        with self.transaction():
            return [self._upsert(c, run_id, now) for c in calls]

    def _upsert(self, call: FundingCall, run_id: int | None, now: datetime) -> UpsertResult:
        now_s = _iso(now)
        content_hash = call.content_hash
        data = call.model_dump_json(exclude=_PROVENANCE)
        row = self.conn.execute("SELECT * FROM calls WHERE id=?", (call.id,)).fetchone()
        if run_id is not None:
            self.conn.execute("INSERT OR IGNORE INTO sightings(run_id, call_id) VALUES (?, ?)", (run_id, call.id))
        if row is None:
            self.conn.execute(
                "INSERT INTO calls(id, data, content_hash, version, source, first_seen, last_seen, last_checked)"
                " VALUES (?, ?, ?, 1, ?, ?, ?, ?)",
                (call.id, data, content_hash, call.source, now_s, now_s, now_s),
            )
            self._add_version(call.id, 1, content_hash, data, now_s, run_id, ["neu"])
            return UpsertResult(call.id, "neu", 1, ("neu",))
        if row["content_hash"] == content_hash:
            self.conn.execute(
                "UPDATE calls SET last_seen=?, last_checked=?, gone_since=NULL WHERE id=?",
                (now_s, now_s, call.id),
            )
            return UpsertResult(call.id, "unverändert", row["version"])
        old = FundingCall.model_validate_json(row["data"]).content_fields()
        changed = sorted(k for k, v in call.content_fields().items() if old.get(k) != v)
        version = row["version"] + 1
        self.conn.execute(
            "UPDATE calls SET data=?, content_hash=?, version=?, source=?, last_seen=?, last_checked=?,"
            " gone_since=NULL WHERE id=?",
            (data, content_hash, version, call.source or row["source"], now_s, now_s, call.id),
        )
        self._add_version(call.id, version, content_hash, data, now_s, run_id, changed)
        return UpsertResult(call.id, "geändert", version, tuple(changed))

    def _add_version(self, call_id, version, content_hash, data, now_s, run_id, changed) -> None:
        self.conn.execute(
            "INSERT INTO call_versions(call_id, version, content_hash, data, created, run_id, changed_fields)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (call_id, version, content_hash, data, now_s, run_id, json.dumps(changed)),
        )

    def touch(
        self, call_id: str, *, run_id: int | None = None, now: datetime | None = None, checked: bool = True
    ) -> bool:
        """Record that an unchanged page was checked (HTTP 304) without re-reading its call.
        ``checked=False``: the call was seen in this run (from a cached page the crawler chose
        not to ask again), so ``last_seen`` moves but ``last_checked`` does not."""
        now_s = _iso(now or utcnow())
        with self.transaction() as conn:
            if checked:
                cur = conn.execute(
                    "UPDATE calls SET last_seen=?, last_checked=?, gone_since=NULL WHERE id=?", (now_s, now_s, call_id)
                )
            else:
                cur = conn.execute("UPDATE calls SET last_seen=?, gone_since=NULL WHERE id=?", (now_s, call_id))
            if cur.rowcount and run_id is not None:
                conn.execute("INSERT OR IGNORE INTO sightings(run_id, call_id) VALUES (?, ?)", (run_id, call_id))
            return bool(cur.rowcount)

    def _row_to_call(self, row: sqlite3.Row, labels: Classification | None = None) -> FundingCall:
        try:
            call = FundingCall.model_validate_json(row["data"])
        except ValueError as exc:  # only we write this JSON: unreadable means a damaged file
            raise StoreError(damaged_message(self.path)) from exc
        call.source = row["source"]
        call.first_seen = datetime.fromisoformat(row["first_seen"])
        call.last_seen = datetime.fromisoformat(row["last_seen"])
        call.gone_since = datetime.fromisoformat(row["gone_since"]) if row["gone_since"] else None
        call.extras = dict(call.extras) | {"version": row["version"], "last_checked": row["last_checked"]}
        call.labels = labels
        return call

    def get(self, call_id: str) -> FundingCall | None:
        row = self.conn.execute("SELECT * FROM calls WHERE id=?", (call_id,)).fetchone()
        if row is None:
            return None
        return self._row_to_call(row, self._labels_for(call_id, row["content_hash"]))

    def calls(self, *, include_gone: bool = False) -> list[FundingCall]:
        """All calls (current version), with their stored labels where those are current."""
        sql = "SELECT * FROM calls" + ("" if include_gone else " WHERE gone_since IS NULL") + " ORDER BY id"
        labels = {
            r["call_id"]: (r["content_hash"], r["data"])
            for r in self.conn.execute("SELECT call_id, content_hash, data FROM classifications")
        }
        result = []
        for row in self.conn.execute(sql):
            stored = labels.get(row["id"])
            cls = Classification.model_validate_json(stored[1]) if stored and stored[0] == row["content_hash"] else None
            result.append(self._row_to_call(row, cls))
        return result

    def count(self, *, include_gone: bool = False) -> int:
        sql = "SELECT COUNT(*) FROM calls" + ("" if include_gone else " WHERE gone_since IS NULL")
        return self.conn.execute(sql).fetchone()[0]

    def content_hashes(self) -> dict[str, str]:
        """id → content hash of every current call (what indexes compare against)."""
        return {r[0]: r[1] for r in self.conn.execute("SELECT id, content_hash FROM calls WHERE gone_since IS NULL")}

    def versions(self, call_id: str) -> list[dict]:
        rows = self.conn.execute("SELECT * FROM call_versions WHERE call_id=? ORDER BY version", (call_id,)).fetchall()
        return [
            {
                "version": r["version"],
                "content_hash": r["content_hash"],
                "created": r["created"],
                "run_id": r["run_id"],
                "changed_fields": json.loads(r["changed_fields"]),
                "call": FundingCall.model_validate_json(r["data"]),
            }
            for r in rows
        ]

    # -- links between records of the same programme ------------------------------------
    def link(self, call_id: str, other_id: str, reason: str = "") -> None:
        with self.transaction() as conn:
            for a, b in ((call_id, other_id), (other_id, call_id)):
                conn.execute("INSERT OR REPLACE INTO call_links VALUES (?, ?, ?)", (a, b, reason))

    def links(self, call_id: str) -> list[tuple[str, str]]:
        return [
            (r[0], r[1])
            for r in self.conn.execute("SELECT other_id, reason FROM call_links WHERE call_id=?", (call_id,))
        ]

    def linked_calls(self, call_id: str) -> list[tuple[FundingCall, str]]:
        """The other records of the same programme (other sources), each with the link reason."""
        result = []
        for other_id, reason in self.links(call_id):
            other = self.get(other_id)
            if other is not None:
                result.append((other, reason))
        return result

    # -- labels ------------------------------------------------------------------------
    def _labels_for(self, call_id: str, content_hash: str) -> Classification | None:
        row = self.conn.execute("SELECT content_hash, data FROM classifications WHERE call_id=?", (call_id,)).fetchone()
        if row is None or row["content_hash"] != content_hash:
            return None
        return Classification.model_validate_json(row["data"])

    def set_labels(self, items: list[tuple[str, str, Classification]], *, now: datetime | None = None) -> None:
        """Store labels as (call id, content hash they were computed from, labels)."""
        now_s = _iso(now or utcnow())
        with self.transaction() as conn:
            conn.executemany(
                "INSERT OR REPLACE INTO classifications(call_id, content_hash, data, updated) VALUES (?, ?, ?, ?)",
                [(cid, h, c.model_dump_json(), now_s) for cid, h, c in items],
            )

    def stale_label_ids(self, classifier_version: str) -> list[str]:
        """Calls whose labels are missing, computed from older text or by another classifier."""
        rows = self.conn.execute(
            "SELECT c.id, c.content_hash, k.content_hash AS kh, k.data FROM calls c "
            "LEFT JOIN classifications k ON k.call_id = c.id WHERE c.gone_since IS NULL"
        ).fetchall()
        stale = []
        for r in rows:
            if r["kh"] != r["content_hash"] or json.loads(r["data"]).get("classifier_version") != classifier_version:
                stale.append(r["id"])
        return stale

    # -- the Verbund's own working state -----------------------------------------------
    def set_status(
        self,
        call_id: str,
        status: CallStatus,
        note: str = "",
        *,
        profile: str = "",
        now: datetime | None = None,
    ) -> None:
        """Mark a call for one profile (its key); ``profile=""`` marks it for every profile of the
        database (what all marks were before schema 3). One row per call and profile: the latest
        mark replaces the previous one."""
        with self.transaction() as conn:
            if conn.execute("SELECT 1 FROM calls WHERE id=?", (call_id,)).fetchone() is None:
                raise StoreError(f"Es gibt keinen Aufruf mit der ID {call_id!r}.")
            conn.execute(
                "INSERT OR REPLACE INTO statuses(call_id, profile, status, note, updated) VALUES (?, ?, ?, ?, ?)",
                (call_id, profile, CallStatus(status).value, note, _iso(now or utcnow())),
            )

    def statuses(self, profile: str | None = None) -> dict[str, tuple[CallStatus, str]]:
        """Call id → (status, note) as ``profile`` sees them: its own marks and the marks for every
        profile (``""``); where a call has both, the later one counts (on the same second the
        profile's own). Without ``profile`` only the marks for every profile. Marks on calls that
        have vanished are returned too (the ranking leaves them out)."""
        rows = self.conn.execute(
            "SELECT call_id, profile, status, note, updated FROM statuses WHERE profile IN ('', ?)"
            " ORDER BY updated, profile != ''",
            (profile or "",),
        )
        return {r["call_id"]: (CallStatus(r["status"]), r["note"]) for r in rows}

    def status_rows(self) -> list[dict]:
        """Every stored mark with its profile key ("" = for every profile) and time, oldest first."""
        rows = self.conn.execute("SELECT * FROM statuses ORDER BY updated, call_id, profile")
        return [dict(r) | {"status": CallStatus(r["status"])} for r in rows]

    def get_meta(self, key: str, default: str | None = None) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else default

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction() as conn:
            conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (key, value))

    def integrity_ok(self) -> bool:
        return self.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def damaged_message(path: Path | None) -> str:
    where = f"Die Datenbank {path}" if path else "Die Datenbank"
    return (
        f"{where} ist beschädigt. Kulisse schreibt nichts hinein, damit nichts verloren geht. "
        "Bitte eine Sicherung der Datei zurückspielen oder sie umbenennen; dann legt Kulisse "
        "eine neue an."
    )


def german_db_error(exc: sqlite3.DatabaseError, path: Path | None = None) -> str:
    """A German sentence for an SQLite error (the CLI also uses it for errors while reading)."""
    text = str(exc).lower()
    where = f"Die Datenbank {path}" if path else "Die Datenbank"
    if "locked" in text or "busy" in text:
        return f"{where} wird gerade von einem anderen Kulisse-Prozess beschrieben. Bitte später erneut versuchen."
    if "readonly" in text or "read-only" in text:
        return f"{where} ist schreibgeschützt; Kulisse braucht Schreibrechte für die Datei und ihren Ordner."
    if "unable to open" in text:
        return f"{where} lässt sich nicht öffnen (fehlt der Ordner oder fehlen Rechte?)."
    if "not a database" in text:
        return f"{where} ist keine gültige Kulisse-Datenbank oder beschädigt."
    if "malformed" in text or "corrupt" in text or "could not decode" in text:
        return damaged_message(path)
    return f"Datenbankfehler in {path or 'der Datenbank'}: {exc}"


def _is_busy(exc: sqlite3.OperationalError) -> bool:
    text = str(exc).lower()
    return "locked" in text or "busy" in text
