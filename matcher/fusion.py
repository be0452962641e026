"""Pure score-fusion functions over numpy arrays (one value per call, same order in all inputs)."""
from __future__ import annotations

import numpy as np


def minmax(scores: np.ndarray) -> np.ndarray:
    """Min-max normalisation to [0, 1]: (s − min) / (max − min); all zeros when s is constant."""
    s = np.asarray(scores, dtype=np.float64)
    if s.size == 0:
        return s
    lo, hi = float(s.min()), float(s.max())
    if hi - lo <= 1e-12:
        return np.zeros_like(s)
    return (s - lo) / (hi - lo)


def ranks(scores: np.ndarray) -> np.ndarray:
    """1-based rank of each entry, best (highest score) = 1; ties keep input order."""
    order = np.argsort(-np.asarray(scores, dtype=np.float64), kind="stable")
    result = np.empty(len(order), dtype=np.int64)
    result[order] = np.arange(1, len(order) + 1)
    return result


def reciprocal_rank_fusion(score_lists: list[np.ndarray], k: float = 60.0) -> np.ndarray:
    """Reciprocal rank fusion (Cormack, Clarke & Büttcher, SIGIR 2009): Σ_i 1 / (k + rank_i(d)).

    Only ranks matter, so signals on different scales (BM25, cosine) combine without
    calibration; ``k`` damps the weight of the very first ranks.
    """
    if not score_lists:
        return np.zeros(0)
    return sum(1.0 / (k + ranks(s)) for s in score_lists)


def weighted_score_fusion(score_lists: list[np.ndarray], weights: list[float]) -> np.ndarray:
    """Convex combination of min-max normalised scores: Σ_i w_i · minmax(s_i) / Σ_i w_i
    (the "CombSUM" family of Fox & Shaw, TREC-2, 1994, with normalisation)."""
    total = float(sum(weights))
    if not score_lists or total <= 0:
        return np.zeros(len(score_lists[0]) if score_lists else 0)
    return sum(w * minmax(s) for s, w in zip(score_lists, weights)) / total
