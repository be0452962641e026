"""The place reader (matcher.places) and what it does to eligibility and the ranking."""

import json
from datetime import date

import numpy as np
import pytest
from click.testing import CliRunner

from corpus.seed import snapshot_calls
from corpus.store import Store
from matcher.eligibility import check
from matcher.places import host_place, local_cue, place_key, read_places
from matcher.profile import load_profile
from tests.matcher.matcher_helpers import HashEmbedder, make_call

TODAY = date(2026, 3, 1)
VMDO = load_profile("vmdo")
VKI = load_profile("vki")


def _local(
    summary="Kleine Projekte.",
    *,
    funder="Stiftung Gemeinsinn",
    title="Projektförderung",
    level="stiftung",
    region="DE-NW",
    url="https://example.org/foerderung",
):
    return make_call("x", title, summary, funder=funder, level=level, region=region, url=url)


def _names(call):
    return [p.name for p in read_places(call)]


@pytest.mark.parametrize(
    "funder, expected",
    [
        ("Stadt Mönchengladbach", "Mönchengladbach"),
        ("Landeshauptstadt Dresden, Amt für Kultur", "Dresden"),
        ("Bürgerstiftung Dresden", "Dresden"),
        ("Landkreis Görlitz, Sozialamt", "Görlitz"),
        ("Stadt Halle (Saale), Fachbereich Soziales", "Halle (Saale)"),
        ("Stiftungsverwaltung der Stadt Nürnberg", "Nürnberg"),
        ("Stiftung der Sparkasse Wittenberg", "Wittenberg"),
        ("Dortmunder Verein für Nachbarschaft (Dortmund)", "Dortmund"),
        ("Gemeinde Weinheim", "Weinheim"),
    ],
)
def test_place_from_the_funder(funder, expected):
    assert _names(_local(funder=funder, level="kommune"))[0] == expected


@pytest.mark.parametrize(
    "summary, expected",
    [
        ("Die Stiftung fördert soziale Projekte für Menschen in Mönchengladbach.", "Mönchengladbach"),
        ("Gefördert werden Vereine in Bochum, die sich um Jugendliche kümmern.", "Bochum"),
        ("Unterstützt werden Projekte in Dortmund und Umgebung.", "Dortmund"),
        ("Die Mittel gehen an Initiativen im Stadtgebiet von Leipzig.", "Leipzig"),
        ("Antragsberechtigt sind Träger mit Sitz in Chemnitz.", "Chemnitz"),
        ("Gefördert werden Vorhaben im Landkreis Bautzen.", "Bautzen"),
        ("Die Stiftung will das Engagement in ihrer Heimatstadt Krefeld stärken.", "Krefeld"),
        ("Für Familien, die in der Stadt Essen leben.", "Essen"),
        ("Hilfe für Menschen aus Halle und dem Saalekreis.", "Halle"),
        ("Unterstützt werden Bürgerinnen und Bürger der Stadt Gelsenkirchen.", "Gelsenkirchen"),
        ("Antragsberechtigt sind Vereine aus Bielefeld.", "Bielefeld"),
        ("Die Stiftung hilft Familien in Leipzig und Umgebung.", "Leipzig"),
        ("Gefördert wird das Engagement in Wuppertal.", "Wuppertal"),
        ("Zuschüsse erhalten Initiativen, die in Kiel tätig sind, und Vereine in Kiel.", "Kiel"),
    ],
)
def test_place_from_german_phrasings_in_the_text(summary, expected):
    assert _names(_local(summary))[0] == expected


def test_phrases_that_name_no_place():
    for summary in (
        "Die Stiftung hilft Menschen in Not und Menschen in Armut.",
        "Gefördert werden Projekte in Kooperation mit Schulen.",
        "Ein gemeinsames Essen in der Halle gehört dazu.",
        "Projekte in Deutschland und Europa.",
    ):
        assert _names(_local(summary)) == [], summary


def test_seat_in_brackets_counts_when_the_text_confirms_it():
    # "Verden" is in no list of towns: the text names it, so it is the place
    call = _local("Unterstützt werden Vereine in Verden.", funder="Kleine Stiftung (Verden)")
    assert _names(call) == ["Verden"]
    assert _names(_local("Projekte.", funder="Bayerische Stiftung (Soziallotterie)", region="DE-BY")) == []


def test_a_land_foundation_with_a_seat_is_not_local():
    # its seat and the towns it names as examples restrict nothing
    wide = _local(
        "Die Stiftung mit Sitz in Düsseldorf fördert landesweit Projekte, etwa in Köln und Dortmund.",
        funder="Landesstiftung Miteinander (Düsseldorf)",
    )
    assert _names(wide) == []
    assert check(wide, VMDO, TODAY).eligible and check(wide, VMDO, TODAY).penalty == 0
    seat_only = _local("Gefördert werden Vereine und Initiativen.", funder="Stiftung Gemeinwohl, Düsseldorf")
    assert _names(seat_only) == []


def test_place_from_the_web_address():
    assert host_place("https://www.dortmund.de/foerderung") == "Dortmund"
    assert host_place("https://www2.moenchengladbach.de/x") == "Mönchengladbach"
    assert host_place("https://buergerstiftung-dresden.de/") == "Dresden"
    assert host_place("https://aktion-mensch.de/") is None
    assert host_place("not a url") is None
    assert host_place("https://www.stadt-koeln.de/leben") == "Köln"
    assert host_place("https://bochum.example.com/") is None  # only German addresses name a town
    call = _local(
        "Zuschüsse für Vereine.", funder="Amt für Integration", level="kommune", url="https://www.dortmund.de/zuschuss"
    )
    assert [(p.name, p.source) for p in read_places(call)] == [("Dortmund", "Webadresse")]


def test_nationwide_and_land_calls_have_no_place():
    assert _names(_local("Projekte in Essen.", funder="Stiftung Mercator GmbH, Essen", region="DE")) == []
    assert _names(make_call("l", "Landesprogramm", "Menschen in Düsseldorf.", level="land", region="DE-NW")) == []


def test_keys_fold_spellings():
    assert place_key("Mönchengladbach") == place_key("Moenchengladbach") == "moenchengladbach"
    assert place_key("Halle (Saale)") == place_key("Halle") == "halle"
    assert place_key("Frankfurt am Main") == "frankfurt"


def test_local_call_of_another_town_is_out_with_a_german_reason():
    call = _local(
        "Die Stiftung will das Engagement in ihrer Heimatstadt stärken und hilft Menschen in Mönchengladbach.",
        funder="Schaffrath Stiftung (Mönchengladbach)",
    )
    result = check(call, VMDO, TODAY)
    why = " | ".join(result.reasons())
    assert not result.eligible
    assert "örtliche Förderung für Mönchengladbach" in why and "nicht für Dortmund" in why
    assert "passt zum Sitz in Dortmund" not in why
    mine = check(call, VKI, TODAY)
    assert mine.eligible and "Programm für Mönchengladbach" in " | ".join(mine.reasons())


def test_unknown_place_of_a_local_call_is_a_soft_penalty():
    call = _local("Die Bürgerstiftung fördert Projekte in ihrer Heimatstadt.", funder="Bürgerstiftung unserer Stadt")
    result = check(call, VMDO, TODAY)
    assert local_cue(call) and read_places(call) == []
    assert result.eligible and result.penalty >= 0.3
    assert "Ort nicht erkennbar" in " | ".join(result.reasons())
    municipal = _local("Zuschüsse für Vereine.", funder="Amt für Integration", level="kommune")
    assert check(municipal, VMDO, TODAY).penalty >= 0.3


def test_unknown_place_is_named_among_the_reasons_of_a_ranked_call():
    from matcher.ranking import rank
    from tests.matcher.matcher_helpers import sample_calls

    call = _local(
        "Die Bürgerstiftung fördert Projekte von Vereinen in ihrer Heimatstadt.", funder="Bürgerstiftung unserer Stadt"
    )
    results = rank(sample_calls() + [call], VMDO, today=TODAY, method="lexical")
    [mine] = [r for r in results if r.call.id == "x"]
    assert mine.eligible and any("Ort nicht erkennbar" in r for r in mine.reasons)


def test_vector_path_agrees_with_the_readable_rules_on_places():
    from matcher.features import build_table, vector_scores
    from matcher.ranking import scalar_score

    calls = [
        _local("Hilfe für Menschen in Mönchengladbach.", funder="Schaffrath Stiftung (Mönchengladbach)"),
        _local(
            "Vereine im Stadtgebiet.", funder="Amt für Integration", level="kommune", url="https://www.dortmund.de/x"
        ),
        _local("Vereine.", funder="Amt für Integration", level="kommune"),
        _local("Projekte in ihrer Heimatstadt.", funder="Bürgerstiftung unserer Stadt"),
        _local("Projekte in Dortmund.", funder="Stadt Dortmund", level="kommune"),
        _local("Zuschüsse.", funder="Stadt Halle (Saale)", level="kommune", region="DE-ST"),
        _local("Zuschüsse für Vereine in Dortmund.", funder="Amt für Integration", level="kommune"),
    ]
    table = build_table(calls)
    relevance = np.linspace(0.1, 0.9, len(calls))
    for key in ("vmdo", "vki", "moin", "afropa", "vemo"):
        profile = load_profile(key)
        scores, eligible = vector_scores(table, relevance, profile, TODAY)
        for n, call in enumerate(calls):
            score, elig, _ = scalar_score(call, profile, TODAY, float(relevance[n]))
            assert elig.eligible == bool(eligible[n]), (key, n)
            assert abs(score - scores[n]) < 1e-9, (key, n)


@pytest.fixture
def snapshot_db(tmp_path, monkeypatch):
    monkeypatch.setattr("matcher.embedding.embed", HashEmbedder())
    monkeypatch.setattr("matcher.embedding.model_name", lambda: "hash-test-embedder")
    path = tmp_path / "k.sqlite"
    with Store(path) as store:
        store.upsert_many(snapshot_calls()[0])
    return path


def _match(db, profile):
    from tui.cli import main

    result = CliRunner().invoke(
        main, ["match", "--profile", profile, "--db", str(db), "--today", "2026-03-01", "--format", "json", "--all"]
    )
    assert result.exit_code == 0, result.output
    return {d["id"]: d for d in json.loads(result.stdout)}


def test_match_leaves_the_moenchengladbach_foundation_out_for_dortmund_and_in_for_moenchengladbach(snapshot_db):
    call_id = "stiftung-schaffrath-aktion-moenchengladbach"
    vmdo = _match(snapshot_db, "vmdo")[call_id]
    assert not vmdo["eligible"]
    assert any("Mönchengladbach" in r and "nicht für Dortmund" in r for r in vmdo["reasons"])
    assert not any("passt zum Sitz in Dortmund" in r for r in vmdo["reasons"])
    vki = _match(snapshot_db, "vki")[call_id]
    assert "Programm für Mönchengladbach" in vki["reasons"]
    assert not any("nicht für" in r for r in vki["reasons"])
