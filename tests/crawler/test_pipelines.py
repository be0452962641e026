import pytest
from scrapy.exceptions import DropItem

from crawler.items import CallItem
from crawler.pipelines.clean_strings import CleanStringsPipeline
from crawler.pipelines.validate import ValidateCallPipeline
from crawler.spiders.bra_kfi_nw import BraKfiNwSpider
from tests.crawler.helpers import make_spider, stat


def test_clean_strings_counts_changes():
    spider = make_spider(BraKfiNwSpider)
    item = CallItem(title="  Förder\u00adung &amp; mehr \x02", summary_de="a\n\n  b  ")
    CleanStringsPipeline.from_crawler(spider.crawler).process_item(item, spider)
    assert item.title == "Förderung & mehr" and item.summary_de == "a\nb"
    assert stat(spider, "kulisse/clean/title") == 1


def test_validator_rejects_and_counts_with_german_reason():
    spider = make_spider(BraKfiNwSpider)
    pipe = ValidateCallPipeline.from_crawler(spider.crawler)
    with pytest.raises(DropItem, match="Titel fehlt"):
        pipe.process_item(CallItem(id="x:1", level="land", summary_de="Text"), spider)
    with pytest.raises(DropItem, match="Region ungültig"):
        pipe.process_item(CallItem(id="x:2", title="T", level="land", region="XX", summary_de="Text"), spider)
    assert stat(spider, "kulisse/dropped") == 2 and stat(spider, "kulisse/dropped/Titel fehlt") == 1
    call = pipe.process_item(
        CallItem(
            id="x:3",
            title="T",
            level="land",
            region="DE-NW",
            summary_de="S",
            deadline_text="laufend",
            deadlines={"text": "laufend", "dates": [], "recurring": [], "rolling": True},
        ),
        spider,
    )
    assert call.deadlines.rolling and call.source == "bra_kfi_nw"
