"""Saved profiles: the options a funding officer gives every week (territory, applicant,
project types, budget, catalogs), saved once under a name in one hand-editable TOML file
of the user's config folder, and applied by `--profile NAME`, `RELANCE_PROFILE` or the
default profile. `fields` says what a profile holds, `store` reads and writes the file,
`applying` merges a profile with the options given on the command line."""
