"""Prebuilt labels and indexes of the shipped snapshot, so the first ``match`` needs no model.

A fresh data folder is seeded from ``corpus/snapshot/``; labelling its 144 calls is quick, but
embedding ~440 passages takes about a minute and loading the model alone several seconds. The
results of that work ship in ``data/`` (built by ``python -m matcher.prebuilt.build``), keyed by
everything they depend on: the snapshot (each call's content hash), the classifier version, the
embedding model and the index formats. Whatever does not match is ignored and computed as before,
so stale artefacts cost time, never correctness. Per call, the content hash decides: a database
holding the snapshot plus crawled calls still reuses the rows of unchanged snapshot calls.
"""

from __future__ import annotations

import hashlib
import json
import os
from functools import lru_cache
from pathlib import Path

import numpy as np

DATA_DIR = Path(__file__).parent / "data"
FORMAT = 1


def snapshot_key(hashes: dict[str, str]) -> str:
    """One hash over every (id, content hash) pair: changes with any call of the snapshot."""
    text = "\n".join(f"{i}:{h}" for i, h in sorted(hashes.items()))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def manifest() -> dict:
    """What the shipped artefacts were built from; empty when missing or switched off
    (``KULISSE_NO_PREBUILT=1``: measure or check the path that computes everything)."""
    if os.environ.get("KULISSE_NO_PREBUILT"):
        return {}
    return _manifest()


@lru_cache(maxsize=1)
def _manifest() -> dict:
    try:
        data = json.loads((DATA_DIR / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if data.get("format") == FORMAT else {}


def _classifier_version() -> str:
    from matcher.classifier import CLASSIFIER_VERSION

    return CLASSIFIER_VERSION


def labels_usable() -> bool:
    m = manifest()
    return bool(m) and m.get("classifier_version") == _classifier_version()


def apply_labels(store) -> int:
    """Store the prebuilt labels of every call whose labels are stale and whose content hash is
    the one they were computed from; returns how many. Cheap when nothing is stale."""
    version = _classifier_version()
    if version is None or not labels_usable():
        return 0
    stale = store.stale_label_ids(version)
    if not stale:
        return 0
    wanted = manifest().get("hashes", {})
    current = store.content_hashes()
    ids = [i for i in stale if i in wanted and current.get(i) == wanted[i]]
    if not ids:
        return 0
    from corpus.model import Classification

    try:
        labels = json.loads((DATA_DIR / "labels.json").read_text(encoding="utf-8"))
        items = [(i, wanted[i], Classification.model_validate(labels[i])) for i in ids if i in labels]
    except (OSError, ValueError, KeyError):
        return 0
    items = [it for it in items if it[2].classifier_version == version]
    store.set_labels(items)
    return len(items)


def install_indexes(directory: Path) -> list[str]:
    """Put the prebuilt indexes into an index folder that has none yet; returns what was placed.

    Existing indexes are never touched: they are at least as current as the prebuilt ones and
    ``ensure_indexes`` brings them up to date call by call.
    """
    m = manifest()
    placed: list[str] = []
    if not m:
        return placed
    from matcher.lexical import LEXICAL_VERSION, LexicalIndex

    if m.get("lexical_version") == LEXICAL_VERSION and not (directory / "lexical" / "lexical.json").exists():
        index = LexicalIndex.load(DATA_DIR / "lexical")
        if index is not None:
            index.save(directory / "lexical")
            placed.append("lexical")
    from matcher.dense_index import DENSE_VERSION
    from matcher.embedding import PASSAGE_WORDS, model_name

    if (
        m.get("dense_version") == DENSE_VERSION
        and m.get("model") == model_name()
        and m.get("passage_words") == PASSAGE_WORDS
        and not (directory / "dense" / "params.json").exists()
    ):
        dense = load_dense()
        if dense is not None:
            dense.save(directory / "dense")
            placed.append("dense")
    return placed


def load_dense():
    """The prebuilt dense index (float16 on disk, float32 in memory), or None if unreadable."""
    from matcher.dense_index import DenseIndex

    m = manifest()
    try:
        params = json.loads((DATA_DIR / "dense.json").read_text(encoding="utf-8"))
        vectors = np.load(DATA_DIR / "dense-vectors.npy", allow_pickle=False).astype(np.float32)
        owner = np.load(DATA_DIR / "dense-owner.npy", allow_pickle=False).astype(np.int32)
        profiles = json.loads((DATA_DIR / "profiles.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if vectors.shape[0] != owner.shape[0] or len(params.get("ids", [])) != int(owner.max(initial=-1)) + 1:
        return None
    # float16 rounding leaves vectors a hair off unit length; cosine = dot product needs them exact
    vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
    return DenseIndex(
        model=m.get("model", ""),
        dimension=int(params["dimension"]),
        ids=list(params["ids"]),
        hashes=dict(params["hashes"]),
        vectors=np.ascontiguousarray(vectors),
        owner=owner,
        profile_vectors=profiles,
    )
