"""relance: which public digital-funding schemes fit a French local authority's project."""

__version__ = "0.1.0"
