from datetime import UTC, datetime

import pytest

from corpus.labels import Addressee, CallStatus, FundingForm, SteeringLevel
from corpus.model import Classification, Evidence
from corpus.store import SCHEMA_VERSION, Store, StoreError
from tests.corpus.helpers import make_call

T0 = datetime(2026, 11, 1, tzinfo=UTC)
T1 = datetime(2026, 11, 8, tzinfo=UTC)


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "k.sqlite") as s:
        yield s


def test_new_database_is_wal_and_versioned(store):
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.schema_version == SCHEMA_VERSION


def test_upsert_makes_a_version_only_when_content_changes(store):
    first = store.upsert(make_call(), now=T0)
    again = store.upsert(make_call(), now=T1)
    changed = store.upsert(make_call(summary_de="Neu: auch Kommunen sind antragsberechtigt."), now=T1)
    assert (first.outcome, again.outcome, changed.outcome) == ("neu", "unverändert", "geändert")
    assert changed.changed_fields == ("summary_de",)
    versions = store.versions("bund-test")
    assert [v["version"] for v in versions] == [1, 2]
    assert versions[0]["call"].summary_de.startswith("Antragsberechtigt sind")
    call = store.get("bund-test")
    assert call.first_seen == T0 and call.last_seen == T1


def test_healthy_run_marks_unseen_calls_gone_and_unhealthy_run_does_not(store):
    run = store.start_run("quelle")
    store.upsert_many([make_call("a", source="quelle"), make_call("b", source="quelle")], run_id=run)
    store.finish_run(run, status="ok", mark_gone=True)

    broken = store.start_run("quelle")
    store.finish_run(broken, status="unhealthy", mark_gone=True)
    assert store.count() == 2

    run2 = store.start_run("quelle")
    store.upsert(make_call("a", source="quelle"), run_id=run2)
    gone = store.finish_run(run2, status="ok", mark_gone=True)
    assert gone == ["b"]
    assert [c.id for c in store.calls()] == ["a"]
    assert store.get("b").gone_since is not None
    # seen again: back
    run3 = store.start_run("quelle")
    store.upsert(make_call("b", source="quelle"), run_id=run3)
    assert store.get("b").gone_since is None


def test_failed_batch_leaves_previous_state(store):
    store.upsert(make_call("a"))

    class Boom(Exception):
        pass

    with pytest.raises(Boom):
        with store.transaction():
            store._upsert(make_call("b"), None, T0)
            raise Boom
    assert [c.id for c in store.calls()] == ["a"]


def test_labels_are_returned_only_while_text_is_unchanged(store):
    call = make_call()
    store.upsert(call)
    labels = Classification(
        addressee=Addressee.mo,
        co_steering=False,
        steering_level=SteeringLevel.praxis,
        funding_form=FundingForm.projekt,
        placement_type=1,
        evidence=[
            Evidence(label="addressee", text="Antragsberechtigt sind Migrantenorganisationen.", cue="antragsberechtigt")
        ],
        classifier_version="t1",
    )
    store.set_labels([(call.id, call.content_hash, labels)])
    assert store.get(call.id).labels.addressee == Addressee.mo
    assert store.stale_label_ids("t1") == []
    assert store.stale_label_ids("t2") == [call.id]
    store.upsert(make_call(summary_de="Ganz anderer Text."))
    assert store.get(call.id).labels is None
    assert store.stale_label_ids("t1") == [call.id]


def test_status_survives_new_versions_and_rejects_unknown_call(store):
    store.upsert(make_call())
    store.set_status("bund-test", CallStatus.interessant, "mit Vorstand besprechen")
    store.upsert(make_call(title="Neuer Titel"))
    assert store.statuses()["bund-test"] == (CallStatus.interessant, "mit Vorstand besprechen")
    with pytest.raises(StoreError, match="keinen Aufruf"):
        store.set_status("gibt-es-nicht", CallStatus.neu)


def test_marks_belong_to_one_profile_and_the_latest_mark_wins(store):
    store.upsert(make_call())
    store.upsert(make_call(id="bund-zwei", url="https://example.org/zwei"))
    store.set_status("bund-test", CallStatus.interessant, "", profile="vmdo", now=T0)
    store.set_status("bund-zwei", CallStatus.weniger_davon, "", profile="moin", now=T0)
    assert store.statuses("vmdo") == {"bund-test": (CallStatus.interessant, "")}
    assert store.statuses("moin") == {"bund-zwei": (CallStatus.weniger_davon, "")}
    assert store.statuses() == {} and store.statuses("vki") == {}
    # the same call marked both ways for one profile: one row, the later mark
    store.set_status("bund-test", CallStatus.nicht_fuer_uns, "doch nicht", profile="vmdo", now=T1)
    assert store.statuses("vmdo")["bund-test"] == (CallStatus.nicht_fuer_uns, "doch nicht")
    # a mark for every profile and the profile's own: the later one counts, on the same second the own
    store.set_status("bund-zwei", CallStatus.interessant, "alle", now=T1)
    assert store.statuses("moin")["bund-zwei"] == (CallStatus.interessant, "alle")
    assert store.statuses("vki")["bund-zwei"] == (CallStatus.interessant, "alle")
    store.set_status("bund-zwei", CallStatus.nicht_fuer_uns, "moin sagt nein", profile="moin", now=T1)
    assert store.statuses("moin")["bund-zwei"] == (CallStatus.nicht_fuer_uns, "moin sagt nein")
    assert store.statuses("vki")["bund-zwei"] == (CallStatus.interessant, "alle")
    rows = [(r["call_id"], r["profile"], r["status"]) for r in store.status_rows()]
    assert len(rows) == 3 and ("bund-zwei", "", CallStatus.interessant) in rows  # one row per call and profile


def test_schema_2_with_marks_migrates_to_marks_for_every_profile(tmp_path):
    """An older database (before marks were per profile) keeps every mark; each applies to all profiles."""
    import sqlite3

    from corpus import migrations

    path = tmp_path / "alt.sqlite"
    raw = sqlite3.connect(path, isolation_level=None)
    for script in migrations.SCRIPTS[:2]:
        for statement in script.split(";"):
            if statement.strip():
                raw.execute(statement)
    raw.execute("PRAGMA user_version = 2")
    call = make_call()
    raw.execute(
        "INSERT INTO calls(id, data, content_hash, version, source, first_seen, last_seen, last_checked)"
        " VALUES (?, ?, ?, 1, 'test', ?, ?, ?)",
        (call.id, call.model_dump_json(), call.content_hash, T0.isoformat(), T0.isoformat(), T0.isoformat()),
    )
    raw.execute(
        "INSERT INTO statuses(call_id, status, note, updated) VALUES (?, 'interessant', 'Notiz von früher', ?)",
        (call.id, T0.isoformat()),
    )
    raw.execute(
        "INSERT INTO statuses(call_id, status, note, updated) VALUES ('weg', 'weniger_davon', '', ?)", (T0.isoformat(),)
    )
    raw.close()
    with Store(path) as store:
        assert store.schema_version == SCHEMA_VERSION
        for profile in (None, "vmdo", "moin"):
            assert store.statuses(profile) == {
                call.id: (CallStatus.interessant, "Notiz von früher"),
                "weg": (CallStatus.weniger_davon, ""),  # a mark on a call that is gone is kept too
            }
        assert [r["profile"] for r in store.status_rows()] == ["", ""]
        store.set_status(call.id, CallStatus.nicht_fuer_uns, "", profile="vmdo")  # overrides for vmdo only
        assert store.statuses("vmdo")[call.id][0] == CallStatus.nicht_fuer_uns
        assert store.statuses("moin")[call.id][0] == CallStatus.interessant
        assert store.get(call.id).title == call.title


def test_newer_schema_is_refused_in_german(tmp_path):
    path = tmp_path / "k.sqlite"
    with Store(path) as s:
        s.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(StoreError, match="neueren Kulisse-Version"):
        Store(path)


def test_not_a_database_and_missing_folder_get_german_messages(tmp_path):
    bogus = tmp_path / "bogus.sqlite"
    bogus.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="keine gültige Kulisse-Datenbank"):
        Store(bogus)
    with pytest.raises(StoreError, match="existiert nicht"):
        Store(tmp_path / "fehlt" / "k.sqlite")
    with pytest.raises(StoreError, match="Ordner"):
        Store(tmp_path)
