"""The TUI's draft form checks who may apply before anything is written (issue 13 part 4)."""

from __future__ import annotations

from docx import Document

from tests.tui.conftest import SIZE, settle
from tests.tui.test_screens import open_call
from tui.messages import DraftDone


async def test_municipality_only_call_names_the_municipality_in_form_and_document(make, db, tmp_path):
    app = make()
    messages = []
    async with app.run_test(size=SIZE, message_hook=messages.append) as pilot:
        await settle(pilot)
        await open_call(pilot, "test-kommune-only")
        await pilot.press("e")
        await pilot.pause()
        draft = app.screen
        note = str(draft.query_one("#draft-check").content)
        assert "nur die Kommune beantragen" in note and "kooperationsvereinbarung" in note
        draft.template_select.value = "projektskizze"
        await pilot.pause()
        by_name = {f.name: f for f in draft.fields}
        profile = draft.kapp.profile
        kommune = profile.municipal_partners[0] if profile.municipal_partners else f"Stadt {profile.municipality}"
        assert by_name["antragsteller"].value == kommune and by_name["verbund_rolle"].value.startswith(
            "Kooperationspartner"
        )
        out = tmp_path / "skizze.docx"
        draft.out_input.value = str(out)
        await pilot.press("ctrl+g")
        await settle(pilot)
        done = [m for m in messages if isinstance(m, DraftDone)]
        assert done and any("nur die Kommune" in w for w in done[0].warnings)
    facts = {r.cells[0].text: r.cells[1].text for t in Document(out).tables for r in t.rows if len(r.cells) == 2}
    assert facts["Antragsteller"] == kommune and facts["Verbund"].startswith("Testverbund")


async def test_call_for_associations_shows_no_note(make):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_call(pilot, "test-nw-mso")
        await pilot.press("e")
        await pilot.pause()
        assert not app.screen.query_one("#draft-check").display
