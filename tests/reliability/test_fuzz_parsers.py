"""Property-based tests: every input to the German parsers, the importer and the profile loader
gets a value or a clear German problem, never an exception escaping to the user."""

from __future__ import annotations

import json
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corpus.deadlines import STATUSES, deadline_state, read_deadlines, stored_fields
from corpus.german import parse_amount, parse_euro
from corpus.importer import parse_lines
from matcher.profile import ProfileError, profile_from_dict

# Text that looks like the funders' German: digits, dots, month names, currency, percent, words.
GERMANISH = st.lists(
    st.sampled_from(
        list("0123456789.,–-/ %€")
        + [
            "Mai ",
            "März ",
            "bis ",
            "jährlich ",
            "zum ",
            "laufend",
            "Euro",
            "Eigenanteil ",
            "max. ",
            "Mio. ",
            "T€",
            "31.",
            "12.",
            "2027",
        ]
    ),
    max_size=30,
).map("".join)
ANY_TEXT = st.one_of(GERMANISH, st.text(max_size=200))


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(ANY_TEXT)
def test_deadline_parser_always_returns_a_well_formed_value(text):
    result = stored_fields(text)
    assert set(result) == {"dates", "recurring", "rolling"}
    assert all(isinstance(d, date) for d in result["dates"])
    assert result["dates"] == sorted(result["dates"])
    for key in result["recurring"]:
        month, day = int(key[:2]), int(key[3:])
        assert 1 <= month <= 12 and 1 <= day <= 31
    state = deadline_state(read_deadlines(text), date(2026, 12, 1))
    assert state.status in STATUSES
    assert state.deadline is None or state.deadline >= date(2026, 12, 1)


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(ANY_TEXT)
def test_amount_parser_always_returns_sane_numbers(text):
    result = parse_amount(text)
    assert set(result) == {"min_eur", "max_eur", "rate_pct", "own_share_pct"}
    for key in ("min_eur", "max_eur"):
        assert result[key] is None or result[key] > 0
    if result["min_eur"] is not None and result["max_eur"] is not None:
        assert result["min_eur"] <= result["max_eur"]
    for key in ("rate_pct", "own_share_pct"):
        assert result[key] is None or 0 < result[key] <= 100
    value = parse_euro(text)
    assert value is None or value >= 0


RECORD_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=30),
    st.lists(st.text(max_size=10), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)
RECORDS = st.dictionaries(
    st.sampled_from(
        [
            "id",
            "title",
            "funder",
            "level",
            "region",
            "url",
            "summary_de",
            "amount_text",
            "deadline_text",
            "applicants",
            "funding_form",
            "labels",
            "extra",
        ]
    ),
    st.one_of(RECORD_VALUES, st.sampled_from(["bund", "land", "DE", "DE-NW", "mo", "kommune", "projekt", "x"])),
)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(RECORDS.map(json.dumps), st.text(max_size=40)), max_size=6))
def test_import_lines_never_raise_and_account_for_every_line(lines):
    calls, problems = parse_lines(lines, "fuzz.jsonl")
    nonblank = [i for i, line in enumerate(lines, start=1) if line.strip()]
    # every non-blank line ends as a call or as at least one numbered problem row
    for p in problems:
        assert p.line in nonblank and p.message
    duplicate_notice = "kommt schon in Zeile"
    fatal = {p.line for p in problems if duplicate_notice not in p.message}
    kept_lines = [n for n in nonblank if n not in fatal]
    kept_ids = {str(json.loads(lines[n - 1])["id"]).strip() for n in kept_lines}
    assert {c.id for c in calls} == kept_ids
    assert len(calls) == len(kept_ids)


PROFILE_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-10, 5000),
    st.floats(allow_nan=True),
    st.text(max_size=20),
    st.lists(st.one_of(st.text(max_size=10), st.integers()), max_size=3),
)
PROFILES = st.dictionaries(
    st.sampled_from(
        [
            "key",
            "name",
            "municipality",
            "land",
            "member_organisations",
            "founded",
            "fields_of_action",
            "placement_current",
            "placement_goal",
            "own_funds_eur",
            "non_profit",
            "tippfehler",
        ]
    ),
    st.one_of(PROFILE_VALUES, st.sampled_from(["vmdo", "DE-NW", "Dortmund", "DE-XX"])),
)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(PROFILES)
def test_profile_data_gives_a_profile_or_german_problems_naming_fields(data):
    try:
        profile = profile_from_dict(data, "fuzz.toml")
    except ProfileError as exc:
        assert exc.problems
        for problem in exc.problems:
            assert problem.startswith("Feld ")
    else:
        assert profile.land.startswith("DE-")


# -- profile files as a person writes them: TOML text, not only dicts --------------------------
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402

import tomli_w  # noqa: E402
from click.testing import CliRunner  # noqa: E402

from matcher.profile import load_profile  # noqa: E402
from tui.cli import main as kulisse_main  # noqa: E402

GOOD_PROFILE = 'key = "fuzz"\nname = "Fuzz-Verbund"\nmunicipality = "Dortmund"\nland = "DE-NW"\n'
TOML_SNIPPETS = st.sampled_from(
    [
        GOOD_PROFILE,
        "[",
        "]]",
        "key = ",
        'key = "vmdo"',
        "land = 'DE-XX'",
        "founded = 1850",
        "founded = 2000-01-01",
        "fields_of_action = [1, 2]",
        "fields_of_action = ['Sport']",
        "[staff]\nx = 1",
        "own_funds_eur = -1",
        "own_funds_eur = inf",
        "own_funds_eur = nan",
        "placement_goal = 9",
        "non_profit = 'ja'",
        "\x00",
        "\ufeff",
        'name = """\nmehrzeilig\n"""',
        'key = "a"\nkey = "b"',
        "population = 99999999999999999999",
        "applicant_types = ['verbund', 'raumschiff']",
        "member_organisations = 1e400",
        "# Kommentar",
    ]
)
TOML_TEXT = st.one_of(
    st.lists(TOML_SNIPPETS, max_size=8).map("\n".join),
    st.text(max_size=200),
    PROFILES.map(
        lambda d: (
            tomli_w.dumps({k: v for k, v in d.items() if v is not None})
            if all(not isinstance(v, float) or v == v for v in d.values())
            else ""
        )
    ),
)


def _profile_outcome(path: Path):
    try:
        return load_profile(path)
    except ProfileError as exc:
        assert exc.problems and all(isinstance(p, str) and p for p in exc.problems)
        assert str(exc).startswith("Profil ")
        return None


@settings(max_examples=250, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(TOML_TEXT)
def test_profile_toml_text_gives_a_profile_or_german_problems(text):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "verbund.toml"
        path.write_text(text, encoding="utf-8")
        profile = _profile_outcome(path)
        if profile is not None:
            assert profile.land.startswith("DE-") and profile.key


@settings(max_examples=100, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.binary(max_size=300))
def test_profile_file_with_random_bytes_gives_a_clear_problem(data):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "verbund.toml"
        path.write_bytes(data)
        _profile_outcome(path)


def test_the_good_profile_text_is_accepted():
    """The snippet the fuzzer mixes in is itself valid, so the strategy reaches the happy path."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "verbund.toml"
        path.write_text(GOOD_PROFILE, encoding="utf-8")
        assert load_profile(path).municipality == "Dortmund"


# -- the CLI entry: `kulisse import` of random files never shows a traceback -------------------
GOOD_LINE = json.dumps(
    {"id": "fuzz-1", "title": "Titel", "level": "bund", "region": "DE", "summary_de": "Text des Aufrufs."}
).encode()
IMPORT_BYTES = st.one_of(
    st.binary(max_size=400),
    st.lists(
        st.one_of(
            st.just(GOOD_LINE),
            st.binary(max_size=60),
            RECORDS.map(lambda r: json.dumps(r).encode()),
            st.sampled_from(
                [
                    b"\xef\xbb\xbf",
                    b"\r\n",
                    b"{}",
                    b"[]",
                    b"null",
                    b'{"id": 1}',
                    b"\xff\xfe",
                    b'{"id": "x", "title": "\\ud800"}',
                ]
            ),
        ),
        max_size=6,
    ).map(b"\n".join),
)


@settings(
    max_examples=120, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture], deadline=None
)
@given(IMPORT_BYTES)
def test_kulisse_import_of_random_bytes_never_shows_a_traceback(data):
    with tempfile.TemporaryDirectory() as folder:
        src, db = Path(folder) / "eingabe.jsonl", Path(folder) / "k.sqlite"
        src.write_bytes(data)
        result = CliRunner().invoke(kulisse_main, ["import", str(src), "--db", str(db)])
        output = result.output + (result.stderr if result.stderr_bytes is not None else "")
        assert result.exit_code in (0, 1), (result.exit_code, output)
        assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
        assert "Traceback" not in output and "Unerwarteter Fehler" not in output
        if result.exit_code == 1:
            assert "Übersprungen" in output or "Nichts importiert" in output
