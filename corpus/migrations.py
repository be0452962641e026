"""The database schema as an ordered list of SQL scripts: script *n* takes ``user_version``
from *n* − 1 to *n*. Append a script for every change; never edit one that has shipped.

``Store`` runs the missing scripts and sets the version in one ``BEGIN IMMEDIATE``
transaction, so that two processes starting on a new file cannot both migrate.
"""

from __future__ import annotations

import sqlite3

SCRIPTS: tuple[str, ...] = (
    # 1: calls with every version, runs and sightings, labels, the Verbund's statuses
    """
    CREATE TABLE calls (
        id TEXT PRIMARY KEY,
        data TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        version INTEGER NOT NULL,
        source TEXT NOT NULL DEFAULT '',
        first_seen TEXT NOT NULL,
        last_seen TEXT NOT NULL,
        last_checked TEXT NOT NULL,
        gone_since TEXT
    );
    CREATE TABLE call_versions (
        call_id TEXT NOT NULL,
        version INTEGER NOT NULL,
        content_hash TEXT NOT NULL,
        data TEXT NOT NULL,
        created TEXT NOT NULL,
        run_id INTEGER,
        changed_fields TEXT NOT NULL DEFAULT '[]',
        PRIMARY KEY (call_id, version)
    );
    CREATE TABLE runs (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        source TEXT NOT NULL,
        kind TEXT NOT NULL,
        started TEXT NOT NULL,
        finished TEXT,
        status TEXT NOT NULL DEFAULT 'running',
        stats TEXT NOT NULL DEFAULT '{}'
    );
    CREATE TABLE sightings (
        run_id INTEGER NOT NULL,
        call_id TEXT NOT NULL,
        PRIMARY KEY (run_id, call_id)
    );
    CREATE TABLE classifications (
        call_id TEXT PRIMARY KEY,
        content_hash TEXT NOT NULL,
        data TEXT NOT NULL,
        updated TEXT NOT NULL
    );
    CREATE TABLE statuses (
        call_id TEXT PRIMARY KEY,
        status TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        updated TEXT NOT NULL
    );
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    """,
    # 2: links between records of one programme at two sources; indexes for health and sightings
    """
    CREATE TABLE call_links (
        call_id TEXT NOT NULL,
        other_id TEXT NOT NULL,
        reason TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (call_id, other_id)
    );
    CREATE INDEX idx_calls_source ON calls(source);
    CREATE INDEX idx_sightings_call ON sightings(call_id);
    """,
    # 3: marks per profile (one database may serve several profiles). The marks set before keep
    # applying to every profile: they move over with profile '' ("für alle Profile").
    """
    CREATE TABLE statuses_per_profile (
        call_id TEXT NOT NULL,
        profile TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        updated TEXT NOT NULL,
        PRIMARY KEY (call_id, profile)
    );
    INSERT INTO statuses_per_profile(call_id, profile, status, note, updated)
        SELECT call_id, '', status, note, updated FROM statuses;
    DROP TABLE statuses;
    ALTER TABLE statuses_per_profile RENAME TO statuses;
    """,
)

SCHEMA_VERSION = len(SCRIPTS)


def apply(conn: sqlite3.Connection, current: int) -> int:
    """Run the scripts after ``current`` inside the caller's transaction; returns the new version.

    Statement by statement: ``executescript`` would commit the caller's transaction first.
    """
    for version in range(current + 1, SCHEMA_VERSION + 1):
        for statement in SCRIPTS[version - 1].split(";"):
            if statement.strip():
                conn.execute(statement)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    return SCHEMA_VERSION
