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


def percentile(scores: np.ndarray) -> np.ndarray:
    """Rank normalisation to [0, 1]: the share of the other entries scoring lower (ties get the
    mean of their ranks, so the many calls without any query word share one low value).

    Unlike min-max it does not hang on the single best score: one long call with a huge BM25
    would squeeze every other call towards 0, and BM25 and cosine become comparable without
    calibrating their scales. Computed with sorting only (no scipy.stats: its import costs a
    cold ``match`` a noticeable part of a second)."""
    s = np.asarray(scores, dtype=np.float64)
    if s.size <= 1:
        return np.zeros_like(s)
    ordered = np.sort(s)
    below = np.searchsorted(ordered, s, side="left")
    upto = np.searchsorted(ordered, s, side="right")
    return (below + upto - 1) / 2 / (s.size - 1)


NORMALISERS = {"rank": percentile, "minmax": minmax}


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


def weighted_score_fusion(score_lists: list[np.ndarray], weights: list[float], normalise=minmax) -> np.ndarray:
    """Convex combination of normalised scores: Σ_i w_i · norm(s_i) / Σ_i w_i
    (the "CombSUM" family of Fox & Shaw, TREC-2, 1994, with normalisation; ``normalise`` is
    ``minmax`` or ``percentile``)."""
    total = float(sum(weights))
    if not score_lists or total <= 0:
        return np.zeros(len(score_lists[0]) if score_lists else 0)
    return sum(w * normalise(s) for s, w in zip(score_lists, weights)) / total
