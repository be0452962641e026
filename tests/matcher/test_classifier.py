"""The classifier's rules on hand-made German calls (no model needed)."""

from __future__ import annotations

import time

import pytest

from corpus.labels import Addressee, FundingForm, SteeringLevel
from corpus.model import FundingCall
from matcher.classifier import CLASSIFIER_VERSION
from matcher.classifier.sentences import MAX_SENTENCES, split_sentences
from tests.matcher.classifier_helpers import make, rules


def test_municipalities_only():
    cls = rules(
        make(
            "Gefördert werden Beratungsangebote für Zugewanderte. Antragsberechtigt sind ausschließlich "
            "Kreise und kreisfreie Städte. Vereine erhalten Mittel nur über die Kommunen."
        )
    )
    assert cls.addressee is Addressee.kommune
    assert not cls.co_steering
    assert any("ausschließlich" in e.cue for e in cls.evidence if e.label == "addressee")
    assert cls.classifier_version == CLASSIFIER_VERSION


def test_migrant_organisations_only():
    cls = rules(
        make(
            "Antragsberechtigt sind gemeinnützige Vereine und Migrantenorganisationen. Gefördert werden "
            "Sprachcafés und Feste im Stadtteil mit bis zu 5.000 Euro."
        )
    )
    assert cls.addressee is Addressee.mo
    assert cls.steering_level is SteeringLevel.praxis
    assert cls.funding_form is FundingForm.projekt
    assert cls.placement_type == 1


def test_both_in_practice():
    cls = rules(
        make(
            "Zuwendungsempfänger können Vereine, Wohlfahrtsverbände und Kommunen sein. Gefördert werden "
            "befristete Projekte der Elternarbeit und Sprachkurse."
        )
    )
    assert cls.addressee is Addressee.beide_praxis
    assert not cls.co_steering


def test_co_steering_joint_steering_group():
    cls = rules(
        make(
            "Gefördert wird der Aufbau einer gemeinsamen Steuerungsgruppe von Kommune und Migrantenorganisationen. "
            "Voraussetzung ist eine Kooperation zwischen der kommunalen Verwaltung und einem Verbund von Migrantenorganisationen. "
            "Kommune und Verbund erarbeiten gemeinsam eine lokale Integrationsstrategie und besetzen eine Koordinierungsstelle.",
            title="Ko-Steuerung der Integrationsarbeit",
        )
    )
    assert cls.addressee is Addressee.ko_steuerung
    assert cls.co_steering
    assert cls.steering_level is SteeringLevel.strategie
    assert cls.placement_type >= 2
    steering_ev = [e for e in cls.evidence if e.label == "co_steering"]
    assert steering_ev and all(e.cue for e in steering_ev)


def test_other_addressees():
    cls = rules(
        make("Antragsberechtigt sind ausschließlich Hochschulen und Forschungseinrichtungen mit laufenden Vorhaben.")
    )
    assert cls.addressee is Addressee.andere
    loan = rules(
        make(
            "Der Kredit beträgt bis zu 125.000 Euro. Antragsberechtigt sind kleine Unternehmen und Selbstständige; "
            "der Antrag läuft über die Hausbank, der Zinssatz ist fest."
        )
    )
    assert loan.addressee is Addressee.andere
    assert loan.funding_form is FundingForm.darlehen


def test_negation_municipalities_not_eligible():
    text = "Antragsberechtigt sind Vereine und Verbände. Kommunen sind nicht antragsberechtigt."
    cls = rules(make(text, applicants=["verein", "kommune"]))  # the text corrects the field
    assert cls.addressee is Addressee.mo
    assert any("Ausschluss" in e.cue and "Kommunen" in e.cue for e in cls.evidence)
    without = rules(make("Antragsberechtigt sind Vereine, Verbände und Kommunen."))
    assert without.addressee is Addressee.beide_praxis


def test_exclusion_phrase_and_partial_exclusion():
    cls = rules(
        make(
            "Antragsberechtigt sind natürliche und juristische Personen des privaten oder öffentlichen Rechts "
            "mit Ausnahme der Kommunen."
        )
    )
    assert cls.addressee is Addressee.mo
    partial = rules(
        make(
            "Antragsberechtigt sind gemeinnützige Vereine. Vereine, deren Zweck ausschließlich in der "
            "Religionsausübung liegt, sind ausgeschlossen."
        )
    )
    assert partial.addressee is Addressee.mo  # a subgroup is excluded, not all associations
    qualified = rules(
        make(
            "Antragsberechtigt sind Vereine und Kommunen. Unternehmen und nicht gemeinnützige "
            "Organisationen sind ausgeschlossen."
        )
    )
    assert qualified.addressee is Addressee.beide_praxis


def test_required_versus_welcome_partnership():
    required = rules(
        make(
            "Antragsberechtigt sind Kommunen und Migrantenorganisationen. Gefördert werden Koordinierungsstellen für das "
            "lokale Netzwerk. Voraussetzung ist eine Kooperation zwischen der Kommune und den Migrantenorganisationen "
            "in einer gemeinsamen Steuerungsgruppe.",
        )
    )
    welcome = rules(
        make(
            "Antragsberechtigt sind Kommunen und Migrantenorganisationen. Gefördert werden Koordinierungsstellen für das "
            "lokale Netzwerk. Eine Kooperation zwischen der Kommune und den Migrantenorganisationen ist erwünscht, "
            "aber keine Voraussetzung.",
        )
    )
    assert required.co_steering and required.addressee is Addressee.ko_steuerung
    assert not welcome.co_steering and welcome.addressee is Addressee.beide_praxis
    assert any("nicht verpflichtend" in e.cue for e in welcome.evidence)


def test_required_partnership_for_events_is_not_co_steering():
    cls = rules(
        make(
            "Gefördert werden ausschließlich Kooperationsvorhaben, in denen Kommunen mit Vereinen "
            "zusammenarbeiten müssen. Gefördert werden Veranstaltungen, Kurse und Feste."
        )
    )
    assert cls.addressee is Addressee.beide_praxis
    assert cls.steering_level is SteeringLevel.praxis
    assert not cls.co_steering


def test_coordination_post_versus_incidental_networking():
    post = rules(
        make(
            "Das Land fördert kommunale Koordinierungsstellen und Personal für Netzwerkkoordination. "
            "Antragsberechtigt sind ausschließlich Landkreise.",
            title="Koordinierungsstellen Integration",
        )
    )
    assert post.steering_level is SteeringLevel.koordination
    assert post.placement_type == 2
    project = rules(
        make(
            "Gefördert werden Sprachkurse für Frauen. Die Vereine sollen sich dabei mit anderen Akteuren "
            "vernetzen. Antragsberechtigt sind Vereine."
        )
    )
    assert project.steering_level is SteeringLevel.praxis


def test_unknown_when_text_does_not_say_who_may_apply():
    cls = rules(make("Das Programm unterstützt Vorhaben zur Integration. Die Frist endet am 31. März."))
    assert cls.addressee is Addressee.unbekannt
    assert cls.confidence["addressee"] <= 0.3
    assert not cls.co_steering


@pytest.mark.parametrize(
    "text",
    [
        ".",
        "kurz",
        "Funding for community projects. Eligible are non-profit associations; the deadline is in May and the grant covers staff.",
        "Förderrichtlinie (PDF) https://example.org/richtlinie.pdf",
    ],
)
def test_bad_inputs_are_classified(text):
    cls = rules(make(text))
    assert cls.addressee in set(Addressee)
    assert all(0.0 <= v <= 1.0 for v in cls.confidence.values())
    assert set(cls.confidence) == {"addressee", "co_steering", "steering_level", "funding_form", "placement_type"}


def test_link_only_and_english_have_low_confidence():
    link = rules(make("https://example.org/foerderrichtlinie.pdf"))
    assert link.addressee is Addressee.unbekannt and link.confidence["addressee"] <= 0.1
    english = rules(make("The programme funds projects. It is open to everyone and the rules are published online."))
    assert english.confidence["steering_level"] <= 0.3


def test_empty_text_bypassing_validation():
    call = FundingCall.model_construct(**make("x").model_dump() | {"summary_de": "", "title": ""})
    cls = rules(call)
    assert cls.addressee is Addressee.unbekannt


def test_hundred_page_text_is_bounded():
    page = (
        "Gefördert werden Maßnahmen nach Nummer 2. Antragsberechtigt sind Vereine und Migrantenorganisationen. "
        "Die Zuwendung wird als Projektförderung im Wege der Anteilfinanzierung gewährt. "
    ) * 12
    text = (page + "\n\n") * 100  # ~ 100 pages of a Förderrichtlinie
    assert len(text) > 200_000
    start = time.perf_counter()
    cls = rules(make(text))
    assert time.perf_counter() - start < 5.0
    assert cls.addressee is Addressee.mo
    assert len(split_sentences(text)) <= MAX_SENTENCES
    one_giant_sentence = rules(make("Vereine, " * 40_000 + "sind antragsberechtigt."))
    assert one_giant_sentence.addressee in set(Addressee)


def test_sentence_splitting_keeps_abbreviations_and_dates():
    sentences = split_sentences(
        "Gefördert werden z. B. Vereine bzw. Verbände. Die Frist endet am 24. November 2025. Danach nicht."
    )
    assert sentences == [
        "Gefördert werden z. B. Vereine bzw. Verbände.",
        "Die Frist endet am 24. November 2025.",
        "Danach nicht.",
    ]


def test_place_is_not_an_applicant():
    cls = rules(
        make("Teilnehmen können Vereine und Initiativen mit Vorhaben aus Gemeinden mit höchstens 20.000 Einwohnern.")
    )
    assert cls.addressee is Addressee.mo


def test_given_funding_form_is_used_and_evidenced():
    cls = rules(make("Antragsberechtigt sind Vereine.", funding_form="preis"))
    assert cls.funding_form is FundingForm.preis
    assert any(e.cue == "Feld funding_form" for e in cls.evidence)
