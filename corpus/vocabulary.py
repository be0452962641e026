"""The German words Kulisse reads calls with: who acts, who may apply, what a clause says, what is paid for.

Data only – the sources of regular expressions, grouped by what they read, each with a line on why.
The modules that read text compile them (with the flags named in each group's comment):
``matcher.classifier.lexicon`` (actors, clauses, funding forms), ``matcher.classifier.features``
(word families), ``corpus.german`` (applicant lists; the one applicant-type list), ``matcher.eligibility``
(rule cues), ``matcher.places`` (place words), ``matcher.ranking`` and ``matcher.features`` (structure
and migration), ``crawler.platforms.fdb_text`` (deadline and amount sentences). Patterns that are
mechanics, not words (dates, numbers, a town's name), stay with their reader.

Every entry names a kind of actor, clause or funded object in general terms; none names a
programme or a funder (issue 5: rules read what a call says, not whose call it is). The corpus is
the bottom layer, so every package may import this module.
"""

from __future__ import annotations

# -- applicant types ------------------------------------------------------------------------
# The one list of which applicant type (``corpus.labels.ApplicantType`` value) a word names, read
# case-insensitively: (type, the words that name the type itself, wider words). The crawler's
# applicant lists (``corpus.german.parse_applicants``: "Antragsberechtigt sind gemeinnützige
# Vereine, Kommunen und MSO") read both and add every type that occurs. The classifier
# (``corpus.german.applicant_type``) reads only the first kind, and takes the first type in this
# order for one named actor ("Wohlfahrtsverbände" is wohlfahrt before verein). The wider words
# ("gemeinnützige Organisationen", "zivilgesellschaftliche Träger", "Verbände", "Schulen") name a
# whole side, not one type: a list that says so is read as the nearest type, a clause keeps the
# side, so "gemeinnützige Organisationen … Organisationen ohne Verbandsmitgliedschaft sind nicht
# antragsberechtigt" still leaves civil society eligible. Generic words ("Organisationen",
# "Träger", "Menschen") name no type at all, only a group of ACTORS.
# Merged from the crawler's and the classifier's lists (issue 15). Where they disagreed: a word's
# case no longer matters ("Landkreise", "Stadtverwaltung", "Kulturvereine", "Flüchtlingsinitiativen",
# "Selbsthilfegruppen" now name their type), and neither list misreads "Kirchen- und Moscheegemeinden"
# as municipalities, "Gemeindeverbände" as Vereine, "Volkshochschulen" as universities,
# "Freundeskreise" as districts or "juristische Personen" as individuals.
APPLICANT_TYPES: tuple[tuple[str, str, str], ...] = (
    (
        "mo",
        r"migrant|selbstorganisation|\bmsos?\b|\bmo\b|neue deutsche organisation|geflüchtetenorganisation|"
        r"menschen mit einwanderungsgeschichte",
        "",
    ),
    ("wohlfahrt", r"wohlfahrt|caritas|diakonie|paritätisch|awo\b|arbeiterwohlfahrt|rotes kreuz", ""),
    ("verbund", r"verbünde|verbund\b|netzwerk|dachverb|konsorti|zusammenschl|bündnis", ""),
    (
        "verein",
        r"verein|initiative|selbsthilfegruppe|\bgruppen\b",
        r"(?<!gemeinde)verbände|(?<!gemeinde)verband\b|vereinigung|gemeinnützig|zivilgesellschaft|stiftungen\b|"
        r"träger der freien|kirche|moschee|religionsgemeinschaft|non-profit|ngo",
    ),
    (
        "bildungstraeger",
        r"bildungsträger|bildungseinrichtung|volkshochschul|\bvhs\b|sprachkurs|träger (?:der )?politischen bildung",
        r"(?<!hoch)schulen?\b|kita",
    ),
    (
        "kommune",
        r"kommun|(?<!kirchen)(?<!moschee)gemeinde(?!nützig)|landkreis|kreisfreie|\bkreise?\b|städte|stadt\b|"
        r"bezirk|gebietskörperschaft|verwaltung|behörde|öffentliche einrichtung|öffentlichen? hand|"
        r"(?:des|im) öffentlichen rechts?|öffentlich-rechtlich|municipal|local authorit|public bod",
        "",
    ),
    (
        "unternehmen",
        r"unternehm|gmbh(?!\w)|betrieb|existenzgründ|gründer|selbständig|selbstständig|freiberuf|business|compan",
        "",
    ),
    ("hochschule", r"(?<!volks)hochschul|universit|forsch|wissenschaft|research", ""),
    (
        "einzelperson",
        r"privatperson|einzelperson|natürlichen? (?:und juristischen? )?person|bürgerinnen und bürger|individual",
        "",
    ),
)


# -- actors ------------------------------------------------------------------------------------------
# The classifier's words (from here to the word families) are case-sensitive unless an entry says
# otherwise: capitals mark the nouns. Groups: K = municipalities and other public bodies,
# Z = civil-society and migrant organisations, O = others (businesses, research, individuals,
# cultural institutions).
K, Z, O = "K", "Z", "O"

# The actor words of each group: a clause naming one of them names who acts or may apply.
ACTORS: tuple[tuple[str, str], ...] = (
    (
        K,
        (
            r"Kommunen?|Kommunalverwaltung(?:en)?|kommunalen? (?:Verwaltung|Gebietskörperschaft)(?:en)?|"
            r"Gemeinden|Gemeinde|Städte|Stadtverwaltung(?:en)?|Landkreise?|Kreise|kreisfreien? Städte|"
            r"Bezirke|Gebietskörperschaften|Gemeindeverbände|(?:öffentlichen?|kommunalen?) Verwaltung(?:en)?|"
            r"Verwaltungen|(?:der|die) Verwaltung|Verwaltungsressorts?|Verwaltungsspitze|"
            r"Verwaltungsstellen|Ämtern?|Behörden|Fachamt|Fachämter|öffentlichen? Hand|"
            r"(?:des|im) öffentlichen Rechts?|öffentlich-rechtliche(?:n)? Körperschaften|"
            r"Körperschaften des öffentlichen Rechts|Landeshauptstadt|Region Hannover|"
            r"municipalit(?:y|ies)|local authorit(?:y|ies)|public bodies"
        ),
    ),
    (
        Z,
        (
            r"Vereine[n]?|Verein|Migrant(?:inn)?enorganisationen?|Migrant(?:inn)?enselbstorganisationen?|"
            r"Selbstorganisationen?|MSOs?|MOs?|Initiativen|Initiative|Wohlfahrtsverbänden?|"
            r"(?:freien |der freien )?Wohlfahrtspflege|freien? Träger[n]?|gemeinnützigen? (?:Organisationen|Träger[n]?|"
            r"Einrichtungen|Institutionen|Vereine)|Organisationen|(?:gemeinnützige|zivilgesellschaftliche|migrantische|"
            r"frei gemeinnützige)[nr]? Organisation|(?:zivilgesellschaftliche|freie|gemeinnützige)[nr]? Träger|"
            r"Verbänden?|Verbände|Dachverbände?|Zivilgesellschaft|zivilgesellschaftlichen? (?:Akteuren?|Organisationen|"
            r"Träger[n]?|Gruppen)|Gruppen|Religionsgemeinschaften|Moscheegemeinden|Kirchengemeinden|"
            r"Kirchen|Freiwilligenagenturen|Flüchtlingsinitiativen|Verbünde[n]?|Sozialpartner[n]?|"
            r"Selbsthilfegruppen|Bildungsträger[n]?|Bündnisse?|(?:des )?privaten (?:und |oder )?(?:des )?(?:öffentlichen )?Rechts|"
            r"Träger der Integrationsarbeit|Sport- und Kulturvereine|Kulturvereine|non-profit organi[sz]ations?|"
            r"NGOs?|associations|civil society"
        ),
    ),
    (
        O,
        (
            r"Unternehmen|Sozialunternehmen|Betriebe|Existenzgründ\w*|Gründerinnen|Gründer|"
            r"Selbstständige[n]?|Freiberufler\w*|natürliche[n]? (?:und juristische[n]? )?Personen|"
            r"Privatpersonen|Einzelpersonen|Hochschulen|Universitäten|Forschende[n]?|"
            r"Forschungseinrichtungen|Wissenschaftler\w*|Kultureinrichtungen|Museen|"
            r"Bibliotheken|Schulen|Kitas|(?:jungen? )?Menschen|Bürgerinnen und Bürger|"
            r"businesses|companies|universities|researchers|individuals"
        ),
    ),
)
# An actor named after one of these words is a place ("aus Kommunen mit …", "in kommunaler
# Trägerschaft"), not an applicant.
ACTOR_AS_PLACE_BEFORE = (
    r"(?:(?<!Tandems )(?<!Tandem )(?<!bestehend )(?<!Konsortien )(?<!Bündnisse )(?<!Zusammenschlüsse )(?<!Partnerschaften )\b(?:aus|"
    r"in|im|für|vor|innerhalb|außerhalb)\s+(?!denen\b|der\b|dem\b|welche[nm]?\b)(?:\w+\s+){0,1}|Stadtteile\s+(?:\w+\s+)?)$"
)
# … or a partner ("gemeinsam mit Vereinen").
ACTOR_AS_PARTNER_BEFORE = r"(?:\b(?:mit|gemeinsam mit|zusammen mit|in Kooperation mit|über)\s+(?:\w+\s+){0,2})$"
# "gemeinnützige Organisationen, die Kommunen vertreten": representatives of the municipalities.
REPRESENTS_K_AFTER = r",?\s*(?:die|welche)\s+(?:\w+\s+){0,2}?(?:Kommunen|Städte|Gemeinden|Kreise)\s+vertreten\b"
# "nicht gemeinnützige Organisationen", "Non-Profit": a negation right before an actor makes it another kind.
ACTOR_NEGATED_BEFORE = r"\b(?:nicht|keine|non)[- ](?:[a-zäöüß]\w* )?$"
# In a joint project ("Kooperationsvorhaben, in denen Kommunen mit Vereinen zusammenarbeiten") the
# partner named in an eligibility clause is a party too.
JOINT_PROJECT = r"Kooperationsvorhaben|Tandem|gemeinsam"


# -- eligibility clauses (who may apply) -------------------------------------------------------------
# A clause that says who may apply (case-insensitive).
ELIGIBILITY = (
    r"antragsberechtigt|Antragsteller|Antragstellende|Zuwendungsempfänger|Förderempfänger|"
    r"teilnahmeberechtigt|bewerbungsberechtigt|[Bb]ewerben (?:können|konnten|dürfen|durften) sich|"
    r"(?:können|konnten|dürfen|durften) sich\b[^;]{0,80}\bbewerben|[Tt]eilnehmen (?:können|konnten)|"
    r"(?:können|konnten)\b[^;]{0,120}\bteilnehmen|(?:Projekt)?[Tt]räger (?:können|sind)\b[^;]{0,200}\bsein\b|"
    r"kamen\b[^;]{0,200}\bin (?:Frage|Betracht)|kommen\b[^;]{0,200}\bin (?:Frage|Betracht)|"
    r"[Gg]efördert (?:werden|wurden) (?:ausschließlich |nur )?(?=[^;]{0,40}(?:Vereine|Organisationen|Kommunen|"
    r"Initiativen|Träger|Kooperationsvorhaben|Einrichtungen))|[Aa]ntrag ?stellen (?:kann|können|dürfen|darf)|"
    r"(?:kann|können|dürfen|darf)\b[^;]{0,80}\bAnträge? stellen|[Ff]ederführend (?:sind|ist|müssen|muss)|"
    r"richtet sich an|[Ee]ligible|may apply|can apply|applicants"
)
# A clause that says who receives the money (weak: no applicant words).
BENEFICIARY = (
    r"\b(?:fördert|förderte|unterstützt|unterstützte|gefördert (?:werden|wurden)|erhalten|beteiligen sich|"
    r"(?:gibt|geben|vergibt)\b[^;]{0,80}\b(?:an|weiter)|richtet sich an)\b"
)
# "nur", "ausschließlich" right before an applicant: only that group.
EXCLUSIVE = r"\b(?:ausschließlich|nur|allein|stets|exclusively|only)\b"
# "nur Initiativen aus Kommunen mit höchstens …": the "nur" restricts the place, not the type.
PLACE_RESTRICTION = (
    r"\b(?:aus|in) (?:Kommunen|Gemeinden|Städten|Orten|Regionen|Stadtteilen)\b|"
    r"Einwohner"
)
# "Vereine erhalten Mittel nur über die Kommunen": no applicant named.
INDIRECT = (
    r"erhalten (?:die )?Mittel (?:nur )?über|nur über die Kommunen?|über die Kommunen?\b|"
    r"als \w*[Pp]artner|weitergeleitet|weitergeben"
)
# Negation of eligibility: the phrase …
EXCLUSION_PHRASE = r"\b(?:mit Ausnahme (?:der|von)|ausgenommen|außer|nicht jedoch|ausdrücklich nicht|except)\b"
# … and the predicate, and how far it reaches.
NEGATED_PREDICATE = (
    r"nicht antragsberechtigt|nicht (?:teilnahme|bewerbungs)berechtigt|nicht förderfähig|"
    r"\bsind\b[^;]{0,40}\bausgeschlossen|\bwaren\b[^;]{0,40}\bausgeschlossen|"
    r"ausgeschlossen sind|(?:können|konnten|dürfen|durften)\b[^;]{0,60}\bnicht\b[^;]{0,30}(?:beantragen|stellen|"
    r"bewerben|teilnehmen)|(?:beantragen|bewerben|teilnehmen)\b[^;]{0,20}(?:können|konnten|dürfen|durften)\b[^;]{0,15}\bnicht\b|"
    r"keine (?:eigenen )?(?:Anträge|Mittel)\b|not eligible|cannot apply"
)
# "Vereine, deren Zweck …": a relative clause that names a subgroup.
RESTRICTIVE_RELATIVE = r",\s*(?:die|deren|welche|dessen|der)\s"
# "ausschließlich Kooperationsvorhaben": the "ausschließlich" restricts the form, not the type.
EXCLUSIVE_NOT_TYPE = r"\s*(?:\w+\s+)?(?:Kooperations|Verbund|Bündnis)\w*"


# -- partnership and joint steering ------------------------------------------------------------------
# A partnership the call requires.
REQUIRED = (
    r"Voraussetzung|Bedingung|verpflichtend|[Pp]flicht|zwingend|\bmuss\b|\bmüssen\b|"
    r"\bmusste[n]?\b|setzt\b[^.]{0,80}\bvoraus|erforderlich|vorgeschrieben|ausschließlich Kooperations|"
    r"nur gemeinsam|gemeinsam (?:zu )?beantragen|gemeinsam antragsberechtigt|"
    r"Tandems?\b|\bverlangt\b|must\b|required"
)
# A condition of funding that names a joint application.
CONDITION = (
    r"Voraussetzung|Bedingung|gemeinsam (?:zu )?beantragen|gemeinsam antragsberechtigt|"
    r"Tandem|nur gemeinsam"
)
# A partnership the call says it does not require.
NOT_REQUIRED = (
    r"kein(?:e)? (?:Voraussetzung|Pflicht|Bedingung)|nicht (?:erforderlich|verpflichtend|zwingend|vorgeschrieben|"
    r"notwendig|verbindlich vorgeschrieben)"
)
# A partnership the call welcomes but does not require.
WELCOME = (
    r"erwünscht|willkommen|wünschenswert|begrüßt|empfohlen|optional|\bkann\b|"
    r"\bkönnen\b|\bkonnten\b|möglich|gern|bevorzugt|besonders berücksichtigt|"
    r"welcome|encouraged"
)
# "in der Vertreterinnen und Vertreter der Verwaltung … sitzen", "ein Ausschuss aus …": members of a body.
MEMBERSHIP = (
    r"Vertreter(?:innen)?\b|Vertretungen\b|\b(?:besetzt|sitzen|vertreten sind)\b|"
    r"\b(?:Ausschuss|Gremium|Gruppe|Beirat)\w* aus\b"
)
# A body that decides (committee, steering group, LAG).
DECISION_BODY = (
    r"(?<!\w)\w*[Aa]usschuss\w*|(?<!\w)\w*[Gg]remi(?:um|en)\b|Aktionsgruppe\w*|"
    r"Lenkungs\w+|Steuerungs(?:gruppe|kreis|gremi)\w*|(?<!\w)\w*[Bb]eirat\w*|"
    r"\bLAGs?\b"
)
# What a decision body does.
DECIDES = (
    r"\bentscheide[tn]\b|\bentschied\b|\bfestleg\w*|\blegt\b[^.]{0,60}\bfest\b|"
    r"\bsteuert\b|\bwählt\b[^.]{0,60}\baus\b|Auswahl der\b|\bbeschließt\b|\bstimmberechtigt|"
    r"\bvergibt\b|Vergabe der Mittel"
)
# A sentence that continues the one before ("Dieser …", "Sie …").
REFERS_BACK = r"\s*(?:Diese[rsm]?|Der|Die|Das|Es|Sie|Er)\b"
# Money that goes to civil society (a fund, a grant to a free body).
CIVIL_MONEY = (
    r"(?:erhalten|erhält|bekommen|bekommt)\b[^.]{0,30}\b(?:Geld|Mittel|Zuschüsse?|Förderung|Budget)|"
    r"(?<!\w)\w*[Ff]onds\b|finanziert die\b[^.]{0,40}Organisation|bei (?:einem|einer) (?:freien|gemeinnützigen|"
    r"zivilgesellschaftlichen) Träger"
)
# A coordination post placed at a civil-society body.
POST_AT_CIVIL = (
    r"(?:Koordinierungs|Koordinations|Fach)\w*[- ][^.]{0,80}\bbei (?:einem|einer) (?:freien|gemeinnützigen|"
    r"zivilgesellschaftlichen) Träger"
)
# Words of working together.
COOPERATION = (
    r"Kooperation|Zusammenarbeit|zusammenarbeiten|Partnerschaft|gemeinsam|Tandem|"
    r"Bündnis|Verbund|mitwirken|sitzen|vertreten"
)
# "Eine gemeinsame Steuerung mit der Kommune ist nicht vorgeschrieben": the call denies a required partnership.
DENIED_PARTNERSHIP = (
    r"(?:Kooperation|Zusammenarbeit|Steuerung\w*|Beteiligung|Partnerschaft|Mitwirkung|Steuerungsgremi\w*|Gremi\w*)\b[^.;]{0,80}?(?:nicht (?:vorgeschrieben|"
    r"verlangt|vorausgesetzt|erforderlich|verpflichtend|vorgesehen|Gegenstand)|keine (?:allgemeine )?Voraussetzung)|"
    r"(?:ohne|keine) (?:formelle |formale |verbindliche )?(?:Kooperation|Zusammenarbeit|gemeinsame Steuerung)"
)
# "… können mitwirken": a role that is offered, not required.
OPTIONAL_ROLE = r"(?:können|konnten|kann)\b[^.]{0,80}\b(?:mitarbeiten|einbezogen|beteiligt|mitwirken)"
# Words of a joint application or project.
JOINT = r"\bgemeinsam\w*|zusammen\b|jointly"
# Migrant organisations with a mandate or a vote in the deciding body.
MO_MANDATE = (
    r"(?:Migrant\w*organisation\w*|Verb(?:ü|u)nd\w*|Netzwerk\w* von Migrant\w*)\b[^.]{0,120}\b(?:Mandat|stimmberechtigt|"
    r"Sitz\w* (?:in|im)|mitentscheiden|Mitentscheidung)|(?:Mandat|Sitz\w*|Stimmrecht)\b[^.]{0,80}\bMigrant\w*organisation\w*"
)


# -- what is funded: levels --------------------------------------------------------------------------
# The call funds steering or a strategy (strong words).
STRATEGY_STRONG = (
    r"Steuerungsgremi\w*|Steuerungsgruppe\w*|Lenkungsgruppe\w*|Lenkungskreis\w*|"
    r"Steuerungskreis\w*|Steuerungselement\w*|Steuerungsstruktur\w*|strategische[ns]? (?:Management|Steuerung)|"
    r"(?:(?<!\w)\w*strategie|Strategie|Strategien|Aktionspl[aä]ne?n?)\b[^.]{0,60}\b(?:erarbeite\w*|entwickel\w*|"
    r"erstell\w*|festleg\w*|festgelegt)|(?:erarbeite\w*|entwickel\w*|Entwicklung|Erarbeitung|Erstellung|Fortschreibung)\b[^.]{0,60}(?:(?<!\w)\w*strategie\b|"
    r"\bStrategie\b|(?<!\w)\w*[Ss]trategien\b|Aktionspl[aä]n\w*)|Begleitausschuss\w*|"
    r"Entscheidungsgremi\w*|gemeinsame[n]? Steuerung|Integrationskonzept\w*|"
    r"Gesundheitskonferenz\w*|Aktionsgruppe\w*|Mandat\w*|Mitentscheidung|stimmberechtigt|"
    r"Planung, Steuerung|steering (?:group|committee|body)|joint strategy"
)
# … weak words: a concept, planning, evaluation.
STRATEGY_WEAK = (
    r"(?<!\w)\w*[Kk]onzept\w*|(?<!\w)\w*[Ss]trategie\w*|\bsteuer[nt]\b|Steuerung\b|"
    r"Planung\b|Evaluation\b"
)
# The call funds coordination (a post, a network's management).
COORD_STRONG = (
    r"Koordinierungsstelle\w*|Koordinationsstelle\w*|Koordinator\w*|Netzwerkkoordination\w*|"
    r"Netzwerkmanagement\w*|Regionalmanagement\w*|Case[- ]Management\w*|Fallkoordination\w*|"
    r"Personal für Koordination|\bKoordination\w*|\bKoordinierung\w*|koordinier(?:t|en|ende)\b|"
    r"Geschäftsstelle\w*|Dachstruktur\w*|Vernetzungsstelle\w*|Netzwerkarbeit|"
    r"(?:gemeinsam|gemeinsames|gemeinsam getragene[sn]?) (?:\w+ )?Netzwerk\b|"
    r"(?:fördert|gefördert|Förderung|finanziert|Anschubfinanzierung)\b[^.]{0,40}\b(?:Aufbau|für)\b[^.]{0,40}\w*[Nn]etzwerke?\b|"
    r"coordinat(?:or|ion) (?:post|position)s?"
)
# … weak words: networks, linking up.
COORD_WEAK = (
    r"(?<!\w)\w*[Nn]etzwerk\w*|[Vv]ernetz\w*|Kooperationsstruktur\w*|Dachverband\w*|"
    r"network\w*"
)
# A body of people (Gremium, Ausschuss, Runder Tisch, Struktur).
BODY = (
    r"Gremi\w*|(?<!\w)\w*[Gg]ruppe\b|Ausschuss\w*|Beirat\w*|Runde[rn]? Tisch\w*|"
    r"Konferenz\w*|Lenkungs\w+|Steuerungs\w+|(?<!\w)\w*[Ss]truktur(?:en)?\b"
)
# A clause that says what is funded.
FUNDED = (
    r"\bfördert\b|[Gg]efördert|[Ff]örderfähig|[Zz]uwendungsfähig|finanziert|"
    r"Zuwendung|übernimmt\b[^.]{0,60}(?:Kosten|Prozent|Ausgaben)|trägt\b[^.]{0,60}(?:Kosten|Prozent)|"
    r"Zuschuss|Personal|Mittel für|Kosten|[Ff]inanzierung|funds?\b|funding"
)
# Conditions of funding ("Voraussetzung ist …", "Erwartet wurden …") state the funded core as much as
# funding clauses do.
CONDITION_CLAUSE = (
    r"Voraussetzung|Bedingung|[Ee]rwartet (?:werden|wurden|wird)|\bverlangt\b|"
    r"verpflichtend"
)
# Procedure sentences ("Über die Auswahl entscheidet …") do not.
PROCEDURE = (
    r"Über die (?:Auswahl|Vergabe|Förderung|Anträge)|Anträge? (?:sind|ist|werden|können)\b[^.]{0,60}\b(?:einzureichen|"
    r"gestellt|eingereicht)|Bewilligungsbehörde|[Zz]uständig (?:ist|sind)|Antragsverfahren"
)
# Paid posts: with them a coordination or strategy call builds a structure (placement type II).
PAID_STAFF = (
    r"\bPersonal\b|Personal(?:kosten|ausgaben|stelle\w*)|hauptamtlich\w*|Vollzeitstelle\w*|"
    r"Teilzeitstelle\w*|(?:volle|halbe)[n]? Stelle|Stellen (?:für|der|des|in)\b|"
    r"(?:Koordinierungs|Koordinations|Fach|Vernetzungs|Geschäfts)stelle\w*|Koordinator\w*|"
    r"Integrationsbeauftragte\w*"
)
# What the call does not fund or require.
NOT_FUNDED = (
    r"fördert keine|[Nn]icht förderfähig|ausgeschlossen|[Nn]icht gefördert|keine Förderung|"
    r"nicht (?:verlangt|vorgeschrieben|vorausgesetzt|erforderlich|verpflichtend|vorgesehen|Gegenstand)|"
    r"keine (?:allgemeine )?Voraussetzung"
)


# -- money and form of funding -----------------------------------------------------------------------
# Support in kind or advice, no money.
NO_MONEY = (
    r"nicht (?:in )?(?:einem |einer )?(?:Geldbetrag|Geldleistung|finanzielle[rn]? (?:Förderung|Zuwendung))|"
    r"Sach- und Beratungsleistungen|keine finanzielle Förderung|ohne (?:finanzielle )?Mittel|"
    r"kein Geld"
)
# A fixed-term project (duration, start-up funding, project period).
PROJECT_STRONG = (
    r"[Pp]rojektförderung|befristet\w*|Anschubfinanzierung|Anschub\w*|Laufzeit von|"
    r"einmalig\w*|Projektbeschreibung|Mikroprojekt\w*|höchstens \d+ Monate|Projektlaufzeit|"
    r"Projektzeitraum|(?:Projekte|Vorhaben|Maßnahmen) (?:müssen|mussten|sollen|sollten)\b(?:[^.]|(?<=\d)\.){0,100}\b(?:dauern|"
    r"stattfinden|abgeschlossen sein|laufen)\b|(?:Laufzeit|dauern|laufen)\b[^.]{0,20}\b(?:bis zu |höchstens |"
    r"maximal |mindestens )?(?:\d+|zwei|drei|vier|sechs|zwölf|achtzehn) (?:Monate|Monaten|Jahre|Jahren)\b"
)
# The words of each form of funding with their weight (matcher.classifier.cues adds them up).
FORM_CUES: dict[str, list[tuple[str, float]]] = {
    "darlehen": [
        (
            (
                r"(?<!Eigenmittel gelten auch )(?<!Spenden, )(?<!Teilnahmebeiträge, )Darlehen\w*|"
                r"(?<!\w)\w*[Kk]redit\b|Kredite?\b|Zinssatz|Tilgung|Hausbank|loan"
            ),
            2.0,
        ),
    ],
    "preis": [
        (
            (
                r"(?<!\w)\w*[Pp]reisgeld\w*|\bPreis(?:e|es)?\b|Auszeichnung\w*|Wettbewerb\w*|"
                r"Preisträger\w*|award|prize"
            ),
            1.5,
        ),
    ],
    "institutionell": [
        (
            (
                r"(?<![Tt]eil-)(?<![Tt]eil)institutionell(?:e[nrs]?)? (?:Förderung|Zuwendung|Dauerförderung|Finanzierung|"
                r"gefördert)|(?<![Tt]eil-)(?<![Tt]eil)[Ii]nstitutionelle Förder\w*|Institutionsförderung"
            ),
            2.0,
        ),
        (r"Grundarbeit|allgemeine[nr]? (?:Geschäftsbetrieb|Betrieb)|Betriebs-, Personal- und Sachausgaben", 1.5),
    ],
    "teil_institutionell": [
        (
            (
                r"[Tt]eil-?institutionell\w*|laufenden Betrieb\w*|Betriebskosten\w*|Betriebszuschuss\w*|"
                r"(?:festen |fester )?jährlichen Zuschuss|pro (?:Haus|Netzwerk|Einrichtung) und Jahr|"
                r"pro Kalenderjahr|laufende[rn]? (?:Kosten|Ausgaben) (?:der|des) (?:Organisation|Vereins|Trägers)|"
                r"mitfinanzier\w*|Betriebsausgaben"
            ),
            1.5,
        ),
    ],
    "struktur": [
        (
            (
                r"keine Einzelprojekte|auf Dauer angelegt|dauerhaft\w* (?:angelegt\w*|gefördert|finanziert|(?<!\w)\w*[Ff]örderung|"
                r"(?<!\w)\w*[Ss]truktur\w*|(?<!\w)\w*[Ff]inanzierung|Infrastruktur\w*|Bündnisse|Beteiligung)|"
                r"gesetzlich verankert|[Ss]trukturförderung|Pauschale\b(?! je\b)(?! pro\b)|"
                r"Kommunalpauschal\w*|Aufbau\b[^.]{0,40}\w*[Ss]truktur\w*|Strukturen\b[^.]{0,60}\b(?:aufzubauen|aufbauen)\b|"
                r"Strukturaufbau\w*|flächendeckend\w*|Budget\b|Zielvereinbarung\w*"
            ),
            1.0,
        ),
    ],
    "projekt": [
        (PROJECT_STRONG, 1.0),
        (r"[Pp]rojekte?\b|Vorhaben\b|Festbetrag", 0.25),
    ],
}


# -- language of a text ------------------------------------------------------------------------------
# Frequent German words (case-insensitive): a German text.
GERMAN_WORDS = r"\b(?:und|der|die|das|sind|werden|für|mit|nicht|eine?|von|des|den|zu|im|auf)\b"
# Frequent English words (case-insensitive): an English text.
ENGLISH_WORDS = r"\b(?:and|the|of|are|is|for|with|not|to|in|be|may|this)\b"


# -- word families of the classifier's features ------------------------------------------------------
# Generic German words for what a call funds or requires. A family counts the sentences it occurs in
# (matcher.classifier.features). Patterns are linear-time: no unbounded \w* on both sides.
CUE_FAMILIES: dict[str, str] = {
    "koordinierungsstelle": (
        r"Koordinierungs(?:stelle|- und Fachstelle)|Koordinations(?:stelle|büro)|"
        r"Fachstelle|Geschäftsstelle|Servicestelle|Programmbüro"
    ),
    "koordinierung": r"[Kk]oordinier|Koordination|Netzwerkmanagement|Regionalmanagement|Netzwerkkoordinat",
    "ausschuss": r"[Aa]usschuss|[Aa]usschüsse",
    "gremium": (
        r"[Gg]remi(?:um|en)|Lenkungs(?:kreis|gruppe|ausschuss)|Steuerungs(?:gruppe|kreis|runde|gremium)|"
        r"Beirat|Jury"
    ),
    "entscheidung": (
        r"\bentscheide[tn]?\b|\bentschied|\bbeschließ|\bbeschluss|[Aa]uswahlgremium|"
        r"\bwählt\b|\bvergibt\b|Vergabe der Mittel|Mittelvergabe|stimmberechtigt"
    ),
    "aktionsgruppe": r"Aktionsgruppe|Entwicklungsstrategie|Regionalentwicklung|Förderregion|regionale[rn]? Entwicklung",
    "buendnis": r"[Bb]ündnis|[Aa]llianz|[Pp]artnerschaften? für|[Ll]okale[ns]? (?:Netzwerk|Partnerschaft|Bündnis)",
    "netzwerk": r"[Nn]etzwerk|[Vv]ernetz",
    "traegerschaft": r"Trägerschaft|\bTräger\b|freie[nrs]? Träger|externe[nrs]? (?:Träger|Koordinierungs|Fachstelle)",
    "federfuehrend": (
        r"[Ff]ederführ|zuständige[nrs]? (?:Amt|Stelle|Behörde)|\bAmt\b|Ämter|Fachbereich|"
        r"Dezernat"
    ),
    "interessenbekundung": r"Interessenbekundung|Interessensbekundung|Wettbewerbsaufruf|Teilnahmewettbewerb",
    "strategie": r"[Ss]trategie|[Kk]onzept|Aktionsplan|Handlungsplan|Leitbild|Handlungsprogramm",
    "steuerung": r"[Ss]teuerung|[Ss]teuern\b|[Ss]teuert\b|[Ll]enkung|Planung|Evaluation|Monitoring",
    "beteiligung": r"[Bb]eteiligung|[Pp]artizipat|[Mm]itbestimm|[Mm]itwirk|[Mm]itgestalt|[Aa]ugenhöhe",
    "zusammenarbeit": (
        r"[Zz]usammenarbeit|[Kk]ooperation|[Gg]emeinsam|[Pp]artnerschaft|[Tt]andem|"
        r"[Aa]bstimmung"
    ),
    "verwaltung": r"Verwaltung|Kommune|Kommunal|Landkreis|Gemeinde|Stadt\b|Städte|Bezirk|Behörde",
    "zivilgesellschaft": (
        r"Zivilgesellschaft|zivilgesellschaftlich|Verein|Initiative|Migrant|Selbstorganisation|"
        r"Ehrenamt|freie[nr]? Träger|Wohlfahrt"
    ),
    "migration": r"Migrant|Migration|Integration|Zugewandert|Geflüchtet|Flüchtling|Teilhabe",
    "demokratie": r"Demokratie|Extremismus|Vielfalt|Toleranz|Rassismus|Diskriminierung",
    "fonds": (
        r"[Ff]onds\b|Aktionsfonds|Initiativfonds|Verfügungsfonds|Kleinprojekte|Mikroprojekte|"
        r"Einzelmaßnahmen"
    ),
    "personal": (
        r"Personal|Stelle[n]? (?:für|der|des)|Vollzeit|Teilzeit|hauptamtlich|Koordinator|"
        r"Fachkr(?:aft|äfte)"
    ),
    "projekt": r"Projekt|Vorhaben|Maßnahme",
    "kurs": r"Kurs|Veranstaltung|Workshop|Beratung|Angebot|Freizeit|Sport|Kultur",
    "dauer": r"dauerhaft|Verstetigung|verstetig|auf Dauer|langfristig|nachhaltig|Struktur",
    "befristet": r"befristet|einmalig|Laufzeit|Projektzeitraum|Anschub",
    "antragsberechtigt": (
        r"[Aa]ntragsberechtigt|[Aa]ntragsteller|[Zz]uwendungsempfänger|[Bb]ewerben können|"
        r"richtet sich an|[Tt]eilnahmeberechtigt"
    ),
    "unternehmen": (
        r"Unternehmen|Betrieb|Gründ|Selbstständig|Hochschul|Forschung|Wissenschaft|"
        r"Einzelperson|Privatperson|Schüler|Studierende"
    ),
    "wirtschaft": r"Wirtschaft|Arbeitsmarkt|Fachkräfte|Beschäftigung|Ausbildung|Jobcenter",
}


# -- eligibility rules (matcher.eligibility; all case-insensitive) -----------------------------------
# A nationwide programme only for eastern Germany.
EAST_ONLY = r"\bostdeutsche[nrs]?\b|in den neuen (?:Bundes)?Ländern|aus den neuen Bundesländern"
# Only municipalities may apply.
KOMMUNE_ONLY = (
    r"antragsberechtigt sind (?:ausschließlich|nur|allein)\s+(?:die\s+)?(?:Kommunen|Landkreise|kreisfreien Städte|"
    r"Gemeinden)"
)
# The exception to "municipalities only": the money is passed on to associations.
PASSED_ON = (
    r"Weiterleitung|weitergeleitet|weiterzuleiten|an (?:lokale |örtliche )?(?:Träger|Vereine|Initiativen|Migrantenorganisationen)[^.]{0,40}weiter(?:gegeben|"
    r"geben|reichen|gereicht)|als Durchführungsträger"
)
# A programme for nationwide organisations only.
NATIONWIDE_ONLY = (
    r"bundesweit(?: oder (?:zumindest )?überregional)? (?:aktiv|tätig)\w*|bundesweiter Ausrichtung|"
    r"bundeszentrale[rn]? (?:freie[rn]? )?Träger|(?:rein lokale|örtliche|lokale) (?:Träger|Vereine)[^.]{0,60}nicht direkt|"
    r"rein lokale Träger"
)
# A grant to one named body, no open call.
CLOSED_PROCEDURE = (
    r"kein(?:en)? offene[ns]? (?:Aufruf|Antragsverfahren)|Einzelzuwendung an|"
    r"nicht beantragbar"
)
# No open call known.
UNCLEAR_PROCEDURE = r"keine offene Ausschreibung"
# Non-profit status required.
NON_PROFIT = r"\bgemeinnützig"
# The words before a town size limit ("bis zu 50.000 Einwohner").
POPULATION_CAP_BEFORE = r"(?:höchstens|bis zu|bis|unter|weniger als|maximal)\s+"
# … and after it.
POPULATION_CAP_AFTER = r"\s+Einwohner"
# A bigger town may take part with one district.
STADTTEIL_OK = r"nur mit (?:einzelnen )?(?:Stadtteilen|Stadtbezirken|Quartieren)"
# Only rural areas.
RURAL_ONLY = (
    r"(?:ausschließlich|nur|beschränkt auf|richtet sich an)\s+(?:die\s+)?(?:den\s+)?ländliche[nr]?\s+(?:Räume|"
    r"Raum|Gebiete|Regionen)|(?:Förderkulisse|Fördergebiet)\w*\s+sind\s+ausschließlich\s+ländliche"
)
# Start-up aid for new initiatives.
START_AID = (
    r"Starthilfe|Anschubförderung|Anschubfinanzierung für neue|neue Initiativen|"
    r"junge Vereine|neu gegründete|Neugründung"
)


# -- places (matcher.places) -------------------------------------------------------------------------
# The word before a town's name that makes it a place: "Stadt Dortmund", "Landkreis Kassel".
MUNICIPAL_TITLES = (
    r"Landeshauptstadt|Hansestadt|Bundesstadt|Universitätsstadt|Lutherstadt|"
    r"Stadt|Gemeinde|Landkreis|Kreis|Stadtbezirk|Bezirksamt|Bezirk|Bürgerstiftung|"
    r"Stadtwerke|Stadtsparkasse|Kreissparkasse|Sparkasse|Stiftungsverwaltung der Stadt|"
    r"Stadtgebiet(?: von)?|Heimatstadt"
)
# Capitalised words after such a title that are no place.
NOT_A_PLACE = frozenset(["Deutschland", "Europa", "Gesellschaft", "Integration", "Soziale", "Stiftung", "Verwaltung"])
# A place word right before a town whose name is also an ordinary word.
PLACE_WORD_BEFORE = r"(?:\b(?:in|für|aus|Stadt|Aktion|Region|Raum)\s+|^)$"
# The text restricting a programme to a place: "Menschen in X", "für Projekte in X", "Vereine aus X".
PLACE_PHRASE = (
    r"(?:Menschen|Projekten?|Vereinen?|Initiativen|Organisationen|Einrichtungen|Familien|Kinder|Jugendlichen?|"
    r"Bürger(?:innen)?(?: und Bürger)?|Einwohner(?:innen)?(?: und Einwohner)?|Engagierten?|Trägern?|ansässig|"
    r"tätig|leben|wohnen|Engagement|vor Ort)\s+(?:\w+\s+){0,2}?(?:in|aus)\s+(?:der Stadt\s+|ganz\s+)?"
)
# A programme for the whole Land or country (case-insensitive).
WIDE = (
    r"landesweit|bundesweit|überregional|im ganzen Land|in ganz (?:NRW|Nordrhein-Westfalen|Bayern|Sachsen|"
    r"Sachsen-Anhalt|Thüringen|Brandenburg|Hessen|Niedersachsen|Deutschland)|"
    r"in allen (?:Regionen|Landesteilen|Kommunen|Kreisen)"
)
# A programme for one place although the place cannot be read (case-insensitive).
LOCAL = (
    r"Heimatstadt|Stadtgebiet|Kreisgebiet|in unserer (?:Stadt|Gemeinde|Region)|"
    r"im Landkreis|Bürgerstiftung|Stadtwerke|(?:Stadt|Kreis)?[Ss]parkasse|für die Stadt|"
    r"örtlichen? (?:Vereine|Initiativen|Träger)"
)


# -- ranking needs (matcher.ranking, matcher.features; case-insensitive) -----------------------------
# Structural funding, at a word start: "Infrastrukturförderung" is no structural funding.
STRUCTURE = (
    r"\b(?:Koordinierungsstelle|Koordinationsstelle|Netzwerkkoordination|Steuerungsgruppe|Lenkungsgruppe|Steuerungsgremi|"
    r"Strukturförderung|Strukturaufbau|institutionelle Förderung|Netzwerkförderung|Kooperationsstruktur)\w*"
)
# A call about migration and integration.
MIGRATION = r"Migrant|Zugewander|Zuwander|Geflüchtet|Einwanderung|Integration"


# -- sentences of crawled programme texts (crawler.platforms.fdb_text; case-insensitive) -------------
# A citation of a legal basis ("Richtlinie … vom 04.11.2024"), not a sentence about the call (also DOTALL).
LEGAL_DOCUMENT = (
    r"^(?:Weblink\b|(?:\w+-)?(?:Richtlinie|Förderrichtlinie|Gesetz|Verordnung|Bekanntmachung|Verwaltungsvorschrift|"
    r"Merkblatt|Abkommen|Filmabkommen|Satzung|Leitlinie|Grundsätze|Beteiligungsrichtlinie)\w*\b.*\b(?:vom|"
    r"von:|Stand:?)\s*(?:\d|Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember))"
)
# A sentence about the deadline.
DEADLINE_SENTENCE = (
    r"\b(?:\w*frist(?:en)?|stichtag\w*|bis (?:zum|spätestens|einschließlich)|antragstellung|einzureichen|laufend|"
    r"jederzeit|ganzjährig|bewerbungsschluss|einsendeschluss|deadline|interessenbekundung|antragstermin\w*|"
    r"einreichung\w*)\b"
)
# A sentence about the amount …
AMOUNT_SENTENCE = r"€|\bEUR\b|\bEuro\b|Prozent|%"
# … unless it says who may apply ("Jahresumsatz bis zu EUR 50 Millionen").
WHO_SENTENCE = (
    r"antragsberechtigt|förderberechtigt|jahresumsatz|bilanzsumme|beschäftigte|"
    r"mitarbeite"
)
