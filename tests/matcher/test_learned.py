"""The learned ranker: shipped weights, fitting, grouped cross-validation (no model, no gold files)."""

import json

import numpy as np
import pytest

from corpus.labels import Addressee, FundingForm, SteeringLevel
from corpus.model import Classification
from matcher import learned
from matcher import train_ranker as tr
from tests.matcher.matcher_helpers import make_call


def test_shipped_weights_cover_every_feature_and_keep_the_product_priors():
    data = json.loads(learned.WEIGHTS_FILE.read_text(encoding="utf-8"))
    assert set(data["weights"]) == set(learned.FEATURES)
    model = learned.load_model()
    assert model.weights.shape == (len(learned.FEATURES),) and np.all(model.scale > 0)
    w = dict(zip(learned.FEATURES, model.weights))
    assert w["struktur"] == pytest.approx(learned.FIXED["struktur"]) and w["ko_steuerung"] >= 0
    assert w["ort"] > 0 and w["bundesweit"] < 0  # the rubric's direction, learned from the grades


def test_unknown_or_missing_features_in_a_weights_file_count_zero():
    model = learned.Model.from_json({"weights": {"bm25": 2.0, "alt": 5.0}})
    x = np.zeros((1, len(learned.FEATURES)))
    x[0, learned.FEATURES.index("bm25")] = 1.0
    assert model.score(x)[0] == pytest.approx(2.0)


def test_co_steering_probability_reads_the_confidence_of_the_label_given():
    def labelled(co, conf):
        call = make_call("x", "T", "Text.")
        call.labels = Classification(
            addressee=Addressee.ko_steuerung if co else Addressee.mo,
            co_steering=co,
            steering_level=SteeringLevel.praxis,
            funding_form=FundingForm.projekt,
            placement_type=1,
            confidence={"co_steering": conf} if conf is not None else {},
        )
        return call

    assert learned.co_steering_probability(make_call("x", "T", "Text.")) == 0.0
    assert learned.co_steering_probability(labelled(True, 0.8)) == pytest.approx(0.8)
    assert learned.co_steering_probability(labelled(False, 0.8)) == pytest.approx(0.2)
    assert learned.co_steering_probability(labelled(True, None)) == 1.0
    calibrated = labelled(False, 0.9)
    calibrated.labels.co_steering_probability = 0.15  # the learned layer's calibrated value wins
    assert learned.co_steering_probability(calibrated) == pytest.approx(0.15)


def _groups(seed=0):
    """Five profiles × 30 calls whose grade follows two features (and noise)."""
    rng = np.random.default_rng(seed)
    groups = []
    n = len(learned.FEATURES)
    bm25, ort = learned.FEATURES.index("bm25"), learned.FEATURES.index("ort")
    for p in ("a", "b", "c", "d", "e"):
        x = rng.random((30, n))
        x[:, ort] = rng.random(30) < 0.2
        y = np.clip(np.round(2 * x[:, bm25] + 1.5 * x[:, ort] + rng.normal(0, 0.3, 30)), 0, 3)
        groups.append(tr.Group("gold", p, [f"c{i}" for i in range(30)], x, y, list(y)))
    return groups


def test_fit_learns_the_direction_and_cross_validation_beats_chance():
    groups = _groups()
    model = tr.fit(groups)
    w = dict(zip(learned.FEATURES, model.weights))
    assert w["bm25"] > 0 and w["ort"] > 0 and w["struktur"] == pytest.approx(learned.FIXED["struktur"])
    for scheme in tr.SCHEMES:
        oof = tr.out_of_fold(groups, scheme)
        values = [tr.group_ndcg(g, tr._ranked(g, s)) for g, s in zip(groups, oof)]
        assert np.mean(values) > 0.85, scheme
    assert tr.fit([]).weights.tolist() == [0.0] * len(learned.FEATURES)


def test_folds_are_seeded_and_the_revealed_calls_leave_the_ideal():
    groups = _groups()
    assert tr.call_folds(groups, seed=7) == tr.call_folds(groups, seed=7)
    assert tr.call_folds(groups, seed=7) != tr.call_folds(groups, seed=8)
    g = groups[0]
    ranked = tr._ranked(g, g.y)  # the ideal order
    assert tr.group_ndcg(g, ranked) == pytest.approx(1.0)
    assert tr.group_ndcg(g, ranked, set(ranked[:5])) == pytest.approx(1.0)


def test_scores_are_centred_so_models_of_different_folds_compare():
    """Call-grouped CV merges the held-out calls of several models into one list: a feature with a
    large mean must not shift one model's scores against another's."""
    n = len(learned.FEATURES)
    x = np.full((3, n), 0.8)
    x[:, 0] = [0.1, 0.5, 0.9]
    a = learned.Model(np.eye(n)[0] + 5 * np.eye(n)[1], np.full(n, 0.8), np.ones(n))
    b = learned.Model(np.eye(n)[0] - 5 * np.eye(n)[1], np.full(n, 0.8), np.ones(n))
    assert np.allclose(a.centred(x), b.centred(x))  # uncentred: 8.0 apart
    assert np.argsort(a.centred(x)).tolist() == np.argsort(a.score(x)).tolist() == [0, 1, 2]
    assert not np.allclose(a.score(x), b.score(x))  # what users see keeps its scale


def test_nested_cv_chooses_lambda_without_the_held_out_verbund_and_reports_mean_and_spread():
    groups = _groups()
    oof, chosen = tr.nested_verbund(groups)
    assert set(chosen) == {g.profile for g in groups} and set(chosen.values()) <= set(tr.LAMBDAS)
    assert np.mean([tr.group_ndcg(g, tr._ranked(g, s)) for g, s in zip(groups, oof)]) > 0.85
    assert all(tr.ideal_ndcg(g) == pytest.approx(1.0) for g in groups)  # every graded call eligible here
    partial = tr.Group("gold", "a", ["x", "y"], np.zeros((2, len(learned.FEATURES))), np.array([1.0, 0.0]), [3.0, 1.0])
    assert tr.ideal_ndcg(partial) < 0.5  # a grade-3 call the rules left out caps the list
    report = tr.CVReport(["gold"], ["a", "b"], {"verbund": {("gold", "a"): 0.5, ("gold", "b"): 0.9}})
    assert report.mean("verbund") == pytest.approx(0.7) and report.sd("verbund") == pytest.approx(0.2828, abs=1e-3)
    assert "± Stdabw" in tr.format_cv_report(report)
