import json

import numpy as np
import pytest

from matcher.indexes import ensure_indexes
from tests.matcher.matcher_helpers import HashEmbedder, make_call, sample_calls


def test_build_persists_inspectable_files(tmp_path):
    embed = HashEmbedder()
    index = ensure_indexes(sample_calls(), tmp_path / "idx", embed=embed)
    dense_dir = tmp_path / "idx" / "dense"
    params = json.loads((dense_dir / "params.json").read_text())
    assert params["model"] == "hash-test-embedder" and params["dimension"] == 64
    assert sorted(params["ids"]) == sorted(c.id for c in sample_calls())
    vectors = np.load(dense_dir / "vectors.npy", allow_pickle=False)  # never pickle
    assert vectors.shape == (params["passages"], 64)
    assert (tmp_path / "idx" / "lexical" / "lexical.json").is_file()
    assert index.dense is not None and len(index.lexical.ids) == len(sample_calls())


def test_only_changed_calls_are_embedded_again(tmp_path):
    calls = sample_calls()
    ensure_indexes(calls, tmp_path / "idx", embed=HashEmbedder())
    changed = calls[0].model_copy(update={"summary_de": calls[0].summary_de + " Neu: auch Pflege."})
    embed = HashEmbedder()
    index = ensure_indexes([changed, *calls[1:]], tmp_path / "idx", embed=embed)
    assert index.stats["eingebettet"] == 1 and index.stats["unverändert"] == len(calls) - 1
    assert embed.texts and all("Seniorenarbeit" in t for t in embed.texts)


def test_removed_call_leaves_the_index(tmp_path):
    calls = sample_calls()
    ensure_indexes(calls, tmp_path / "idx", embed=HashEmbedder())
    embed = HashEmbedder()
    index = ensure_indexes(calls[1:], tmp_path / "idx", embed=embed)
    assert calls[0].id not in index.dense.ids and calls[0].id not in index.lexical.ids
    assert index.stats["entfernt"] == 1 and embed.texts == []
    assert index.dense.vectors.shape[0] == len(index.dense.owner)


def test_current_index_needs_no_model(tmp_path):
    calls = sample_calls()
    first = ensure_indexes(calls, tmp_path / "idx", embed=HashEmbedder())
    first.dense.profile_vector("Seniorenarbeit", embed=HashEmbedder())
    first.save_profiles()

    class Forbidden(HashEmbedder):
        def __call__(self, texts):
            raise AssertionError("model used although index and profile embedding are current")

    again = ensure_indexes(calls, tmp_path / "idx", embed=Forbidden())
    vecs, computed = again.dense.profile_vector("Seniorenarbeit", embed=Forbidden())
    assert not computed and vecs.shape == (1, 64)


def test_dense_scores_best_passage(tmp_path):
    calls = [make_call("a", "Senioren", "Senioren Senioren Beratung"), make_call("b", "Quanten", "Quantenoptik Laser")]
    embed = HashEmbedder()
    index = ensure_indexes(calls, None, embed=embed)
    scores = index.dense.scores(embed(["Senioren Beratung"]))
    assert scores[index.dense.ids.index("a")] > scores[index.dense.ids.index("b")]


@pytest.mark.model
def test_real_model_builds_a_dense_index(tmp_path):
    calls = sample_calls()[:2]
    index = ensure_indexes(calls, tmp_path / "idx")
    assert index.dense is not None and index.dense.dimension == 384
    vecs, computed = index.dense.profile_vector("Kultursensible Seniorenarbeit")
    assert computed and vecs.shape == (1, 384)
    scores = index.dense.scores(vecs)
    assert scores[index.dense.ids.index("senioren")] > scores[index.dense.ids.index("koordination")] - 0.2


def test_profile_text_is_embedded_as_a_query_and_calls_as_passages():
    """e5 wants "query: " on the searching side and "passage: " on the calls: an embedder with
    ``queries`` gets the profile text there, one without serves both sides."""
    seen: dict[str, list[str]] = {"passage": [], "query": []}

    class TwoSided(HashEmbedder):
        def __call__(self, texts):
            seen["passage"].extend(texts)
            return super().__call__(texts)

        def queries(self, texts):
            seen["query"].extend(texts)
            return super().__call__(texts)

    index = ensure_indexes(sample_calls(), None, embed=TwoSided())
    assert seen["passage"] and not seen["query"]
    index.dense.profile_vector("Seniorenarbeit mit Ehrenamtlichen", embed=index.embed)
    assert seen["query"] == ["Seniorenarbeit mit Ehrenamtlichen"]
    assert "Seniorenarbeit mit Ehrenamtlichen" not in seen["passage"]
    from matcher.embedding import embed, embed_queries

    assert embed.queries is embed_queries  # the model's own embedder follows the same protocol


@pytest.mark.model
def test_e5_embeds_queries_and_passages_differently():
    from matcher.embedding import embed, embed_queries

    text = ["Förderung der Seniorenarbeit von Migrantenorganisationen"]
    q, p = embed_queries(text), embed(text)
    assert q.shape == p.shape == (1, 384) and not np.allclose(q, p) and float(q[0] @ p[0]) > 0.8
