"""What Textual itself says, in German: the command palette, its 'nothing found', the theme picker;
the list's titles wrap instead of being cut (issue 14)."""

from __future__ import annotations

from textual.widgets import Input

from tests.tui.conftest import SIZE, settle


async def test_palette_and_theme_picker_speak_german(make):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert [i.placeholder for i in app.screen.query(Input)] == ["Befehl suchen …"]
        await pilot.press(*"qqxqq")
        await pilot.pause(1.0)  # Textual waits a moment before it says that nothing matched
        shown = " ".join(str(o.prompt) for o in app.screen.query_one("CommandList")._options)
        assert "Nichts gefunden" in shown and "No matches" not in shown
        await pilot.press("escape")
        app.action_change_theme()
        await pilot.pause()
        assert [i.placeholder for i in app.screen.query(Input)] == ["Farbschema suchen …"]


async def test_long_titles_wrap_to_two_lines_at_80_columns(make):
    from tui.screens.call_list import column

    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.screen.table
        titles = [table.get_row_at(n)[column("title")].plain for n in range(table.row_count)]
        assert any("\n" in t for t in titles)  # "Kommunale Integrationsnetzwerke gemeinsam steuern"
        assert all(len(line) <= 34 for t in titles for line in t.split("\n"))
        assert not any(t.endswith("…") for t in titles)  # the sample's titles fit in two lines
