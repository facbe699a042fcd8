"""The catalog format, as Pydantic models.

Every model forbids unknown keys, so a misspelt key in a hand-written catalog is an
error instead of a silently ignored setting. Cross-field rules (step order, unique
ids, declared kinds) raise errors located at the offending field, so that the loader
can point at the right line of the TOML file.

The models live in `fields` (the checks of each kind of field, the messages of the
rules), `scheme` (a scheme and its parts) and `catalog` (a file, its cases, the rules
across schemes); every name is importable from here, as `relance_cli.core.models.X`.
"""

from __future__ import annotations

from relance_cli.core.models.catalog import (
    Case,
    Catalog,
    CatalogInfo,
    Envelope,
    case_errors,
    catalog_schema,
    cross_errors,
)
from relance_cli.core.models.fields import (
    AREA_CODE,
    IDENTIFIER,
    MESSAGES,
    SAFE_LABEL,
    SAFE_TEXT,
    WEB_ADDRESS,
    AreaCode,
    Day,
    Flag,
    Identifier,
    Label,
    LowerRate,
    Money,
    Rate,
    Text,
    Url,
)
from relance_cli.core.models.scheme import (
    Area,
    Eligibility,
    EligibilityChange,
    Funding,
    FundingChange,
    Revision,
    Scheme,
    SourceRef,
    Step,
    Unsettled,
    Variant,
)
from relance_cli.core.vocabulary import (
    Applicant,
    Category,
    CostCategory,
    Scale,
    Verdict,
    earliest,
)

__all__ = [
    "AREA_CODE",
    "IDENTIFIER",
    "MESSAGES",
    "SAFE_LABEL",
    "SAFE_TEXT",
    "WEB_ADDRESS",
    "Applicant",
    "Area",
    "AreaCode",
    "Case",
    "Catalog",
    "CatalogInfo",
    "Category",
    "CostCategory",
    "Day",
    "Eligibility",
    "EligibilityChange",
    "Envelope",
    "Flag",
    "Funding",
    "FundingChange",
    "Identifier",
    "Label",
    "LowerRate",
    "Money",
    "Rate",
    "Revision",
    "Scale",
    "Scheme",
    "SourceRef",
    "Step",
    "Text",
    "Unsettled",
    "Url",
    "Variant",
    "Verdict",
    "case_errors",
    "catalog_schema",
    "cross_errors",
    "earliest",
]
