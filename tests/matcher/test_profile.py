import pytest

from matcher.profile import BUNDLED_KEYS, ProfileError, load_profile, profile_from_dict, save_profile


@pytest.mark.parametrize("key", BUNDLED_KEYS)
def test_bundled_profiles_load(key):
    profile = load_profile(key)
    assert profile.key == key
    assert profile.fields_of_action and profile.target_groups and profile.self_description.strip()
    assert profile.land.startswith("DE-")
    assert profile.population and profile.population > 100_000


def test_known_facts_of_the_examples():
    vmdo, moin, vemo = load_profile("vmdo"), load_profile("moin"), load_profile("vemo")
    assert (vmdo.municipality, vmdo.land, vmdo.member_organisations, vmdo.founded) == ("Dortmund", "DE-NW", 60, 2008)
    assert "Haus der Vielfalt" in vmdo.self_description
    assert (moin.municipality, moin.land, moin.member_organisations, moin.placement_current) == (
        "Nürnberg",
        "DE-BY",
        12,
        1,
    )
    assert "Halle" in vemo.municipality_names() and vemo.land == "DE-ST"


def test_broken_toml_names_the_problem(tmp_path):
    path = tmp_path / "kaputt.toml"
    path.write_text('key = "x"\nname = "Ein Verbund\n', encoding="utf-8")
    with pytest.raises(ProfileError) as exc:
        load_profile(path)
    assert "kein gültiges TOML" in str(exc.value) and "Zeile 2" in str(exc.value)
    assert "Illegal" not in str(exc.value) and "Anführungszeichen" in str(exc.value)


def test_wrong_fields_get_german_messages(tmp_path):
    path = tmp_path / "falsch.toml"
    path.write_text(
        'key = "x"\nname = "Verbund X"\nmunicipality = "Ort"\nland = "Bayernland"\n'
        'member_organisations = -3\nfarbe = "blau"\n',
        encoding="utf-8",
    )
    with pytest.raises(ProfileError) as exc:
        load_profile(path)
    text = str(exc.value)
    assert "Land (land)" in text and "DE-NW" in text
    assert "Mitgliedsorganisationen (member_organisations) ist zu klein" in text
    assert "farbe ist kein bekanntes Feld" in text


@pytest.mark.parametrize(
    "written,code",
    [
        ("Sachsen-Anhalt", "DE-ST"),
        ("DE-ST", "DE-ST"),
        ("ST", "DE-ST"),
        ("st", "DE-ST"),
        ("Nordrhein-Westfalen", "DE-NW"),
        ("nordrhein westfalen", "DE-NW"),
        ("NRW", "DE-NW"),
        ("Baden-Wuerttemberg", "DE-BW"),
        ("Thüringen", "DE-TH"),
    ],
)
def test_land_by_name_or_code(written, code):
    data = {"key": "x", "name": "Verbund X", "municipality": "Ort", "land": written}
    assert profile_from_dict(data).land == code


def test_missing_required_field():
    with pytest.raises(ProfileError) as exc:
        profile_from_dict({"key": "x", "name": "Verbund X", "land": "DE-NW"})
    assert "Kommune (municipality) fehlt" in str(exc.value)


def test_save_and_load_round_trip(tmp_path):
    profile = load_profile("afropa")
    path = save_profile(profile, tmp_path / "kopie.toml")
    assert load_profile(path) == profile


def test_unknown_key_lists_known_ones():
    with pytest.raises(ProfileError) as exc:
        load_profile("gibtsnicht")
    assert "vmdo" in str(exc.value)
