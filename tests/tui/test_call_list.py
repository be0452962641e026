"""The ranked list: stored ranking at once, fresh ranking from the worker, filters, search, status."""

from __future__ import annotations

import json
import threading

from corpus.labels import CallStatus
from corpus.store import Store
from tests.tui.conftest import SIZE, TODAY, settle
from tui.messages import RankingDone, StatusChanged
from tui.screens.call_list import CallListScreen, column
from tui.services import marks, profiles, rankings


def ids(screen: CallListScreen) -> list[str]:
    return [r.call.id for r in screen.shown]


async def test_stored_ranking_shows_before_the_worker_finishes(make, db, monkeypatch):
    with Store(db) as store:
        profile = profiles.load_profile("testverbund")
        stored = rankings.fallback_ranking(store, profile, TODAY)
        stored.items.reverse()  # an order no ranker would produce: proves it came from the store
        for n, item in enumerate(stored.items, 1):
            item.rank = n
        stored.method = "gespeichert im Test"
        rankings.save_ranking(store, "testverbund", stored)
        expected = [i.call.id for i in stored.items if i.eligible]

    release = threading.Event()
    real = rankings.compute_ranking

    def slow(*args, **kw):
        release.wait(10)
        return real(*args, **kw)

    monkeypatch.setattr(rankings, "compute_ranking", slow)
    messages = []
    app = make()
    async with app.run_test(size=SIZE, message_hook=messages.append) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CallListScreen)
        assert ids(screen) == expected
        assert "gespeicherte Rangfolge" in str(screen.info.render())
        assert screen.busy_indicator.display
        release.set()
        await settle(pilot)
        done = [m for m in messages if isinstance(m, RankingDone)]
        # the hook sees a message at every pump it passes through: count distinct messages
        assert len({id(m) for m in done}) == 1 and done[0].profile_key == "testverbund"
        # the matcher's order replaced the stored one; the co-steering call is near the top (the
        # learned ranking puts the well-fitting programme of the own Land just before it)
        fresh = [r.call.id for r in real(db, profiles.load_profile("testverbund"), TODAY, use_model=False).items]
        assert ids(screen)[0] == fresh[0] and "test-bund-kosteuerung" in ids(screen)[:2]
        assert not screen.busy_indicator.display
    with Store(db) as store:
        saved = json.loads(store.get_meta("ranking:testverbund"))
    assert saved["items"][0]["id"] == fresh[0]


async def test_first_start_without_stored_ranking_then_matcher(make):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert "Matcher" in str(screen.info.render())
        # ineligible calls (wrong Land, municipalities only, deadline passed) are hidden by default
        assert "test-by-preis" not in ids(screen) and "test-nw-abgelaufen" not in ids(screen)
        assert all(r.eligible for r in screen.shown)
        await pilot.click("#f-all")
        await pilot.pause()
        assert len(screen.shown) == 8


async def test_co_steering_filter_sort_and_search(make):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        everything = ids(screen)
        await pilot.press("k")
        await pilot.pause()
        assert ids(screen) == ["test-bund-kosteuerung"]
        await pilot.press("k", "o")
        await pilot.pause()
        days = [r.days_left if r.days_left is not None else 10**6 for r in screen.shown]
        assert days == sorted(days) and set(ids(screen)) == set(everything)
        await pilot.press("slash")
        await pilot.press(*"nachbarschaft")
        await pilot.pause()
        assert ids(screen) == ["test-stiftung-nachbarschaft"]
        await pilot.press("enter", "x")
        await pilot.pause()
        assert set(ids(screen)) == set(everything) and screen.search.value == ""


async def test_select_filters_level_region_form_deadline(make):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        screen.query_one("#f-all").value = True
        screen.query_one("#f-level").value = "land"
        await pilot.pause()
        assert set(ids(screen)) == {
            "test-nw-mso",
            "test-kommune-only",
            "test-by-preis",
            "test-sn-struktur",
            "test-nw-abgelaufen",
        }
        screen.query_one("#f-region").value = "DE-NW"
        await pilot.pause()
        assert set(ids(screen)) == {"test-nw-mso", "test-kommune-only", "test-nw-abgelaufen"}
        screen.query_one("#f-form").value = "institutionell"
        await pilot.pause()
        assert ids(screen) == ["test-kommune-only"]
        await pilot.press("x")
        screen.query_one("#f-deadline").value = "14"  # 20.12.2026 (Bayern) is 19 days away: out
        await pilot.pause()
        assert ids(screen) == []
        screen.query_one("#f-deadline").value = "30"
        screen.query_one("#f-all").value = True
        await pilot.pause()
        assert set(ids(screen)) == {"test-kommune-only", "test-by-preis"}


async def test_status_dialog_saves_status_and_note(make, db):
    app = make()
    messages = []
    async with app.run_test(size=SIZE, message_hook=messages.append) as pilot:
        await settle(pilot)
        screen = app.screen
        first = screen.current_item.call.id
        await pilot.press("s")
        await pilot.pause()
        assert type(app.screen).__name__ == "StatusDialog"
        await pilot.press("down", "enter")  # from "neu" to "interessant"
        app.screen.note_input.value = "Frau K. prüft bis Freitag"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        row = screen.table.get_row(first)
        assert row[column("status")].plain == "interessant"
        changed = [m for m in messages if isinstance(m, StatusChanged)]
        assert changed and (changed[0].call_id, changed[0].status) == (first, "interessant")
        screen.query_one("#f-status").value = "interessant"
        await pilot.pause()
        assert ids(screen) == [first]
    with Store(db) as store:  # the mark belongs to the profile shown, not to every profile
        assert store.statuses("testverbund")[first] == (CallStatus.interessant, "Frau K. prüft bis Freitag")
        assert first not in store.statuses() and first not in store.statuses("vmdo")


async def test_palette_offers_every_action_of_the_list(make):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        titles = {c.title for c in app.get_system_commands(app.screen)}
        wanted = {b.description for b in CallListScreen.BINDINGS if b.description}
        assert wanted <= titles
        assert {"Beenden", "Status", "Landschaft", "Quellen", "Entwurf"} <= titles


async def test_near_deadline_is_highlighted(make):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        screen.query_one("#f-all").value = True
        await pilot.pause()
        near = screen.table.get_row("test-by-preis")[column("deadline")]  # 19 days: yellow
        far = screen.table.get_row("test-bund-kosteuerung")[column("deadline")]
        assert "yellow" in str(near.style) and "(19 T.)" in near.plain
        assert str(far.style) in ("", "none")


async def test_a_locked_database_becomes_a_german_notification_not_a_crash(make, monkeypatch):
    from corpus.store import StoreError

    def locked(*args, **kw):
        raise StoreError("Die Datenbank wird gerade von einem anderen Kulisse-Prozess beschrieben.")

    monkeypatch.setattr(marks, "set_status", locked)
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("s", "down", "enter", "ctrl+s")
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, CallListScreen)
        notes = [n for n in app._notifications]
        assert any(n.title == "Status nicht gespeichert" and "anderen Kulisse-Prozess" in n.message for n in notes)


async def test_palette_command_runs_the_action(make):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Landschaft")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "LandscapeScreen"


async def test_labels_from_the_worker_show_before_the_ranking(make, db, monkeypatch, tmp_path):
    from tests.tui.conftest import build_db

    unlabelled = build_db(tmp_path / "ohne-labels.sqlite", labelled=False)
    release = threading.Event()
    real = rankings.compute_ranking
    monkeypatch.setattr(rankings, "compute_ranking", lambda *a, **kw: (release.wait(10), real(*a, **kw))[1])
    app = make(db=unlabelled)
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(100):  # the classifier runs first in the worker
            await pilot.pause(0.05)
            if all(r.call.labels is not None for r in app.screen.shown):
                break
        screen = app.screen
        assert all(r.call.labels is not None for r in screen.shown)
        assert "?" not in [screen.table.get_row(r.call.id)[column("ks")].plain for r in screen.shown]
        release.set()
        await settle(pilot)
