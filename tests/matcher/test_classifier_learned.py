"""The learned layer: shipped weights, calibrated bands, evidence, bad input, reproducible training."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from corpus.labels import Addressee, CoSteeringBand
from corpus.model import Classification
from matcher.classifier.cues import read_call
from matcher.classifier.features import call_features
from matcher.classifier.model import WEIGHTS_PATH, load_model
from matcher.classifier.sentences import MAX_SENTENCES, split_sentences
from tests.matcher.classifier_helpers import learned, make, rules

SHARED_EVAL = Path(__file__).resolve().parents[2].parent / "shared" / "eval"

# Written for these tests (generic wording, no funder's text).
JOINT_STEERING = (
    "Die Stadt beantragt die Mittel als federführendes Amt. Gefördert wird eine externe Koordinierungs- und "
    "Fachstelle in Trägerschaft eines freien Trägers, die gemeinsam mit der Verwaltung die lokale Strategie "
    "erarbeitet und fortschreibt. Ein Begleitausschuss aus Vertreterinnen und Vertretern von Verwaltung, "
    "Vereinen und Migrantenorganisationen entscheidet über die Vergabe der Mittel aus dem Aktionsfonds. "
    "Die Koordinierungsstelle steuert die Umsetzung in enger Abstimmung mit dem federführenden Amt."
)
PRACTICE = (
    "Antragsberechtigt sind gemeinnützige Vereine und Initiativen. Gefördert werden Sprachkurse, Ausflüge, "
    "Hausaufgabenhilfe und Begegnungsfeste für Kinder und Familien im Stadtteil. Die Projekte dauern höchstens "
    "zwölf Monate. Der Zuschuss beträgt bis zu 5.000 Euro je Projekt."
)


def test_shipped_weights_fit_todays_features():
    model = load_model()
    assert model is not None, "matcher/classifier/weights.json fehlt: python -m matcher.classifier.train"
    call = make(PRACTICE)
    sentences = split_sentences(call.summary_de)
    names = set(call_features(call, read_call(call.title, sentences), sentences))
    for head in model.heads.values():
        # a feature renamed or added without retraining would silently weigh zero
        assert set(head.features) - {f"emb_{j}" for j in range(64)} <= names
        assert len(head.mean) == len(head.scale) == len(head.features) == head.coef.shape[1]
    assert 0 < model.threshold_possible < model.threshold_yes < 1


def test_joint_steering_text_is_shown_with_probability_and_sentences():
    cls = learned(make(JOINT_STEERING, applicants=["kommune", "verein"]))
    practice = learned(make(PRACTICE, applicants=["verein"]))
    # recall over polish: a call like this is never silently "nein"
    assert cls.co_steering_band in (CoSteeringBand.ja, CoSteeringBand.moeglich)
    assert cls.co_steering_probability > 5 * practice.co_steering_probability
    co_evidence = [e for e in cls.evidence if e.label == "co_steering"]
    assert any("Wahrscheinlichkeit" in e.text for e in co_evidence)
    assert all(e.cue for e in co_evidence)  # what decided: rule, feature weight or calibration
    assert cls.steering_level.value in ("koordination", "strategie")


def test_rules_finding_joint_steering_decide_even_when_weights_hesitate():
    text = (
        "Antragsberechtigt sind Kommunen gemeinsam mit Migrantenorganisationen. Voraussetzung ist eine "
        "Kooperation zwischen der Kommune und den Migrantenorganisationen in einer gemeinsamen Steuerungsgruppe. "
        "Gefördert werden Koordinierungsstellen für das lokale Netzwerk und die gemeinsame Steuerung."
    )
    assert rules(make(text)).co_steering
    cls = learned(make(text))
    assert cls.co_steering and cls.co_steering_band is CoSteeringBand.ja
    assert cls.addressee is Addressee.ko_steuerung


def test_practice_text_is_not_co_steering():
    cls = learned(make(PRACTICE))
    assert not cls.co_steering
    assert cls.co_steering_band is CoSteeringBand.nein
    assert cls.co_steering_probability < load_model().threshold_possible
    assert cls.addressee is Addressee.mo
    assert cls.steering_level.value == "praxis"


def test_band_never_contradicts_flag():
    base = dict(addressee="mo", steering_level="praxis", funding_form="projekt", placement_type=1)
    assert Classification(co_steering=True, co_steering_band="nein", **base).co_steering_band is CoSteeringBand.ja
    assert Classification(co_steering=False, co_steering_band="ja", **base).co_steering_band is CoSteeringBand.moeglich
    assert (
        Classification(co_steering=False, co_steering_band="moeglich", **base).co_steering_band
        is CoSteeringBand.moeglich
    )


@pytest.mark.parametrize(
    "text",
    [
        "Weitere Informationen finden Sie in der Richtlinie: https://example.org/richtlinie.pdf",
        "Förderaufruf 2026.",
    ],
)
def test_unreadable_texts_say_unbekannt_with_low_confidence(text):
    cls = learned(make(text))
    assert cls.addressee is Addressee.unbekannt
    assert cls.confidence["addressee"] <= 0.3
    assert not cls.co_steering


def test_english_text_is_not_guessed():
    cls = learned(
        make(
            "This call supports projects that strengthen democracy in Europe. Further details will "
            "be published in the guide for applicants on the portal next spring."
        )
    )
    assert not cls.co_steering
    assert cls.co_steering_probability is None  # the German heads do not read English
    assert cls.confidence["addressee"] <= 0.3


def test_text_without_eligibility_clause_gets_labels_not_an_error():
    cls = learned(
        make(
            "Die Stiftung unterstützt Vorhaben, die das Zusammenleben in Nachbarschaften stärken. "
            "Gefördert werden Begegnungsfeste, Sprachcafés und gemeinsame Ausflüge von Familien "
            "verschiedener Herkunft. Die Projekte sollen im Laufe eines Jahres abgeschlossen sein."
        )
    )
    assert cls.addressee is not None and cls.co_steering_probability is not None


def test_hundred_pages_are_bounded():
    page = PRACTICE + " " + JOINT_STEERING + "\n\n"
    call = make(page * 400)  # ~400,000 characters, about 100 pages
    assert len(split_sentences(call.summary_de)) <= MAX_SENTENCES
    cls = learned(call)
    assert cls.co_steering_band in set(CoSteeringBand)


@pytest.mark.skipif(
    not (SHARED_EVAL / "dev.jsonl").is_file(), reason="../shared/eval/dev.jsonl fehlt (nur im Projektarbeitsplatz)"
)
def test_training_is_seeded_and_reproducible():
    from matcher.classifier import train
    from matcher.classifier.evaluate import read_gold

    examples = train.read_examples(read_gold(SHARED_EVAL / "dev.jsonl"), embed=False)
    first, second = train.fit(examples), train.fit(examples)
    assert json.dumps(first, sort_keys=True) == json.dumps(second, sort_keys=True)
    # numbers, not text: no sentence of the training files is stored in the weights
    blob = json.dumps(first, ensure_ascii=False)
    assert not any(r.record["summary_de"][:40] in blob for r in examples)


@pytest.mark.skipif(
    not (SHARED_EVAL / "real-train.jsonl").is_file(),
    reason="../shared/eval/real-train.jsonl fehlt (nur im Projektarbeitsplatz)",
)
def test_cross_validation_reports_mean_and_sd_on_held_out_folds():
    from matcher.classifier import train
    from matcher.classifier.evaluate import read_gold

    examples = train.read_examples(read_gold(SHARED_EVAL / "real-train.jsonl"), embed=False)
    result = train.cross_validate(examples, [], folds=2, repeats=1)
    mean, sd = result["figures"]["co_f1"]
    assert 0.0 <= mean <= 1.0 and sd >= 0.0
    assert result["n"] == len(examples)
    assert "± " in train.format_cv(result, "real-train.jsonl")


def test_training_without_both_classes_says_so_in_german():
    from matcher.classifier import train

    call = make(PRACTICE, applicants=["verein"])
    example = train.read_examples(
        [{**call.model_dump(mode="json"), "addressee": "mo", "co_steering": False, "steering_level": "praxis"}],
        embed=False,
    )
    with pytest.raises(ValueError, match="Ko-Steuerung"):
        train.fit(example * 3)


def test_weights_file_is_numbers_only():
    data = json.loads(WEIGHTS_PATH.read_text(encoding="utf-8"))
    strings = []

    def walk(x):
        if isinstance(x, str):
            strings.append(x)
        elif isinstance(x, dict):
            for k, v in x.items():
                walk(k), walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)

    walk(data)
    # feature names and class names only: short identifiers, never a sentence
    assert all(len(s) < 40 and " " not in s for s in strings)


def test_long_words_are_read_in_linear_time():
    # "\w*Konzept\w*" tried from every position of a 600-character word was quadratic (22 s for
    # 200,000 letters); anchored at word starts the same text takes a fraction of that
    import time

    from matcher.classifier.cues import read_call

    sentences = split_sentences("a" * 200_000)
    start = time.process_time()
    read_call("a" * 500, sentences)
    long_words = time.process_time() - start
    sentences = split_sentences("Wort " * 40_000)
    start = time.process_time()
    read_call("Wort", sentences)
    short_words = time.process_time() - start
    assert long_words < 10 * max(short_words, 0.05)


def test_level_is_decided_in_two_steps_and_co_steering_forces_an_upper_level():
    model = load_model()
    assert {"steering_upper", "steering_which"} <= set(model.heads)
    assert set(model.heads["steering_which"].classes) == {"koordination", "strategie"}
    features = _features(PRACTICE, ["verein"])
    level, confidence, head = model.steering_level(features)
    assert level == "praxis" and head == "steering_upper" and 0.5 <= confidence <= 1
    # co-steering is above practical work by definition: the second step alone names the level
    forced, forced_conf, forced_head = model.steering_level(features, upper=True)
    assert forced in ("koordination", "strategie") and forced_head == "steering_which"
    assert 0.5 <= forced_conf <= 1


def test_weights_of_the_older_three_class_level_head_still_classify():
    from matcher.classifier.model import model_from_json

    data = json.loads(WEIGHTS_PATH.read_text(encoding="utf-8"))
    upper = data["heads"].pop("steering_upper")
    data["heads"].pop("steering_which")
    # an older weights file: one three-class head; here practical work leads, strategy comes second
    n = len(upper["features"])
    data["heads"]["steering_level"] = {
        **upper,
        "coef": [[0.0] * n] * 3,
        "intercept": [0.0, 1.0, 3.0],
        "classes": ["koordination", "strategie", "praxis"],
    }
    model = model_from_json(data)
    features = _features(PRACTICE, ["verein"])
    assert model.steering_level(features)[0] == "praxis"
    level, confidence, _ = model.steering_level(features, upper=True)
    assert level == "strategie" and confidence == pytest.approx(1 / (1 + math.exp(-1)))


def _features(text: str, applicants: list[str]) -> dict[str, float]:
    call = make(text, applicants=applicants)
    sentences = split_sentences(call.summary_de)
    return call_features(call, read_call(call.title, sentences), sentences)
