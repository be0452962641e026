"""The co-steering decision, in one place: the learned heads decide, the clause reader explains.

``decide_learned`` turns the calibrated co-steering probability into the flag and its band
(``ja`` / ``moeglich`` / ``nein``), the addressee and steering-level heads into those labels, and
keeps the rules' funding form. Each label carries the sentences that decided it: the clause
reader's hits, and for the learned part the sentences that carry the features with the largest
contributions ("Merkmal … +0.8"). Nothing keys on a programme's or a funder's name.
"""

from __future__ import annotations

from corpus.labels import Addressee, CoSteeringBand, FundingForm, SteeringLevel
from corpus.model import Classification, Evidence, FundingCall
from matcher.classifier.cues import Reading
from matcher.classifier.decide import _best, _ev, placement_type
from matcher.classifier.features import _FAMILY_RE
from matcher.classifier.model import LearnedModel

MIN_WORDS = 25  # below this a text says too little for the learned heads: the rules (or "unbekannt") decide
MAX_EXPLAINED = 3

# German names of the features, for the evidence shown to a coordinator
_GROUP_DE = {"K": "Kommune", "Z": "Zivilgesellschaft", "O": "Andere"}
_RULE_DE = {
    "required_partnership": "Kooperation verpflichtend",
    "welcome_partnership": "Kooperation erwünscht",
    "joint_structure": "gemeinsame Struktur",
    "denied_partnership": "Kooperation ausdrücklich nicht verlangt",
    "decision_body": "Gremium mit Entscheidungsbefugnis",
    "civil_society_money": "Zivilgesellschaft erhält Mittel",
    "no_money": "keine Geldleistung",
    "paid_staff": "bezahlte Stellen",
    "mo_mandate": "Mandat der Organisationen",
    "partial_exclusions": "Teilausschluss",
}


def readable_for_model(reading: Reading, sentences: list[str]) -> bool:
    """German text with enough words; English, a bare link or a stub stay with the rules."""
    words = sum(len(s.split()) for s in sentences)
    return reading.language == "de" and not reading.link_only and words >= MIN_WORDS


def feature_de(name: str) -> str:
    """A feature's name as a coordinator reads it."""
    kind, _, rest = name.partition("_")
    if kind == "feld":
        return (
            "Antragsberechtigte laut Quelle" if rest == "vorhanden" else f"Quelle nennt „{rest}“ als antragsberechtigt"
        )
    if kind == "ebene":
        return f"Fördergeber-Ebene {rest}"
    if kind in ("klausel", "schwach", "ausschluss", "exklusiv"):
        what = {
            "klausel": "Antragsklausel nennt",
            "schwach": "Fördersatz nennt",
            "ausschluss": "Ausschluss von",
            "exklusiv": "ausschließlich",
        }[kind]
        return f"{what} {_GROUP_DE.get(rest, rest)}"
    if kind == "regel":
        return _RULE_DE.get(rest, rest)
    if kind in ("wort", "titel", "foerder", "anfang"):
        where = {"wort": "im Text", "titel": "im Titel", "foerder": "im Fördergegenstand", "anfang": "am Anfang"}[kind]
        return f"Wortfeld „{rest}“ {where}"
    if kind == "satz":
        return {
            "k_und_z": "Kommune und Zivilgesellschaft in einem Satz",
            "k_z_zusammen": "Kommune und Zivilgesellschaft arbeiten zusammen",
            "k_z_gremium": "Kommune und Zivilgesellschaft in einem Gremium",
            "k_z_strategie": "Kommune und Zivilgesellschaft erarbeiten gemeinsam Strategie oder Plan",
            "k_z_koordination": "Kommune und Zivilgesellschaft koordinieren gemeinsam",
        }.get(rest, name)
    if kind == "stufe":
        return f"Punkte der Regeln für {rest}"
    if kind == "form":
        return f"Förderart-Hinweise {rest}"
    if kind == "emb":
        return f"Satzbedeutung laut Sprachmodell (multilingual-e5, Achse {rest})"
    if name == "laenge":
        return "Länge des Textes"
    return name


def _sentence_for(name: str, call: FundingCall, reading: Reading, sentences: list[str]) -> str | None:
    """The sentence that carries a feature, where one does."""
    kind, _, rest = name.partition("_")
    if kind in ("wort", "titel", "foerder", "anfang") and rest in _FAMILY_RE:
        pattern = _FAMILY_RE[rest]
        pool = [call.title] if kind == "titel" else sentences[:3] if kind == "anfang" else sentences
        return next((s for s in pool if pattern.search(s)), None)
    if kind == "regel" and getattr(reading, rest, None):
        return getattr(reading, rest)[0].text
    if kind in ("klausel", "ausschluss", "exklusiv"):
        field = {"klausel": reading.positive, "ausschluss": reading.negative, "exklusiv": reading.exclusive}[kind]
        hits = field.get(rest)
        return hits[0].text if hits else None
    return None


def _explain(
    label: str,
    head_name: str,
    cls: str,
    model: LearnedModel,
    features: dict[str, float],
    call: FundingCall,
    reading: Reading,
    sentences: list[str],
) -> list[Evidence]:
    """The largest positive contributions to ``cls``, each with its sentence (or the feature alone)."""
    evidence: list[Evidence] = []
    seen: set[str] = set()
    for name, share in model.heads[head_name].contributions(features, cls):
        if share <= 0.05 or len(evidence) == MAX_EXPLAINED:
            break
        text = _sentence_for(name, call, reading, sentences) or feature_de(name)
        if text in seen:
            continue
        seen.add(text)
        text = text if len(text) <= 400 else text[:397] + "…"
        evidence.append(Evidence(label=label, text=text, cue=f"gelernt: {feature_de(name)} ({share:+.2f})"))
    return evidence


def _argmax(probabilities: dict[str, float], allowed: set[str] | None = None) -> tuple[str, float]:
    pool = {k: v for k, v in probabilities.items() if allowed is None or k in allowed}
    total = sum(pool.values()) or 1.0
    best = max(pool, key=pool.get)
    return best, pool[best] / total


def decide_learned(
    call: FundingCall,
    reading: Reading,
    features: dict[str, float],
    model: LearnedModel,
    sentences: list[str],
    *,
    rule_co: bool = False,
    rule_addressee: Addressee | None = None,
    rule_evidence: list[Evidence],
    form: tuple[FundingForm, float, list[Evidence]],
    use_given_form: bool,
    version: str,
) -> Classification:
    probability = model.co_steering_probability(features)
    if rule_co:
        # the clause reader found a required joint structure with a steering task (its precision
        # on real texts is high, its recall low): that decides, whatever the weights say
        probability = max(probability, model.threshold_yes)
    co = probability >= model.threshold_yes
    band = (
        CoSteeringBand.ja
        if co
        else CoSteeringBand.moeglich
        if probability >= model.threshold_possible
        else CoSteeringBand.nein
    )

    addressee_probs = model.heads["addressee"].probabilities(features)
    if co:
        addressee, a_conf = Addressee.ko_steuerung, probability
    else:
        # the co-steering head alone decides ko_steuerung; otherwise the best of the others
        name, a_conf = _argmax(addressee_probs, {a.value for a in Addressee} - {"ko_steuerung", "unbekannt"})
        addressee = Addressee(name)
        explicit = bool(reading.positive or reading.exclusive)
        if explicit and rule_addressee not in (None, Addressee.unbekannt, Addressee.ko_steuerung):
            # an eligibility clause in the text says who applies: the clause reader reads it exactly;
            # the learned head speaks where the text names no applicant (cross-validated: +0.013
            # addressee macro-F1 on real texts, +0.03 on our summaries; docs/classifier.md)
            addressee, a_conf = rule_addressee, max(a_conf, addressee_probs.get(rule_addressee.value, 0.0))
    level_name, l_conf, level_head = model.steering_level(features, upper=co)
    level = SteeringLevel(level_name)

    form_value, f_conf, f_evidence = form
    explicit_project = any(h.weight >= 1.0 for h in reading.form_hits.get("projekt", []))
    if co and form_value is FundingForm.projekt and not explicit_project and not (use_given_form and call.funding_form):
        # a joint steering structure without a project limit builds a structure (rubric), as in the rules
        form_value, f_conf = FundingForm.struktur, 0.6
        f_evidence = [_ev(h, "funding_form") for h in _best(reading.joint_structure, 1)] or f_evidence
    ptype, p_conf, p_evidence = placement_type(co, level, form_value, reading)

    rules_by_label = {
        label: [e for e in rule_evidence if e.label == label]
        for label in ("addressee", "co_steering", "steering_level")
    }
    co_cls = "True" if co or band is CoSteeringBand.moeglich else "False"
    evidence = (
        _explain("addressee", "addressee", addressee.value, model, features, call, reading, sentences)
        + rules_by_label["addressee"][:3]
        + [
            Evidence(
                label="co_steering",
                text=f"Wahrscheinlichkeit Ko-Steuerung {probability:.0%} "
                f"(ab {model.threshold_yes:.0%} ja, ab {model.threshold_possible:.0%} möglich)",
                cue=f"gelernt ({model.version}), kalibriert",
            )
        ]
        + _explain("co_steering", "co_steering", co_cls, model, features, call, reading, sentences)
        + [Evidence(label="co_steering", text=e.text, cue=e.cue) for e in rules_by_label["co_steering"][:2]]
        # the upper head decides only "praxis"; an upper level is named by the "which" head
        + _explain("steering_level", level_head, level.value, model, features, call, reading, sentences)
        + f_evidence
        + p_evidence
    )
    evidence = [e for i, e in enumerate(evidence) if (e.label, e.text) not in {(x.label, x.text) for x in evidence[:i]}]
    confidence = {
        "addressee": round(a_conf, 2),
        "co_steering": round(probability if co else 1.0 - probability, 2),
        "steering_level": round(l_conf, 2),
        "funding_form": round(f_conf, 2),
        "placement_type": round(p_conf, 2),
    }
    return Classification(
        addressee=addressee,
        co_steering=co,
        steering_level=level,
        funding_form=form_value,
        placement_type=ptype,
        co_steering_probability=round(probability, 4),
        co_steering_band=band,
        confidence=confidence,
        evidence=evidence,
        classifier_version=version,
    )
