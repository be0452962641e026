"""Rules added for robustness (issue 5, part 2), each on hand-made German sentences."""

from __future__ import annotations

from corpus.labels import Addressee, FundingForm, SteeringLevel
from matcher.classifier.cues import read_call
from matcher.classifier.evaluate import (
    evaluate_classifier,
    format_classifier_report,
    input_record,
    split_half,
)
from matcher.classifier.sentences import split_sentences
from tests.matcher.classifier_helpers import make, rules


def reading(text: str, title: str = "Aufruf"):
    return read_call(title, split_sentences(text))


# -- partnership: denied, required of someone else, joint decision bodies ---------------------------


def test_denied_joint_steering_outweighs_a_duty_elsewhere():
    cls = rules(
        make(
            "Antragsberechtigt sind Kommunen und Vereine. Gefördert werden Koordinierungsstellen für Beschäftigung. "
            "Voraussetzung ist eine Kooperation von Stadt und Vereinen in einem gemeinsamen Arbeitskreis. "
            "Eine gemeinsame Steuerung mit der Kommune ist jedoch nicht vorgeschrieben."
        )
    )
    assert not cls.co_steering
    assert cls.addressee is Addressee.beide_praxis
    assert any("nicht verlangt" in e.cue for e in cls.evidence if e.label == "co_steering")


def test_duty_about_another_partner_is_no_required_partnership():
    r = reading(
        "Die Kooperation mit der Arbeitsagentur ist verpflichtend, Kommunen und Migrantenorganisationen "
        "werden als weitere Partner einbezogen."
    )
    assert not r.required_partnership
    own = reading("Voraussetzung ist eine Kooperation zwischen der Stadtverwaltung und einem Verbund von Vereinen.")
    assert own.required_partnership


def test_joint_decision_body_with_money_for_civil_society_makes_both_take_part():
    text = (
        "Antragsberechtigt ist formal die Stadtverwaltung. Gefördert wird eine Partnerschaft für Vielfalt. "
        "Ein Beirat aus Vertreterinnen und Vertretern der Verwaltung und der Migrantenorganisationen legt gemeinsam "
        "die Förderschwerpunkte fest und entscheidet über die Vergabe. Vereine erhalten Mittel aus einem Stadtteilfonds."
    )
    cls = rules(make(text, applicants=["kommune"]))
    assert cls.co_steering and cls.addressee is Addressee.ko_steuerung
    assert cls.steering_level is SteeringLevel.strategie
    assert any("Entscheidungsbefugnis" in e.cue for e in cls.evidence if e.label == "addressee")
    # the same body, but civil society gets no money itself: a municipal call with participants
    no_money = rules(
        make(text.replace(" Vereine erhalten Mittel aus einem Stadtteilfonds.", ""), applicants=["kommune"])
    )
    assert not no_money.co_steering and no_money.addressee is Addressee.kommune
    # an exclusive clause for the municipality stands
    only = rules(
        make(text.replace("formal die Stadtverwaltung", "ausschließlich die Stadtverwaltung"), applicants=["kommune"])
    )
    assert only.addressee is Addressee.kommune


def test_decision_named_in_the_next_sentence():
    r = reading(
        "Bedingung ist, dass jede Region einen Ausschuss bildet, in dem Vertreter der Verwaltung gemeinsam mit "
        "Vereinen sitzen. Dieser Ausschuss entscheidet, welche Vorhaben Geld erhalten."
    )
    assert r.decision_body and r.joint_structure


def test_tandem_of_municipality_and_organisation_is_composition_not_place():
    cls = rules(
        make(
            "Antragsberechtigt sind nur Tandems aus einer Kommunalverwaltung und einer gemeinnützigen Organisation. "
            "Erwartet wird ein gemeinsam getragenes Netzwerk; gefördert werden Personalkosten beider Partner."
        )
    )
    assert cls.addressee is Addressee.ko_steuerung
    assert cls.steering_level is SteeringLevel.koordination
    assert cls.placement_type == 2


# -- levels -------------------------------------------------------------------------------------


def test_strategy_named_as_a_noun_and_capitalised():
    cls = rules(
        make(
            "Antragsberechtigt sind Landkreise. Gefördert wird die Erarbeitung einer kommunalen Strategie "
            "gegen Rassismus und deren Fortschreibung in Aktionsplänen."
        )
    )
    assert cls.steering_level is SteeringLevel.strategie


def test_coordination_compounds_and_funded_networks():
    work = rules(make("Antragsberechtigt sind Vereine. Gefördert wird vor allem Netzwerk- und Koordinationsarbeit."))
    assert work.steering_level is SteeringLevel.koordination
    network = rules(
        make(
            "Antragsberechtigt sind Vereine. Das Land fördert den Aufbau regionaler Unterstützungsnetzwerke "
            "mit bis zu 8.000 Euro."
        )
    )
    assert network.steering_level is SteeringLevel.koordination
    assert network.placement_type == 1  # networking without posts or a formal partnership stays type I


def test_procedure_and_negated_bodies_are_not_the_funded_core():
    cls = rules(
        make(
            "Antragsberechtigt sind Vereine. Gefördert werden Sprachkurse und Ausflüge. Über die Auswahl "
            "entscheidet ein Arbeitskreis, dessen Geschäftsstelle die Koordination übernimmt. Ein gemeinsames "
            "Steuerungsgremium wird nicht verlangt."
        )
    )
    assert cls.steering_level is SteeringLevel.praxis


def test_one_slogan_word_in_the_title_is_not_coordination():
    cls = rules(
        make(
            "Antragsberechtigt sind Vereine. Gefördert werden Nachbarschaftsfeste und Kochabende.",
            title="Bunt. Vernetzt. Vor Ort.",
        )
    )
    assert cls.steering_level is SteeringLevel.praxis


# -- addressee ------------------------------------------------------------------------------------


def test_groups_of_young_people_and_lead_research_are_others():
    group = rules(
        make("Antrag stellen kann eine Gruppe von mindestens fünf jungen Menschen. Vereine können sie begleiten.")
    )
    assert group.addressee is Addressee.andere
    research = rules(
        make("Federführend sind Hochschulen und Forschungseinrichtungen; Vereine kommen als Praxispartner in Frage.")
    )
    assert research.addressee is Addressee.andere


def test_organisations_representing_municipalities_count_as_municipalities():
    cls = rules(make("Antragsberechtigt sind Gemeinden oder gemeinnützige Organisationen, die Kommunen vertreten."))
    assert cls.addressee is Addressee.kommune


# -- funding form -------------------------------------------------------------------------------


def test_given_struktur_with_a_fixed_project_period_is_a_project():
    text = (
        "Antragsberechtigt sind Vereine. Gefördert werden neue Vorhaben zur Stärkung der Organisation. "
        "Die Projekte müssen zwischen dem 1. März 2025 und dem 31. Dezember 2025 stattfinden."
    )
    cls = rules(make(text, funding_form="struktur"))
    assert cls.funding_form is FundingForm.projekt
    assert any("statt Feld struktur" in e.cue for e in cls.evidence if e.label == "funding_form")
    lasting = rules(make(text + " Ziel sind dauerhaft angelegte Strukturen.", funding_form="struktur"))
    assert lasting.funding_form is FundingForm.struktur


def test_form_cues_read_negation_and_context():
    excluded = rules(
        make(
            "Antragsberechtigt sind Vereine. Gefördert werden einzelne Projekte; institutionelle Förderung "
            "ist ausgeschlossen."
        )
    )
    assert excluded.funding_form is FundingForm.projekt
    people = rules(
        make(
            "Gefördert werden Kurse für Kinder, die dauerhaft in Sachsen leben, mit einer Pauschale je Kind "
            "und Stunde. Antragsberechtigt sind Vereine."
        )
    )
    assert people.funding_form is FundingForm.projekt
    own_share = rules(make("Antragsberechtigt sind Vereine. Als Eigenmittel gelten auch Darlehen oder Spenden."))
    assert own_share.funding_form is FundingForm.projekt
    running = rules(
        make(
            "Antragsberechtigt sind Vereine. Gefördert werden Sach- und Betriebsausgaben der Begegnungszentren "
            "sowie Betriebskosten der Räume."
        )
    )
    assert running.funding_form is FundingForm.teil_institutionell


# -- evaluation -----------------------------------------------------------------------------------


def _gold(i: str, text: str, **labels) -> dict:
    base = {
        "id": i,
        "title": "Aufruf",
        "level": "land",
        "region": "DE-NW",
        "summary_de": text,
        "addressee": "mo",
        "co_steering": False,
        "steering_level": "praxis",
        "funding_form": "projekt",
        "placement_type": 1,
    }
    return base | labels


def test_source_funding_form_becomes_the_input_and_halves_are_fixed():
    record = _gold("a", "Antragsberechtigt sind Vereine.", funding_form_source="preis")
    assert input_record(record)["funding_form"] == "preis" and "funding_form_source" not in input_record(record)
    records = [_gold(i, "Antragsberechtigt sind Vereine.") for i in ("d", "b", "a", "c")]
    assert [r["id"] for r in split_half(records, "A")] == ["a", "c"]
    assert [r["id"] for r in split_half(records, "B")] == ["b", "d"]


def test_report_shows_each_part():
    records = [
        _gold("x1", "Antragsberechtigt sind Vereine."),
        _gold("y1", "Antragsberechtigt sind ausschließlich Kommunen.", addressee="mo", funding_form_source="projekt"),
    ]
    result = evaluate_classifier(records, use_embeddings=False, parts={"x.jsonl": ["x1"], "y.jsonl": ["y1"]})
    assert result["parts"]["x.jsonl"]["variants"]["regeln"]["addressee_macro_f1"] == 1.0
    assert result["parts"]["y.jsonl"]["variants"]["regeln"]["addressee_macro_f1"] == 0.0
    assert "regeln ohne funding_form" in result["variants"]
    report = format_classifier_report(result)
    assert "x.jsonl (1 Aufrufe)" in report and "y.jsonl (1 Aufrufe)" in report


def test_body_staffed_by_both_sides_is_a_joint_structure_without_the_word_gemeinsam():
    # "besetzt mit … und Vertretungen der Verwaltungsressorts": membership alone makes it joint
    text = (
        "Zuwendungsempfänger sind Landkreise. Vorgeschrieben ist ein Lenkungsausschuss, der überwiegend mit "
        "Migrantenorganisationen und daneben mit Vertretungen der Verwaltungsressorts besetzt ist. "
        "Der Ausschuss entscheidet über die Mittel eines Quartiersfonds, aus dem Vereine Zuschüsse erhalten."
    )
    r = reading(text)
    assert r.joint_structure and r.decision_body
    cls = rules(make(text, applicants=["kommune"]))
    assert cls.co_steering and cls.addressee is Addressee.ko_steuerung
    # staffed by the administration alone: no joint structure
    alone = reading(text.replace("überwiegend mit Migrantenorganisationen und daneben ", ""))
    assert not alone.joint_structure
