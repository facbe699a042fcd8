"""Other sources of aids turned into relance catalogs."""
