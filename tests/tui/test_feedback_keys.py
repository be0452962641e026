"""The TUI's share of issue 16: "weniger davon" on one key in the list, "Ähnliche Aufrufe" on a call."""

from __future__ import annotations

from corpus.labels import CallStatus
from tests.tui.conftest import SIZE, settle
from tui.screens.call_detail import CallDetailScreen
from tui.screens.call_list import CallListScreen
from tui.screens.similar import SimilarScreen
from tui.services import marks


async def test_minus_marks_weniger_davon_and_the_ranking_learns_from_it(make):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CallListScreen)
        first = screen.shown[0].call.id
        screen.table.move_cursor(row=0)
        await pilot.press("minus")
        await settle(pilot)
        assert marks.statuses(app.store, "testverbund")[first][0] == CallStatus.weniger_davon
        assert [(r["call_id"], r["profile"]) for r in app.store.status_rows()] == [(first, "testverbund")]
        eligible = [r for r in app.screen.items if r.eligible]
        assert eligible[-1].call.id == first  # the marked call itself goes to the end
        assert any("„weniger davon“" in x for x in eligible[-1].reasons)


async def test_similar_calls_from_the_detail_screen(make):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        item = app.screen.shown[0]
        app.screen.table.move_cursor(row=0)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CallDetailScreen)
        await pilot.press("a")
        await settle(pilot)
        similar = app.screen
        assert isinstance(similar, SimilarScreen)
        ids = [r.call.id for r in similar.items]
        assert ids and item.call.id not in ids and all(r.eligible for r in similar.items)
        assert similar.query_one("#similar").row_count == len(ids)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CallDetailScreen) and app.screen.item.call.id == ids[0]


async def test_marks_of_another_profile_do_not_reach_this_one_but_old_marks_do(make, db):
    from corpus.store import Store

    plain = make()
    async with plain.run_test(size=SIZE) as pilot:
        await settle(pilot)
        order = [r.call.id for r in plain.screen.items]
    first, second = order[0], order[1]
    with Store(db) as store:
        store.set_status(first, CallStatus.nicht_fuer_uns, "", profile="vmdo")  # another profile's mark
        store.set_status(second, CallStatus.interessant, "vor dem Update gesetzt")  # for every profile
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert [r.call.id for r in screen.items if r.call.id != second][0] == first  # vmdo's mark: no effect
        second_item = next(r for r in screen.items if r.call.id == second)
        assert any("von Ihnen als passend markiert" in x for x in second_item.reasons)
        assert not any("markiert" in x for r in screen.items if r.call.id == first for x in r.reasons)
        assert marks.statuses(app.store, "testverbund")[second][0] == CallStatus.interessant
        assert first not in marks.statuses(app.store, "testverbund")
