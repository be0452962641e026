"""Dense relevance: passage embeddings of every call in a faiss inner-product index.

Persisted as a directory beside the database (``corpus.paths.index_dir(db) / "dense"``):

- ``params.json`` – version, model name, dimension, the ids in row order and each call's
  content hash (a call whose hash changed is embedded again; a call no longer in the store
  leaves the index);
- ``vectors-<token>.npy`` – float32 passage vectors, L2-normalised, grouped by call in id order;
- ``owner-<token>.npy`` – int32, for each passage row the position of its call in ``ids``;
  each save writes a new token and ``params.json`` (written last) names the files of its
  generation, so a save killed half-way never pairs new vectors with old ids (``vectors.npy``
  and ``owner.npy`` are hard links to the current generation, for reading by hand);
- ``profiles.json`` – profile embeddings keyed by a hash of model name and profile text, so a
  ``match`` with a current index needs no model at all (loading torch costs ~4 s).

No pickle anywhere: a stale or foreign index is detected by comparing ``params.json``.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from corpus.atomic import write_text_atomic

DENSE_VERSION = "dense-2"  # 2: e5 with "passage: "/"query: " (indexes of dense-1 are rebuilt)
SEARCH_K = 4096  # passages fetched per query; every call scores exactly below this size
# up to this many passages a plain numpy product scores every call exactly and faster than faiss
# (its search sets up threads per query, and importing it costs ~0.2 s)
EXACT_NUMPY_ROWS = 4096

Progress = Callable[[int, int], None]  # (done, total)


TOPIC_WORDS = 20  # the model reads ~90 words a passage: a longer prefix would crowd out the passage
TOPIC_CHARS = 200


def passage_topic(title: str) -> str:
    """The title as prefixed to passages: whole when short (every real title), else its start.
    The full title stays in the text once; repeating a huge one in every passage made indexing a
    1 MB title take minutes and gigabytes."""
    return " ".join(title.split()[:TOPIC_WORDS])[:TOPIC_CHARS]


def call_passages(title: str, text: str) -> list[str]:
    """The passages of one call; the (short) title is prefixed to each so a passage keeps its topic."""
    from matcher.embedding import passages

    topic = passage_topic(title)
    return [f"{topic}. {p}" if p and not p.startswith(topic) else p for p in passages(text)]


def text_hash(model: str, text: str) -> str:
    return hashlib.sha256(f"{model}\n{text}".encode()).hexdigest()[:32]


@dataclass
class DenseIndex:
    model: str
    dimension: int = 0
    ids: list[str] = field(default_factory=list)
    hashes: dict[str, str] = field(default_factory=dict)
    vectors: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), dtype=np.float32))
    owner: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int32))
    profile_vectors: dict[str, list[float]] = field(default_factory=dict)
    _faiss: object | None = None

    # -- building --------------------------------------------------------------------
    def stale(self, current: dict[str, str]) -> tuple[list[str], list[str]]:
        """(ids to embed: new or changed, ids to drop: gone) against ``current`` id → hash."""
        changed = [i for i, h in current.items() if self.hashes.get(i) != h]
        gone = [i for i in self.hashes if i not in current]
        return sorted(changed), sorted(gone)

    def update(
        self,
        texts: dict[str, tuple[str, str]],
        current: dict[str, str],
        *,
        embed: Callable[[list[str]], np.ndarray] | None = None,
        progress: Progress | None = None,
        batch: int = 64,
    ) -> dict[str, int]:
        """Bring the index to ``current`` (id → content hash); ``texts`` id → (title, text) for
        at least the stale ids. Only new or changed calls are embedded."""
        changed, gone = self.stale(current)
        changed_set = set(changed)
        keep = [i for i in self.ids if i in current and i not in changed_set]
        pos = {i: n for n, i in enumerate(self.ids)}
        # passages are grouped by call, so each call's rows are one slice
        bounds = np.searchsorted(self.owner, np.arange(len(self.ids) + 1)) if len(self.ids) else np.zeros(1, int)
        blocks: dict[str, np.ndarray] = {}
        for i in keep:  # rows of unchanged calls are copied, never recomputed
            n = pos[i]
            blocks[i] = self.vectors[bounds[n] : bounds[n + 1]]
        if changed:
            if embed is None:
                from matcher.embedding import embed as model_embed

                embed = model_embed
            pieces: list[tuple[str, str]] = []
            for i in changed:
                title, text = texts[i]
                pieces.extend((i, p) for p in call_passages(title, text))
            done = 0
            out: dict[str, list[np.ndarray]] = {i: [] for i in changed}
            for start in range(0, len(pieces), batch):
                chunk = pieces[start : start + batch]
                vecs = np.asarray(embed([p for _, p in chunk]), dtype=np.float32)
                for (i, _), v in zip(chunk, vecs):
                    out[i].append(v)
                done += len(chunk)
                if progress:
                    progress(done, len(pieces))
            for i in changed:
                blocks[i] = np.vstack(out[i])
            self.dimension = int(next(iter(blocks[changed[0]])).shape[0])
        ids = sorted(blocks)
        rows = [blocks[i] for i in ids]
        self.ids = ids
        self.hashes = {i: current[i] for i in ids}
        if rows:
            self.vectors = np.ascontiguousarray(np.vstack(rows), dtype=np.float32)
            self.owner = np.concatenate([np.full(len(r), n, dtype=np.int32) for n, r in enumerate(rows)])
        else:
            self.vectors = np.zeros((0, self.dimension), dtype=np.float32)
            self.owner = np.zeros(0, dtype=np.int32)
        self._faiss = None
        return {"eingebettet": len(changed), "unverändert": len(keep), "entfernt": len(gone)}

    # -- querying --------------------------------------------------------------------
    def _index(self):
        if self._faiss is None:
            import faiss  # ~0.2 s to import; only when a query runs

            index = faiss.IndexFlatIP(self.vectors.shape[1])
            index.add(self.vectors)
            self._faiss = index
        return self._faiss

    def scores(self, query: np.ndarray, k: int = SEARCH_K) -> np.ndarray:
        """Cosine of the best passage of every call with ``query`` (a unit vector, or several
        rows whose best match counts); calls outside the top ``k`` passages get 0."""
        result = np.zeros(len(self.ids), dtype=np.float32)
        if not len(self.ids) or not self.vectors.size:
            return result
        q = np.atleast_2d(np.asarray(query, dtype=np.float32))
        if self.vectors.shape[0] <= EXACT_NUMPY_ROWS:  # small corpus: one matrix product, no faiss set-up
            # einsum, not BLAS: BLAS threads cost more than this product on a busy machine
            np.maximum.at(result, self.owner, np.maximum(np.einsum("ij,kj->ik", self.vectors, q).max(axis=1), 0))
            return result
        sims, rows = self._index().search(q, min(k, self.vectors.shape[0]))
        sims, rows = sims.ravel(), rows.ravel()
        valid = rows >= 0
        np.maximum.at(result, self.owner[rows[valid]], np.maximum(sims[valid], 0))
        return result

    def profile_vector(
        self, text: str, *, embed: Callable[[list[str]], np.ndarray] | None = None
    ) -> tuple[np.ndarray, bool]:
        """The profile text's passage embeddings (rows); cached by hash. Returns (vectors, computed)."""
        key = text_hash(self.model, text)
        if key in self.profile_vectors:
            return np.asarray(self.profile_vectors[key], dtype=np.float32), False
        from matcher.embedding import passages

        if embed is None:
            from matcher.embedding import embed as model_embed

            embed = model_embed
        # the searching side: e5 embeds it with "query: " (an embedder without ``queries`` has one side)
        queries = getattr(embed, "queries", embed)
        vecs = np.asarray(queries(passages(text)), dtype=np.float32)
        self.profile_vectors[key] = vecs.tolist()
        return vecs, True

    # -- persistence -----------------------------------------------------------------
    def save(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        token = uuid.uuid4().hex[:12]
        files = {"vectors": f"vectors-{token}.npy", "owner": f"owner-{token}.npy"}
        for key, array in (("vectors", self.vectors), ("owner", self.owner)):
            tmp = directory / (files[key] + ".tmp")
            with open(tmp, "wb") as fh:
                np.save(fh, array, allow_pickle=False)
            os.replace(tmp, directory / files[key])
        self.save_profiles(directory)
        params = {
            "version": DENSE_VERSION,
            "model": self.model,
            "dimension": self.dimension,
            "passages": int(self.vectors.shape[0]),
            "ids": self.ids,
            "hashes": self.hashes,
            "files": files,
        }
        write_text_atomic(directory / "params.json", json.dumps(params, ensure_ascii=False))  # the commit point
        for key, name in files.items():  # the plain names stay, for people reading the directory
            link = directory / f"{key}.npy.{token}.link"  # unique: never shared with another run
            link.unlink(missing_ok=True)
            try:
                os.link(directory / name, link)
            except OSError:  # a file system without hard links
                shutil.copyfile(directory / name, link)
            os.replace(link, directory / f"{key}.npy")
        keep = set(files.values()) | {"vectors.npy", "owner.npy"}
        for path in list(directory.glob("vectors*")) + list(directory.glob("owner*")):
            if path.name not in keep:  # an older generation or a killed save's leftovers
                path.unlink(missing_ok=True)

    def save_profiles(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        recent = dict(list(self.profile_vectors.items())[-50:])  # edited profiles pile up otherwise
        write_text_atomic(directory / "profiles.json", json.dumps(recent))

    @classmethod
    def load(cls, directory: Path, model: str) -> DenseIndex:
        """The saved index for ``model``; an empty one if missing, damaged or for another model."""
        try:
            params = json.loads((directory / "params.json").read_text(encoding="utf-8"))
            if params.get("version") != DENSE_VERSION or params.get("model") != model:
                return cls(model=model)
            files = params.get("files") or {"vectors": "vectors.npy", "owner": "owner.npy"}  # before generations
            vectors = np.load(directory / files["vectors"], allow_pickle=False)
            owner = np.load(directory / files["owner"], allow_pickle=False)
            if vectors.shape[0] != params["passages"] or owner.shape[0] != vectors.shape[0]:
                return cls(model=model)
            try:
                profiles = json.loads((directory / "profiles.json").read_text(encoding="utf-8"))
            except (OSError, ValueError):
                profiles = {}
            return cls(
                model=model,
                dimension=params["dimension"],
                ids=params["ids"],
                hashes=params["hashes"],
                vectors=vectors,
                owner=owner,
                profile_vectors=profiles,
            )
        except (OSError, ValueError, KeyError):
            return cls(model=model)
