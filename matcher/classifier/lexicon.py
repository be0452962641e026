"""The classifier's compiled view of the German vocabulary (``corpus.vocabulary``): who acts, who may
apply, what a clause says, what is paid for.

The words live in ``corpus.vocabulary``; this module only compiles them with the flags the cue
rules need (``matcher.classifier.cues``, ``decide``, ``features`` read these names).
"""

from __future__ import annotations

import re

from corpus import vocabulary as v
from corpus.german import applicant_type

# -- actors ---------------------------------------------------------------------------------
K, Z, O = v.K, v.Z, v.O
# a whole word, not part of a compound ("Vereinsheim") or after a hyphen
ACTOR_RE = [(group, re.compile(rf"(?<![\wÄÖÜäöüß-])(?:{pattern})(?![\wÄÖÜäöüß])")) for group, pattern in v.ACTORS]
LOCATION_BEFORE = re.compile(v.ACTOR_AS_PLACE_BEFORE)
PARTNER_BEFORE = re.compile(v.ACTOR_AS_PARTNER_BEFORE)
NEGATED_BEFORE = re.compile(v.ACTOR_NEGATED_BEFORE)
JOINT_PROJECT_RE = re.compile(v.JOINT_PROJECT)

# -- eligibility clauses ----------------------------------------------------------------------
ELIGIBILITY_RE = re.compile(v.ELIGIBILITY, re.IGNORECASE)
BENEFICIARY_RE = re.compile(v.BENEFICIARY)
EXCLUSIVE_RE = re.compile(v.EXCLUSIVE)
PLACE_RESTRICTION_RE = re.compile(v.PLACE_RESTRICTION)
INDIRECT_RE = re.compile(v.INDIRECT)
EXCLUSION_PHRASE_RE = re.compile(v.EXCLUSION_PHRASE)
NEGATED_PREDICATE_RE = re.compile(v.NEGATED_PREDICATE)
RESTRICTIVE_RELATIVE_RE = re.compile(v.RESTRICTIVE_RELATIVE)

# -- partnership -------------------------------------------------------------------------------
REQUIRED_RE = re.compile(v.REQUIRED)
CONDITION_RE = re.compile(v.CONDITION)
NOT_REQUIRED_RE = re.compile(v.NOT_REQUIRED)
WELCOME_RE = re.compile(v.WELCOME)
MEMBERSHIP_RE = re.compile(v.MEMBERSHIP)
DECISION_BODY_RE = re.compile(v.DECISION_BODY)
DECIDES_RE = re.compile(v.DECIDES)
REFERS_BACK_RE = re.compile(v.REFERS_BACK)
CIVIL_MONEY_RE = re.compile(v.CIVIL_MONEY)
POST_AT_CIVIL_RE = re.compile(v.POST_AT_CIVIL)
REPRESENTS_K_AFTER = re.compile(v.REPRESENTS_K_AFTER)
COOPERATION_RE = re.compile(v.COOPERATION)

# -- what is funded: levels --------------------------------------------------------------------
STRATEGY_STRONG = re.compile(v.STRATEGY_STRONG)
STRATEGY_WEAK = re.compile(v.STRATEGY_WEAK)
COORD_STRONG = re.compile(v.COORD_STRONG)
COORD_WEAK = re.compile(v.COORD_WEAK)
BODY_RE = re.compile(v.BODY)
FUNDED_RE = re.compile(v.FUNDED)
CONDITION_CLAUSE_RE = re.compile(v.CONDITION_CLAUSE)
PROCEDURE_RE = re.compile(v.PROCEDURE)
PAID_STAFF_RE = re.compile(v.PAID_STAFF)
NOT_FUNDED_RE = re.compile(v.NOT_FUNDED)
DENIED_PARTNERSHIP_RE = re.compile(v.DENIED_PARTNERSHIP)
OPTIONAL_ROLE_RE = re.compile(v.OPTIONAL_ROLE)

# -- money and mandate -------------------------------------------------------------------------
NO_MONEY_RE = re.compile(v.NO_MONEY)
MO_MANDATE_RE = re.compile(v.MO_MANDATE)
PROJECT_STRONG = re.compile(v.PROJECT_STRONG)
JOINT_RE = re.compile(v.JOINT)
EXCLUSIVE_NOT_TYPE = re.compile(v.EXCLUSIVE_NOT_TYPE)

# -- funding form ------------------------------------------------------------------------------
FORM_CUES: dict[str, list[tuple[re.Pattern[str], float]]] = {
    form: [(re.compile(pattern), weight) for pattern, weight in cues] for form, cues in v.FORM_CUES.items()
}

# -- language ----------------------------------------------------------------------------------
GERMAN_WORDS = re.compile(v.GERMAN_WORDS, re.IGNORECASE)
ENGLISH_WORDS = re.compile(v.ENGLISH_WORDS, re.IGNORECASE)
URL_RE = re.compile(r"https?://\S+|www\.\S+|\S+\.pdf\b", re.IGNORECASE)


def term_type(term: str) -> str | None:
    """Which applicant type a named actor is, where the word says so (``corpus.vocabulary.APPLICANT_TYPES``);
    generic words ("Organisationen", "Träger") name only a group."""
    return applicant_type(term)
