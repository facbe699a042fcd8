"""The rules: the catalog's models and the pure functions that judge, date and estimate."""
