"""Full-text search of the loaded catalogs: French words to stems, a query to an FTS5
expression, an SQLite index built once per catalog content, and excerpts of the matches.

Nothing here prints: the search returns scores and excerpts as data, and the output
modules choose how to show them.
"""
