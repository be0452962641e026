from crawler.health import assess


def test_clean_run_is_healthy():
    h = assess({"kulisse/items/written": 20, "kulisse/errors/http_404": 1}, 21)
    assert h.status == "ok" and h.mark_gone_allowed


def test_collapse_against_previous_run_is_unhealthy():
    h = assess({"kulisse/items/written": 2}, 40)
    assert h.status == "unhealthy" and not h.mark_gone_allowed
    assert "nur 2 statt zuletzt 40" in h.reasons[0]


def test_bot_page_and_markup_and_timeouts_are_errors():
    for stats in (
        {"kulisse/errors/bot_protection": 1},
        {"kulisse/errors/markup": 3},
        {"kulisse/errors/timeout": 1},
        {"kulisse/errors/http_500": 2},
    ):
        h = assess({"kulisse/items/written": 5, **stats}, 5)
        assert h.status == "unhealthy", stats
    assert assess({"kulisse/items/written": 0, "kulisse/errors/not_a_zip": 1}, None).status == "failed"


def test_early_stop_is_unhealthy():
    assert assess({"kulisse/items/written": 9}, 9, finish_reason="closespider_errorcount").status == "unhealthy"
