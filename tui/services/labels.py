"""A call's classifier labels as German (name, value) pairs for the detail screen."""

from __future__ import annotations

from collections.abc import Iterator

from corpus.format_de import percent
from corpus.labels import ADDRESSEE_DE, FUNDING_FORM_DE, STEERING_LEVEL_DE
from corpus.model import FundingCall


def iter_labels(call: FundingCall) -> Iterator[tuple[str, str]]:
    """(German label name, German value) of a call's classifier labels."""
    lab = call.labels
    if lab is None:
        return
    yield "Adressat", ADDRESSEE_DE[lab.addressee]
    band = {"ja": "ja", "moeglich": "möglich – Belege prüfen"}.get(lab.co_steering_band.value, "nein")
    if lab.co_steering_probability is not None:
        band += f" (Wahrscheinlichkeit {percent(100 * lab.co_steering_probability)})"
    yield "Ko-Steuerung", band
    yield "Steuerungsebene", STEERING_LEVEL_DE[lab.steering_level]
    yield "Förderart", FUNDING_FORM_DE[lab.funding_form]
    yield (
        "Platzierungstyp",
        {1: "I – symbolisch-kooperativ", 2: "II – strukturell-kooperativ", 3: "III – Steuerung auf Augenhöhe"}[
            lab.placement_type
        ],
    )
