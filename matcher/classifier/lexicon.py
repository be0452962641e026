"""The German word lists the cue rules read: who acts, who may apply, what is paid for.

Every entry names a kind of actor, clause or funded object in general terms; none names a
programme or a funder (issue 5: rules read what a call says, not whose call it is).
"""

from __future__ import annotations

import re

# -- actors ---------------------------------------------------------------------------------
# Groups: K = municipalities and other public bodies, Z = civil-society and migrant
# organisations, O = others (businesses, research, individuals, cultural institutions).
K, Z, O = "K", "Z", "O"

_ACTOR_PATTERNS: list[tuple[str, str]] = [
    (
        K,
        r"Kommunen?|Kommunalverwaltung(?:en)?|kommunalen? (?:Verwaltung|Gebietskörperschaft)(?:en)?|"
        r"Gemeinden|Gemeinde|Städte|Stadtverwaltung(?:en)?|Landkreise?|Kreise|kreisfreien? Städte|"
        r"Bezirke|Gebietskörperschaften|Gemeindeverbände|(?:öffentlichen?|kommunalen?) Verwaltung(?:en)?|"
        r"Verwaltungen|(?:der|die) Verwaltung|Verwaltungsressorts?|Verwaltungsspitze|Verwaltungsstellen|Ämtern?|Behörden|Fachamt|Fachämter|öffentlichen? Hand|(?:des|im) öffentlichen Rechts?|öffentlich-rechtliche(?:n)? Körperschaften|"
        r"Körperschaften des öffentlichen Rechts|Landeshauptstadt|Region Hannover|"
        r"municipalit(?:y|ies)|local authorit(?:y|ies)|public bodies",
    ),
    (
        Z,
        r"Vereine[n]?|Verein|Migrant(?:inn)?enorganisationen?|Migrant(?:inn)?enselbstorganisationen?|"
        r"Selbstorganisationen?|MSOs?|MOs?|Initiativen|Initiative|Wohlfahrtsverbänden?|"
        r"(?:freien |der freien )?Wohlfahrtspflege|freien? Träger[n]?|gemeinnützigen? (?:Organisationen|Träger[n]?|Einrichtungen|Institutionen|Vereine)|"
        r"Organisationen|(?:gemeinnützige|zivilgesellschaftliche|migrantische|frei gemeinnützige)[nr]? Organisation|(?:zivilgesellschaftliche|freie|gemeinnützige)[nr]? Träger|Verbänden?|Verbände|Dachverbände?|Zivilgesellschaft|zivilgesellschaftlichen? (?:Akteuren?|Organisationen|Träger[n]?|Gruppen)|"
        r"Gruppen|Religionsgemeinschaften|Moscheegemeinden|Kirchengemeinden|Kirchen|Freiwilligenagenturen|"
        r"Flüchtlingsinitiativen|Verbünde[n]?|Sozialpartner[n]?|Selbsthilfegruppen|Bildungsträger[n]?|Bündnisse?|"
        r"(?:des )?privaten (?:und |oder )?(?:des )?(?:öffentlichen )?Rechts|Träger der Integrationsarbeit|Sport- und Kulturvereine|Kulturvereine|"
        r"non-profit organi[sz]ations?|NGOs?|associations|civil society",
    ),
    (
        O,
        r"Unternehmen|Sozialunternehmen|Betriebe|Existenzgründ\w*|Gründerinnen|Gründer|Selbstständige[n]?|"
        r"Freiberufler\w*|natürliche[n]? (?:und juristische[n]? )?Personen|Privatpersonen|Einzelpersonen|Hochschulen|Universitäten|"
        r"Forschende[n]?|Forschungseinrichtungen|Wissenschaftler\w*|Kultureinrichtungen|Museen|Bibliotheken|"
        r"Schulen|Kitas|(?:jungen? )?Menschen|Bürgerinnen und Bürger|businesses|companies|universities|researchers|individuals",
    ),
]
ACTOR_RE = [
    (group, re.compile(rf"(?<![\wÄÖÜäöüß-])(?:{pattern})(?![\wÄÖÜäöüß])")) for group, pattern in _ACTOR_PATTERNS
]

# An actor named after one of these words is a place ("aus Kommunen mit …", "in kommunaler
# Trägerschaft") or a partner ("gemeinsam mit Vereinen"), not an applicant.
LOCATION_BEFORE = re.compile(
    r"(?:(?<!Tandems )(?<!Tandem )(?<!bestehend )(?<!Konsortien )(?<!Bündnisse )(?<!Zusammenschlüsse )(?<!Partnerschaften )"
    r"\b(?:aus|in|im|für|vor|innerhalb|außerhalb)\s+(?!denen\b|der\b|dem\b|welche[nm]?\b)(?:\w+\s+){0,1}|Stadtteile\s+(?:\w+\s+)?)$"
)
PARTNER_BEFORE = re.compile(r"(?:\b(?:mit|gemeinsam mit|zusammen mit|in Kooperation mit|über)\s+(?:\w+\s+){0,2})$")

# -- eligibility clauses ----------------------------------------------------------------------
ELIGIBILITY_RE = re.compile(
    r"antragsberechtigt|Antragsteller|Antragstellende|Zuwendungsempfänger|Förderempfänger|"
    r"teilnahmeberechtigt|bewerbungsberechtigt|[Bb]ewerben (?:können|konnten|dürfen|durften) sich|"
    r"(?:können|konnten|dürfen|durften) sich\b[^;]{0,80}\bbewerben|[Tt]eilnehmen (?:können|konnten)|"
    r"(?:können|konnten)\b[^;]{0,120}\bteilnehmen|(?:Projekt)?[Tt]räger (?:können|sind)\b[^;]{0,200}\bsein\b|"
    r"kamen\b[^;]{0,200}\bin (?:Frage|Betracht)|kommen\b[^;]{0,200}\bin (?:Frage|Betracht)|"
    r"[Gg]efördert (?:werden|wurden) (?:ausschließlich |nur )?(?=[^;]{0,40}(?:Vereine|Organisationen|Kommunen|Initiativen|Träger|Kooperationsvorhaben|Einrichtungen))|"
    r"[Aa]ntrag ?stellen (?:kann|können|dürfen|darf)|(?:kann|können|dürfen|darf)\b[^;]{0,80}\bAnträge? stellen|"
    r"[Ff]ederführend (?:sind|ist|müssen|muss)|"
    r"richtet sich an|[Ee]ligible|may apply|can apply|applicants",
    re.IGNORECASE,
)
BENEFICIARY_RE = re.compile(
    r"\b(?:fördert|förderte|unterstützt|unterstützte|gefördert (?:werden|wurden)|erhalten|beteiligen sich|"
    r"(?:gibt|geben|vergibt)\b[^;]{0,80}\b(?:an|weiter)|richtet sich an)\b"
)
EXCLUSIVE_RE = re.compile(r"\b(?:ausschließlich|nur|allein|stets|exclusively|only)\b")
# "nur Initiativen aus Kommunen mit höchstens …": the "nur" restricts the place, not the type.
PLACE_RESTRICTION_RE = re.compile(r"\b(?:aus|in) (?:Kommunen|Gemeinden|Städten|Orten|Regionen|Stadtteilen)\b|Einwohner")
INDIRECT_RE = re.compile(
    r"erhalten (?:die )?Mittel (?:nur )?über|nur über die Kommunen?|über die Kommunen?\b|als \w*[Pp]artner|weitergeleitet|weitergeben"
)

# Negation of eligibility: the phrase, and how far it reaches.
EXCLUSION_PHRASE_RE = re.compile(
    r"\b(?:mit Ausnahme (?:der|von)|ausgenommen|außer|nicht jedoch|ausdrücklich nicht|except)\b"
)
NEGATED_PREDICATE_RE = re.compile(
    r"nicht antragsberechtigt|nicht (?:teilnahme|bewerbungs)berechtigt|nicht förderfähig|"
    r"\bsind\b[^;]{0,40}\bausgeschlossen|\bwaren\b[^;]{0,40}\bausgeschlossen|ausgeschlossen sind|"
    r"(?:können|konnten|dürfen|durften)\b[^;]{0,60}\bnicht\b[^;]{0,30}(?:beantragen|stellen|bewerben|teilnehmen)|"
    r"(?:beantragen|bewerben|teilnehmen)\b[^;]{0,20}(?:können|konnten|dürfen|durften)\b[^;]{0,15}\bnicht\b|"
    r"keine (?:eigenen )?(?:Anträge|Mittel)\b|not eligible|cannot apply"
)
RESTRICTIVE_RELATIVE_RE = re.compile(r",\s*(?:die|deren|welche|dessen|der)\s")

# -- partnership -------------------------------------------------------------------------------
REQUIRED_RE = re.compile(
    r"Voraussetzung|Bedingung|verpflichtend|[Pp]flicht|zwingend|\bmuss\b|\bmüssen\b|\bmusste[n]?\b|"
    r"setzt\b[^.]{0,80}\bvoraus|erforderlich|vorgeschrieben|ausschließlich Kooperations|nur gemeinsam|"
    r"gemeinsam (?:zu )?beantragen|gemeinsam antragsberechtigt|Tandems?\b|\bverlangt\b|must\b|required"
)
CONDITION_RE = re.compile(
    r"Voraussetzung|Bedingung|gemeinsam (?:zu )?beantragen|gemeinsam antragsberechtigt|Tandem|nur gemeinsam"
)
NOT_REQUIRED_RE = re.compile(
    r"kein(?:e)? (?:Voraussetzung|Pflicht|Bedingung)|nicht (?:erforderlich|verpflichtend|zwingend|vorgeschrieben|notwendig|verbindlich vorgeschrieben)"
)
WELCOME_RE = re.compile(
    r"erwünscht|willkommen|wünschenswert|begrüßt|empfohlen|optional|\bkann\b|\bkönnen\b|\bkonnten\b|möglich|"
    r"gern|bevorzugt|besonders berücksichtigt|welcome|encouraged"
)
# "in der Vertreterinnen und Vertreter der Verwaltung … sitzen", "ein Ausschuss aus …": members of a body
MEMBERSHIP_RE = re.compile(
    r"Vertreter(?:innen)?\b|Vertretungen\b|\b(?:besetzt|sitzen|vertreten sind)\b|\b(?:Ausschuss|Gremium|Gruppe|Beirat)\w* aus\b"
)
DECISION_BODY_RE = re.compile(
    r"(?<!\w)\w*[Aa]usschuss\w*|(?<!\w)\w*[Gg]remi(?:um|en)\b|Aktionsgruppe\w*|Lenkungs\w+|Steuerungs(?:gruppe|kreis|gremi)\w*|(?<!\w)\w*[Bb]eirat\w*|\bLAGs?\b"
)
DECIDES_RE = re.compile(
    r"\bentscheide[tn]\b|\bentschied\b|\bfestleg\w*|\blegt\b[^.]{0,60}\bfest\b|\bsteuert\b|\bwählt\b[^.]{0,60}\baus\b|"
    r"Auswahl der\b|\bbeschließt\b|\bstimmberechtigt|\bvergibt\b|Vergabe der Mittel"
)
REFERS_BACK_RE = re.compile(r"\s*(?:Diese[rsm]?|Der|Die|Das|Es|Sie|Er)\b")
CIVIL_MONEY_RE = re.compile(
    r"(?:erhalten|erhält|bekommen|bekommt)\b[^.]{0,30}\b(?:Geld|Mittel|Zuschüsse?|Förderung|Budget)|(?<!\w)\w*[Ff]onds\b|"
    r"finanziert die\b[^.]{0,40}Organisation|bei (?:einem|einer) (?:freien|gemeinnützigen|zivilgesellschaftlichen) Träger"
)
POST_AT_CIVIL_RE = re.compile(
    r"(?:Koordinierungs|Koordinations|Fach)\w*[- ][^.]{0,80}\bbei (?:einem|einer) (?:freien|gemeinnützigen|zivilgesellschaftlichen) Träger"
)
# "gemeinnützige Organisationen, die Kommunen vertreten": representatives of the municipalities
REPRESENTS_K_AFTER = re.compile(
    r",?\s*(?:die|welche)\s+(?:\w+\s+){0,2}?(?:Kommunen|Städte|Gemeinden|Kreise)\s+vertreten\b"
)
COOPERATION_RE = re.compile(
    r"Kooperation|Zusammenarbeit|zusammenarbeiten|Partnerschaft|gemeinsam|Tandem|Bündnis|Verbund|mitwirken|sitzen|vertreten"
)

# -- what is funded: levels --------------------------------------------------------------------
STRATEGY_STRONG = re.compile(
    r"Steuerungsgremi\w*|Steuerungsgruppe\w*|Lenkungsgruppe\w*|Lenkungskreis\w*|Steuerungskreis\w*|"
    r"Steuerungselement\w*|Steuerungsstruktur\w*|strategische[ns]? (?:Management|Steuerung)|"
    r"(?:(?<!\w)\w*strategie|Strategie|Strategien|Aktionspl[aä]ne?n?)\b[^.]{0,60}\b(?:erarbeite\w*|entwickel\w*|erstell\w*|festleg\w*|festgelegt)|"
    r"(?:erarbeite\w*|entwickel\w*|Entwicklung|Erarbeitung|Erstellung|Fortschreibung)\b[^.]{0,60}(?:(?<!\w)\w*strategie\b|\bStrategie\b|(?<!\w)\w*[Ss]trategien\b|Aktionspl[aä]n\w*)|"
    r"Begleitausschuss\w*|Entscheidungsgremi\w*|gemeinsame[n]? Steuerung|"
    r"Integrationskonzept\w*|Gesundheitskonferenz\w*|Aktionsgruppe\w*|Mandat\w*|"
    r"Mitentscheidung|stimmberechtigt|Planung, Steuerung|steering (?:group|committee|body)|joint strategy"
)
STRATEGY_WEAK = re.compile(
    r"(?<!\w)\w*[Kk]onzept\w*|(?<!\w)\w*[Ss]trategie\w*|\bsteuer[nt]\b|Steuerung\b|Planung\b|Evaluation\b"
)
COORD_STRONG = re.compile(
    r"Koordinierungsstelle\w*|Koordinationsstelle\w*|Koordinator\w*|Netzwerkkoordination\w*|Netzwerkmanagement\w*|"
    r"Regionalmanagement\w*|Case[- ]Management\w*|Fallkoordination\w*|Personal für Koordination|\bKoordination\w*|"
    r"\bKoordinierung\w*|koordinier(?:t|en|ende)\b|Geschäftsstelle\w*|Dachstruktur\w*|Vernetzungsstelle\w*|Netzwerkarbeit|"
    r"(?:gemeinsam|gemeinsames|gemeinsam getragene[sn]?) (?:\w+ )?Netzwerk\b|"
    r"(?:fördert|gefördert|Förderung|finanziert|Anschubfinanzierung)\b[^.]{0,40}\b(?:Aufbau|für)\b[^.]{0,40}\w*[Nn]etzwerke?\b|"
    r"coordinat(?:or|ion) (?:post|position)s?"
)
COORD_WEAK = re.compile(r"(?<!\w)\w*[Nn]etzwerk\w*|[Vv]ernetz\w*|Kooperationsstruktur\w*|Dachverband\w*|network\w*")
BODY_RE = re.compile(
    r"Gremi\w*|(?<!\w)\w*[Gg]ruppe\b|Ausschuss\w*|Beirat\w*|Runde[rn]? Tisch\w*|Konferenz\w*|Lenkungs\w+|Steuerungs\w+|(?<!\w)\w*[Ss]truktur(?:en)?\b"
)
FUNDED_RE = re.compile(
    r"\bfördert\b|[Gg]efördert|[Ff]örderfähig|[Zz]uwendungsfähig|finanziert|Zuwendung|übernimmt\b[^.]{0,60}(?:Kosten|Prozent|Ausgaben)|trägt\b[^.]{0,60}(?:Kosten|Prozent)|"
    r"Zuschuss|Personal|Mittel für|Kosten|[Ff]inanzierung|funds?\b|funding"
)
# Conditions of funding ("Voraussetzung ist …", "Erwartet wurden …") state the funded core as much as
# funding clauses do; procedure sentences ("Über die Auswahl entscheidet …") do not.
CONDITION_CLAUSE_RE = re.compile(
    r"Voraussetzung|Bedingung|[Ee]rwartet (?:werden|wurden|wird)|\bverlangt\b|verpflichtend"
)
PROCEDURE_RE = re.compile(
    r"Über die (?:Auswahl|Vergabe|Förderung|Anträge)|Anträge? (?:sind|ist|werden|können)\b[^.]{0,60}\b(?:einzureichen|gestellt|eingereicht)|"
    r"Bewilligungsbehörde|[Zz]uständig (?:ist|sind)|Antragsverfahren"
)
# Paid posts: with them a coordination or strategy call builds a structure (placement type II).
PAID_STAFF_RE = re.compile(
    r"\bPersonal\b|Personal(?:kosten|ausgaben|stelle\w*)|hauptamtlich\w*|Vollzeitstelle\w*|Teilzeitstelle\w*|"
    r"(?:volle|halbe)[n]? Stelle|Stellen (?:für|der|des|in)\b|(?:Koordinierungs|Koordinations|Fach|Vernetzungs|Geschäfts)stelle\w*|Koordinator\w*|Integrationsbeauftragte\w*"
)
NOT_FUNDED_RE = re.compile(
    r"fördert keine|[Nn]icht förderfähig|ausgeschlossen|[Nn]icht gefördert|keine Förderung|"
    r"nicht (?:verlangt|vorgeschrieben|vorausgesetzt|erforderlich|verpflichtend|vorgesehen|Gegenstand)|keine (?:allgemeine )?Voraussetzung"
)
# "Eine gemeinsame Steuerung mit der Kommune ist nicht vorgeschrieben": the call denies a required partnership.
DENIED_PARTNERSHIP_RE = re.compile(
    r"(?:Kooperation|Zusammenarbeit|Steuerung\w*|Beteiligung|Partnerschaft|Mitwirkung|Steuerungsgremi\w*|Gremi\w*)\b[^.;]{0,80}?"
    r"(?:nicht (?:vorgeschrieben|verlangt|vorausgesetzt|erforderlich|verpflichtend|vorgesehen|Gegenstand)|keine (?:allgemeine )?Voraussetzung)|"
    r"(?:ohne|keine) (?:formelle |formale |verbindliche )?(?:Kooperation|Zusammenarbeit|gemeinsame Steuerung)"
)
OPTIONAL_ROLE_RE = re.compile(r"(?:können|konnten|kann)\b[^.]{0,80}\b(?:mitarbeiten|einbezogen|beteiligt|mitwirken)")

# -- money and mandate -------------------------------------------------------------------------
NO_MONEY_RE = re.compile(
    r"nicht (?:in )?(?:einem |einer )?(?:Geldbetrag|Geldleistung|finanzielle[rn]? (?:Förderung|Zuwendung))|"
    r"Sach- und Beratungsleistungen|keine finanzielle Förderung|ohne (?:finanzielle )?Mittel|kein Geld"
)
MO_MANDATE_RE = re.compile(
    r"(?:Migrant\w*organisation\w*|Verb(?:ü|u)nd\w*|Netzwerk\w* von Migrant\w*)\b[^.]{0,120}\b(?:Mandat|stimmberechtigt|Sitz\w* (?:in|im)|mitentscheiden|Mitentscheidung)|"
    r"(?:Mandat|Sitz\w*|Stimmrecht)\b[^.]{0,80}\bMigrant\w*organisation\w*"
)

_DURATION = r"(?:\d+|zwei|drei|vier|sechs|zwölf|achtzehn) (?:Monate|Monaten|Jahre|Jahren)\b"
PROJECT_STRONG = re.compile(
    r"[Pp]rojektförderung|befristet\w*|Anschubfinanzierung|Anschub\w*|Laufzeit von|einmalig\w*|"
    r"Projektbeschreibung|Mikroprojekt\w*|höchstens \d+ Monate|Projektlaufzeit|Projektzeitraum|"
    r"(?:Projekte|Vorhaben|Maßnahmen) (?:müssen|mussten|sollen|sollten)\b(?:[^.]|(?<=\d)\.){0,100}\b(?:dauern|stattfinden|abgeschlossen sein|laufen)\b|"
    rf"(?:Laufzeit|dauern|laufen)\b[^.]{{0,20}}\b(?:bis zu |höchstens |maximal |mindestens )?{_DURATION}"
)
JOINT_RE = re.compile(r"\bgemeinsam\w*|zusammen\b|jointly")
EXCLUSIVE_NOT_TYPE = re.compile(r"\s*(?:\w+\s+)?(?:Kooperations|Verbund|Bündnis)\w*")

# -- funding form ------------------------------------------------------------------------------
FORM_CUES: dict[str, list[tuple[re.Pattern[str], float]]] = {
    # a loan counted as the applicant's own share ("als Eigenmittel gelten auch Darlehen") is no loan programme
    "darlehen": [
        (
            re.compile(
                r"(?<!Eigenmittel gelten auch )(?<!Spenden, )(?<!Teilnahmebeiträge, )Darlehen\w*|(?<!\w)\w*[Kk]redit\b|Kredite?\b|Zinssatz|Tilgung|Hausbank|loan"
            ),
            2.0,
        )
    ],
    "preis": [
        (
            re.compile(
                r"(?<!\w)\w*[Pp]reisgeld\w*|\bPreis(?:e|es)?\b|Auszeichnung\w*|Wettbewerb\w*|Preisträger\w*|award|prize"
            ),
            1.5,
        )
    ],
    "institutionell": [
        # the adjective of a kind of funding, not "die institutionellen Akteure"
        (
            re.compile(
                r"(?<![Tt]eil-)(?<![Tt]eil)institutionell(?:e[nrs]?)? (?:Förderung|Zuwendung|Dauerförderung|Finanzierung|gefördert)|"
                r"(?<![Tt]eil-)(?<![Tt]eil)[Ii]nstitutionelle Förder\w*|Institutionsförderung"
            ),
            2.0,
        ),
        (
            re.compile(
                r"Grundarbeit|allgemeine[nr]? (?:Geschäftsbetrieb|Betrieb)|Betriebs-, Personal- und Sachausgaben"
            ),
            1.5,
        ),
    ],
    "teil_institutionell": [
        (
            re.compile(
                r"[Tt]eil-?institutionell\w*|laufenden Betrieb\w*|Betriebskosten\w*|Betriebszuschuss\w*|"
                r"(?:festen |fester )?jährlichen Zuschuss|pro (?:Haus|Netzwerk|Einrichtung) und Jahr|pro Kalenderjahr|"
                r"laufende[rn]? (?:Kosten|Ausgaben) (?:der|des) (?:Organisation|Vereins|Trägers)|mitfinanzier\w*|Betriebsausgaben"
            ),
            1.5,
        ),
    ],
    "struktur": [
        # "dauerhaft" of the funding or the structures, not of the people ("dauerhaft in Bayern leben");
        # a flat rate per head ("Pauschale je Kind und Stunde") pays a service, not a structure
        (
            re.compile(
                r"keine Einzelprojekte|auf Dauer angelegt|dauerhaft\w* (?:angelegt\w*|gefördert|finanziert|(?<!\w)\w*[Ff]örderung|(?<!\w)\w*[Ss]truktur\w*|(?<!\w)\w*[Ff]inanzierung|Infrastruktur\w*|Bündnisse|Beteiligung)|"
                r"gesetzlich verankert|[Ss]trukturförderung|Pauschale\b(?! je\b)(?! pro\b)|Kommunalpauschal\w*|Aufbau\b[^.]{0,40}\w*[Ss]truktur\w*|"
                r"Strukturen\b[^.]{0,60}\b(?:aufzubauen|aufbauen)\b|Strukturaufbau\w*|flächendeckend\w*|Budget\b|Zielvereinbarung\w*"
            ),
            1.0,
        ),
    ],
    "projekt": [
        (PROJECT_STRONG, 1.0),
        (re.compile(r"[Pp]rojekte?\b|Vorhaben\b|Festbetrag"), 0.25),
    ],
}

# -- language ----------------------------------------------------------------------------------
GERMAN_WORDS = re.compile(
    r"\b(?:und|der|die|das|sind|werden|für|mit|nicht|eine?|von|des|den|zu|im|auf)\b", re.IGNORECASE
)
ENGLISH_WORDS = re.compile(r"\b(?:and|the|of|are|is|for|with|not|to|in|be|may|this)\b", re.IGNORECASE)
URL_RE = re.compile(r"https?://\S+|www\.\S+|\S+\.pdf\b", re.IGNORECASE)


# Which applicant type (corpus.labels.ApplicantType) a named actor is, where the word says so;
# generic words ("Organisationen", "Träger") name only a group.
TERM_TYPES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"Migrant|Selbstorganisation|\bMSO|\bMO\b"), "mo"),
    (re.compile(r"Wohlfahrt"), "wohlfahrt"),
    (re.compile(r"Verbünde|Verbund|Dachverb"), "verbund"),
    (re.compile(r"Verein|Initiative|Gruppen"), "verein"),
    (re.compile(r"Bildung"), "bildungstraeger"),
    (
        re.compile(r"Kommun|Gemeinde|Städte|Kreis|Gebietskörperschaft|Verwaltung|Behörde|öffentlich|Bezirk|municipal"),
        "kommune",
    ),
    (re.compile(r"Unternehmen|Betriebe|Gründ|Selbstständig|Freiberuf|business|compan"), "unternehmen"),
    (re.compile(r"Hochschul|Universit|Forsch|Wissenschaft|universit|research"), "hochschule"),
    (re.compile(r"Person|Einzel|Privat|individual"), "einzelperson"),
]


def term_type(term: str) -> str | None:
    for pattern, kind in TERM_TYPES:
        if pattern.search(term):
            return kind
    return None
