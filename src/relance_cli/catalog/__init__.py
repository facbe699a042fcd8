"""Catalog files: reading and merging them, locating every error, caching what was valid."""
