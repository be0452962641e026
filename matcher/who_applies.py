"""Before drafting: may the Verbund apply itself, or must the municipality be the applicant?

Used by ``kulisse draft`` and the TUI's draft screen, so both say the same. The rules are the
eligibility rules of ``matcher.eligibility``; this module only sorts their findings for a draft.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from corpus.labels import Addressee, ApplicantType
from corpus.model import FundingCall
from matcher import eligibility as el
from matcher.profile import Profile

# documents between municipality and Verbund (every other template is an application)
PARTNER_TEMPLATES = ("kooperationsvereinbarung", "absichtserklaerung")


@dataclass
class DraftCheck:
    municipality_applies: bool
    municipality: str  # who applies for the Verbund's town: the profile's first municipal partner
    problems: list[str] = field(default_factory=list)  # other blocking reasons, German

    def messages(self, verbund: str, template: str) -> list[str]:
        """German notes for the user (stderr, TUI), one a line."""
        out = []
        if self.municipality_applies and template in PARTNER_TEMPLATES:
            out.append(
                f"Diesen Aufruf kann nur die Kommune beantragen: {self.municipality} stellt den Antrag, "
                f"{verbund} wirkt als Partner mit – das Dokument hält die Zusammenarbeit fest."
            )
        elif self.municipality_applies:
            out.append(
                f"Diesen Aufruf kann nur die Kommune beantragen: Der Entwurf nennt {self.municipality} als "
                f"Antragsteller und {verbund} als Kooperationspartner."
            )
            out.append(
                "Für die Zusammenarbeit mit der Kommune passt die Vorlage „kooperationsvereinbarung“ "
                "(Rollen, Steuerungsgruppe, Mandat des Verbunds)."
            )
        if self.problems:
            out.append(
                "Achtung, laut Kulisse ist der Verbund für diesen Aufruf nicht antragsberechtigt: "
                + "; ".join(self.problems)
                + "."
            )
        return out


def municipality_applies(call: FundingCall) -> bool:
    """Only the municipality applies, also when the call funds joint steering (ko_steuerung)."""
    if el.municipality_only(call):
        return True
    labels = call.labels
    if labels is None or labels.addressee != Addressee.ko_steuerung:
        return False
    applicants = set(call.applicants)
    return applicants == {ApplicantType.kommune} or (not applicants and bool(el.RULES[el.Rule.KOMMUNE_ONLY].cue(call)))


def check_for_draft(call: FundingCall, profile: Profile, today: date) -> DraftCheck:
    by_municipality = municipality_applies(call)
    result = el.check(call, profile, today)
    # "nur für Kommunen" is answered by naming the municipality as applicant, not a problem any more
    problems = [f.text for f in result.findings if f.blocking and not (by_municipality and f.rule == "antragsteller")]
    partner = profile.municipal_partners[0] if profile.municipal_partners else f"Stadt {profile.municipality}"
    return DraftCheck(by_municipality, partner, problems)
