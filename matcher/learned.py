"""The learned ranker: a linear model over the ranking features, weights shipped as JSON.

``features`` turns the signals of one corpus and one profile into a matrix (one row per call,
columns ``FEATURES``); ``Model.score`` is a dot product with weights trained by
``python -m matcher.train_ranker`` (pairwise logistic regression on the graded relevance of the
gold sets, see there). The eligibility rules stay a hard filter outside the model: it only
orders eligible calls. Loading and scoring need numpy only (no scikit-learn at run time).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from corpus.deadlines import read_deadlines
from corpus.labels import Level
from corpus.model import FundingCall
from matcher import fusion

WEIGHTS_FILE = Path(__file__).with_name("ranker_weights.json")

# the columns of the feature matrix (the rule parts are named as in ``features.vector_parts``)
FEATURES = (
    "bm25",
    "felder",
    "dense",  # relevance signals, each as its percentile among the calls
    "ort",
    "land",
    "ost",  # locality: own town, own Land, eastern-Länder programme (exclusive)
    "mo",
    "migration",  # migrant organisations named as applicants; the call names migration
    "ko_steuerung",
    "struktur",  # co-steering probability and structural funding, × steps still to climb
    "weitergeleitet",
    "bundesweit",
    "unklar",
    "starthilfe",
    "stadtteil",  # soft eligibility findings
    "frist_laufend",
    "frist_unbekannt",  # deadline status (else a dated, open deadline)
    "eu",
    "stiftung",  # level of the funder
    # the raw signals too (BM25 as a share of the best, cosine, share of fields): the percentile
    # alone cannot tell a strong match from the best of many weak ones
    "bm25_roh",
    "dense_roh",
    "felder_roh",
    # topic fit × own town or Land: a local programme counts when it also fits (with these four,
    # cross-validated nDCG@10 rose in every scheme, see docs/matching.md)
    "relevanz_x_ort",
    "ko_prior",  # the co-steering column again, with a fixed weight (``FIXED``)
)
# Not learned – product priors the model must not undo. The annotators grade fit and access, not
# the placement type (the learned weight of structural funding came out negative), but Kulisse
# exists to help a Verbund climb: per placement step it still wants to climb, structural funding
# (coordination, steering, lasting structures) gets this much, in the model's units (a programme
# of the own town is worth about 1.3), and a co-steering call 0.7 × its probability – so that for a
# Verbund aiming at type III these rare calls stay near the top (what the hand-set 2.5 × factor
# did). Both are offsets in training: the grades neither need nor undo them (the learned
# co-steering weight falls to 0 beside the prior; cross-validated nDCG moves by < 0.005).
FIXED = {"struktur": 0.1, "ko_prior": 0.7}
NONNEGATIVE = ("ko_steuerung",)  # co-steering may be learned to count more, never less than nothing


def _reading(call: FundingCall):
    """The deadline as ``corpus.deadlines`` reads it (the text, else the summary), independent of
    the day: "laufend" (rolling, no dated window) and "unbekannt" (nothing readable) are features,
    "abgelaufen" is a hard rule outside the model."""
    text = call.deadlines.text or ""
    return read_deadlines(text, "" if text.strip() else call.summary_de)


def co_steering_probability(call: FundingCall) -> float:
    """The classifier's calibrated probability that the call pays for co-steering (0 without
    labels). Labels of the rules alone have only a confidence in the label they gave: a "no" with
    confidence c means 1 − c (as ``RankedCall.co_steering_confidence``)."""
    labels = call.labels
    if labels is None:
        return 0.0
    if labels.co_steering_probability is not None:
        return float(labels.co_steering_probability)
    conf = labels.confidence.get("co_steering")
    if conf is None:
        return float(labels.co_steering)
    return float(conf) if labels.co_steering else 1.0 - float(conf)


@dataclass
class CallArrays:
    """Profile-independent columns read once per corpus."""

    co_steering: np.ndarray
    rolling: np.ndarray
    undated: np.ndarray
    eu: np.ndarray
    stiftung: np.ndarray


def call_arrays(calls: list[FundingCall]) -> CallArrays:
    def flags(fn):
        return np.fromiter((bool(fn(c)) for c in calls), dtype=bool, count=len(calls))

    readings = [_reading(c) for c in calls]
    rolling = np.fromiter((r.rolling and not r.windows for r in readings), dtype=bool, count=len(calls))
    undated = np.fromiter(
        (not (r.windows or r.rolling or r.recurring or r.opens_only or r.monthly_day or r.closed) for r in readings),
        dtype=bool,
        count=len(calls),
    )
    return CallArrays(
        co_steering=np.fromiter((co_steering_probability(c) for c in calls), dtype=np.float64, count=len(calls)),
        rolling=rolling,
        undated=undated,
        eu=flags(lambda c: c.level == Level.eu),
        stiftung=flags(lambda c: c.level == Level.stiftung),
    )


def features(
    parts: dict[str, np.ndarray],
    arrays: CallArrays,
    lex: np.ndarray,
    cover: np.ndarray,
    dense: np.ndarray,
    placement_goal: int,
) -> np.ndarray:
    """The feature matrix (calls × ``FEATURES``)."""
    steps = max(0, placement_goal - 1)
    top = float(lex.max()) if len(lex) else 0.0
    columns = {
        "bm25": fusion.percentile(lex),
        "felder": fusion.percentile(cover),
        "dense": fusion.percentile(dense),
        "bm25_roh": lex / top if top > 0 else np.zeros(len(lex)),
        "dense_roh": dense,
        "felder_roh": cover,
        "ko_steuerung": arrays.co_steering * steps,
        "struktur": parts["struktur"] * steps,
        "frist_laufend": arrays.rolling,
        "frist_unbekannt": arrays.undated,
        "eu": arrays.eu,
        "stiftung": arrays.stiftung,
    }
    columns["relevanz_x_ort"] = (columns["bm25"] + columns["dense"]) / 2 * (parts["ort"] | parts["land"])
    columns["ko_prior"] = columns["ko_steuerung"]
    return (
        np.column_stack([np.asarray(columns[f] if f in columns else parts[f], dtype=np.float64) for f in FEATURES])
        if len(lex)
        else np.zeros((0, len(FEATURES)))
    )


@dataclass(frozen=True)
class Model:
    """Weights per feature, plus the feature scale of the training data (for feedback distances)."""

    weights: np.ndarray
    mean: np.ndarray
    scale: np.ndarray
    version: str = ""

    def score(self, x: np.ndarray) -> np.ndarray:
        return x @ self.weights if len(x) else np.zeros(0)

    def centred(self, x: np.ndarray) -> np.ndarray:
        """The score less the training mean's: the same order, but comparable between models –
        call-grouped CV merges the held-out calls of five models into one list, and a feature
        with a large mean (e5's cosines all lie near 0.8) shifted each model by its own offset."""
        return (x - self.mean) @ self.weights if len(x) else np.zeros(0)

    def standardise(self, x: np.ndarray) -> np.ndarray:
        return (x - self.mean) / self.scale

    def to_json(self, **extra) -> dict:
        return {
            "version": self.version,
            "features": list(FEATURES),
            "weights": {f: round(float(w), 6) for f, w in zip(FEATURES, self.weights)},
            "mean": {f: round(float(m), 6) for f, m in zip(FEATURES, self.mean)},
            "scale": {f: round(float(s), 6) for f, s in zip(FEATURES, self.scale)},
            **extra,
        }

    @classmethod
    def from_json(cls, data: dict) -> Model:
        def vector(key, default):
            values = data.get(key) or {}
            return np.array([float(values.get(f, default)) for f in FEATURES])  # a new feature counts 0

        return cls(
            vector("weights", 0.0),
            vector("mean", 0.0),
            np.maximum(vector("scale", 1.0), 1e-6),
            str(data.get("version", "")),
        )


@lru_cache(maxsize=4)
def load_model(path: str = str(WEIGHTS_FILE)) -> Model:
    return Model.from_json(json.loads(Path(path).read_text(encoding="utf-8")))


__all__ = [
    "FEATURES",
    "Model",
    "CallArrays",
    "call_arrays",
    "features",
    "load_model",
    "co_steering_probability",
    "WEIGHTS_FILE",
]
