"""Relevance feedback (statuses and "weniger davon"), plain-words queries and "Ähnliche Aufrufe"."""

import json
from datetime import UTC, date, datetime

import pytest
from click.testing import CliRunner

from corpus.labels import CallStatus
from corpus.store import Store
from matcher.feedback import Feedback, load_feedback
from matcher.indexes import ensure_indexes
from matcher.profile import load_profile
from matcher.ranking import rank
from tests.matcher.matcher_helpers import HashEmbedder, make_call, sample_calls
from tui.cli import main

TODAY = date(2026, 3, 1)
T1, T2 = datetime(2026, 1, 1, tzinfo=UTC), datetime(2026, 2, 1, tzinfo=UTC)


def _calls():
    """The sample calls plus two of each kind, so that marking one moves its neighbours."""
    return sample_calls() + [
        make_call(
            "senioren2",
            "Begegnung für ältere Migrantinnen",
            "Angebote der Seniorenarbeit und Begegnung für ältere Migrantinnen und Migranten in Vereinen.",
            applicants=["verein", "mo"],
            deadline_text="laufend",
        ),
        make_call(
            "sport",
            "Sportvereine und Integration",
            "Sportvereine erhalten Zuschüsse für Trainingsgruppen mit Geflüchteten und Sportfeste.",
            applicants=["verein"],
            deadline_text="laufend",
        ),
        make_call(
            "sport2",
            "Integration durch Sport im Verein",
            "Sportfeste und Trainingsgruppen für Geflüchtete in Sportvereinen werden bezuschusst.",
            applicants=["verein"],
            deadline_text="laufend",
        ),
    ]


def _rank(calls, feedback=None, **kw):
    index = ensure_indexes(calls, None, embed=HashEmbedder())
    return rank(calls, load_profile("vmdo"), today=TODAY, index=index, feedback=feedback, **kw)


def _position(results, call_id):
    return [r.call.id for r in results].index(call_id)


def test_latest_mark_wins_when_a_call_was_marked_both_ways():
    fb = Feedback.from_events([("a", CallStatus.interessant, "", T1), ("a", CallStatus.nicht_fuer_uns, "", T2)])
    assert fb.negative == ["a"] and fb.positive == []
    fb = Feedback.from_events([("a", CallStatus.nicht_fuer_uns, "", T2), ("a", CallStatus.interessant, "", T1)])
    assert fb.negative == ["a"]  # by time, not by the order given
    fb = Feedback.from_events([("a", "weniger_davon", "", None), ("a", "eingereicht", "beantragt im März", None)])
    assert fb.positive == ["a"] and fb.notes == {"a": "beantragt im März"}


def test_neutral_statuses_say_nothing_and_vanished_calls_are_dropped():
    fb = Feedback.from_statuses(
        {
            "a": (CallStatus.neu, ""),
            "b": (CallStatus.abgelehnt, "zu spät"),
            "c": (CallStatus.in_arbeit, ""),
            "weg": (CallStatus.weniger_davon, ""),
        }
    )
    assert fb.marks == {"c": CallStatus.in_arbeit, "weg": CallStatus.weniger_davon}
    assert fb.present(["a", "b", "c"]).marks == {"c": CallStatus.in_arbeit}
    assert not Feedback() and not Feedback.from_statuses({"a": (CallStatus.neu, "")})


def test_no_feedback_and_feedback_on_a_vanished_call_leave_the_ranking_alone():
    calls = _calls()
    plain = [(r.call.id, r.score) for r in _rank(calls)]
    assert [(r.call.id, r.score) for r in _rank(calls, Feedback())] == plain
    vanished = Feedback({"gibt-es-nicht-mehr": CallStatus.interessant, "auch-weg": CallStatus.weniger_davon})
    results = _rank(calls, vanished)
    assert [(r.call.id, r.score) for r in results] == plain
    assert not any("markiert" in x for r in results for x in r.reasons)


def test_weniger_davon_moves_the_call_and_its_neighbours_down_with_a_reason():
    calls = _calls()
    before = _rank(calls)
    after = _rank(calls, Feedback({"sport": CallStatus.weniger_davon}))
    assert after[-1].call.id == "sport"
    assert any("„weniger davon“" in x for x in after[-1].reasons)
    assert next(r.score for r in after if r.call.id == "sport2") < next(
        r.score for r in before if r.call.id == "sport2"
    )
    sport2 = next(r for r in after if r.call.id == "sport2")
    assert any(x.startswith("ähnlich wie ‚Sportvereine und Integration‘") for x in sport2.reasons), sport2.reasons


def test_a_call_marked_fitting_lifts_similar_ones_and_says_so():
    calls = _calls()
    before = _rank(calls)
    after = _rank(calls, Feedback({"sport": CallStatus.interessant}))
    score = {r.call.id: r.score for r in after}
    assert score["sport2"] > next(r.score for r in before if r.call.id == "sport2")
    assert _position(after, "sport2") <= _position(before, "sport2")
    sport2 = next(r for r in after if r.call.id == "sport2")
    assert any("das als passend markiert ist" in x for x in sport2.reasons), sport2.reasons


def test_store_statuses_are_the_feedback_and_the_latest_status_wins(tmp_path, monkeypatch):
    monkeypatch.setattr("matcher.embedding.embed", HashEmbedder())
    monkeypatch.setattr("matcher.embedding.model_name", lambda: "hash-test-embedder")
    with Store(tmp_path / "k.sqlite") as store:
        store.upsert_many(_calls())
        assert not load_feedback(store)
        store.set_status("senioren", CallStatus.interessant, "")
        store.set_status("senioren", CallStatus.nicht_fuer_uns, "doch nicht")
        assert load_feedback(store).negative == ["senioren"]
        results = rank(store, load_profile("vmdo"), today=TODAY)
        assert results[-1].call.id == "senioren"


def test_plain_words_query_and_similar_calls():
    calls = _calls()
    sport = _rank(calls, query="Sportfeste mit Geflüchteten")
    assert {sport[0].call.id, sport[1].call.id} == {"sport", "sport2"}
    like = _rank(calls, like="sport")
    assert like[0].call.id == "sport2" and "sport" not in [r.call.id for r in like]
    assert "bayern" not in [r.call.id for r in like]  # eligibility still holds


@pytest.fixture
def db(tmp_path, monkeypatch):
    monkeypatch.setattr("matcher.embedding.embed", HashEmbedder())
    monkeypatch.setattr("matcher.embedding.model_name", lambda: "hash-test-embedder")
    path = tmp_path / "k.sqlite"
    with Store(path) as store:
        store.upsert_many(_calls())
    return path


def test_match_command_query_like_and_feedback(db):
    def run(*args):
        result = CliRunner().invoke(
            main, ["match", "--profile", "vmdo", "--db", str(db), "--today", "2026-03-01", "--format", "json", *args]
        )
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)

    assert {d["id"] for d in run("--query", "Sportfeste mit Geflüchteten")[:2]} == {"sport", "sport2"}
    assert run("--like", "sport")[0]["id"] == "sport2"
    plain = run("--all")
    with Store(db) as store:  # another profile's mark changes nothing for vmdo
        store.set_status("sport", CallStatus.weniger_davon, "", profile="vki")
    assert run("--all") == plain
    with Store(db) as store:
        store.set_status("sport", CallStatus.weniger_davon, "", profile="vmdo")
    marked = run("--all")
    assert [d["id"] for d in marked if d["eligible"]][-1] == "sport"
    score = {d["id"]: d["score"] for d in marked}
    unmarked = {d["id"]: d["score"] for d in run("--all", "--ohne-rueckmeldung")}
    assert unmarked["sport"] > score["sport"] and unmarked["sport2"] > score["sport2"]
    unknown = CliRunner().invoke(main, ["match", "--profile", "vmdo", "--db", str(db), "--like", "gibt-es-nicht"])
    assert unknown.exit_code != 0 and "keinen Aufruf" in unknown.output


def test_a_marked_call_that_vanished_from_its_source_no_longer_acts(tmp_path, monkeypatch):
    monkeypatch.setattr("matcher.embedding.embed", HashEmbedder())
    monkeypatch.setattr("matcher.embedding.model_name", lambda: "hash-test-embedder")
    calls = _calls()
    for c in calls:
        c.source = "quelle"
    with Store(tmp_path / "k.sqlite") as store:
        run = store.start_run("quelle")
        store.upsert_many(calls, run_id=run)
        store.finish_run(run, mark_gone=True)
        plain = [r.call.id for r in rank(store, load_profile("vmdo"), today=TODAY)]
        store.set_status("sport", CallStatus.weniger_davon, "", profile="vmdo")
        run = store.start_run("quelle")  # the next crawl no longer finds "sport"
        store.upsert_many([c for c in calls if c.id != "sport"], run_id=run)
        assert store.finish_run(run, mark_gone=True) == ["sport"]
        assert load_feedback(store, "vmdo").negative == ["sport"]  # kept, in case it comes back
        after = rank(store, load_profile("vmdo"), today=TODAY)
        assert [r.call.id for r in after] == [i for i in plain if i != "sport"]
        assert not any("markiert" in x for r in after for x in r.reasons)


def test_marks_of_one_profile_leave_another_profile_exactly_as_without_marks(tmp_path, monkeypatch):
    monkeypatch.setattr("matcher.embedding.embed", HashEmbedder())
    monkeypatch.setattr("matcher.embedding.model_name", lambda: "hash-test-embedder")
    vmdo = load_profile("vmdo")
    with Store(tmp_path / "k.sqlite") as store:
        store.upsert_many(_calls())

        def ranked(**kw):
            return [(r.call.id, r.score, r.reasons) for r in rank(store, vmdo, today=TODAY, **kw)]

        plain = ranked(feedback=Feedback())
        assert ranked() == plain  # no marks at all
        store.set_status("sport", CallStatus.interessant, "", profile="vki")
        store.set_status("senioren", CallStatus.weniger_davon, "", profile="vki")
        assert not load_feedback(store, "vmdo") and load_feedback(store, "vki").positive == ["sport"]
        assert ranked() == plain  # vki's marks: vmdo ranks exactly as without any marks
        store.set_status("sport", CallStatus.interessant, "", profile="vmdo")
        assert ranked() != plain
        # marked both ways for vmdo: the later mark counts, in the store and in the ranking
        store.set_status("sport", CallStatus.weniger_davon, "", profile="vmdo")
        assert load_feedback(store, "vmdo").negative == ["sport"]
        assert [i for i, _, _ in ranked()][-1] == "sport"


def test_marks_from_before_profiles_count_for_every_profile(tmp_path, monkeypatch):
    monkeypatch.setattr("matcher.embedding.embed", HashEmbedder())
    monkeypatch.setattr("matcher.embedding.model_name", lambda: "hash-test-embedder")
    with Store(tmp_path / "k.sqlite") as store:
        store.upsert_many(_calls())
        store.set_status("sport", CallStatus.weniger_davon, "")  # profile "": every profile
        for key in ("vmdo", "moin"):
            assert rank(store, load_profile(key), today=TODAY)[-1].call.id == "sport"


def test_the_feedback_simulation_reports_before_after_and_a_setting_chosen_without_the_verbund():
    from matcher import train_ranker as tr
    from matcher.settings import overridden

    topics = {
        "sport": "Sportvereine, Trainingsgruppen und Sportfeste mit Geflüchteten",
        "kultur": "Kulturprojekte, Theater und Musik von Migrantenorganisationen",
        "beratung": "Beratung und Begleitung zugewanderter Familien im Quartier",
    }
    extra = [
        make_call(
            f"{topic}-{n}",
            f"{text.split(',')[0]} ({n})",
            f"Gefördert werden {text}. Vereine und Migrantenorganisationen können Zuschüsse beantragen.",
            applicants=["verein", "mo"],
            deadline_text="laufend",
        )
        for topic, text in topics.items()
        for n in range(4)
    ]
    calls = _calls() + extra
    grades = {c.id: {"sport": 3, "kultur": 1, "beratung": 2}.get(c.id.split("-")[0], len(c.id) % 4) for c in calls}
    gold = {c.id: {"vmdo": grades[c.id], "moin": 3 - grades[c.id]} for c in calls}
    corpus = tr.Corpus("gold", calls, ensure_indexes(calls, None, embed=HashEmbedder()), gold, TODAY)
    groups = tr.groups_of(corpus)
    assert all(len(g.ids) >= 2 * tr.REVEAL for g in groups)  # a rest to score
    grid = {"rocchio_lex_beta": (0.0, 1.0), "similarity_feedback": (0.0, 8.0)}
    result = tr.simulate_feedback([corpus], groups, grid=grid)
    keys = {("gold", "vmdo"), ("gold", "moin")}
    for table in ("vorher", "nachher", "nachher_cv"):
        assert set(result[table]) == keys and all(0.0 <= v <= 1.0 for v in result[table].values())
    settings_tried = [{"rocchio_lex_beta": b, "similarity_feedback": w} for b in (0.0, 1.0) for w in (0.0, 8.0)]
    assert all(result["gewählt"][p] in settings_tried for p in ("vmdo", "moin"))
    # marks at zero strength: the rest of each list keeps its order exactly (the revealed calls are out)
    zero = dict.fromkeys(("rocchio_lex_beta", "rocchio_dense_beta", "feature_feedback", "similarity_feedback"), 0.0) | {
        "similarity_feedback_negative": 0.0
    }
    with overridden(**zero):
        still = tr.simulate_feedback([corpus], groups, grid=None)
    assert still["nachher"] == still["vorher"] and "nachher_cv" not in still
    report = tr.CVReport(["gold"], ["moin", "vmdo"], {}, feedback=result)
    text = "\n".join(tr.format_feedback(report))
    assert "nachher (CV)" in text and "vmdo" in text and "±" in text
