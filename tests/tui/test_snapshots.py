"""SVG snapshots of the main screens (pixels second: the pilot tests assert behaviour first).

Update after an intended change: ``.venv/bin/python -m pytest tests/tui/test_snapshots.py --snapshot-update``
"""

from __future__ import annotations

from tests.tui.conftest import SIZE, settle


async def _ready(pilot) -> None:
    """Wait for the ranking worker, then drop toasts so every snapshot shows the same screen."""
    await settle(pilot)
    pilot.app.clear_notifications()
    await pilot.pause()


class TestCallList:
    def test_ranked_list(self, snap_compare, make):
        assert snap_compare(make(), terminal_size=SIZE, run_before=_ready)

    def test_co_steering_only(self, snap_compare, make):
        assert snap_compare(make(), press=["k"], terminal_size=SIZE, run_before=_ready)

    def test_status_dialog(self, snap_compare, make):
        assert snap_compare(make(), press=["s"], terminal_size=SIZE, run_before=_ready)


class TestCallDetail:
    def test_detail_with_evidence(self, snap_compare, make):
        assert snap_compare(make(), press=["enter"], terminal_size=SIZE, run_before=_ready)


class TestOtherScreens:
    def test_start(self, snap_compare, make):
        assert snap_compare(make(profile=None), terminal_size=SIZE)

    def test_profile_editor(self, snap_compare, make):
        assert snap_compare(make(), press=["p"], terminal_size=SIZE, run_before=_ready)

    def test_landscape(self, snap_compare, make):
        assert snap_compare(make(), press=["l"], terminal_size=SIZE, run_before=_ready)

    def test_sources(self, snap_compare, make):
        assert snap_compare(make(), press=["q"], terminal_size=SIZE, run_before=_ready)

    def test_draft_form(self, snap_compare, make):
        async def choose(pilot):
            await _ready(pilot)
            await pilot.press("e")
            await pilot.pause()
            pilot.app.screen.template_select.value = "projektskizze"
            await pilot.pause()
            pilot.app.screen.out_input.value = "entwurf.docx"  # the default path contains tmp_path
            await pilot.pause()

        assert snap_compare(make(), terminal_size=SIZE, run_before=choose)
