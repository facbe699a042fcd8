"""How a French sentence names a territory: « la Bretagne », « le Finistère », « l'Ain »,
« la commune d'Évron », and the « de » that goes before each (« du Finistère »).

French puts an article before the names of regions and départements, and the adjective
agrees with it (« la Bretagne est couverte »); the article cannot be guessed from the
name (« le Maine-et-Loire » but « la Loire »), so it is listed here for each of them.
Plural names (« les Landes ») are named with their scale (« le département des Landes »),
which keeps every sentence in the singular. In English a territory is its name.
"""

from __future__ import annotations

from typing import NamedTuple

from relance_cli.core.vocabulary import Scale
from relance_cli.i18n import language

VOWELS = tuple("AEIOUYÉÈÊÀÂÎÏÔÛH")

# The article of each region and département, by official name: "le", "la", "l'm"
# (masculine, elided), "l'f", "les", "-m" / "-f" (no article). Names not listed get their
# scale as article (« le département X », « la région X »).
ARTICLES = {
    **dict.fromkeys(("Centre-Val de Loire", "Grand Est", "Calvados", "Cantal", "Cher",
        "Doubs", "Finistère", "Gard", "Gers", "Jura", "Loir-et-Cher", "Loiret", "Lot",
        "Lot-et-Garonne", "Maine-et-Loire", "Morbihan", "Nord", "Pas-de-Calais",
        "Puy-de-Dôme", "Bas-Rhin", "Haut-Rhin", "Rhône", "Tarn", "Tarn-et-Garonne", "Var",
        "Vaucluse", "Territoire de Belfort", "Val-de-Marne", "Val-d'Oise"), "le"),
    **dict.fromkeys(("Bourgogne-Franche-Comté", "Normandie", "Bretagne",
        "Nouvelle-Aquitaine", "Provence-Alpes-Côte d'Azur", "Corse", "Guadeloupe",
        "Martinique", "Guyane", "Charente", "Charente-Maritime", "Corrèze", "Corse-du-Sud",
        "Haute-Corse", "Côte-d'Or", "Creuse", "Dordogne", "Drôme", "Haute-Garonne",
        "Gironde", "Loire", "Haute-Loire", "Loire-Atlantique", "Lozère", "Manche", "Marne",
        "Haute-Marne", "Mayenne", "Meurthe-et-Moselle", "Meuse", "Moselle", "Nièvre",
        "Haute-Saône", "Saône-et-Loire", "Sarthe", "Savoie", "Haute-Savoie",
        "Seine-Maritime", "Seine-et-Marne", "Somme", "Vendée", "Vienne", "Haute-Vienne",
        "Seine-Saint-Denis"), "la"),
    **dict.fromkeys(("Ain", "Allier", "Aveyron", "Eure-et-Loir", "Hérault"), "l'm"),
    **dict.fromkeys(("Île-de-France", "Occitanie", "Auvergne-Rhône-Alpes", "Aisne",
        "Ardèche", "Ariège", "Aube", "Aude", "Eure", "Ille-et-Vilaine", "Indre",
        "Indre-et-Loire", "Isère", "Oise", "Orne", "Yonne", "Essonne"), "l'f"),
    **dict.fromkeys(("Hauts-de-France", "Pays de la Loire", "Alpes-de-Haute-Provence",
        "Hautes-Alpes", "Alpes-Maritimes", "Ardennes", "Bouches-du-Rhône", "Côtes-d'Armor",
        "Landes", "Pyrénées-Atlantiques", "Hautes-Pyrénées", "Pyrénées-Orientales",
        "Yvelines", "Deux-Sèvres", "Vosges", "Hauts-de-Seine"), "les"),
    "Paris": "-m",
    **dict.fromkeys(("La Réunion", "Mayotte"), "-f"),
}  # fmt: skip


class Named(NamedTuple):
    """A territory as the subject of a sentence, and whether adjectives agree in the
    feminine with it."""

    text: str
    feminine: bool


def elided(word: str, name: str) -> str:
    """« de Laval », « d'Évron »: "de" and "le" drop their vowel before a vowel or an h."""
    return f"{word[:-1]}'{name}" if name.startswith(VOWELS) else f"{word} {name}"


def _commune(name: str) -> str:
    """« la commune de Laval », « d'Évron », « du Havre », « des Sables-d'Olonne »."""
    for article, contracted in (("Le ", "du "), ("Les ", "des ")):
        if name.startswith(article):
            return "la commune " + contracted + name.removeprefix(article)
    return "la commune " + elided("de", name)


def subject(scale: Scale, name: str) -> Named:
    """How a sentence names the territory as its subject."""
    if language() == "en":
        return Named(name, False)
    if scale is Scale.commune:
        return Named(_commune(name), True)
    article = ARTICLES.get(name)
    if article in ("le", "la"):
        return Named(f"{article} {name}", article == "la")
    if article in ("l'm", "l'f"):
        return Named(f"l'{name}", article == "l'f")
    if article in ("-m", "-f"):
        return Named(name, article == "-f")
    if scale is Scale.region:
        return Named(f"la région {name}", True)
    if scale is Scale.departement:
        plural = article == "les"
        return Named("le département " + ("des " + name if plural else name), False)
    return Named(f"l'{scale.label} {name}" if scale is Scale.epci else name, False)


def of(scale: Scale, name: str) -> str:
    """The territory after « de »: « de la Bretagne », « du Finistère », « d'Évron »
    (a commune is named alone here, as in « population officielle d'Évron »)."""
    if language() == "en":
        return f"of {name}"
    if scale is Scale.commune:
        return _commune(name).removeprefix("la commune ")
    text = subject(scale, name).text
    if text.startswith("le "):
        return "du " + text.removeprefix("le ")
    return elided("de", text)
