import json
import math
from pathlib import Path

import pytest
from click.testing import CliRunner

from matcher.evaluate import dcg, evaluate, input_call, ndcg, split_half
from tests.matcher.matcher_helpers import HashEmbedder
from tui.cli import main

GOLD = [
    {
        "id": "nw-senioren",
        "title": "Seniorenarbeit in NRW",
        "funder": "Land NRW",
        "level": "land",
        "region": "DE-NW",
        "summary_de": "Kultursensible Seniorenarbeit für ältere Migrantinnen und Migranten, Kinder- und "
        "Jugendarbeit, Bildung und Weiterbildung und Quartiersarbeit von Migrantenorganisationen in "
        "Nordrhein-Westfalen.",
        "applicants": ["mo", "verein"],
        "deadline_text": "bis 30.06.2030",
        "funding_form": "projekt",
        "relevance": {"vmdo": 3, "moin": 0},
    },
    {
        "id": "by-jugend",
        "title": "Jugendprojekte in Bayern",
        "funder": "Freistaat Bayern",
        "level": "land",
        "region": "DE-BY",
        "summary_de": "Jugendprojekte von Migrantenvereinen in Bayern, auch Seniorenarbeit.",
        "applicants": ["mo", "verein"],
        "deadline_text": "bis 30.06.2030",
        "relevance": {"vmdo": 0, "moin": 3},
    },
    {
        "id": "bund-fluechtlinge",
        "title": "Flüchtlingsarbeit",
        "funder": "Bund",
        "level": "bund",
        "region": "DE",
        "summary_de": "Beratung Geflüchteter durch Vereine und Migrantenorganisationen.",
        "applicants": ["mo"],
        "deadline_text": "bis 30.06.2030",
        "relevance": {"vmdo": 1, "moin": 2},
    },
]


def test_dcg_and_ndcg():
    assert dcg([3, 2]) == pytest.approx(7 + 3 / math.log2(3))
    assert ndcg([3, 2, 0], [3, 2, 0]) == pytest.approx(1.0)
    assert ndcg([0, 2, 3], [3, 2, 0]) < 0.7
    assert ndcg([], [0, 0]) == 0.0


def test_evaluate_per_profile_without_region_violations():
    result = evaluate(GOLD, embed=HashEmbedder())
    assert result.profiles == ["moin", "vmdo"]
    assert set(result.ndcg) == {"lexical", "dense", "handset", "fused", "fused-ohne-labels"}
    assert result.ndcg["fused"]["vmdo"] == pytest.approx(1.0)
    assert result.ndcg["fused"]["moin"] > 0.8  # only the order of the two eligible calls can be argued
    assert result.region_violations["fused"] == 0
    assert "by-jugend" not in result.top["vmdo"]


def test_eval_command_prints_the_table(tmp_path, monkeypatch):
    monkeypatch.setattr("matcher.embedding.embed", HashEmbedder())
    monkeypatch.setattr("matcher.embedding.model_name", lambda: "hash-test-embedder")
    gold = tmp_path / "gold.jsonl"
    gold.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in GOLD), encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", "--gold", str(gold)])
    assert result.exit_code == 0, result.output
    assert "nDCG@10" in result.output and "Mittel" in result.output and "Fusion" in result.output
    assert "kreuzvalidiert" in result.output and "CV Verbund" in result.output and "naiv" in result.output
    assert (
        "Rückmeldung simuliert" in result.output and "nachher (CV)" in result.output and "je Verbund" in result.output
    )
    missing = CliRunner().invoke(main, ["eval", "--gold", str(tmp_path / "fehlt.jsonl")])
    assert missing.exit_code != 0 and "gibt es nicht" in missing.output


def test_input_call_uses_the_source_funding_form_never_the_gold_label():
    record = dict(GOLD[0], funding_form="struktur", funding_form_source="preis")
    assert input_call(record).funding_form.value == "preis"
    assert input_call(dict(GOLD[0], funding_form="struktur")).funding_form is None  # the gold label never leaks


def test_split_halves_are_disjoint_and_cover_the_file():
    records = [dict(GOLD[0], id=f"c{n:02d}") for n in range(7)]
    a, b = split_half(records, "A"), split_half(list(reversed(records)), "B")
    assert [r["id"] for r in a] == ["c00", "c02", "c04", "c06"] and [r["id"] for r in b] == ["c01", "c03", "c05"]
    with pytest.raises(ValueError):
        split_half(records, "C")


def test_eval_command_split_and_several_files(tmp_path, monkeypatch):
    monkeypatch.setattr("matcher.embedding.embed", HashEmbedder())
    monkeypatch.setattr("matcher.embedding.model_name", lambda: "hash-test-embedder")
    gold = tmp_path / "gold.jsonl"
    gold.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in GOLD), encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", "--gold", str(gold), "--gold", str(gold), "--split", "A", "--ohne-cv"])
    assert result.exit_code == 0, result.output
    assert result.output.count("(Hälfte A)") == 2 and result.output.count("Mittel") == 2
    wrong = CliRunner().invoke(main, ["eval", "--gold", str(gold), "--split", "C"])
    assert wrong.exit_code != 0


def test_relevance_grades_are_joined_with_the_texts_they_grade(tmp_path):
    from matcher.evaluate import read_gold

    texts = tmp_path / "texte"
    texts.mkdir()
    rows = [
        {"id": "a", "title": "Aufruf A", "summary_de": "Text A"},
        {"id": "b", "title": "Aufruf B", "summary_de": "B"},
    ]
    (texts / "probe.jsonl").write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    grades = tmp_path / "probe.relevance.jsonl"
    grades.write_text(
        "\n".join(json.dumps({"id": i, "relevance": {"vmdo": g}}) for i, g in (("b", 2), ("a", 0))), encoding="utf-8"
    )
    joined = read_gold(grades, texts_dir=texts)
    assert [(r["id"], r["title"], r["relevance"]) for r in joined] == [
        ("a", "Aufruf A", {"vmdo": 0}),
        ("b", "Aufruf B", {"vmdo": 2}),
    ]
    # a call without grades would silently count as irrelevant: refused, in German, with its id
    grades.write_text(json.dumps({"id": "a", "relevance": {"vmdo": 1}}), encoding="utf-8")
    with pytest.raises(ValueError, match="ohne Stufen: b"):
        read_gold(grades, texts_dir=texts)
    with pytest.raises(ValueError, match="fehlen die Texte"):
        read_gold(grades, texts_dir=tmp_path / "nirgends")


SHARED_REAL_TRAIN = Path(__file__).resolve().parents[2].parent / "shared" / "eval" / "real-train.jsonl"


@pytest.mark.skipif(not SHARED_REAL_TRAIN.is_file(), reason="../shared/eval/real-train.jsonl fehlt")
def test_shipped_grades_of_real_texts_cover_every_call_and_copy_no_sentence():
    import re

    from matcher.evaluate import read_gold

    shipped = Path(__file__).resolve().parents[2] / "eval" / "real-train.relevance.jsonl"
    joined = read_gold(shipped)
    assert len(joined) == 147
    profiles = {"vmdo", "vki", "moin", "afropa", "vemo"}
    for r in joined:
        assert set(r["relevance"]) == profiles and set(r["relevance"].values()) <= {0, 1, 2, 3}
    texts = {r["id"]: r["summary_de"] for r in joined}

    def grams(text: str) -> set[tuple[str, ...]]:
        words = re.findall(r"\w+", text.lower())
        return {tuple(words[i : i + 8]) for i in range(len(words) - 7)}

    for line in shipped.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        assert "summary_de" not in row and "title" not in row  # grades only, the text stays in ../shared
        # our notes are our own words: no eight-word run of the funder's text
        assert not grams(row.get("note", "")) & grams(texts[row["id"]]), row["id"]
