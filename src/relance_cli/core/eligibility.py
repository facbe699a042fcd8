"""Eligibility as rules that explain themselves.

Each rule gives one reason: passed, failed, or unknown when the answer depends on
something the user did not say. The verdict follows from the reasons: any failure is
`ineligible`, else any unknown is `possible` ("à vérifier"), else `eligible`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import Decimal
from enum import StrEnum
from functools import lru_cache
from typing import NamedTuple

from relance_cli import l10n
from relance_cli.core.models import Area, Scheme
from relance_cli.core.places import Fit, Territory, fit
from relance_cli.core.vocabulary import Applicant, Category, Scale, Verdict
from relance_cli.i18n import N_, _, language, ngettext
from relance_cli.territory import wording
from relance_cli.text import fold

# Département and région projects cover at least a whole département.
COVERS_A_DEPARTEMENT = {Applicant.departement, Applicant.region}

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
# Partners an import tells apart; `partenaire` is any of them.
_PARTNERS = (Applicant.association, Applicant.entreprise, Applicant.recherche)
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


def _who(applicant: Applicant) -> str:
    return _(_APPLICANT_PLURAL[applicant])


class Outcome(StrEnum):
    passed = "pass"
    failed = "fail"
    unknown = "unknown"


class Reason(NamedTuple):
    rule: str
    outcome: Outcome
    text: str


class Profile(NamedTuple):
    """What the user told us about the project; None means "not said". The population is
    the one given with --population, else the territory's official one."""

    applicant: Applicant | None = None
    population: int | None = None
    kinds: tuple[str, ...] = ()
    territory: Territory | None = None
    official_population: bool = False  # the population is the territory's
    kind_labels: tuple[tuple[str, str], ...] = ()  # (id, label) of the catalogs' types

    def kind_names(self, kinds: Iterable[str]) -> str:
        """Project types as people read them in a sentence: « Données », not `donnees`."""
        labels = dict(self.kind_labels)
        return ", ".join(f"« {labels[k]} »" if k in labels else k for k in kinds)

    @property
    def population_source(self) -> str | None:
        """Where the population comes from: "option" (--population), "territory" (its
        official population) or None."""
        if self.population is None:
            return None
        return "territory" if self.official_population else "option"


class Assessment(NamedTuple):
    verdict: Verdict
    reasons: tuple[Reason, ...]

    @property
    def decisive(self) -> tuple[Reason, ...]:
        """The reasons behind the verdict: failures, else unknowns, else every pass."""
        wanted = {
            Verdict.ineligible: Outcome.failed,
            Verdict.possible: Outcome.unknown,
            Verdict.eligible: Outcome.passed,
        }[self.verdict]
        return tuple(r for r in self.reasons if r.outcome is wanted)


Rule = Callable[[Scheme, Profile], Reason | None]
"""A rule judges one scheme for one profile: a reason, or None when it does not apply
(no project type asked for, no population threshold)."""


def assess(scheme: Scheme, profile: Profile) -> Assessment:
    reasons = [reason for rule in RULES if (reason := rule(scheme, profile)) is not None]
    outcomes = {r.outcome for r in reasons}
    if Outcome.failed in outcomes:
        verdict = Verdict.ineligible
    elif Outcome.unknown in outcomes:
        verdict = Verdict.possible
    else:
        verdict = Verdict.eligible
    return Assessment(verdict, tuple(reasons))


def kind_rule(scheme: Scheme, profile: Profile) -> Reason | None:
    if not profile.kinds:
        return None
    covered = [k for k in profile.kinds if k in scheme.kinds]
    if covered:
        text = _("type de projet couvert : {kinds}").format(kinds=profile.kind_names(covered))
        return Reason("kind", Outcome.passed, text)
    text = _("type de projet non couvert : ce dispositif finance {kinds}")
    return Reason("kind", Outcome.failed, text.format(kinds=profile.kind_names(scheme.kinds)))


def applicant_rule(scheme: Scheme, profile: Profile) -> Reason:
    """Who may apply. Audiences the source names but relance does not recognise never
    narrow that: a refusal becomes "à vérifier", naming them."""
    rules = scheme.eligibility
    return _applicant_rule(
        language(),
        tuple(rules.applicants),
        tuple(rules.applicant_types),
        tuple(rules.other_audiences),
        profile.applicant,
        _may_be_overseas(profile.territory),
    )


def _may_be_overseas(territory: Territory | None) -> bool:
    """Whether the applicant may be a collectivité d'outre-mer à statut particulier (or
    Corsica's, which Aides-territoires counts with them): not on the mainland elsewhere."""
    if territory is None:
        return True
    return territory.overseas or bool(territory.departements & CORSICA)


CORSICA = frozenset({"2A", "2B"})


@lru_cache(maxsize=512)
def _applicant_rule(
    interface: str,  # the language of the text: part of the key
    admitted: tuple[Category, ...],
    listed: tuple[Applicant, ...],
    others: tuple[str, ...],
    applicant: Applicant | None,
    overseas: bool = True,
) -> Reason:
    """The same few combinations come back across a catalog: worked out once each."""
    reason = _applicant_reason(list(admitted), list(listed), applicant)
    if reason.outcome is Outcome.failed and applicant is not None:
        reason = _nuanced(reason, listed, applicant, overseas)
    if reason.outcome is Outcome.failed and others:
        text = _(
            "{reason} ; mais la source cite aussi des publics que relance ne reconnaît pas "
            "({others}) : à vérifier"
        )
        return Reason(
            "applicant", Outcome.unknown, text.format(reason=reason.text, others=", ".join(others))
        )
    return reason


def _nuanced(
    reason: Reason, listed: tuple[Applicant, ...], applicant: Applicant, overseas: bool
) -> Reason:
    """A refusal by the list of publics that the list itself cannot settle: a generic
    partner where only some partners are named, a département or a région that may be a
    collectivité à statut particulier (Mayotte, Guyane, Corse…) where those are named."""
    who = _who(applicant)
    publics = ", ".join(_who(a) for a in listed)
    if applicant is Applicant.partenaire and any(a in _PARTNERS for a in listed):
        text = _(
            "seuls certains partenaires sont visés ({publics}) : préciser avec "
            "--applicant association, entreprise ou recherche"
        )
        return Reason("applicant", Outcome.unknown, text.format(publics=publics))
    if Applicant.outre_mer in listed and applicant in COVERS_A_DEPARTEMENT and overseas:
        text = _(
            "{who} ne sont pas parmi les publics visés ({publics}) ; une collectivité "
            "d'outre-mer à statut particulier l'est : à vérifier selon votre statut"
        )
        return Reason("applicant", Outcome.unknown, text.format(who=who, publics=publics))
    return reason


def _applicant_reason(
    admitted: list[Category], listed: list[Applicant], applicant: Applicant | None
) -> Reason:
    admitted_text = l10n.enumeration([_(_CATEGORY_PLURAL[c]) for c in admitted])
    if applicant is None:
        return _unsaid_applicant(admitted, admitted_text, listed)
    category = applicant.category
    who = _who(applicant)
    if listed and applicant in _PARTNERS and Applicant.partenaire in listed:
        listed = [*listed, applicant]  # an earlier import's partners, all of them
    if listed and applicant not in listed:
        publics = ", ".join(_who(a) for a in listed)
        text = _("{who} ne sont pas parmi les publics visés ({publics})")
        return Reason("applicant", Outcome.failed, text.format(who=who, publics=publics))
    if listed:
        text = _("{who} sont parmi les publics visés")
        return Reason("applicant", Outcome.passed, text.format(who=who))
    if category in admitted:
        return Reason("applicant", Outcome.passed, _(_ADMITTED[category]).format(who=who))
    if category is Category.etablissement_public:
        return _public_establishment(admitted, admitted_text)
    text = _("{who} ne peuvent pas candidater : réservé aux {admitted}")
    return Reason("applicant", Outcome.failed, text.format(who=who, admitted=admitted_text))


_ASSUMED = (Category.collectivite, Category.groupement)


def _unsaid_applicant(
    admitted: list[Category], admitted_text: str, listed: list[Applicant]
) -> Reason:
    """Without --applicant, a collectivité or a groupement is assumed: passed only when
    every kind of them may apply (a list of publics that leaves out syndicats does not)."""
    assumed = [a for a in Applicant if a.category in _ASSUMED and a is not Applicant.outre_mer]
    if listed:
        accepted = [a for a in assumed if a in listed]
        publics = ", ".join(_who(a) for a in listed)
        if len(accepted) == len(assumed):
            text = _("candidat non précisé : collectivités et groupements sont tous visés")
            return Reason("applicant", Outcome.passed, text)
        if accepted:
            text = _(
                "candidat non précisé : ce dispositif ne vise que certains publics ({publics}) ; "
                "préciser avec --applicant"
            )
            return Reason("applicant", Outcome.unknown, text.format(publics=publics))
        text = _(
            "candidat supposé collectivité ou groupement : réservé à d'autres publics ({publics})"
        )
        return Reason("applicant", Outcome.failed, text.format(publics=publics))
    accepted_categories = set(_ASSUMED) & set(admitted)
    if len(accepted_categories) == len(_ASSUMED):
        text = _("candidat non précisé : collectivité ou groupement supposé, tous deux admis")
        return Reason("applicant", Outcome.passed, text)
    if accepted_categories:
        text = _(
            "candidat non précisé : ce dispositif est réservé aux {admitted} "
            "(préciser avec --applicant)"
        )
        return Reason("applicant", Outcome.unknown, text.format(admitted=admitted_text))
    text = _("candidat supposé collectivité ou groupement : réservé aux {admitted}")
    return Reason("applicant", Outcome.failed, text.format(admitted=admitted_text))


def _public_establishment(admitted: list[Category], admitted_text: str) -> Reason:
    """A library or a school is often a service of its collectivité, which then applies;
    where partners are admitted without more detail, the source cannot settle it."""
    if Category.partenaire in admitted:
        text = _(
            "les établissements publics ne sont pas cités ; les {admitted} sont admis : "
            "à vérifier auprès du dispositif"
        )
        return Reason("applicant", Outcome.unknown, text.format(admitted=admitted_text))
    text = _(
        "les établissements publics ne peuvent pas candidater : réservé aux {admitted} "
        "(une bibliothèque gérée par une collectivité candidate par celle-ci)"
    )
    return Reason("applicant", Outcome.failed, text.format(admitted=admitted_text))


def population_rule(scheme: Scheme, profile: Profile) -> Reason | None:
    rules = scheme.eligibility
    if rules.min_population is None:
        return None
    threshold = Threshold(
        rules.min_population,
        rules.population_is_approximate,
        rules.approximate_margin,
        rules.departement_qualifies,
        rules.near_threshold,
    )
    return _population_reason(language(), threshold, profile)


class Threshold(NamedTuple):
    """What the population rule reads of a scheme's eligibility, as a key."""

    min_population: int
    population_is_approximate: bool
    approximate_margin: float
    departement_qualifies: bool
    near_threshold: int | None


@lru_cache(maxsize=1024)
def _population_reason(interface: str, rules: Threshold, profile: Profile) -> Reason:
    """Schemes share a handful of thresholds: each is worked out once per profile (and
    language, part of the key) rather than once per scheme of a 10,000-scheme catalog."""
    threshold = _threshold_text(rules)
    if rules.departement_qualifies and profile.applicant in COVERS_A_DEPARTEMENT:
        assert profile.applicant is not None
        text = _(
            "{who} sont éligibles quelle que soit leur population "
            "(le projet couvre au moins un département)"
        )
        return Reason("population", Outcome.passed, text.format(who=_who(profile.applicant)))
    if profile.population is None:
        if rules.departement_qualifies:
            text = _(
                "population concernée non précisée (seuil : {threshold}, ou un département "
                "entier) : préciser avec --population"
            )
        else:
            text = _(
                "population concernée non précisée (seuil : {threshold}) : préciser avec "
                "--population"
            )
        return Reason("population", Outcome.unknown, text.format(threshold=threshold))
    given = _population_words(profile)
    if profile.population >= rules.min_population:
        text = _("population concernée {given} ≥ {threshold}")
        return Reason("population", Outcome.passed, text.format(given=given, threshold=threshold))
    near = rules.near_threshold
    if near is not None and profile.population >= near:
        margin = l10n.rate(Decimal(str(rules.approximate_margin)))
        text = _(
            "population concernée {given}, à moins de {margin} sous {threshold} (marge de "
            "lecture de relance, pas de la source) : à vérifier"
        )
        values = {"given": given, "margin": margin, "threshold": threshold}
        return Reason("population", Outcome.unknown, text.format(**values))
    if rules.departement_qualifies:
        text = _(
            "population concernée {given} < {threshold} (un projet couvrant tout un "
            "département serait éligible)"
        )
    else:
        text = _("population concernée {given} < {threshold}")
    return Reason("population", Outcome.failed, text.format(given=given, threshold=threshold))


def _population_words(profile: Profile) -> str:
    """The population, and where it comes from when a territory was given."""
    assert profile.population is not None
    given = l10n.integer(profile.population)
    territory = profile.territory
    if territory is None or territory.population is None:
        return given
    official = l10n.integer(territory.population)
    if profile.population_source == "territory":
        text = _("{given} (population officielle {of_name}, INSEE)")
        return text.format(given=given, of_name=wording.of(territory.scale, territory.name))
    text = _("{given} (indiquée avec --population pour un projet mutualisé ; {name} : {official})")
    return text.format(given=given, name=territory.name, official=official)


def perimeter_rule(scheme: Scheme, profile: Profile) -> Reason | None:
    """Where the scheme applies: it covers the user's territory, it does not, or relance
    cannot tell (a water basin: no official basin data is shipped yet; a PETR, an unresolved
    name): never a silent pass or fail."""
    area = scheme.area
    where = scheme.perimeter or (area.code if area and area.code else "")
    if area is None and scheme.perimeter and fold(scheme.perimeter) not in NATIONAL:
        area = Area(scale=Scale.other)  # a perimeter written as text only
    territory = profile.territory
    if territory is None:
        if area is None or area.scale.national:
            return None
        text = _(
            "réservé à {perimeter} : préciser le territoire avec --commune, --epci, "
            "--departement ou --region"
        )
        return Reason("perimeter", Outcome.unknown, text.format(perimeter=where))
    named = wording.subject(territory.scale, territory.name)
    here = named.text
    if area is None:
        if named.feminine:
            text = _("dispositif national : {territory} est couverte")
        else:
            text = _("dispositif national : {territory} est couvert")
        return Reason("perimeter", Outcome.passed, text.format(territory=here))
    result = fit(area, territory)
    if result is Fit.inside:
        text = _("{territory} est dans le périmètre du dispositif ({perimeter})")
        return Reason("perimeter", Outcome.passed, text.format(territory=here, perimeter=where))
    if result is Fit.outside:
        text = _("réservé à {perimeter} : {territory} n'en fait pas partie")
        return Reason("perimeter", Outcome.failed, text.format(territory=here, perimeter=where))
    if result is Fit.partly:
        text = _("{perimeter} ne couvre qu'une partie {of_territory} : à vérifier")
        of_here = wording.of(territory.scale, territory.name)
        return Reason(
            "perimeter", Outcome.unknown, text.format(of_territory=of_here, perimeter=where)
        )
    text = _(
        "périmètre « {perimeter} » que relance ne sait pas encore situer (bassin "
        "hydrographique, PETR, SCOT, GAL…) : à vérifier pour {territory}"
    )
    return Reason("perimeter", Outcome.unknown, text.format(territory=here, perimeter=where))


def population_cap_rule(scheme: Scheme, profile: Profile) -> Reason | None:
    """A ceiling some sources set (a préfecture's "moins de 100 000 habitants")."""
    below = scheme.eligibility.population_below
    if below is None:
        return None
    ceiling = l10n.integer(below)
    if profile.population is None:
        text = _("population non précisée (plafond : moins de {ceiling} habitants) : préciser")
        return Reason("population_cap", Outcome.unknown, text.format(ceiling=ceiling))
    given = _population_words(profile)
    if profile.population < below:
        text = _("population concernée {given} < plafond de {ceiling} habitants")
        return Reason("population_cap", Outcome.passed, text.format(given=given, ceiling=ceiling))
    text = _("population concernée {given} : le plafond est de moins de {ceiling} habitants")
    return Reason("population_cap", Outcome.failed, text.format(given=given, ceiling=ceiling))


def unsettled_rule(scheme: Scheme, profile: Profile) -> Reason | None:
    """Rules the sources give differently: the profiles they touch are "à vérifier", with
    the reason, never a silent pass or fail. Without --applicant, a collectivité or a
    groupement is assumed, of any kind: a doubt on one of them is a doubt on the profile."""
    for doubt in scheme.eligibility.unsettled:
        size = doubt.population_at_least
        if size is not None and profile.population is not None and profile.population >= size:
            text = _("population concernée {given} : {reason} : à vérifier")
            given = _population_words(profile)
            return Reason(
                "unsettled", Outcome.unknown, text.format(given=given, reason=doubt.reason)
            )
        if profile.applicant is not None and profile.applicant in doubt.applicant_types:
            text = _("{reason} : à vérifier")
            return Reason("unsettled", Outcome.unknown, text.format(reason=doubt.reason))
        assumed = [a for a in doubt.applicant_types if a.category in _ASSUMED]
        if profile.applicant is None and assumed:
            text = _("candidat non précisé : {reason} ; préciser avec --applicant")
            return Reason("unsettled", Outcome.unknown, text.format(reason=doubt.reason))
    return None


NATIONAL = {"france", "europe"}

RULES: tuple[Rule, ...] = (
    kind_rule,
    applicant_rule,
    population_rule,
    population_cap_rule,
    unsettled_rule,
    perimeter_rule,
)
"""Every rule, in the order reasons are shown; a new rule is one function and one entry."""


def _threshold_text(rules: Threshold) -> str:
    count, number = l10n.integer(rules.min_population), rules.min_population
    if rules.population_is_approximate:
        text = ngettext("environ {count} habitant", "environ {count} habitants", number)
    else:
        text = ngettext("{count} habitant", "{count} habitants", number)
    return text.format(count=count)
