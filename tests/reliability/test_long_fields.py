"""Long fields (issue 17, item 2): a 40,000-character or 1 MB title must not hang anything.

Before: ``split_compound`` stemmed every tail of a long word (quadratic), the amount patterns
backtracked over digit runs (4,000 digits: 11 s), every dense passage repeated the whole title,
and the importer took any size. Work is measured where it can be counted (characters handed to
the embedder); elsewhere the time limits are generous (10× what the fixed code needs here).
"""

from __future__ import annotations

import json
import time
from datetime import date

import pytest

from corpus.importer import parse_lines
from corpus.model import call_from_record
from matcher.indexes import ensure_indexes
from matcher.profile import load_profile
from matcher.ranking import rank
from tests.reliability.helpers import WordHashEmbedder, kulisse, synthetic_record

TODAY = date(2026, 12, 1)
WORD_40K = "Integrationskonzept" * (40_000 // 19)  # one "word": what made the \w* patterns quadratic
WORDS_1MB = "Integrationskonzept der Kommune " * (1_000_000 // 32)


def _line(**fields) -> str:
    return json.dumps(synthetic_record(7) | fields, ensure_ascii=False)


@pytest.mark.parametrize("title", [WORD_40K, WORDS_1MB], ids=["40k-word", "1MB-words"])
def test_import_refuses_an_overlong_title_per_line(title):
    lines = [json.dumps(synthetic_record(1)), _line(title=title), json.dumps(synthetic_record(2))]
    started = time.perf_counter()
    calls, problems = parse_lines(lines, "lang.jsonl")
    assert time.perf_counter() - started < 5
    assert [c.id for c in calls] == ["synth-00001", "synth-00002"]  # the rest is imported
    assert len(problems) == 1 and problems[0].line == 2 and problems[0].field == "title"
    assert "zu lang" in problems[0].message and "höchstens 500" in problems[0].message


def test_import_cli_reports_the_line_and_imports_the_rest(tmp_path):
    src = tmp_path / "lang.jsonl"
    src.write_text(
        "\n".join(
            [_line(title=WORDS_1MB), json.dumps(synthetic_record(3)), _line(id="x-2", summary_de="Wort " * 30_000)]
        )
        + "\n",
        encoding="utf-8",
    )
    db = tmp_path / "k.sqlite"
    result = kulisse("import", src, "--db", db)
    assert result.returncode == 1, result.stderr
    assert "Zeile 1 [title]" in result.stderr and "zu lang (1.000.000 Zeichen, höchstens 500)" in result.stderr
    assert "Unerwarteter Fehler" not in result.stderr and "Traceback" not in result.stderr
    assert "2 Aufrufe importiert" in result.stdout  # a 150,000-char summary is within its limit


def test_the_model_truncates_what_bypasses_the_importer():
    """The crawler and old databases reach the model without the importer's check."""
    from corpus.clean import LIMITS

    call = call_from_record(synthetic_record(4) | {"title": WORDS_1MB, "summary_de": "a" * 300_000})
    assert len(call.title) <= LIMITS["title"] and call.title.endswith("…")
    assert len(call.summary_de) <= LIMITS["summary_de"]


def test_amount_and_deadline_texts_parse_in_linear_time():
    from corpus.deadlines import stored_fields
    from corpus.german import parse_amount

    for text in ("1" * 200_000, "1.000 " * 30_000, "1" + " " * 100_000 + "x", "1,5" * 50_000, "31.12. " * 30_000):
        for parse in (parse_amount, stored_fields):
            started = time.perf_counter()
            parse(text)
            assert time.perf_counter() - started < 5, (parse.__name__, text[:20])


class CountingEmbedder(WordHashEmbedder):
    def __init__(self):
        self.chars = 0

    def __call__(self, texts):
        self.chars += sum(len(t) for t in texts)
        return super().__call__(texts)


def test_index_embeds_the_title_once_not_per_passage():
    """Work, not time: the characters handed to the embedder stay close to the call's text."""
    record = synthetic_record(5) | {
        "title": "Wort " * 99 + "Ende",
        "summary_de": "Satz mit fünf Wörtern hier. " * 4_000,
    }
    call = call_from_record(record)
    embed = CountingEmbedder()
    ensure_indexes([call], None, embed=embed)
    own = len(call.title) + len(call.summary_de)
    # 250 passages; a full 500-char title before each would be 125,000 characters more
    assert embed.chars < own + 60_000, (embed.chars, own)


@pytest.mark.parametrize("summary", [WORD_40K * 5, WORDS_1MB[:200_000]], ids=["200k-word", "200k-words"])
def test_index_and_rank_a_call_with_a_huge_text_in_bounded_time(summary):
    calls = [call_from_record(synthetic_record(n)) for n in range(5)]
    calls.append(call_from_record(synthetic_record(9) | {"title": WORD_40K[:500], "summary_de": summary}))
    started = time.perf_counter()
    index = ensure_indexes(calls, None, embed=WordHashEmbedder())
    results = rank(calls, load_profile("vmdo"), today=TODAY, include_ineligible=True, index=index)
    assert len(results) == 6
    assert time.perf_counter() - started < 20


def test_compound_splitting_skips_run_together_junk():
    from matcher.lexical import split_compound

    vocabulary = {"integration", "konzept", "integrationskonzept"}
    assert split_compound("integrationskonzept", vocabulary)
    started = time.perf_counter()
    assert split_compound("integrationskonzept" * 2_000, vocabulary) == []
    assert time.perf_counter() - started < 0.5


def test_the_crawler_keeps_a_call_with_an_overlong_title_cut_and_counted():
    from crawler.items import CallItem
    from crawler.pipelines.validate import ValidateCallPipeline
    from crawler.spiders.bra_kfi_nw import BraKfiNwSpider
    from tests.crawler.helpers import make_spider, stat

    spider = make_spider(BraKfiNwSpider)
    pipe = ValidateCallPipeline.from_crawler(spider.crawler)
    call = pipe.process_item(
        CallItem(id="x:1", title=WORDS_1MB, level="land", region="DE-NW", summary_de="Text"), spider
    )
    assert len(call.title) <= 500 and call.title.endswith("…")
    assert stat(spider, "kulisse/truncated/title") == 1
