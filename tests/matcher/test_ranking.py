from datetime import date

from corpus.labels import Addressee, FundingForm, SteeringLevel
from corpus.model import Classification, Evidence
from corpus.store import Store
from matcher.indexes import ensure_indexes
from matcher.profile import load_profile
from matcher.ranking import rank
from tests.matcher.matcher_helpers import HashEmbedder, sample_calls

TODAY = date(2026, 3, 1)


def _rank(calls, profile, **kw):
    index = ensure_indexes(calls, None, embed=HashEmbedder())
    return rank(calls, profile, today=TODAY, index=index, **kw)


def test_fitting_call_first_and_ineligible_left_out():
    results = _rank(sample_calls(), load_profile("vmdo"))
    ids = [r.call.id for r in results]
    assert ids[0] in ("senioren", "koordination")
    assert "forschung" not in ids and "bayern" not in ids and "kommunal" not in ids and "abgelaufen" not in ids
    assert [r.rank for r in results] == list(range(1, len(results) + 1))
    assert all(r.eligible for r in results)


def test_include_ineligible_keeps_them_after_with_reasons():
    results = _rank(sample_calls(), load_profile("vmdo"), include_ineligible=True)
    assert len(results) == len(sample_calls())
    flags = [r.eligible for r in results]
    assert flags == sorted(flags, reverse=True)  # eligible first
    bayern = next(r for r in results if r.call.id == "bayern")
    assert not bayern.eligible and any("nur für Bayern" in x for x in bayern.reasons)


def test_reasons_name_the_field_of_action():
    senioren = next(r for r in _rank(sample_calls(), load_profile("vmdo")) if r.call.id == "senioren")
    assert any(x.startswith("passt zu Handlungsfeld Seniorenarbeit") for x in senioren.reasons)
    assert any(x.startswith("förderberechtigt: ") for x in senioren.reasons)


def test_placement_goal_weighs_structural_calls():
    vmdo = load_profile("vmdo")
    calls = sample_calls()
    aiming_high = vmdo.model_copy(update={"placement_goal": 3})
    content = vmdo.model_copy(update={"placement_goal": 1})
    high = {r.call.id: r.score for r in _rank(calls, aiming_high)}
    low = {r.call.id: r.score for r in _rank(calls, content)}
    assert high["koordination"] - low["koordination"] > 0.05
    assert abs(high["senioren"] - low["senioren"]) < 1e-9
    reasons = next(r for r in _rank(calls, aiming_high) if r.call.id == "koordination").reasons
    assert any("Platzierungstyp III" in x for x in reasons)


def test_co_steering_reason_quotes_evidence():
    calls = sample_calls()
    calls[1].labels = Classification(
        addressee=Addressee.ko_steuerung,
        co_steering=True,
        steering_level=SteeringLevel.strategie,
        funding_form=FundingForm.struktur,
        placement_type=3,
        evidence=[Evidence(label="addressee", text="gemeinsame Steuerungsgruppe mit der Kommune")],
    )
    result = next(r for r in _rank(calls, load_profile("vmdo")) if r.call.id == "koordination")
    assert "Ko-Steuerung: gemeinsame Steuerungsgruppe mit der Kommune" in result.reasons
    assert result.co_steering and result.to_json()["co_steering"] is True


def test_methods_and_limit():
    calls = sample_calls()
    for method in ("lexical", "dense", "fused"):
        assert _rank(calls, load_profile("vmdo"), method=method)
    assert len(_rank(calls, load_profile("vmdo"), limit=1)) == 1


def test_rank_on_a_store_uses_the_database(tmp_path, monkeypatch):
    from corpus.seed import open_store

    embed = HashEmbedder()
    monkeypatch.setattr("matcher.embedding.embed", embed)
    monkeypatch.setattr("matcher.embedding.model_name", lambda: "hash-test-embedder")
    db = tmp_path / "k.sqlite"
    with Store(db) as store:
        store.upsert_many(sample_calls())
    with open_store(db) as store:
        results = rank(store, load_profile("vmdo"), today=TODAY)
    assert results and results[0].call.id in ("senioren", "koordination")
    assert (tmp_path / "k.index" / "dense" / "params.json").is_file()


def test_vector_scores_agree_with_the_readable_rules():
    import numpy as np

    from matcher.features import build_table, vector_scores
    from matcher.ranking import scalar_score

    calls = sample_calls() + _rare_calls()
    calls[1].labels = Classification(
        addressee=Addressee.ko_steuerung,
        co_steering=True,
        steering_level=SteeringLevel.strategie,
        funding_form=FundingForm.struktur,
        placement_type=3,
    )
    table = build_table(calls)
    relevance = np.linspace(0.1, 0.9, len(calls))
    for key in ("vmdo", "vki", "moin", "afropa", "vemo"):
        profile = load_profile(key)
        for today in (TODAY, date(2031, 1, 1)):
            scores, eligible = vector_scores(table, relevance, profile, today)
            for n, call in enumerate(calls):
                score, elig, _ = scalar_score(call, profile, today, float(relevance[n]))
                assert elig.eligible == bool(eligible[n]), (key, call.id)
                assert abs(score - scores[n]) < 1e-9, (key, call.id)


def _rare_calls():
    """Calls for the rules the snapshot rarely or never triggers."""
    from tests.matcher.matcher_helpers import make_call

    return [
        make_call("cap", "Dorf", "Vereine aus Gemeinden mit höchstens 20.000 Einwohnern.", applicants=["verein"]),
        make_call(
            "teil",
            "Stadt",
            "Städte bis 250.000 Einwohner; größere nur mit einzelnen Stadtteilen.",
            applicants=["verein"],
        ),
        make_call("ost", "Ostdeutsche Vereine", "Nur ostdeutsche Vereine.", applicants=["verein"]),
        make_call(
            "halle", "Fonds", "Kleine Projekte.", level="stiftung", region="DE-ST", funder="Bürgerstiftung Halle"
        ),
        make_call("mg", "Ehrenamt", "Vereine.", level="kommune", region="DE-NW", funder="Stadt Mönchengladbach"),
        make_call("start", "Starthilfe", "Starthilfe für neue Initiativen.", applicants=["verein"]),
        make_call("zu", "Zuwendung", "Einzelzuwendung an einen Landesverband.", deadline_text="kein offener Aufruf"),
        make_call("struktur", "Struktur", "Gefördert wird eine Koordinierungsstelle.", funding_form="struktur"),
        make_call("ende", "Alt", "Text.", deadline_text="Programm beendet"),
        make_call(
            "weiter",
            "Landesprogramm",
            "Die Mittel werden per Weiterleitungsvertrag an Vereine gegeben.",
            level="land",
            region="DE-NW",
            applicants=["kommune"],
        ),
        make_call(
            "bundesweit", "Bundesprogramm", "Antragsberechtigt sind bundesweit tätige Verbände.", applicants=["verein"]
        ),
        make_call("ostprogramm", "Fonds", "Für Vereine in den neuen Bundesländern.", applicants=["verein"]),
        make_call("unklar", "Landesmittel", "Keine offene Ausschreibung bekannt.", level="land", region="DE-NW"),
        make_call(
            "beides",
            "Zuwendung",
            "Einzelzuwendung an einen Verband; keine offene Ausschreibung.",
            applicants=["verein"],
        ),
        make_call("satzung", "Fonds", "Nur gemeinnützige Träger.", applicants=["verein"]),
        make_call("laendlich", "Fonds", "Gefördert werden ausschließlich ländliche Räume.", applicants=["verein"]),
        make_call(
            "heimatstadt",
            "Projektförderung",
            "Die Bürgerstiftung fördert Projekte von Vereinen in ihrer Heimatstadt.",
            funder="Bürgerstiftung unserer Stadt",
            level="stiftung",
            region="DE-NW",
        ),
    ]


def test_without_a_model_the_ranking_falls_back_to_bm25():
    from matcher.embedding import ModelUnavailable

    calls = sample_calls()
    index = ensure_indexes(calls, None, embed=HashEmbedder())

    def broken(texts):
        raise ModelUnavailable("Das Sprachmodell fehlt.")

    index.embed = broken  # the calls are embedded, the profile text is new
    results = rank(calls, load_profile("vmdo"), today=TODAY, index=index)
    assert results and results[0].call.id in ("senioren", "koordination")
    assert "Stichwortindex" in index.warning


def test_locality_prior_own_town_before_own_land_before_nationwide():
    from tests.matcher.matcher_helpers import make_call

    text = "Projekte von Migrantenorganisationen für Geflüchtete, Bildung und Kultur."
    calls = [
        make_call("bund", "Bundesprogramm Teilhabe", text, applicants=["mo", "verein"]),
        make_call("land", "Landesprogramm Teilhabe", text, level="land", region="DE-BY", applicants=["mo", "verein"]),
        make_call(
            "stadt",
            "Integrationsfonds",
            text,
            level="kommune",
            region="DE-BY",
            funder="Stadt Nürnberg",
            applicants=["mo", "verein"],
        ),
    ] + sample_calls()
    ids = [r.call.id for r in _rank(calls, load_profile("moin"), method="lexical")]
    assert ids.index("stadt") < ids.index("land") < ids.index("bund")


def test_percentile_normalisation_ignores_the_scale_and_shares_ties():
    import numpy as np

    from matcher.fusion import percentile, weighted_score_fusion

    assert percentile(np.array([0.0, 0.0, 5.0, 100.0])).tolist() == [1 / 6, 1 / 6, 2 / 3, 1.0]
    assert percentile(np.array([3.0])).tolist() == [0.0]
    # one huge score no longer squeezes the others: the second-best keeps its place in [0, 1]
    a, b = np.array([0.0, 1.0, 2.0, 1000.0]), np.array([0.0, 0.1, 0.2, 0.3])
    assert np.allclose(weighted_score_fusion([a, b], [1, 1], percentile), percentile(b))


def _snapshot_calls_with_labels():
    """The shipped snapshot, once with its prebuilt classifier labels and once without any."""
    import json

    from corpus.model import Classification
    from corpus.seed import snapshot_calls
    from matcher.prebuilt import DATA_DIR

    labels = json.loads((DATA_DIR / "labels.json").read_text(encoding="utf-8"))
    labelled = []
    for call in snapshot_calls()[0]:
        copy = call.model_copy(deep=True)
        if call.id in labels:
            copy.labels = Classification.model_validate(labels[call.id])
        labelled.append(copy)
    unlabelled = [c.model_copy(update={"id": c.id + "#ohne"}) for c in snapshot_calls()[0]]
    return labelled + unlabelled


def test_every_rule_agrees_per_call_and_vectorised_on_the_snapshot():
    """Each eligibility rule record gives the same blocking or penalised findings per call
    (``check``) as its vector mask (``rule_masks``), on the snapshot for all five profiles;
    eligibility and the hand-set score agree too."""
    import numpy as np

    from matcher.eligibility import Rule
    from matcher.features import build_table, rule_masks, vector_scores
    from matcher.ranking import scalar_score

    calls = _snapshot_calls_with_labels() + _rare_calls()
    assert sum(c.labels is not None for c in calls) > 100
    table = build_table(calls)
    relevance = np.linspace(0.0, 1.0, len(calls))
    seen: set[Rule] = set()
    profiles = [load_profile(key) for key in ("vmdo", "vki", "moin", "afropa", "vemo")]
    profiles.append(profiles[0].model_copy(update={"non_profit": False}))  # for the non-profit rule
    for profile in profiles:
        key = profile.name
        for today in (TODAY, date(2027, 6, 1)):
            masks = rule_masks(table, profile, today)
            assert set(masks) == set(Rule), set(Rule) - set(masks)
            scores, eligible = vector_scores(table, relevance, profile, today)
            for n, call in enumerate(calls):
                score, elig, _ = scalar_score(call, profile, today, float(relevance[n]))
                fired = {f.source for f in elig.findings if f.blocking or f.penalty > 0}
                for rule in Rule:
                    assert (rule in fired) == bool(masks[rule][n]), (key, today, call.id, rule)
                seen |= fired
                assert elig.eligible == bool(eligible[n]), (key, call.id)
                assert abs(score - scores[n]) < 1e-9, (key, call.id)
    # with the rare calls every rule fires somewhere
    assert seen == set(Rule), set(Rule) - seen


def test_settings_are_read_from_the_environment_on_first_use(monkeypatch):
    import matcher.ranking  # noqa: F401 – importing reads no setting
    from matcher.settings import settings

    settings.cache_clear()
    monkeypatch.setenv("KULISSE_W_LEX", "0.6")
    monkeypatch.setenv("KULISSE_PENALTY_NATIONWIDE", "0.4")
    try:
        assert settings().w_lex == 0.6 and settings().penalty_nationwide == 0.4
        from matcher.eligibility import RULES, Rule

        assert RULES[Rule.NATIONWIDE].penalty_value() == 0.4
    finally:
        settings.cache_clear()
    monkeypatch.delenv("KULISSE_W_LEX")
    monkeypatch.delenv("KULISSE_PENALTY_NATIONWIDE")
    assert settings().w_lex == 0.55 and settings().penalty_nationwide == 0.30
