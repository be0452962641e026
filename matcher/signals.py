"""The relevance signals of every call for one query: BM25, field coverage and the dense cosine,
with the Verbund's feedback folded into the lexical and the dense query (Rocchio).

Rocchio (Salton & Buckley 1990): q' = α·q + β·mean(marked fitting) − γ·mean(marked "fewer like
this"). On the dense side q is the profile's passage vectors and the marked calls enter as the
mean of their passage vectors; on the lexical side BM25 is linear in the query's stem weights, so
adding a marked call's stems to the query is adding its BM25 scores – each query part is scaled
by its own best score first (a whole call as a query scores far higher than a profile text).
A query can also be a plain text (``--query``) or one call ("Ähnliche Aufrufe").
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from matcher.feedback import Feedback
from matcher.indexes import Indexes
from matcher.settings import settings

NOTE_SHARE = 0.5  # a note's words count half as much as the marked call itself


@dataclass
class Signals:
    """Raw signals aligned with the calls, and each marked call's similarity to every call (0–1)."""

    lex: np.ndarray
    cover: np.ndarray
    dense: np.ndarray
    similarity: dict[str, np.ndarray] = field(default_factory=dict)


def _align(values: np.ndarray, positions: np.ndarray) -> np.ndarray:
    """``values`` (in index order) picked for each call; 0 where the index lacks the call."""
    padded = np.append(np.asarray(values, dtype=np.float64), 0.0)
    return padded[positions]


def scaled(scores: np.ndarray) -> np.ndarray:
    """Scores as a share of the best (0 where nothing scores)."""
    top = float(scores.max()) if len(scores) else 0.0
    return scores / top if top > 0 else np.zeros_like(scores, dtype=np.float64)


def doc_lexical(index: Indexes, call_id: str) -> np.ndarray:
    """BM25 of every call with one call's stems as the query (each stem once, so a long call
    does not query with its most repeated words), scaled so the call itself scores 1."""
    terms = index.lexical.doc_terms(call_id)
    return scaled(np.asarray(index.lexical.term_scores({t: 1.0 for t in terms}), dtype=np.float64))


def doc_vector(index: Indexes, call_id: str) -> np.ndarray | None:
    """The mean of a call's passage vectors, unit length (None when the call is not embedded)."""
    dense = index.dense
    if dense is None:
        return None
    try:
        row = dense.ids.index(call_id)
    except ValueError:
        return None
    vecs = dense.vectors[dense.owner == row]
    if not len(vecs):
        return None
    mean = vecs.mean(axis=0)
    norm = float(np.linalg.norm(mean))
    return (mean / norm).astype(np.float32) if norm > 0 else None


def _note_lexical(index: Indexes, note: str) -> np.ndarray:
    return scaled(np.asarray(index.lexical.scores(note), dtype=np.float64))


def compute(
    index: Indexes,
    lex_pos: np.ndarray,
    dense_pos: np.ndarray | None,
    *,
    query: str | None,
    phrases: list[str],
    query_vectors: np.ndarray | None,
    like: str | None = None,
    feedback: Feedback | None = None,
) -> Signals:
    """The signals for the profile text ``query`` (or one call ``like``), with ``feedback``.

    ``query_vectors`` are the query's passage embeddings (None: no dense side); ``dense_pos``
    aligns the dense index with the calls, ``lex_pos`` the lexical one.
    """
    lex_ids = index.lexical.ids
    if like is not None:
        lex_raw = doc_lexical(index, like)
    else:
        lex_raw = np.asarray(index.lexical.scores(query or ""), dtype=np.float64)
    fb = feedback.present(lex_ids) if feedback else Feedback()
    cfg = settings()  # Rocchio's β (fitting) and γ ("fewer"), per side; α = 1
    similarity_lex: dict[str, np.ndarray] = {c: doc_lexical(index, c) for c in fb.marks}
    if fb:
        lex_raw = scaled(lex_raw)
        for ids, weight in ((fb.positive, cfg.rocchio_lex_beta), (fb.negative, -cfg.rocchio_lex_gamma)):
            if ids and weight:
                lex_raw = lex_raw + weight * np.mean([similarity_lex[c] for c in ids], axis=0)
                notes = [fb.notes[c] for c in ids if c in fb.notes]
                if notes:
                    lex_raw = lex_raw + weight * NOTE_SHARE * _note_lexical(index, " ".join(notes))
    lex = _align(lex_raw, lex_pos)
    cover = _align(index.lexical.coverage(phrases), lex_pos)
    dense = np.zeros(len(lex_pos))
    similarity_dense: dict[str, np.ndarray] = {}
    if index.dense is not None and dense_pos is not None:
        rows = None
        if like is not None:
            vec = doc_vector(index, like)
            rows = vec[None, :] if vec is not None else None
        elif query_vectors is not None:
            rows = np.atleast_2d(np.asarray(query_vectors, dtype=np.float32))
        vectors = {c: v for c in fb.marks if (v := doc_vector(index, c)) is not None}
        if rows is not None:
            shift = np.zeros(rows.shape[1], dtype=np.float32)
            for ids, weight in ((fb.positive, cfg.rocchio_dense_beta), (fb.negative, -cfg.rocchio_dense_gamma)):
                present = [vectors[c] for c in ids if c in vectors]
                if present:
                    shift += weight * np.mean(present, axis=0)
            if shift.any():
                rows = rows + shift
                rows = rows / np.maximum(np.linalg.norm(rows, axis=1, keepdims=True), 1e-9)
            dense = _align(index.dense.scores(rows), dense_pos)
        similarity_dense = {c: _align(index.dense.scores(v[None, :]), dense_pos) for c, v in vectors.items()}
    similarity = {}
    for c, lexical_sim in similarity_lex.items():
        aligned = np.clip(_align(lexical_sim, lex_pos), 0.0, 1.0)
        similarity[c] = (aligned + similarity_dense[c]) / 2 if c in similarity_dense else aligned
    return Signals(lex, cover, dense, similarity)


__all__ = ["Signals", "compute", "doc_lexical", "doc_vector"]
