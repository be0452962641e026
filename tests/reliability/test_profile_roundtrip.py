"""Saving a profile in the TUI keeps what the person wrote (issue 17, item 8).

Before: saving without any edit dropped ``population`` and every comment, split the partner
"Stadt Halle (Saale), Fachbereich Integration" in two and wrote 5000 as 5000.0. Now an unedited
profile is written back byte for byte, an edit changes only its own line, the previous file is
kept as ``.bak``, and a profile that starts with a BOM loads.
"""

from __future__ import annotations

import asyncio
import difflib

import pytest

from tests.tui.conftest import TODAY, build_db

PROFILE = """\
# Profil des Verbunds – von Hand gepflegt, bitte Kommentare erhalten
key = "halle-test"
name = "Verbund der Migrantenorganisationen Halle e. V."  # Kurzname VeMo
municipality = "Halle (Saale)"
land = "Sachsen-Anhalt"
population = 242000  # Einwohner laut Statistik 2025

# Partner in der Verwaltung
municipal_partners = ["Stadt Halle (Saale), Fachbereich Integration", "Jobcenter Halle"]
fields_of_action = ["Bildung", "Seniorenarbeit", "Elternarbeit"]
target_groups = ["Geflüchtete", "ältere Migrantinnen und Migranten"]
own_funds_eur = 5000
member_organisations = 21
founded = 2008
staff = "1 Koordinatorin"
"""


@pytest.fixture
def env(tmp_path, monkeypatch):
    monkeypatch.setenv("KULISSE_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("KULISSE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("KULISSE_DB", raising=False)
    return build_db(tmp_path / "k.sqlite")


def _save_in_editor(db, path, edits: dict[str, str]) -> None:
    """Open the TUI on ``path``, open the profile editor ("p"), apply ``edits``, Strg+S."""
    from tui.app import make_app

    async def scenario():
        app = make_app(db, str(path), TODAY, use_model=False)
        async with app.run_test(size=(140, 40)) as pilot:
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.press("p")
            await pilot.pause()
            editor = app.screen
            assert type(editor).__name__ == "ProfileEditorScreen"
            for name, value in edits.items():
                editor.query_one(f"#p-{name}").value = value
            await pilot.press("ctrl+s")
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert app.screen is not editor  # saved: the editor closed (a problem keeps it open)

    asyncio.run(scenario())


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"], ids=["plain", "bom"])
def test_saving_without_edits_keeps_the_file_byte_for_byte(env, tmp_path, bom):
    path = tmp_path / "halle.toml"
    original = bom + PROFILE.encode("utf-8")
    path.write_bytes(original)
    _save_in_editor(env, path, {})
    assert path.read_bytes() == original
    assert (tmp_path / "halle.toml.bak").read_bytes() == original


def test_an_edit_changes_only_its_line(env, tmp_path):
    from matcher.profile import load_profile

    path = tmp_path / "halle.toml"
    path.write_text(PROFILE, encoding="utf-8")
    _save_in_editor(env, path, {"staff": "2 Koordinatorinnen", "own_funds_eur": "6.500"})
    after = path.read_text(encoding="utf-8")
    changed = [
        line
        for line in difflib.unified_diff(PROFILE.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    assert sorted(changed) == sorted(
        [
            "-own_funds_eur = 5000",
            "+own_funds_eur = 6500",
            '-staff = "1 Koordinatorin"',
            '+staff = "2 Koordinatorinnen"',
        ]
    ), changed
    profile = load_profile(path)
    assert profile.population == 242000
    assert profile.municipal_partners == ["Stadt Halle (Saale), Fachbereich Integration", "Jobcenter Halle"]
    assert (tmp_path / "halle.toml.bak").read_text(encoding="utf-8") == PROFILE


def test_partner_list_with_commas_is_edited_with_semicolons(env, tmp_path):
    from matcher.profile import load_profile

    path = tmp_path / "halle.toml"
    path.write_text(PROFILE, encoding="utf-8")
    _save_in_editor(
        env, path, {"municipal_partners": "Stadt Halle (Saale), Fachbereich Integration; Jobcenter Halle; Sozialamt"}
    )
    assert load_profile(path).municipal_partners == [
        "Stadt Halle (Saale), Fachbereich Integration",
        "Jobcenter Halle",
        "Sozialamt",
    ]
    assert "# Partner in der Verwaltung" in path.read_text(encoding="utf-8")


def test_a_profile_with_a_bom_loads(tmp_path):
    from matcher.profile import load_profile

    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + PROFILE.encode("utf-8"))
    assert load_profile(path).key == "halle-test"
