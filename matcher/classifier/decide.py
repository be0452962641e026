"""From what the rules (and, optionally, the embeddings) found to the labels of DESIGN.md.

Every label keeps the sentences that decided it as evidence, with the rule or comparison that
fired; where nothing in the text decides, the label says so with a low confidence.
"""

from __future__ import annotations

from corpus.labels import Addressee, ApplicantType, FundingForm, SteeringLevel
from corpus.model import Classification, Evidence, FundingCall
from matcher.classifier import lexicon as lx
from matcher.classifier.cues import GROUP_DE, Hit, Reading
from matcher.classifier.model import LearnedModel

FIELD_GROUP = {
    ApplicantType.kommune: lx.K,
    ApplicantType.mo: lx.Z,
    ApplicantType.verbund: lx.Z,
    ApplicantType.wohlfahrt: lx.Z,
    ApplicantType.verein: lx.Z,
    ApplicantType.bildungstraeger: lx.Z,
    ApplicantType.unternehmen: lx.O,
    ApplicantType.hochschule: lx.O,
    ApplicantType.einzelperson: lx.O,
}

# Thresholds on the level points of cues.read_levels (title ×2, funding clause ×1.5, strong cue 2).
STRATEGY_MIN = 4.0
COORDINATION_MIN = 3.0
MAX_EVIDENCE_PER_LABEL = 3


def _ev(hit: Hit, label: str | None = None) -> Evidence:
    text = hit.text if len(hit.text) <= 400 else hit.text[:397] + "…"
    return Evidence(label=label or hit.label, text=text, cue=hit.cue)


def _best(hits: list[Hit], n: int = MAX_EVIDENCE_PER_LABEL) -> list[Hit]:
    seen: set[str] = set()
    result = []
    for hit in sorted(hits, key=lambda h: -h.weight):
        if hit.text not in seen:
            seen.add(hit.text)
            result.append(hit)
        if len(result) == n:
            break
    return result


def eligible_groups(call: FundingCall, reading: Reading) -> tuple[set[str], float, list[Evidence]]:
    """Which groups may apply: the applicants field if given, corrected by explicit clauses."""
    evidence: list[Evidence] = []
    # A negation removes what it names unless the text also names that very type as eligible
    # ("Antragsberechtigt sind Wohlfahrtsverbände … Migrantenorganisationen sind nicht
    # antragsberechtigt" keeps civil society, drops only the migrant organisations).
    negated = {k: g for k, g in reading.negative_types.items() if k not in reading.positive_types}
    field_types = [a for a in call.applicants if a.value not in negated]
    field_groups = {FIELD_GROUP[a] for a in field_types}
    text_groups = set(reading.positive)
    negative = {g for k, g in negated.items() if k == g} | {
        g for g in set(negated.values()) if g not in text_groups and g not in field_groups
    }
    if call.applicants:
        groups = set(field_groups)
        names = ", ".join(a.value for a in call.applicants)
        evidence.append(
            Evidence(label="addressee", text=f"Antragsberechtigte laut Datensatz: {names}", cue="Feld applicants")
        )
        agree = not text_groups or text_groups == field_groups
        confidence = 0.85 if text_groups and agree else 0.75 if not text_groups else 0.7
    elif text_groups:
        groups = set(text_groups)
        confidence = 0.8 if len(sum(reading.positive.values(), [])) >= 2 else 0.65
    else:
        groups = set(reading.weak_positive)
        confidence = 0.4
        for group in sorted(groups):
            evidence.extend(_ev(h) for h in _best(reading.weak_positive[group], 1))
    for group in sorted(text_groups):
        evidence.extend(_ev(h) for h in _best(reading.positive[group], 1))
    for group in sorted(set(negated.values())):
        evidence.extend(_ev(h) for h in _best(reading.negative[group], 1))
    groups -= negative
    conditions = [h for h in reading.required_partnership if lx.CONDITION_RE.search(h.text)]
    if conditions and not reading.exclusive and not ({lx.K, lx.Z} <= groups):
        # "Voraussetzung ist eine Kooperation zwischen Zivilgesellschaft und Verwaltung": both take part
        groups |= {lx.K, lx.Z} - negative
        evidence.append(_ev(conditions[0], "addressee"))
    if (
        reading.decision_body
        and reading.civil_society_money
        and lx.K in groups
        and lx.Z not in groups
        and lx.Z not in negative
        and not reading.exclusive
    ):
        # The municipality applies formally, but a joint body of administration and civil society
        # decides and civil society receives money itself: both take part (rubric: joint steering
        # body with decision power over money).
        groups.add(lx.Z)
        evidence.append(_ev(reading.decision_body[0], "addressee"))
        evidence.append(_ev(reading.civil_society_money[0], "addressee"))
        confidence = min(confidence, 0.6)
    exclusive = set(reading.exclusive) - negative
    if exclusive:
        groups = exclusive
        confidence = 0.9
        for group in sorted(exclusive):
            evidence.extend(_ev(h) for h in _best(reading.exclusive[group], 1))
    return groups, confidence, evidence


def steering_level(
    reading: Reading, emb: dict[str, float] | None, weight: float
) -> tuple[SteeringLevel, float, list[Evidence]]:
    strat = reading.levels["strategie"] + weight * (emb or {}).get("strategie", 0.0)
    coord = reading.levels["koordination"] + weight * (emb or {}).get("koordination", 0.0)
    evidence: list[Evidence] = []
    if strat >= STRATEGY_MIN and strat >= 0.4 * coord:
        level, score, threshold = SteeringLevel.strategie, strat, STRATEGY_MIN
        evidence = [_ev(h) for h in _best(reading.level_hits["strategie"])]
    elif coord >= COORDINATION_MIN:
        level, score, threshold = SteeringLevel.koordination, coord, COORDINATION_MIN
        evidence = [_ev(h) for h in _best(reading.level_hits["koordination"])]
    else:
        top = max(strat, coord)
        confidence = 0.85 if top < 1 else 0.7 if top < COORDINATION_MIN * 0.6 else 0.55
        return (
            SteeringLevel.praxis,
            confidence,
            [
                Evidence(
                    label="steering_level",
                    text="Keine Koordinierungsstellen, Steuerungsgremien oder Strategiearbeit als Förderinhalt gefunden.",
                    cue=f"Regel: Strategie {strat:.1f} < {STRATEGY_MIN:.0f}, Koordination {coord:.1f} < {COORDINATION_MIN:.0f}",
                )
            ],
        )
    confidence = min(0.95, 0.55 + 0.1 * (score / threshold))
    if emb:
        evidence.append(
            Evidence(
                label="steering_level",
                text="Ähnlichkeit der Sätze zu den Stufenbeschreibungen der Typologie",
                cue="Embedding: " + ", ".join(f"{k} {v:+.2f}" for k, v in sorted(emb.items())),
            )
        )
    return level, confidence, evidence


def funding_form(call: FundingCall, reading: Reading, *, use_given: bool) -> tuple[FundingForm, float, list[Evidence]]:
    f = reading.forms
    if use_given and call.funding_form is not None:
        given = [
            Evidence(
                label="funding_form",
                text=f"Förderart laut Datensatz: {call.funding_form.value}",
                cue="Feld funding_form",
            )
        ]
        project = sum(h.weight for h in reading.form_hits.get("projekt", []) if h.weight >= 1.0)
        if (
            call.funding_form is FundingForm.struktur
            and not f.get("struktur")
            and not f.get("institutionell")
            and project >= 1.0
        ):
            # A source's "Strukturprojekt" with a fixed project period and no word of lasting
            # structures is a time-limited project by the rubric.
            hits = _best([h for h in reading.form_hits.get("projekt", []) if h.weight >= 1.0], 2)
            return (
                FundingForm.projekt,
                0.6,
                given
                + [
                    Evidence(
                        label="funding_form",
                        text=h.text,
                        cue="befristete Projektlaufzeit ohne Daueraussage → projekt statt Feld struktur",
                    )
                    for h in hits
                ],
            )
        return call.funding_form, 0.9, given
    order = [
        (FundingForm.darlehen, 2.0),
        (FundingForm.preis, 3.0),
        (FundingForm.institutionell, 2.0),
        (FundingForm.teil_institutionell, 3.0),
        (FundingForm.struktur, 2.0),
    ]
    for form, threshold in order:
        score = f.get(form.value, 0.0)
        if form is FundingForm.struktur:
            score -= 0.25 * f.get("projekt", 0.0)  # "befristet", "Anschubfinanzierung" speak against lasting structures
        if score >= threshold:
            hits = _best(reading.form_hits.get(form.value, []))
            return form, min(0.9, 0.5 + 0.1 * score / threshold), [_ev(h) for h in hits]
    hits = _best(reading.form_hits.get("projekt", []), 2)
    confidence = 0.8 if hits else 0.55
    return (
        FundingForm.projekt,
        confidence,
        [_ev(h) for h in hits]
        or [
            Evidence(
                label="funding_form",
                text="Kein Hinweis auf Dauer-, Struktur- oder institutionelle Förderung.",
                cue="Regel: Standard Projektförderung",
            )
        ],
    )


def co_steering(groups: set[str], level: SteeringLevel, reading: Reading) -> tuple[bool, float, list[Evidence]]:
    """Joint funding of municipality and civil society at coordination or steering level."""
    both = {lx.K, lx.Z} <= groups
    joint = reading.joint_structure
    required = reading.required_partnership
    evidence = [_ev(h) for h in _best(joint + required, 2)]
    if not both:
        return False, 0.9, evidence
    if reading.no_money and not reading.mo_mandate:
        return False, 0.75, [_ev(h) for h in _best(reading.no_money, 1)] + evidence
    if reading.denied_partnership and not reading.decision_body:
        # "Eine gemeinsame Steuerung mit der Kommune ist nicht vorgeschrieben" outweighs a duty
        # read elsewhere: it says in so many words what the call does not ask for.
        return False, 0.8, [_ev(h) for h in _best(reading.denied_partnership, 1)] + evidence
    if level is SteeringLevel.praxis:
        welcome = [_ev(h) for h in _best(reading.welcome_partnership, 1)]
        return False, 0.8 if not (joint or required) else 0.65, evidence + welcome
    if joint and (required or reading.mo_mandate or level is SteeringLevel.strategie):
        return True, 0.8 if required else 0.65, evidence
    if required and level is not SteeringLevel.praxis:
        return True, 0.6, evidence
    welcome = [_ev(h) for h in _best(reading.welcome_partnership, 1)]
    return False, 0.6, evidence + welcome


def placement_type(
    co: bool, level: SteeringLevel, form: FundingForm, reading: Reading
) -> tuple[int, float, list[Evidence]]:
    durable = form in (FundingForm.struktur, FundingForm.institutionell, FundingForm.teil_institutionell)
    if co and reading.mo_mandate and durable:
        return 3, 0.6, [_ev(h) for h in _best(reading.mo_mandate, 1)]
    reasons = []
    if co:
        reasons.append("Ko-Steuerung")
    if durable:
        reasons.append(f"dauerhafte Förderart ({form.value})")
    formal = reading.paid_staff or reading.required_partnership or reading.joint_structure
    if level is not SteeringLevel.praxis and not reading.no_money and formal:
        # coordination or strategy as a funded core with paid posts or a formal partnership;
        # networking without either ("Netzwerke mit 10.000 Euro für zwei Jahre") stays type I
        reasons.append(
            f"finanziert {level.value} ({(reading.paid_staff or reading.required_partnership or reading.joint_structure)[0].cue})"
        )
    if reasons:
        return (
            2,
            0.7,
            [Evidence(label="placement_type", text="Typ II: " + ", ".join(reasons), cue="Regel Platzierungstyp")],
        )
    return (
        1,
        0.8,
        [
            Evidence(
                label="placement_type",
                text="Typ I: befristete Projekt- oder Einmalförderung auf Praxisebene",
                cue="Regel Platzierungstyp",
            )
        ],
    )


def addressee_of(groups: set[str]) -> Addressee:
    """The addressee of the groups that may apply, co-steering aside."""
    if not groups:
        return Addressee.unbekannt
    if {lx.K, lx.Z} <= groups:
        return Addressee.beide_praxis
    if lx.Z in groups:
        return Addressee.mo
    if lx.K in groups:
        return Addressee.kommune
    return Addressee.andere


def decide(
    call: FundingCall,
    reading: Reading,
    *,
    emb: dict[str, float] | None = None,
    emb_weight: float = 0.0,
    use_given_form: bool = True,
    version: str = "",
    features: dict[str, float] | None = None,
    model: LearnedModel | None = None,
    sentences: list[str] | None = None,
) -> Classification:
    groups, a_conf, a_evidence = eligible_groups(call, reading)
    level, l_conf, l_evidence = steering_level(reading, emb, emb_weight)
    form, f_conf, f_evidence = funding_form(call, reading, use_given=use_given_form)
    co, c_conf, c_evidence = co_steering(groups, level, reading)
    if model is not None and features is not None:
        from matcher.classifier.learned import decide_learned, readable_for_model  # learned builds on the helpers here

        if readable_for_model(reading, sentences or []):
            return decide_learned(
                call,
                reading,
                features,
                model,
                sentences or [],
                rule_co=co,
                rule_addressee=addressee_of(groups),
                rule_evidence=a_evidence + c_evidence + l_evidence,
                form=(form, f_conf, f_evidence),
                use_given_form=use_given_form,
                version=version,
            )
    return _decide_rules(
        call,
        reading,
        groups,
        a_conf,
        a_evidence,
        level,
        l_conf,
        l_evidence,
        form,
        f_conf,
        f_evidence,
        co,
        c_conf,
        c_evidence,
        use_given_form=use_given_form,
        version=version,
    )


def _decide_rules(
    call,
    reading,
    groups,
    a_conf,
    a_evidence,
    level,
    l_conf,
    l_evidence,
    form,
    f_conf,
    f_evidence,
    co,
    c_conf,
    c_evidence,
    *,
    use_given_form: bool,
    version: str,
) -> Classification:
    """The rules alone (no weights file, or a text the learned layer cannot read: English, a bare link)."""
    explicit_project = any(h.weight >= 1.0 for h in reading.form_hits.get("projekt", []))
    if co and form is FundingForm.projekt and not explicit_project and not (use_given_form and call.funding_form):
        # Funding a joint body or strategy of municipality and civil society builds a structure
        # (rubric: "municipal coordination structures"), unless the call calls itself a project.
        form, f_conf = FundingForm.struktur, 0.6
        f_evidence = [
            Evidence(
                label="funding_form",
                text=h.text,
                cue="gemeinsame Steuerungsstruktur ohne Projektbefristung → Strukturförderung",
            )
            for h in _best(reading.joint_structure, 1)
        ]
    if not groups:
        addressee = Addressee.unbekannt
        a_conf = 0.1 if (reading.link_only or reading.language != "de") else 0.2
        reason = (
            "nur ein Link" if reading.link_only else "nicht deutsch" if reading.language == "en" else "keine Angabe"
        )
        a_evidence = a_evidence + [
            Evidence(
                label="addressee",
                text="Der Text sagt nicht, wer antragsberechtigt ist.",
                cue=f"keine Antragsberechtigung gefunden ({reason})",
            )
        ]
    elif co:
        addressee = Addressee.ko_steuerung
        a_conf = min(a_conf, c_conf)
    else:
        addressee = addressee_of(groups)
        if addressee is Addressee.kommune and lx.O in groups:
            a_conf = min(a_conf, 0.5)
    if addressee is not Addressee.unbekannt:
        a_evidence.append(
            Evidence(
                label="addressee",
                text="Antragsberechtigt: " + ", ".join(GROUP_DE[g] for g in sorted(groups)),
                cue="Regel Adressat",
            )
        )
    ptype, p_conf, p_evidence = placement_type(co, level, form, reading)
    if reading.language != "de" or reading.link_only:
        l_conf, f_conf, p_conf = min(l_conf, 0.3), min(f_conf, 0.3), min(p_conf, 0.3)
    confidence = {
        "addressee": round(a_conf, 2),
        "co_steering": round(c_conf if groups else 0.2, 2),
        "steering_level": round(l_conf, 2),
        "funding_form": round(f_conf, 2),
        "placement_type": round(p_conf, 2),
    }
    evidence = (
        a_evidence
        + [Evidence(label="co_steering", text=e.text, cue=e.cue) for e in c_evidence]
        + l_evidence
        + f_evidence
        + p_evidence
    )
    return Classification(
        addressee=addressee,
        co_steering=co,
        steering_level=level,
        funding_form=form,
        placement_type=ptype,
        confidence=confidence,
        evidence=evidence,
        classifier_version=version,
    )
