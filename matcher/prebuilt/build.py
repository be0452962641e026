"""Rebuild the prebuilt artefacts of the shipped snapshot: ``python -m matcher.prebuilt.build``.

Runs exactly what a first ``match`` on a fresh data folder would run (seed, classifier, both
indexes, the bundled profiles' embeddings) in a temporary folder and keeps the results in
``matcher/prebuilt/data/``. Only new or changed calls are embedded again (seconds after a
classifier change; ``--full`` recomputes everything with the model, about a minute). Run it after any change to
the snapshot, the classifier (CLASSIFIER_VERSION), the passages or the index formats –
``tests/matcher/test_prebuilt.py`` fails until it is done.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from pathlib import Path

import numpy as np

from matcher.prebuilt import DATA_DIR, FORMAT, snapshot_key


def build(target: Path = DATA_DIR, *, full: bool = False) -> dict:
    from corpus.seed import open_store
    from matcher.classifier import CLASSIFIER_VERSION, ensure_labels
    from matcher.dense_index import DENSE_VERSION, text_hash
    from matcher.embedding import PASSAGE_WORDS, model_name
    from matcher.indexes import ensure_indexes
    from matcher.lexical import LEXICAL_VERSION
    from matcher.profile import BUNDLED_KEYS, load_profile

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "kulisse.sqlite"
        with open_store(db) as store:  # a new file: seeded from the snapshot, as on first use
            ensure_labels(store)
            calls = store.calls()
        hashes = {c.id: c.content_hash for c in calls}
        # incremental like a user's index: the shipped vectors of unchanged calls are kept, only
        # new or changed calls (and changed profiles) meet the model; full=True recomputes all
        directory = None if full else Path(tmp) / "index"
        index = ensure_indexes(calls, directory, embed=None)
        if index.dense is None:
            raise SystemExit(f"Das Sprachmodell fehlt: {index.warning}")
        keep = set()
        for key in BUNDLED_KEYS:
            text = load_profile(key).query_text()
            index.dense.profile_vector(text)
            keep.add(text_hash(index.dense.model, text))
        index.dense.profile_vectors = {k: v for k, v in index.dense.profile_vectors.items() if k in keep}

        staging = Path(tmp) / "data"
        staging.mkdir()
        labels = {c.id: c.labels.model_dump(mode="json") for c in calls if c.labels is not None}
        (staging / "labels.json").write_text(json.dumps(labels, ensure_ascii=False, sort_keys=True), encoding="utf-8")
        index.lexical.save(staging / "lexical")
        _stable_lexical_folder(staging / "lexical")
        dense = index.dense
        np.save(staging / "dense-vectors.npy", dense.vectors.astype(np.float16), allow_pickle=False)
        np.save(
            staging / "dense-owner.npy",
            dense.owner.astype(np.int16 if len(dense.ids) < 32000 else np.int32),
            allow_pickle=False,
        )
        (staging / "dense.json").write_text(
            json.dumps({"dimension": dense.dimension, "ids": dense.ids, "hashes": dense.hashes}, ensure_ascii=False),
            encoding="utf-8",
        )
        profiles = {k: np.round(np.asarray(v, dtype=np.float32), 5).tolist() for k, v in dense.profile_vectors.items()}
        (staging / "profiles.json").write_text(json.dumps(profiles), encoding="utf-8")
        manifest = {
            "format": FORMAT,
            "snapshot": snapshot_key(hashes),
            "classifier_version": CLASSIFIER_VERSION,
            "model": model_name(),
            "dense_version": DENSE_VERSION,
            "lexical_version": LEXICAL_VERSION,
            "passage_words": PASSAGE_WORDS,
            "hashes": hashes,
        }
        (staging / "manifest.json").write_text(
            json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8"
        )
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(staging, target)
    return manifest


def _stable_lexical_folder(directory: Path) -> None:
    """The index names its matrix folder by a random token; a fixed name keeps rebuilds diffable."""
    meta = json.loads((directory / "lexical.json").read_text(encoding="utf-8"))
    (directory / meta["tf_dir"]).rename(directory / "tf-prebuilt")
    meta["tf_dir"] = "tf-prebuilt"
    (directory / "lexical.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")


def size_report(target: Path = DATA_DIR) -> str:
    files = sorted(p for p in target.rglob("*") if p.is_file())
    total = sum(p.stat().st_size for p in files)
    lines = [f"{p.relative_to(target)}: {p.stat().st_size / 1024:.0f} KB" for p in files]
    return "\n".join(lines + [f"zusammen: {total / 1024:.0f} KB"])


if __name__ == "__main__":
    m = build(full="--full" in sys.argv[1:])
    print(
        f"Vorberechnete Daten erneuert: {len(m['hashes'])} Aufrufe, Klassifikator {m['classifier_version']}, "
        f"Modell {m['model']}.",
        file=sys.stderr,
    )
    print(size_report(), file=sys.stderr)
