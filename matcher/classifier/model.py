"""The learned layer at run time: class-weighted logistic heads over ``features.call_features``.

The weights are plain numbers in ``weights.json`` (written by ``python -m matcher.classifier.train``),
read with numpy only, so classifying needs neither scikit-learn nor a language model. Each head
standardises the features, takes a linear score per class and a softmax; the co-steering head's
score is then calibrated (Platt scaling fitted on out-of-fold scores) into a probability.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

WEIGHTS_PATH = Path(__file__).with_name("weights.json")
UPPER = "oberhalb"  # the steering-upper head's class: coordination or strategy is the funded core


@dataclass(frozen=True)
class Head:
    """One linear head: standardisation, one weight row per class, the classes' names."""

    features: list[str]
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray  # classes × features (one row for a binary head: the positive class)
    intercept: np.ndarray
    classes: list[str]

    @classmethod
    def from_json(cls, data: dict) -> Head:
        return cls(
            features=list(data["features"]),
            mean=np.asarray(data["mean"], float),
            scale=np.asarray(data["scale"], float),
            coef=np.atleast_2d(np.asarray(data["coef"], float)),
            intercept=np.atleast_1d(np.asarray(data["intercept"], float)),
            classes=[str(c) for c in data["classes"]],
        )

    def standardise(self, features: dict[str, float]) -> np.ndarray:
        x = np.array([features.get(name, 0.0) for name in self.features], float)
        return (x - self.mean) / self.scale

    def scores(self, features: dict[str, float]) -> np.ndarray:
        return self.coef @ self.standardise(features) + self.intercept

    def probabilities(self, features: dict[str, float]) -> dict[str, float]:
        s = self.scores(features)
        if len(self.classes) == 2 and len(s) == 1:
            p = 1.0 / (1.0 + math.exp(-float(s[0])))
            return {self.classes[0]: 1.0 - p, self.classes[1]: p}
        e = np.exp(s - s.max())
        return {c: float(v) for c, v in zip(self.classes, e / e.sum())}

    def contributions(self, features: dict[str, float], cls: str) -> list[tuple[str, float]]:
        """Each feature's share of the class score (weight × standardised value), largest first."""
        row = self.coef[0] if len(self.coef) == 1 else self.coef[self.classes.index(cls)]
        sign = -1.0 if len(self.coef) == 1 and cls == self.classes[0] else 1.0
        parts = sign * row * self.standardise(features)
        order = np.argsort(-parts)
        return [(self.features[i], float(parts[i])) for i in order]


@dataclass(frozen=True)
class LearnedModel:
    heads: dict[str, Head]
    platt: tuple[float, float]  # calibrated p = sigmoid(a * score + b) for the co-steering head
    threshold_yes: float  # p ≥ this: co-steering
    threshold_possible: float  # p ≥ this (and below yes): "Ko-Steuerung möglich"
    version: str
    projection: dict | None = None  # principal components of the sentence embeddings, if the heads use them

    def steering_level(self, features: dict[str, float], *, upper: bool = False) -> tuple[str, float, str]:
        """The level, its probability and the head that decided it. Two steps (rubric): is
        coordination or strategy the funded core – always so when ``upper`` (co-steering is above
        practical work by definition) – and if so, which of the two."""
        if "steering_upper" not in self.heads:  # weights of an older version: one three-class head
            probs = self.heads["steering_level"].probabilities(features)
            pool = {k: v for k, v in probs.items() if not upper or k != "praxis"}
            best = max(pool, key=pool.get)
            return best, pool[best] / (sum(pool.values()) or 1.0), "steering_level"
        p_upper = 1.0 if upper else self.heads["steering_upper"].probabilities(features)[UPPER]
        if p_upper < 0.5:
            return "praxis", 1.0 - p_upper, "steering_upper"
        which = self.heads["steering_which"].probabilities(features)
        best = max(which, key=which.get)
        return best, p_upper * which[best], "steering_which"

    def co_steering_probability(self, features: dict[str, float]) -> float:
        score = float(self.heads["co_steering"].scores(features)[0])
        a, b = self.platt
        return 1.0 / (1.0 + math.exp(-(a * score + b)))


def model_from_json(data: dict) -> LearnedModel:
    return LearnedModel(
        heads={name: Head.from_json(h) for name, h in data["heads"].items()},
        platt=(float(data["platt"][0]), float(data["platt"][1])),
        threshold_yes=float(data["thresholds"]["ja"]),
        threshold_possible=float(data["thresholds"]["moeglich"]),
        version=str(data.get("version", "")),
        projection=data.get("embedding"),
    )


@lru_cache(maxsize=1)
def load_model(path: str | None = None) -> LearnedModel | None:
    """The shipped model, or None when no weights file exists (the rules then decide alone)."""
    file = Path(path) if path else WEIGHTS_PATH
    if not file.is_file():
        return None
    return model_from_json(json.loads(file.read_text(encoding="utf-8")))
