"""The German vocabulary lives in one place (``corpus.vocabulary``): every reader compiles its words
from there, the crawler and the classifier read one applicant-type list, and that merged list reads
what each of the two old lists read."""

from __future__ import annotations

import re

import pytest

from corpus import german, vocabulary
from corpus.german import applicant_type, parse_applicants
from crawler import loaders
from crawler.platforms import fdb_text
from matcher import eligibility, places, ranking
from matcher import features as vector_features
from matcher.classifier import features as classifier_features
from matcher.classifier import lexicon

# every module that reads German cue words
_READERS = (lexicon, classifier_features, german, eligibility, places, vector_features, ranking, fdb_text)


def _compiled(module) -> list[str]:
    """The sources of every compiled pattern a module holds at top level (also inside lists and dicts)."""
    found: list[str] = []

    def walk(value) -> None:
        if isinstance(value, re.Pattern):
            found.append(value.pattern)
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, (list, tuple)):
            for v in value:
                walk(v)

    for name, value in vars(module).items():
        if not name.startswith("__"):
            walk(value)
    return found


def _entries() -> list[tuple[str, str]]:
    """(name, source) of every word pattern in the vocabulary."""
    out = []
    for name, value in vars(vocabulary).items():
        if name.startswith("_") or name in ("K", "Z", "O", "annotations"):
            continue
        if isinstance(value, str):
            out.append((name, value))
        elif name == "ACTORS":
            out += [(f"ACTORS[{group}]", pattern) for group, pattern in value]
        elif name == "APPLICANT_TYPES":
            out += [(f"APPLICANT_TYPES[{kind}]", names) for kind, names, _ in value]
            out += [(f"APPLICANT_TYPES[{kind}] wider", wider) for kind, _, wider in value if wider]
        elif name == "CUE_FAMILIES":
            out += [(f"CUE_FAMILIES[{family}]", pattern) for family, pattern in value.items()]
        elif name == "FORM_CUES":
            out += [(f"FORM_CUES[{form}]", pattern) for form, cues in value.items() for pattern, _ in cues]
    return out


@pytest.mark.parametrize(("name", "source"), _entries(), ids=[n for n, _ in _entries()])
def test_every_word_list_is_read_by_a_module(name, source):
    """No dead words: each entry is compiled by at least one reader (whole or as the words of a larger pattern)."""
    assert any(source in pattern for module in _READERS for pattern in _compiled(module)), name


def test_the_readers_compile_the_vocabulary_rather_than_own_copies():
    assert lexicon.ELIGIBILITY_RE.pattern == vocabulary.ELIGIBILITY
    assert [p.pattern for _, p in lexicon.ACTOR_RE] == [
        rf"(?<![\wÄÖÜäöüß-])(?:{pattern})(?![\wÄÖÜäöüß])" for _, pattern in vocabulary.ACTORS
    ]
    assert classifier_features.CUE_FAMILIES is vocabulary.CUE_FAMILIES
    assert eligibility._KOMMUNE_ONLY.pattern == vocabulary.KOMMUNE_ONLY
    assert places._WIDE.pattern == vocabulary.WIDE
    assert places._NOT_A_PLACE is vocabulary.NOT_A_PLACE
    assert fdb_text._DEADLINE_CUE.pattern == vocabulary.DEADLINE_SENTENCE
    # ranking scores one call with the cue the vector path reads for all calls (no import cycle)
    assert ranking.STRUCTURE_CUE is vector_features.STRUCTURE_CUE
    assert vector_features.STRUCTURE_CUE.pattern == vocabulary.STRUCTURE
    assert ranking.MIGRATION_CUE is vector_features.MIGRATION_CUE


def test_classifier_and_crawler_read_the_same_applicant_list(monkeypatch):
    """One list: change it and the loader's parser and the classifier's actor types both follow."""
    assert loaders.parse_applicants is german.parse_applicants
    assert [kind for kind, _ in german.APPLICANT_RES] == [kind for kind, *_ in vocabulary.APPLICANT_TYPES]
    assert [rx.pattern for _, rx in german.APPLICANT_NAME_RES] == [names for _, names, _ in vocabulary.APPLICANT_TYPES]
    assert [rx.pattern for _, rx in german.APPLICANT_RES] == [
        f"{names}|{wider}" if wider else names for _, names, wider in vocabulary.APPLICANT_TYPES
    ]
    quork = (("hochschule", re.compile("Quorkverein", re.IGNORECASE)),)
    monkeypatch.setattr(german, "APPLICANT_RES", quork)
    monkeypatch.setattr(german, "APPLICANT_NAME_RES", quork)
    assert lexicon.term_type("Quorkverein") == "hochschule"
    assert parse_applicants("Antragsberechtigt sind Quorkvereine") == ["hochschule"]
    assert lexicon.term_type("Vereine") is None


# What the crawler's old list (corpus.german) read in applicant lists: read the same way now.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Antragsberechtigt sind gemeinnützige Vereine, Kommunen und Migrantenorganisationen",
            ["kommune", "mo", "verein"],
        ),
        ("Kreisfreie Städte und Landkreise", ["kommune"]),
        ("Körperschaften des öffentlichen Rechts", ["kommune"]),
        ("neue deutsche Organisationen und Geflüchtetenorganisationen", ["mo"]),
        ("Netzwerke, Konsortien und Zusammenschlüsse", ["verbund"]),
        ("Caritas, Diakonie, Paritätischer, AWO und Rotes Kreuz", ["wohlfahrt"]),
        ("Religionsgemeinschaften und Stiftungen", ["verein"]),
        ("Volkshochschulen, Kitas und Träger der politischen Bildung", ["bildungstraeger"]),
        ("Unternehmen (GmbH) und Selbständige", ["unternehmen"]),
        ("eine gGmbH", ["verein"]),
        ("Hochschulen und wissenschaftliche Einrichtungen", ["hochschule"]),
        ("Privatpersonen und Bürgerinnen und Bürger", ["einzelperson"]),
        ("", []),
    ],
)
def test_merged_list_reads_the_crawlers_old_phrasings(text, expected):
    assert parse_applicants(text) == expected


# What the classifier's old list (matcher.classifier.lexicon.TERM_TYPES) read in a named actor: the same type.
@pytest.mark.parametrize(
    ("term", "expected"),
    [
        ("Migrantenselbstorganisationen", "mo"),
        ("MSOs", "mo"),
        ("Wohlfahrtsverbänden", "wohlfahrt"),
        ("Dachverbände", "verbund"),
        ("Verbünde", "verbund"),
        ("Vereine", "verein"),
        ("Initiativen", "verein"),
        ("Gruppen", "verein"),
        ("Bildungsträger", "bildungstraeger"),
        ("Kommunen", "kommune"),
        ("Gemeindeverbände", "kommune"),
        ("Kreise", "kommune"),
        ("Gebietskörperschaften", "kommune"),
        ("Behörden", "kommune"),
        ("öffentlichen Verwaltung", "kommune"),
        ("Körperschaften des öffentlichen Rechts", "kommune"),
        ("municipalities", "kommune"),
        ("Betriebe", "unternehmen"),
        ("Gründerinnen", "unternehmen"),
        ("Freiberufler", "unternehmen"),
        ("companies", "unternehmen"),
        ("Forschende", "hochschule"),
        ("Wissenschaftlerinnen", "hochschule"),
        ("universities", "hochschule"),
        ("natürliche und juristische Personen", "einzelperson"),
        ("Einzelpersonen", "einzelperson"),
        ("individuals", "einzelperson"),
        # generic words name a group, no type; so do the wider words of a whole side
        ("Organisationen", None),
        ("gemeinnützige Organisationen", None),
        ("zivilgesellschaftliche Träger", None),
        ("Verbände", None),
        ("Schulen", None),
        ("Träger", None),
        ("Menschen", None),
    ],
)
def test_merged_list_reads_the_classifiers_old_phrasings(term, expected):
    assert applicant_type(term) == expected
    assert lexicon.term_type(term) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the classifier's list read "Landkreise" as no type (case-sensitive "Kreis"); the crawler's as kommune
        ("Landkreise", ["kommune"]),
        ("Stadtverwaltung", ["kommune"]),
        # the crawler's list read a mosque community as a municipality ("gemeinde"); both now read verein
        ("Kirchen- und Moscheegemeinden", ["verein"]),
        ("Freundeskreise", []),
        # natural persons are individuals, legal persons are not
        ("natürliche und juristische Personen des privaten Rechts", ["einzelperson"]),
        ("juristische Personen des privaten Rechts", []),
        ("Selbsthilfegruppen", ["verein"]),
        ("Zielgruppen", []),
    ],
)
def test_where_the_old_lists_disagreed(text, expected):
    assert parse_applicants(text) == expected


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        # the classifier's old list was case-sensitive and missed these
        ("Landkreise", "kommune"),
        ("Stadtverwaltungen", "kommune"),
        ("Kulturvereine", "verein"),
        ("Flüchtlingsinitiativen", "verein"),
        ("Selbsthilfegruppen", "verein"),
        # the crawler's old list read "gemeinde" in them as a municipality
        ("Moscheegemeinden", None),
        ("Gemeindeverbände", "kommune"),
    ],
)
def test_where_the_old_lists_disagreed_for_named_actors(term, expected):
    assert applicant_type(term) == expected


def test_a_whole_side_named_as_eligible_keeps_it_eligible_beside_an_exclusion():
    """Regression found while merging: "gemeinnützige Organisationen" read as verein let a generic exclusion
    ("Organisationen ohne Verbandsmitgliedschaft … nicht") remove the whole civil-society side."""
    from corpus.model import FundingCall
    from corpus.sentences import split_sentences
    from matcher.classifier.cues import read_call
    from matcher.classifier.decide import eligible_groups

    text = (
        "Antragsberechtigt sind gemeinnützige Organisationen der Freien Wohlfahrtspflege. "
        "Organisationen ohne Verbandsmitgliedschaft und Kommunen können nicht direkt antragstellen."
    )
    call = FundingCall(
        id="t",
        title="Förderung",
        funder="Stiftung",
        level="stiftung",
        region="DE",
        url="https://example.org",
        summary_de=text,
    )
    groups, _, _ = eligible_groups(call, read_call(call.title, split_sentences(text)))
    assert groups == {lexicon.Z}
