from datetime import date

from corpus.labels import Addressee, FundingForm, SteeringLevel
from corpus.model import Classification
from matcher.eligibility import check
from matcher.profile import load_profile
from tests.matcher.matcher_helpers import make_call

TODAY = date(2026, 3, 1)
VMDO = load_profile("vmdo")


def _reasons(call, profile=VMDO, today=TODAY):
    result = check(call, profile, today)
    return result.eligible, " | ".join(result.reasons())


def test_other_land_is_out_own_land_and_bund_are_in():
    ok, why = _reasons(make_call("by", "Projekte", "Text.", level="land", region="DE-BY"))
    assert not ok and "nur für Bayern" in why and "Nordrhein-Westfalen" in why
    ok, why = _reasons(make_call("nw", "Projekte", "Text.", level="land", region="DE-NW"))
    assert ok and "Nordrhein-Westfalen" in why
    assert _reasons(make_call("de", "Projekte", "Text.", region="DE"))[0]
    assert _reasons(make_call("eu", "Projekte", "Text.", level="eu", region="EU"))[0]


def test_municipality_only_call_names_the_partner():
    ok, why = _reasons(make_call("k", "KIM", "Gefördert wird Personal.", applicants=["kommune"]))
    assert not ok
    assert (
        "nur für Kommunen – über den kommunalen Partner (Stadt Dortmund, Kommunales Integrationszentrum) möglich" in why
    )


def test_classifier_label_kommune_is_out_even_without_applicants():
    call = make_call("k", "Programm", "Text ohne Angaben.")
    call.labels = Classification(
        addressee=Addressee.kommune,
        co_steering=False,
        steering_level=SteeringLevel.praxis,
        funding_form=FundingForm.projekt,
        placement_type=1,
    )
    assert not check(call, VMDO, TODAY).eligible


def test_text_rule_for_kommune_only_without_list():
    ok, why = _reasons(make_call("k", "Programm", "Antragsberechtigt sind ausschließlich Kommunen und Landkreise."))
    assert not ok and "nur für Kommunen" in why


def test_wrong_applicant_types_are_out():
    ok, why = _reasons(make_call("u", "Kredit", "Darlehen.", applicants=["unternehmen", "einzelperson"]))
    assert not ok and "Unternehmen" in why
    ok, why = _reasons(make_call("m", "Projekte", "Text.", applicants=["mo", "verein"]))
    assert ok and "förderberechtigt: Migrantenorganisationen" in why


def test_deadline_relative_to_today():
    call = make_call("d", "Projekte", "Text.", deadline_text="Einsendeschluss 15.02.2026")
    assert not check(call, VMDO, TODAY).eligible
    assert "Frist abgelaufen" in " ".join(check(call, VMDO, TODAY).reasons())
    assert check(call, VMDO, date(2026, 2, 1)).eligible
    soon = check(call, VMDO, date(2026, 2, 10))
    assert soon.deadline == date(2026, 2, 15) and "noch 5 Tage" in " ".join(soon.reasons())
    assert check(make_call("r", "Projekte", "Text.", deadline_text="laufend"), VMDO, TODAY).eligible


def test_non_profit_requirement():
    call = make_call("g", "Projekte", "Antragsberechtigt sind gemeinnützige Vereine.")
    assert check(call, VMDO, TODAY).eligible
    company = VMDO.model_copy(update={"non_profit": False})
    result = check(call, company, TODAY)
    assert not result.eligible and "Gemeinnützigkeit" in " ".join(result.reasons())


def test_population_limit_and_stadtteil_exception():
    capped = make_call("p", "Dorf", "Teilnehmen können Vereine aus Gemeinden mit höchstens 20.000 Einwohnern.")
    ok, why = _reasons(capped)
    assert not ok and "20.000" in why and "Dortmund" in why
    partial = make_call(
        "s", "Stadt", "Städte mit 10.000 bis 250.000 Einwohnern; größere Städte nur mit einzelnen Stadtteilen."
    )
    result = check(partial, VMDO, TODAY)
    assert result.eligible and result.penalty > 0


def test_rural_only_programme_is_out_for_a_big_city():
    ok, why = _reasons(make_call("l", "LEADER", "Förderkulisse sind ausschließlich ländliche Räume."))
    assert not ok and "ländliche" in why


def test_municipal_programme_of_another_city_is_out():
    other = make_call(
        "mg",
        "Ehrenamtsförderung",
        "Vereine in der Stadt.",
        level="kommune",
        region="DE-NW",
        funder="Stadt Mönchengladbach",
    )
    ok, why = _reasons(other)
    assert not ok and "Mönchengladbach" in why
    own = other.model_copy(update={"funder": "Stadt Dortmund"})
    assert check(own, VMDO, TODAY).eligible


def test_local_foundation_of_another_town_is_out_but_in_for_that_town():
    call = make_call(
        "h", "Engagementfonds", "Kleine Projekte.", level="stiftung", region="DE-ST", funder="Bürgerstiftung Halle"
    )
    assert check(call, load_profile("vemo"), TODAY).eligible


def test_east_only_programme():
    call = make_call("o", "Förderung ostdeutscher Vereine", "Nur Vereine aus den ostdeutschen Ländern.")
    assert not check(call, VMDO, TODAY).eligible
    assert check(call, load_profile("afropa"), TODAY).eligible


def test_municipality_only_call_that_passes_money_on_stays_in_with_a_penalty():
    passing = make_call(
        "k",
        "KOMM-AN",
        "Die Kommunalen Integrationszentren geben die Mittel per Weiterleitungsvertrag "
        "an Vereine und Migrantenorganisationen als Durchführungsträger.",
        level="land",
        region="DE-NW",
        applicants=["kommune"],
    )
    result = check(passing, VMDO, TODAY)
    assert result.eligible and 0 < result.penalty < 0.1
    assert "Antrag stellt die Kommune, die Mittel gehen an Vereine weiter" in " | ".join(result.reasons())
    assert not _reasons(make_call("k2", "KIM", "Gefördert wird Personal der Verwaltung.", applicants=["kommune"]))[0]


def test_programme_for_nationwide_organisations_is_penalised_not_blocked():
    call = make_call(
        "b",
        "Strukturförderung",
        "Antragsberechtigt sind nur Migrantenorganisationen mit bundesweiter Ausrichtung.",
        applicants=["mo"],
    )
    result = check(call, VMDO, TODAY)
    assert result.eligible and result.penalty >= 0.3
    assert "für bundesweit tätige Träger" in " | ".join(result.reasons())
    local = make_call(
        "l", "Projekte", "Überregionale Fachstellen beraten; antragsberechtigt sind Vereine.", applicants=["verein"]
    )
    assert check(local, VMDO, TODAY).penalty == 0


def test_co_steering_call_with_the_municipality_as_applicant_stays_in():
    # the municipality applies, but the call funds a joint body the Verbund sits in
    call = make_call(
        "ks",
        "Partnerschaft vor Ort",
        "Zuwendungsempfänger sind Städte. Ein Begleitausschuss aus Verwaltung und Vereinen entscheidet über den Fonds.",
        level="bund",
        region="DE",
        applicants=["kommune"],
    )
    call.labels = Classification(
        addressee=Addressee.ko_steuerung,
        co_steering=True,
        steering_level=SteeringLevel.strategie,
        funding_form=FundingForm.struktur,
        placement_type=2,
    )
    result = check(call, VMDO, TODAY)
    assert result.eligible and 0 < result.penalty < 0.1
    assert "Antrag stellt die Kommune, der Verbund steuert mit" in " | ".join(result.reasons())
    # the same call labelled as a plain municipal programme stays out
    call.labels = call.labels.model_copy(update={"addressee": Addressee.kommune, "co_steering": False})
    assert not check(call, VMDO, TODAY).eligible
