import numpy as np

from matcher.lexical import LexicalIndex, analyse, split_compound, stem


def test_german_stemming_not_english():
    assert stem("Förderungen") == stem("Förderung")
    assert stem("Senioren") == stem("Senior")
    # the English stemmer would leave German plural endings alone
    assert stem("Migrantenorganisationen") == stem("Migrantenorganisation")


def test_german_stopwords_removed():
    (tokens,), _ = analyse(["Die Förderung und der Verein für die Senioren"])
    assert "die" not in tokens and "und" not in tokens and "der" not in tokens
    assert stem("verein") in tokens


def test_compounds_split_when_parts_are_known():
    vocab = {stem("senioren"), stem("arbeit"), stem("jugend")}
    assert split_compound("Seniorenarbeit", vocab) == [stem("senioren"), stem("arbeit")]
    assert split_compound("Jugendarbeit", vocab) == [stem("jugend"), stem("arbeit")]
    assert split_compound("Quantenoptik", vocab) == []


def test_profile_compound_meets_call_word():
    index = LexicalIndex.build(
        ["a", "b", "c"],
        ["Angebote für Senioren und ihre Arbeit im Stadtteil", "Forschung zur Quantenoptik", "Sportplätze sanieren"],
    )
    scores = index.scores("Seniorenarbeit")
    assert scores[0] > 0 and scores[1] == 0 and scores[2] == 0


def test_save_load_round_trip(tmp_path):
    index = LexicalIndex.build(
        ["a", "b"], ["Seniorenberatung für Migrantinnen", "Kinder und Jugend"], {"a": "1", "b": "2"}
    )
    index.save(tmp_path / "lex")
    loaded = LexicalIndex.load(tmp_path / "lex")
    assert loaded is not None and loaded.ids == ["a", "b"] and loaded.hashes == {"a": "1", "b": "2"}
    assert np.allclose(loaded.scores("Jugend"), index.scores("Jugend"))
    assert loaded.scores("Jugend")[1] > 0


def test_load_rejects_missing_or_damaged(tmp_path):
    assert LexicalIndex.load(tmp_path / "nichts") is None
    (tmp_path / "lex").mkdir()
    (tmp_path / "lex" / "lexical.json").write_text("{kaputt", encoding="utf-8")
    assert LexicalIndex.load(tmp_path / "lex") is None


def test_coverage_counts_fields():
    index = LexicalIndex.build(["a", "b"], ["Seniorenarbeit für Senioren und Jugendarbeit", "Jugend und Arbeit"])
    cover = index.coverage(["Senioren", "Jugendarbeit", "Quantenoptik"])
    assert cover[0] > cover[1] > 0


def test_update_reanalyses_only_changed_calls_and_matches_a_full_build():
    texts = {"a": "Seniorenberatung für Migrantinnen", "b": "Kinder und Jugend im Quartier", "c": "Sportvereine"}
    index = LexicalIndex.build(list(texts), list(texts.values()), {k: "1" for k in texts})
    changed = dict(texts, b="Kinder und Jugend im Quartier, auch Senioren")
    analysed = index.update({"b": changed["b"]}, {"a": "1", "b": "2"})  # c removed, b changed
    assert analysed == 1 and index.ids == ["a", "b"]
    full = LexicalIndex.build(["a", "b"], [changed["a"], changed["b"]])
    for query in ("Senioren", "Jugend Quartier", "Sport"):
        assert np.allclose(index.scores(query), full.scores(query))
    assert index.scores("Sport").sum() == 0  # the removed call left the index


def test_scores_follow_bm25():
    index = LexicalIndex.build(["a", "b", "c"], ["Senioren Senioren Beratung", "Senioren Beratung Pflege", "Jugend"])
    s = index.scores("Senioren")
    assert s[0] > s[1] > 0 and s[2] == 0  # same length: more occurrences, more score
    n, df = 3, 2
    idf = np.log(1 + (n - df + 0.5) / (df + 0.5))
    avgdl = (3 + 3 + 1) / 3
    expected_b = idf * 1 / (1 + 1.2 * (1 - 0.75 + 0.75 * 3 / avgdl))
    assert np.isclose(s[1], expected_b, rtol=1e-5)
