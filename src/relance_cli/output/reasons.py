"""Reasons in words: the core says why with a code and its values (`core/eligibility.py`),
this module says it in the language in force, so that JSON and CSV carry the same codes in
every language and only their `text` changes.

Every code the core emits has a message here (a test runs the shipped catalog and real
imports through it in both languages); the messages are the gettext msgids of
`locale/`, so a translation is found as before.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

from relance_cli import l10n
from relance_cli.core.eligibility import Params, Reason
from relance_cli.core.vocabulary import Applicant, Category, Scale
from relance_cli.i18n import N_, _, language, ngettext
from relance_cli.territory import wording

_APPLICANT_PLURAL = {
    Applicant.commune: N_("les communes"),
    Applicant.departement: N_("les départements"),
    Applicant.region: N_("les régions"),
    Applicant.epci: N_("les EPCI"),
    Applicant.syndicat: N_("les syndicats"),
    Applicant.partenaire: N_("les partenaires des collectivités (associations, entreprises…)"),
    Applicant.etablissement_public: N_(
        "les établissements publics (bibliothèques, écoles…) et services de l'État"
    ),
    Applicant.association: N_("les associations"),
    Applicant.entreprise: N_("les entreprises"),
    Applicant.recherche: N_("les organismes de recherche"),
    Applicant.outre_mer: N_("les collectivités d'outre-mer à statut particulier"),
}
_ADMITTED = {
    Category.collectivite: N_("{who} sont des collectivités, admises à candidater"),
    Category.groupement: N_("{who} sont des groupements de collectivités, admis à candidater"),
    Category.partenaire: N_("{who} sont admis à candidater"),
    Category.etablissement_public: N_("{who} sont admis à candidater"),
}
_CATEGORY_PLURAL = {
    Category.collectivite: N_("collectivités"),
    Category.groupement: N_("groupements de collectivités"),
    Category.partenaire: N_("partenaires des collectivités"),
    Category.etablissement_public: N_("établissements publics"),
}

MESSAGES: dict[str, str] = {
    # kind
    "kind_covered": N_("type de projet couvert : {kinds}"),
    "kind_not_covered": N_("type de projet non couvert : ce dispositif finance {kinds}"),
    # applicant
    "applicant_listed": N_("{who} sont parmi les publics visés"),
    "applicant_not_listed": N_("{who} ne sont pas parmi les publics visés ({publics})"),
    "applicant_refused": N_("{who} ne peuvent pas candidater : réservé aux {admitted}"),
    "public_body_unlisted": N_(
        "les établissements publics ne sont pas cités ; les {admitted} sont admis : "
        "à vérifier auprès du dispositif"
    ),
    "public_body_refused": N_(
        "les établissements publics ne peuvent pas candidater : réservé aux {admitted} "
        "(une bibliothèque gérée par une collectivité candidate par celle-ci)"
    ),
    "partners_unspecified": N_(
        "seuls certains partenaires sont visés ({publics}) : préciser avec "
        "--applicant association, entreprise ou recherche"
    ),
    "overseas_status": N_(
        "{who} ne sont pas parmi les publics visés ({publics}) ; une collectivité "
        "d'outre-mer à statut particulier l'est : à vérifier selon votre statut"
    ),
    "unrecognised_publics": N_(
        "{reason} ; mais la source cite aussi des publics que relance ne reconnaît pas "
        "({others}) : à vérifier"
    ),
    "unsaid_all_listed": N_("candidat non précisé : collectivités et groupements sont tous visés"),
    "unsaid_some_listed": N_(
        "candidat non précisé : ce dispositif ne vise que certains publics ({publics}) ; "
        "préciser avec --applicant"
    ),
    "unsaid_not_listed": N_(
        "candidat supposé collectivité ou groupement : réservé à d'autres publics ({publics})"
    ),
    "unsaid_all_admitted": N_(
        "candidat non précisé : collectivité ou groupement supposé, tous deux admis"
    ),
    "unsaid_some_admitted": N_(
        "candidat non précisé : ce dispositif est réservé aux {admitted} "
        "(préciser avec --applicant)"
    ),
    "unsaid_not_admitted": N_(
        "candidat supposé collectivité ou groupement : réservé aux {admitted}"
    ),
    # population
    "population_any_size": N_(
        "{who} sont éligibles quelle que soit leur population "
        "(le projet couvre au moins un département)"
    ),
    "population_unsaid_or_departement": N_(
        "population concernée non précisée (seuil : {threshold}, ou un département "
        "entier) : préciser avec --population"
    ),
    "population_unsaid": N_(
        "population concernée non précisée (seuil : {threshold}) : préciser avec --population"
    ),
    "population_reached": N_("population concernée {given} ≥ {threshold}"),
    "population_near_threshold": N_(
        "population concernée {given}, à moins de {margin} sous {threshold} (marge de "
        "lecture de relance, pas de la source) : à vérifier"
    ),
    "population_below_departement": N_(
        "population concernée {given} < {threshold} (un projet couvrant tout un "
        "département serait éligible)"
    ),
    "population_below": N_("population concernée {given} < {threshold}"),
    # population_cap
    "population_cap_unsaid": N_(
        "population non précisée (plafond : moins de {ceiling} habitants) : préciser"
    ),
    "population_under_cap": N_("population concernée {given} < plafond de {ceiling} habitants"),
    "population_over_cap": N_(
        "population concernée {given} : le plafond est de moins de {ceiling} habitants"
    ),
    # unsettled
    "unsettled_population": N_("population concernée {given} : {reason} : à vérifier"),
    "unsettled_applicant": N_("{reason} : à vérifier"),
    "unsettled_unsaid_applicant": N_("candidat non précisé : {reason} ; préciser avec --applicant"),
    # perimeter
    "perimeter_unsaid": N_(
        "réservé à {perimeter} : préciser le territoire avec --commune, --epci, "
        "--departement ou --region"
    ),
    "perimeter_inside": N_("{territory} est dans le périmètre du dispositif ({perimeter})"),
    "perimeter_outside": N_("réservé à {perimeter} : {territory} n'en fait pas partie"),
    "perimeter_partly": N_("{perimeter} ne couvre qu'une partie {of_territory} : à vérifier"),
    "perimeter_unplaced": N_(
        "périmètre « {perimeter} » que relance ne sait pas encore situer (bassin "
        "hydrographique, PETR, SCOT, GAL…) : à vérifier pour {territory}"
    ),
    # advisor
    "announced_later": N_("dispositif annoncé le {announced}, après le {date}"),
    "local_rules": N_("règles locales appliquées (département {departements}) : {note}"),
}
"""The message of each code whose words are one template; `applicant_admitted` and
`national` choose theirs by a value (`_SPECIAL`)."""


def sentence(reason: Reason) -> str:
    """The reason in the language in force. A catalog of 10,000 schemes gives the same few
    hundred reasons over and over: each is worded once per language."""
    key = (language(), reason.code, _frozen(reason.params))
    found = _WORDED.get(key)
    if found is None:
        if len(_WORDED) >= 4096:
            _WORDED.clear()
        found = _WORDED[key] = _sentence(reason)
    return found


_WORDED: dict[tuple[Any, ...], str] = {}


def _frozen(value: Any) -> Any:
    """Params as a key: dicts and lists as tuples (ints, strings and booleans as they are)."""
    if isinstance(value, dict):
        return tuple((k, _frozen(v)) for k, v in value.items())
    if isinstance(value, list):
        return tuple(_frozen(v) for v in value)
    return value


def _sentence(reason: Reason) -> str:
    special = _SPECIAL.get(reason.code)
    if special is not None:
        return special(reason.params)
    words = _words(reason.params)
    if reason.code == "unrecognised_publics":
        refusal = Reason(reason.rule, reason.outcome, reason.params["refusal"], reason.params)
        words["reason"] = _sentence(refusal)
    return _(MESSAGES[reason.code]).format(**words)


def codes() -> set[str]:
    """Every code this module words."""
    return set(MESSAGES) | set(_SPECIAL)


def who(applicant: str) -> str:
    """An applicant type in the plural, as a sentence's subject."""
    return _(_APPLICANT_PLURAL[Applicant(applicant)])


def _admitted(params: Params) -> str:
    category = Applicant(params["applicant"]).category
    return _(_ADMITTED[category]).format(who=who(params["applicant"]))


def _national(params: Params) -> str:
    named = wording.subject(Scale(params["territory_scale"]), params["territory_name"])
    if named.feminine:
        text = _("dispositif national : {territory} est couverte")
    else:
        text = _("dispositif national : {territory} est couvert")
    return text.format(territory=named.text)


_SPECIAL: dict[str, Callable[[Params], str]] = {
    "applicant_admitted": _admitted,
    "national": _national,
}


def _words(params: Params) -> dict[str, str]:
    """Each value a message may name, in words; the message takes those it names."""
    words: dict[str, str] = {}
    for key, value in params.items():
        worded = _WORDING.get(key)
        if worded is not None:
            words.update(worded(value, params))
        elif isinstance(value, str):
            words[key] = value  # catalog text: a perimeter, the reason of a doubt
    return words


def _kinds(kinds: list[str], params: Params) -> dict[str, str]:
    labels = params.get("kind_labels", {})
    return {"kinds": ", ".join(f"« {labels[k]} »" if k in labels else k for k in kinds)}


def _publics(publics: list[str], params: Params) -> dict[str, str]:
    return {"publics": ", ".join(who(a) for a in publics)}


def _categories(admitted: list[str], params: Params) -> dict[str, str]:
    names = [_(_CATEGORY_PLURAL[Category(c)]) for c in admitted]
    return {"admitted": l10n.enumeration(names)}


def _threshold(count: int, params: Params) -> dict[str, str]:
    if params.get("approximate"):
        text = ngettext("environ {count} habitant", "environ {count} habitants", count)
    else:
        text = ngettext("{count} habitant", "{count} habitants", count)
    return {"threshold": text.format(count=l10n.integer(count))}


def _given(population: int, params: Params) -> dict[str, str]:
    """The population, and where it comes from when a territory was given."""
    given = l10n.integer(population)
    if "territory_population" not in params:
        return {"given": given}
    scale, name = Scale(params["territory_scale"]), params["territory_name"]
    if params.get("population_source") == "territory":
        text = _("{given} (population officielle {of_name}, INSEE)")
        return {"given": text.format(given=given, of_name=wording.of(scale, name))}
    text = _("{given} (indiquée avec --population pour un projet mutualisé ; {name} : {official})")
    official = l10n.integer(params["territory_population"])
    return {"given": text.format(given=given, name=name, official=official)}


def _territory(name: str, params: Params) -> dict[str, str]:
    scale = Scale(params["territory_scale"])
    return {
        "territory": wording.subject(scale, name).text,
        "of_territory": wording.of(scale, name),
    }


def _day(value: str, params: Params) -> str:
    return l10n.day(date.fromisoformat(value))


_WORDING: dict[str, Callable[[Any, Params], dict[str, str]]] = {
    "applicant": lambda value, params: {"who": who(value)},
    "kinds": _kinds,
    "publics": _publics,
    "admitted": _categories,
    "others": lambda value, params: {"others": ", ".join(value)},
    "min_population": _threshold,
    "population": _given,
    "margin": lambda value, params: {"margin": l10n.rate(Decimal(str(value)))},
    "ceiling": lambda value, params: {"ceiling": l10n.integer(value)},
    "territory_name": _territory,
    "announced": lambda value, params: {"announced": _day(value, params)},
    "date": lambda value, params: {"date": _day(value, params)},
    "departements": lambda value, params: {"departements": ", ".join(value)},
    "note": lambda value, params: {"note": value or _("voir les sources")},
}
