"""German cue rules: read a call's sentences and report what each rule found, with the sentence.

The rules read clauses, not keywords alone: an eligibility clause ("Antragsberechtigt sind …")
makes the actors it names applicants; a negation or exclusion in the same clause ("nicht
antragsberechtigt", "mit Ausnahme der Kommunen") removes them; actors named as places ("aus
Gemeinden mit …") or partners ("gemeinsam mit Vereinen") are not applicants. A partnership of
municipality and civil society is *required* only when the clause says so ("Voraussetzung",
"müssen"), *welcome* when it says "können", "erwünscht", "keine Voraussetzung".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from matcher.classifier import lexicon as lx


@dataclass(frozen=True)
class Hit:
    """One rule that fired on one sentence."""

    label: str  # which label it supports: addressee, co_steering, steering_level, …
    value: str  # the value it argues for
    text: str  # the sentence
    cue: str  # German: which rule and which words
    weight: float = 1.0


@dataclass
class Reading:
    """Everything the rules found in one call."""

    positive: dict[str, list[Hit]] = field(default_factory=dict)  # group → eligibility hits
    weak_positive: dict[str, list[Hit]] = field(default_factory=dict)  # "fördert Vereine …" without a clause
    negative: dict[str, list[Hit]] = field(default_factory=dict)  # group → exclusion hits
    exclusive: dict[str, list[Hit]] = field(default_factory=dict)  # groups named in "ausschließlich …"
    positive_types: set[str] = field(default_factory=set)  # applicant types named as eligible
    negative_types: dict[str, str] = field(default_factory=dict)  # applicant type or group → its group
    partial_exclusions: list[Hit] = field(default_factory=list)
    required_partnership: list[Hit] = field(default_factory=list)
    welcome_partnership: list[Hit] = field(default_factory=list)
    joint_structure: list[Hit] = field(default_factory=list)
    levels: dict[str, float] = field(default_factory=lambda: {"strategie": 0.0, "koordination": 0.0})
    level_hits: dict[str, list[Hit]] = field(default_factory=lambda: {"strategie": [], "koordination": []})
    forms: dict[str, float] = field(default_factory=dict)
    form_hits: dict[str, list[Hit]] = field(default_factory=dict)
    denied_partnership: list[Hit] = field(default_factory=list)  # "gemeinsame Steuerung ist nicht vorgeschrieben"
    decision_body: list[Hit] = field(default_factory=list)  # joint body of K and Z that decides or steers
    civil_society_money: list[Hit] = field(default_factory=list)  # civil society receives money itself
    no_money: list[Hit] = field(default_factory=list)
    paid_staff: list[Hit] = field(default_factory=list)  # posts or staff costs in a funding clause
    mo_mandate: list[Hit] = field(default_factory=list)
    language: str = "de"
    link_only: bool = False


GROUP_DE = {
    lx.K: "Kommunen/öffentliche Stellen",
    lx.Z: "Zivilgesellschaft/Migrantenorganisationen",
    lx.O: "Andere (Unternehmen, Forschung, Einzelpersonen, Einrichtungen)",
}


@dataclass(frozen=True)
class Actor:
    group: str
    term: str
    start: int
    end: int
    role: str  # "applicant", "partner", "place"


def actors(sentence: str) -> list[Actor]:
    """Every actor named in the sentence, with its role read from the words before it."""
    found: list[Actor] = []
    taken: list[tuple[int, int]] = []
    for group, pattern in lx.ACTOR_RE:
        for m in pattern.finditer(sentence):
            if any(m.start() < e and s < m.end() and g == group for g, s, e in taken):
                continue  # "kreisfreie Städte" already read as one actor
            before = sentence[max(0, m.start() - 40) : m.start()]
            if lx.NEGATED_BEFORE.search(before):
                continue  # "nicht gemeinnützige Organisationen" are other organisations
            if lx.LOCATION_BEFORE.search(before):
                role = "place"
            elif lx.PARTNER_BEFORE.search(before):
                role = "partner"
            else:
                role = "applicant"
            if group != lx.K and lx.REPRESENTS_K_AFTER.match(sentence, m.end()):
                group = lx.K  # "Organisationen, die Kommunen vertreten" stand for the municipalities
            found.append(Actor(group, m.group(0), m.start(), m.end(), role))
            taken.append((group, m.start(), m.end()))
    return sorted(found, key=lambda a: a.start)


_GENITIVE_BEFORE = re.compile(r"(?<![.,;:] )\b[A-ZÄÖÜ][\wäöüß]+ (?:[a-zäöüß]+(?:er|en|es) )?$")


def _clause_bounds(segment: str, pos: int) -> tuple[int, int]:
    """The comma clause around ``pos``."""
    start = segment.rfind(",", 0, pos) + 1
    end = segment.find(",", pos)
    return start, (len(segment) if end < 0 else end)


def _segments(sentence: str) -> list[tuple[int, str]]:
    """Parts of a sentence separated by semicolons (each carries its own predicate)."""
    parts, offset = [], 0
    for piece in sentence.split(";"):
        parts.append((offset, piece))
        offset += len(piece) + 1
    return parts


def _short(term: str) -> str:
    return term if len(term) <= 40 else term[:37] + "…"


def read_eligibility(sentence: str, reading: Reading) -> None:
    """Who may apply, per semicolon segment: positive clauses, exclusions, exclusivity."""
    for _, segment in _segments(sentence):
        negations = list(lx.NEGATED_PREDICATE_RE.finditer(segment))
        exclusions = list(lx.EXCLUSION_PHRASE_RE.finditer(segment))
        positives = [
            m
            for m in lx.ELIGIBILITY_RE.finditer(segment)
            if not any(n.start() <= m.start() < n.end() + 2 for n in negations)
            and not segment[max(0, m.start() - 6) : m.start()].endswith("nicht ")
        ]
        if not (positives or negations or exclusions):
            continue
        named = [a for a in actors(segment) if a.role != "place"]
        negated_spans: list[tuple[int, int]] = []
        for m in exclusions:  # "mit Ausnahme der Kommunen": to the end of the clause
            end = segment.find(",", m.end())
            negated_spans.append((m.start(), len(segment) if end < 0 else end))
        for m in negations:
            if positives and any(
                _clause_bounds(segment, p.start()) != _clause_bounds(segment, m.start()) for p in positives
            ):
                negated_spans.append(_clause_bounds(segment, m.start()))
            else:
                negated_spans.append((0, len(segment)))
        if segment.rstrip(" .").endswith("ausgenommen"):
            negated_spans.append((0, len(segment)))
        in_negation = [
            a
            for a in named
            if any(s <= a.start < e for s, e in negated_spans)
            # "die laufende Arbeit gemeinnütziger Organisationen ist nicht förderfähig": an attribute
            and not _GENITIVE_BEFORE.search(segment[max(0, a.start - 40) : a.start])
        ]
        if in_negation and any(lx.RESTRICTIVE_RELATIVE_RE.match(segment, a.end) for a in in_negation):
            # "Vereine, deren Zweck … liegt, sind ausgeschlossen": a subgroup, not the whole group
            reading.partial_exclusions.append(
                Hit("addressee", "", sentence, "Teilausschluss (Relativsatz): " + _short(in_negation[0].term))
            )
            in_negation = []
        for a in in_negation:
            reading.negative_types[lx.term_type(a.term) or a.group] = a.group
            reading.negative.setdefault(a.group, []).append(
                Hit("addressee", a.group, sentence, f"Ausschluss: „{_short(a.term)}“ nicht antragsberechtigt")
            )
        if not positives:
            continue
        # In a required joint project ("Kooperationsvorhaben, in denen Kommunen mit Vereinen
        # zusammenarbeiten") the partner is a party too.
        joint = bool(lx.REQUIRED_RE.search(segment) or lx.JOINT_PROJECT_RE.search(segment))
        applicants = [
            a for a in named if (a.role == "applicant" or (joint and a.role == "partner")) and a not in in_negation
        ]
        for m in lx.INDIRECT_RE.finditer(segment):
            # "Vereine erhalten Mittel nur über die Kommunen": the clause names no applicant
            start, end = _clause_bounds(segment, m.start())
            applicants = [a for a in applicants if not start <= a.start < end]
        marker = positives[0].group(0).strip()
        for a in applicants:
            reading.positive_types.add(lx.term_type(a.term) or a.group)
            reading.positive.setdefault(a.group, []).append(
                Hit("addressee", a.group, sentence, f"Antragsberechtigung („{_short(marker)}“): {_short(a.term)}")
            )
        # "ausschließlich Kommunen", "stets die Kommune": the word must stand right before an
        # applicant; "nur mit einzelnen Stadtteilen" or "ausschließlich Kooperationsvorhaben" restrict
        # something else.
        exclusive = next(
            (
                m
                for m in lx.EXCLUSIVE_RE.finditer(segment)
                if any(0 <= a.start - m.end() <= 12 for a in applicants)
                and not lx.EXCLUSIVE_NOT_TYPE.match(segment, m.end())
            ),
            None,
        )
        if exclusive and not lx.PLACE_RESTRICTION_RE.search(segment) and "nicht nur" not in segment:
            for a in applicants:
                reading.exclusive.setdefault(a.group, []).append(
                    Hit(
                        "addressee",
                        a.group,
                        sentence,
                        f"ausschließlich antragsberechtigt („{exclusive.group(0)}“): {_short(a.term)}",
                    )
                )


def read_beneficiaries(sentence: str, reading: Reading) -> None:
    """Weaker reading for texts without an eligibility clause: whom the funding sentences name."""
    if not lx.BENEFICIARY_RE.search(sentence) or lx.NOT_FUNDED_RE.search(sentence):
        return
    for a in actors(sentence):
        if a.role == "applicant":
            reading.weak_positive.setdefault(a.group, []).append(
                Hit(
                    "addressee",
                    a.group,
                    sentence,
                    f"Fördersatz nennt {_short(a.term)} (keine ausdrückliche Antragsberechtigung)",
                    0.5,
                )
            )


def _required_word(sentence: str, named: list[Actor]) -> re.Match[str] | None:
    """The first word making the partnership a duty, if it speaks about municipality or civil society.

    "Die Zusammenarbeit mit Jobcentern ist Pflicht, weitere Partner wie Kommunen …": the duty
    concerns another partner named in its own clause, not the partnership of K and Z.
    """
    for m in lx.REQUIRED_RE.finditer(sentence):
        start, end = _clause_bounds(sentence, m.start())
        in_clause = [a for a in named if start <= a.start < end and a.group in (lx.K, lx.Z)]
        if in_clause or not re.search(r"\bmit (?:\w+ ){0,3}[A-ZÄÖÜ]", sentence[start:end]):
            return m
    return None


def read_partnership(sentence: str, reading: Reading, following: str = "") -> None:
    """Municipality together with civil society: required, welcome, denied, or a joint structure."""
    if denied := lx.DENIED_PARTNERSHIP_RE.search(sentence):
        reading.denied_partnership.append(
            Hit(
                "co_steering",
                "denied",
                sentence,
                f"Kooperation nicht verpflichtend, ausdrücklich nicht verlangt („{_short(denied.group(0))}“)",
            )
        )
        return
    named = [a for a in actors(sentence) if a.role != "place"]
    groups = {a.group for a in named}
    # a body "besetzt mit" both sides is a cooperation as much as "gemeinsam" is
    if not ({lx.K, lx.Z} <= groups and (lx.COOPERATION_RE.search(sentence) or lx.MEMBERSHIP_RE.search(sentence))):
        return
    last_kz = max(a.start for a in named if a.group in (lx.K, lx.Z))
    welcome = [m for m in lx.WELCOME_RE.finditer(sentence) if m.start() < last_kz]
    optional_role = lx.OPTIONAL_ROLE_RE.search(sentence)
    not_required = lx.NOT_REQUIRED_RE.search(sentence)
    required = _required_word(sentence, named) if not not_required else None
    if not_required or optional_role or (welcome and not required):
        word = (not_required or optional_role or welcome[0]).group(0)
        reading.welcome_partnership.append(
            Hit("co_steering", "welcome", sentence, f"Partnerschaft erwünscht, nicht verpflichtend („{_short(word)}“)")
        )
        if not_required or optional_role:
            return
    elif required:
        reading.required_partnership.append(
            Hit(
                "co_steering",
                "required",
                sentence,
                f"Kooperation Kommune + Zivilgesellschaft verpflichtend („{_short(required.group(0))}“)",
            )
        )
    objects = lx.STRATEGY_STRONG.search(sentence) or lx.BODY_RE.search(sentence) or lx.COORD_STRONG.search(sentence)
    if objects and (required or lx.JOINT_RE.search(sentence) or lx.MEMBERSHIP_RE.search(sentence)):
        # a "können" elsewhere in the sentence does not undo a body or strategy both share
        reading.joint_structure.append(
            Hit(
                "co_steering",
                "joint",
                sentence,
                f"gemeinsame Struktur von Kommune und Zivilgesellschaft („{_short(objects.group(0))}“)",
            )
        )
        body = lx.DECISION_BODY_RE.search(sentence)
        decides = lx.DECIDES_RE.search(sentence) or (
            lx.DECIDES_RE.search(following) if lx.REFERS_BACK_RE.match(following) else None
        )
        if body and decides:
            cue = f"gemeinsames Gremium mit Entscheidungsbefugnis („{_short(body.group(0))}“, „{_short(decides.group(0))}“)"
            reading.decision_body.append(Hit("co_steering", "decision_body", sentence, cue))
            # a joint body that decides or steers is the typology's level 3 (joint strong cue: 2 × 2)
            reading.levels["strategie"] += 4.0
            reading.level_hits["strategie"].append(
                Hit("steering_level", "strategie", sentence, f"strategie: {cue}", 4.0)
            )


def read_civil_society_money(sentence: str, reading: Reading) -> None:
    """Civil society gets money itself ("Vereine erhalten Geld über den Fonds", a post at a free Träger)."""
    if lx.NOT_FUNDED_RE.search(sentence) or not lx.CIVIL_MONEY_RE.search(sentence):
        return
    z = [a for a in actors(sentence) if a.group == lx.Z and a.role != "place"]
    if z or lx.POST_AT_CIVIL_RE.search(sentence):
        term = z[0].term if z else lx.POST_AT_CIVIL_RE.search(sentence).group(0)
        reading.civil_society_money.append(
            Hit("co_steering", "civil_money", sentence, f"Zivilgesellschaft erhält eigene Mittel („{_short(term)}“)")
        )


def _sentence_weight(sentence: str, is_title: bool) -> float:
    negated = lx.NOT_FUNDED_RE.search(sentence)
    if negated and "sondern" not in sentence[negated.end() :]:
        return 0.0
    weight = 2.0 if is_title else 1.0
    if lx.FUNDED_RE.search(sentence) or lx.CONDITION_CLAUSE_RE.search(sentence):
        weight *= 1.5
    if lx.PROCEDURE_RE.search(sentence):
        weight *= 0.5
    if lx.OPTIONAL_ROLE_RE.search(sentence):
        weight *= 0.3
    return weight


def read_levels(sentence: str, reading: Reading, *, is_title: bool = False) -> None:
    """Points for strategy and coordination as the funded core (title and funding clauses weigh more)."""
    weight = _sentence_weight(sentence, is_title)
    if not weight:
        return
    for level, strong, weak in (
        ("strategie", lx.STRATEGY_STRONG, lx.STRATEGY_WEAK),
        ("koordination", lx.COORD_STRONG, lx.COORD_WEAK),
    ):
        strong_terms = {m.group(0) for m in strong.finditer(sentence)}
        weak_terms = {m.group(0) for m in weak.finditer(sentence)} - strong_terms
        # Weak words count only in the title: "Vernetzung" inside a project is incidental.
        # One weak word in a title ("Vernetzt", "Netzwerke integrieren …") is a slogan, not a funded core.
        points = 2.0 * len(strong_terms) + (
            1.25 * min(len(weak_terms), 2) if is_title else 0.25 * min(len(weak_terms), 2)
        )
        if level == "strategie" and strong_terms and lx.JOINT_RE.search(sentence):
            points *= 2  # a jointly written strategy or a joint body is the typology's level 3
        if points:
            reading.levels[level] += weight * points
            terms = ", ".join(sorted(strong_terms | weak_terms))[:80]
            where = "Titel" if is_title else "Förderinhalt" if lx.FUNDED_RE.search(sentence) else "Text"
            reading.level_hits[level].append(
                Hit("steering_level", level, sentence, f"{level} ({where}): {terms}", weight * points)
            )


def read_forms(sentence: str, reading: Reading, *, is_title: bool = False) -> None:
    weight = 2.0 if is_title else 1.0
    # "institutionelle Dauerförderung ist ausgeschlossen": cues in an excluding segment argue for nothing
    kept = " ; ".join(part for part in re.split(r"[;:]", sentence) if not lx.NOT_FUNDED_RE.search(part))
    for form, cues in lx.FORM_CUES.items():
        for pattern, points in cues:
            terms = {m.group(0) for m in pattern.finditer(kept if form != "projekt" else sentence)}
            if not terms:
                continue
            reading.forms[form] = reading.forms.get(form, 0.0) + weight * points * min(len(terms), 2)
            reading.form_hits.setdefault(form, []).append(
                Hit(
                    "funding_form",
                    form,
                    sentence,
                    f"Förderart {form}: {', '.join(sorted(terms))[:80]}",
                    weight * points,
                )
            )


def read_money_and_mandate(sentence: str, reading: Reading) -> None:
    if m := lx.NO_MONEY_RE.search(sentence):
        reading.no_money.append(
            Hit("co_steering", "no_money", sentence, f"keine Geldleistung („{_short(m.group(0))}“)")
        )
    if (
        (m := lx.PAID_STAFF_RE.search(sentence))
        and lx.FUNDED_RE.search(sentence)
        and not lx.NOT_FUNDED_RE.search(sentence)
    ):
        reading.paid_staff.append(
            Hit("placement_type", "staff", sentence, f"bezahlte Stellen („{_short(m.group(0))}“)")
        )
    if m := lx.MO_MANDATE_RE.search(sentence):
        reading.mo_mandate.append(
            Hit("placement_type", "3", sentence, f"eigenes Mandat der Organisationen („{_short(m.group(0))}“)")
        )


def detect_language(text: str) -> str:
    """ "de", "en" or "unklar" — by counting function words (enough to flag English calls)."""
    german = len(lx.GERMAN_WORDS.findall(text[:5000]))
    english = len(lx.ENGLISH_WORDS.findall(text[:5000]))
    if german + english < 3:
        return "unklar"
    return "en" if english > german * 1.5 else "de"


def read_call(title: str, sentences: list[str]) -> Reading:
    """Run every rule over the title and the sentences."""
    reading = Reading()
    body = " ".join(sentences)
    reading.language = detect_language(title + " " + body)
    without_links = lx.URL_RE.sub(" ", body)
    reading.link_only = bool(lx.URL_RE.search(body)) and len(re.findall(r"\w{3,}", without_links)) < 12
    read_levels(title, reading, is_title=True)
    read_forms(title, reading, is_title=True)
    for i, sentence in enumerate(sentences):
        read_eligibility(sentence, reading)
        read_beneficiaries(sentence, reading)
        read_partnership(sentence, reading, sentences[i + 1] if i + 1 < len(sentences) else "")
        read_civil_society_money(sentence, reading)
        read_levels(sentence, reading)
        read_forms(sentence, reading)
        read_money_and_mandate(sentence, reading)
    return reading
