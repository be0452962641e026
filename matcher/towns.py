"""German towns the place reader recognises in free text without further confirmation.

All towns above ~100,000 inhabitants, the bundled Verbünde's towns and a few mid-sized towns
with local foundations. A town missing here is still read when a second source confirms it
(funder seat, web address, municipal noun like "Stadt X"). Names are written as towns call
themselves; ``matcher.places.place_key`` folds them for comparison.
"""
from __future__ import annotations

TOWNS = (
    "Aachen", "Arnsberg", "Aschaffenburg", "Augsburg", "Bamberg", "Bautzen", "Bayreuth", "Bergisch Gladbach",
    "Berlin", "Bielefeld", "Bocholt", "Bochum", "Bonn", "Bottrop", "Brandenburg an der Havel", "Braunschweig",
    "Bremen", "Bremerhaven", "Castrop-Rauxel", "Celle", "Chemnitz", "Cottbus", "Darmstadt", "Delmenhorst",
    "Dessau-Roßlau", "Detmold", "Dorsten", "Dortmund", "Dresden", "Duisburg", "Düren", "Düsseldorf", "Erfurt",
    "Erlangen", "Essen", "Esslingen", "Flensburg", "Frankfurt am Main", "Frankfurt (Oder)", "Freiberg",
    "Freiburg im Breisgau", "Fulda", "Fürth", "Gelsenkirchen", "Gera", "Gießen", "Gladbeck", "Görlitz", "Göttingen",
    "Greifswald", "Gütersloh", "Hagen", "Halberstadt", "Halle (Saale)", "Hamburg", "Hamm", "Hanau", "Hannover",
    "Heidelberg", "Heilbronn", "Herne", "Hildesheim", "Ingolstadt", "Iserlohn", "Jena", "Kaiserslautern",
    "Karlsruhe", "Kassel", "Kempten", "Kiel", "Koblenz", "Köln", "Konstanz", "Köthen", "Krefeld", "Landshut",
    "Leipzig", "Leverkusen", "Lübeck", "Ludwigsburg", "Ludwigshafen am Rhein", "Lüneburg", "Lünen", "Magdeburg",
    "Mainz", "Mannheim", "Marburg", "Marl", "Meißen", "Merseburg", "Minden", "Moers", "Mönchengladbach",
    "Mülheim an der Ruhr", "München", "Münster", "Neubrandenburg", "Neumünster", "Neuss", "Norderstedt",
    "Nürnberg", "Oberhausen", "Offenbach am Main", "Oldenburg", "Osnabrück", "Paderborn", "Pforzheim", "Pirna",
    "Plauen", "Potsdam", "Ratingen", "Recklinghausen", "Regensburg", "Remscheid", "Reutlingen", "Rheine",
    "Riesa", "Rostock", "Saarbrücken", "Salzgitter", "Schwerin", "Siegen", "Solingen", "Stendal", "Stralsund",
    "Stuttgart", "Trier", "Troisdorf", "Tübingen", "Ulm", "Unna", "Velbert", "Verden", "Viersen",
    "Villingen-Schwenningen", "Weimar", "Weinheim", "Weißenfels", "Wiesbaden", "Wilhelmshaven", "Witten",
    "Wittenberg", "Wolfsburg", "Worms", "Wuppertal", "Würzburg", "Zwickau",
)

# also ordinary German words ("gemeinsames Essen", "in der Halle"): only read after a place
# word such as "in", "für", "Stadt", never on their own
AMBIGUOUS = frozenset({"Essen", "Halle", "Hamm", "Marl", "Worms", "Siegen", "Kiel", "Celle", "Unna", "Hagen"})
