"""The building blocks of the catalog models: the messages of their rules, the checks of
each kind of field (text, label, address, identifier, date, rate, amount), the base model,
and the errors a cross-field rule raises, located at the offending field."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    ValidationError,
    WithJsonSchema,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

from relance_cli.decimals import json_number as _json_number
from relance_cli.i18n import N_
from relance_cli.limits import FIRST_DAY, IDENTIFIER_MAX, LABEL_MAX, LAST_DAY, MAX_AMOUNT, TEXT_MAX
from relance_cli.text import UNSAFE_CLASS

# The messages of the rules written here, by error type; Pydantic carries them in French,
# and the catalog's error locator translates them with the rest.
MESSAGES = {
    "unsafe_character": N_("caractère interdit U+{code} ({name}) à la position {position}"),
    "blank": N_("ne doit pas être vide"),
    "single_line": N_(
        "une seule ligne attendue : retour à la ligne ou tabulation à la position {position}"
    ),
    "url": N_("adresse web attendue (http:// ou https://, sans espace)"),
    "date_out_of_range": N_("date hors limites (entre 1900-01-01 et 2999-12-31)"),
    "identifier": N_(
        "identifiant invalide : lettres minuscules sans accent, chiffres, « - » ou « _ »"
    ),
    "number_as_text": N_("nombre attendu, sans guillemets"),
    "end_before_start": N_("la fin ({end}) précède le début ({start})"),
    "steps_order": N_(
        "étape « {name} » : commence le {start}, avant l'étape précédente ({previous})"
    ),
    "duplicate_id": N_("identifiant « {id} » déjà utilisé par le dispositif n°{first}"),
    "unknown_kind": N_("type de projet inconnu « {kind} » ; types déclarés dans [kinds] : {known}"),
    "rate_range": N_("le taux bas ne doit pas dépasser le taux (rate)"),
    "no_applicant": N_("au moins un candidat attendu (applicants, ou other_audiences)"),
    "unknown_scheme": N_("dispositif « {id} » inconnu dans ce fichier"),
    "steps_end_order": N_(
        "étape « {name} » : sans début annoncé, elle finit le {end}, avant le début de "
        "l'étape précédente ({previous})"
    ),
    "sessions_overlap": N_(
        "session « {name} » : ses dates chevauchent celles de « {other} », alors que l'une "
        "des deux a ses propres règles"
    ),
    "types_outside_applicants": N_(
        "publics ({types}) hors des candidats admis (applicants) de cette session ; "
        "précisez applicant_types dans la session"
    ),
    "one_territory": N_("un seul territoire par cas (donnés : {given})"),
    "costs_without_budget": N_("des coûts sans budget : ajoutez budget"),
    "costs_above_budget": N_("les coûts ({costs} €) dépassent le budget ({budget} €)"),
    "estimate_without_verdict": N_(
        "estimation pour « {id} » sans verdict attendu : ajoutez-le à expect"
    ),
    "replaced_after_revision": N_(
        "étape remplacée « {name} » : annoncée le {announced}, après la révision du {date}"
    ),
    "revisions_order": N_(
        "révision du {date} : elle suit celle du {previous} ; une révision par date, dans l'ordre"
    ),
    "rules_without_session": N_(
        "étape « {name} » : seule une étape de dépôt (accepts_applications = true) peut "
        "avoir ses propres règles"
    ),
}


def _problem(error_type: str, **context: Any) -> PydanticCustomError:
    return PydanticCustomError(error_type, MESSAGES[error_type], context)


# Catalog text is untrusted: characters that could drive a terminal are refused once,
# here, not escaped at each print. Field checks are patterns and bounds that pydantic-core
# applies in Rust, so a 10,000-scheme catalog validates without a Python call per field;
# `catalog.diagnostics` turns a failed pattern back into the message of its rule.
SAFE_TEXT = f"^[^{UNSAFE_CLASS}]*$"


# A label is one line: no newline nor tab (a title, a name), and not blank.
SAFE_LABEL = f"^[^\\n\\t{UNSAFE_CLASS}]*[^\\s{UNSAFE_CLASS}][^\\n\\t{UNSAFE_CLASS}]*$"


WEB_ADDRESS = f"^https?://[^\\s{UNSAFE_CLASS}]+$"  # Rust's `$` is the very end of the text


IDENTIFIER = r"^[a-z0-9][a-z0-9_-]*$"


AREA_CODE = r"^[0-9][0-9AB][0-9]{0,7}$"  # région, département, INSEE code, SIREN


def _not_text(value: Any) -> Any:
    """Numbers in a catalog are TOML numbers: "0.5" in quotes is a mistake, not a rate."""
    if isinstance(value, str | bool):
        raise _problem("number_as_text")
    return value


Day = Annotated[date, Field(strict=True, ge=FIRST_DAY, le=LAST_DAY)]


Text = Annotated[str, Field(max_length=TEXT_MAX, pattern=SAFE_TEXT)]


Label = Annotated[str, Field(max_length=LABEL_MAX, pattern=SAFE_LABEL)]


Url = Annotated[str, Field(max_length=LABEL_MAX, pattern=WEB_ADDRESS)]


Flag = Annotated[bool, Field(strict=True)]


Identifier = Annotated[str, Field(pattern=IDENTIFIER, max_length=IDENTIFIER_MAX)]


# Rates and amounts are exact decimals; JSON gets them as numbers (0.5), not strings.
# The bounds come before the check that refuses text, so that pydantic-core applies them
# to the decimal itself, in Rust: placed after it, they ran in Python, once per number
# (the same errors and messages; 0.45 × the time of each number). Their JSON Schema stays
# the one editors read before (`_number_schema`).
def _number_schema(**bounds: int) -> WithJsonSchema:
    """A number (or the text the check refuses with its own message) and its bounds."""
    return WithJsonSchema({"anyOf": [{"type": "number"}, {"type": "string"}], **bounds})


Rate = Annotated[
    Decimal,
    Field(gt=0, le=1, decimal_places=6),
    BeforeValidator(_not_text),
    _number_schema(decimal_places=6, gt=0, le=1),
    PlainSerializer(_json_number, when_used="json"),
]


LowerRate = Annotated[
    Decimal,
    Field(ge=0, le=1, decimal_places=6),
    BeforeValidator(_not_text),
    _number_schema(decimal_places=6, ge=0, le=1),
    PlainSerializer(_json_number, when_used="json"),
]


Money = Annotated[
    Decimal,
    Field(ge=0, le=MAX_AMOUNT, decimal_places=2),
    BeforeValidator(_not_text),
    _number_schema(decimal_places=2, ge=0, le=MAX_AMOUNT),
    PlainSerializer(_json_number, when_used="json"),
]


AreaCode = Annotated[str, Field(pattern=AREA_CODE, max_length=9)]


class _Model(BaseModel):
    # Schemas are built on first validation only: a catalog read from the cache needs none.
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)


def _error(
    loc: tuple[str | int, ...], kind: str, context: dict[str, Any], value: Any
) -> InitErrorDetails:
    error_type = PydanticCustomError(kind, MESSAGES[kind], context)
    return InitErrorDetails(type=error_type, loc=loc, input=value)


def _located(
    title: str, loc: tuple[str | int, ...], kind: str, context: dict[str, Any], value: Any
) -> ValidationError:
    return ValidationError.from_exception_data(title, [_error(loc, kind, context, value)])
