"""The profiles file: one TOML file in the user's config folder, read without ever being
rewritten, and written only by `relance profile`, keeping the user's comments and layout.

    default = "mairie"

    [profiles.mairie]
    commune = "69123"  # Lyon
    type = ["dematerialisation"]
    budget = 300000

Every problem is located (file:line, profile, field) and ends the command with exit 1;
a bad profile *name* given on the command line is a usage error (exit 2).
"""

from __future__ import annotations

import contextlib
import os
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from relance_cli import files
from relance_cli.errors import RelanceError, UsageError
from relance_cli.i18n import _
from relance_cli.profiles.fields import BY_KEY, FIELDS, GROUPS, Field
from relance_cli.text import quoted

if TYPE_CHECKING:
    from tomlkit import TOMLDocument

FILE_NAME = "profiles.toml"
ENV_VAR = "RELANCE_PROFILE"
MAX_BYTES = 1024 * 1024
NAME_MAX = 64
# The file's opening comment names every field a profile holds, from `fields.FIELDS`.
HEADER = tuple(
    textwrap.wrap(
        "Profils relance : `relance profile save NOM [options]` les écrit ; ce fichier se "
        "modifie aussi à la main. Chaque [profiles.NOM] reprend des options (sans leurs "
        f"tirets) : {', '.join(field.key for field in FIELDS)}. `default` nomme le profil "
        "appliqué quand aucun n'est choisi.",
        width=92,
        break_on_hyphens=False,
    )
)

Value = str | list[str]


class ProfileError(RelanceError):
    """A profiles file that cannot be read or does not follow the format."""


class SavedProfile(NamedTuple):
    name: str
    values: dict[str, Value]  # by field key, as the options would be given
    lines: dict[str, int]  # by field key; "" for the profile's own header
    path: Path

    def where(self, key: str = "") -> str:
        line = self.lines.get(key) or self.lines.get("")
        return f"{self.path}:{line}" if line else str(self.path)


class ProfileFile(NamedTuple):
    path: Path
    default: str | None
    profiles: dict[str, SavedProfile]


def location() -> Path:
    """In the user's config folder as the platform defines it (XDG_CONFIG_HOME on Linux),
    as the run sees it (`environment.Environment.config_dir`)."""
    from relance_cli.environment import current

    return current().config_dir / FILE_NAME


def possible_name(name: str) -> bool:
    """A profile name: a TOML key anyone can type on one line and read, never a path nor a
    control sequence, nor an invisible character (a zero-width space, a soft hyphen, a
    non-breaking space: « évron\u200b » would look like « évron » and be another profile)."""
    plain = name.isprintable() and not any(c in name for c in "/\\")
    return plain and name.strip() == name and 0 < len(name) <= NAME_MAX


def check_name(name: str, option: str) -> str:
    """The name given to `option`, or a usage error (exit 2)."""
    if possible_name(name):
        return name
    text = _(
        "{option} : « {name} » n'est pas un nom de profil possible (1 à {max} caractères, "
        "sans /, \\, espace au bord ni caractère invisible ou de contrôle)"
    )
    raise UsageError(text.format(option=option, name=_one_line(name), max=NAME_MAX))


def _one_line(text: str) -> str:
    """Untrusted text in a message, escaped (tab and newline too): the message stays one
    line; invisible characters are shown as \\u200b, so names that look alike read apart."""
    return "".join(
        c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in quoted(text)
    )


def read(path: Path | None = None) -> ProfileFile:
    """The profiles file as it is; none at all is an empty one."""
    path = path or location()
    if not path.exists():
        return ProfileFile(path, None, {})
    text = _text(path)
    return _checked(path, text, _parsed(path, text))


def names(path: Path | None = None) -> list[str]:
    """The profiles' names alone, for shell completion: without the checks, which load
    the catalog diagnostics (and Pydantic)."""
    path = path or location()
    if not path.exists():
        return []
    tables = _parsed(path, _text(path)).get("profiles")
    return [str(name) for name in tables] if isinstance(tables, dict) else []


def _text(path: Path) -> str:
    try:
        return files.read_bytes(path, str(path), MAX_BYTES).decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ProfileError(_("{file}: le fichier n'est pas en UTF-8").format(file=path)) from None


def _parsed(path: Path, text: str) -> dict[str, Any]:
    import tomli

    try:
        return tomli.loads(text)
    except tomli.TOMLDecodeError as error:
        from relance_cli.catalog.diagnostics import syntax_message

        raise ProfileError(syntax_message(str(path), error)) from None
    except (RecursionError, ValueError):
        raise ProfileError(_("{file}: fichier de profils illisible").format(file=path)) from None


def _checked(path: Path, text: str, data: dict[str, Any]) -> ProfileFile:
    from relance_cli.catalog.diagnostics import key_lines

    lines = key_lines(text)
    for key in data:
        if key not in ("default", "profiles"):
            _refuse(
                path, lines.get((key,)), key, _("clé inconnue ; clés possibles : default, profiles")
            )
    tables = data.get("profiles", {})
    if not isinstance(tables, dict):
        _refuse(path, lines.get(("profiles",)), "profiles", _("attendu une table [profiles.NOM]"))
    profiles = {name: _profile(path, lines, name, table) for name, table in tables.items()}
    default = data.get("default")
    if default is not None and (not isinstance(default, str) or default not in profiles):
        known = ", ".join(profiles) or _("aucun")
        text = _("« {value} » ne nomme aucun profil du fichier ; profils : {known}")
        _refuse(path, lines.get(("default",)), "default", text.format(value=default, known=known))
    return ProfileFile(path, default, profiles)


def _refuse(path: Path, line: int | None, field: str, reason: str) -> None:
    where = f"{path}:{line}" if line else str(path)
    raise ProfileError(f"{where}: {_one_line(field)} : {_one_line(reason)}")


def _profile(
    path: Path, lines: dict[tuple[str | int, ...], int], name: str, table: object
) -> SavedProfile:
    own = {"": lines.get(("profiles", name), 0)}
    if not possible_name(name):
        text = _(
            "nom de profil impossible (1 à {max} caractères, sans /, \\, espace au bord ni "
            "caractère invisible ou de contrôle)"
        )
        _refuse(path, own[""], f"profiles.{name}", text.format(max=NAME_MAX))
    if not isinstance(table, dict):
        _refuse(path, own[""], f"profiles.{name}", _("attendu une table de champs"))
        raise AssertionError  # pragma: no cover - _refuse raises
    values: dict[str, Value] = {}
    for key, value in table.items():
        own[key] = lines.get(("profiles", name, key), own[""])
        field = BY_KEY.get(key)
        if field is None:
            known = ", ".join(BY_KEY)
            reason = _("champ inconnu ; champs possibles : {fields}").format(fields=known)
            _refuse(path, own[key], f"profiles.{name}.{key}", reason)
            continue  # pragma: no cover - _refuse raises
        values[key] = _value(path, own[key], f"profiles.{name}.{key}", field, value)
    places = [key for key in values if key in GROUPS[0]]
    if len(places) > 1:
        reason = _("un seul territoire à la fois ({fields})").format(fields=", ".join(places))
        _refuse(path, own[places[1]], f"profiles.{name}.{places[1]}", reason)
    return SavedProfile(name, values, own, path)


def _value(path: Path, line: int, where: str, field: Field, value: object) -> Value:
    """What the option would be given: a text, or texts for a repeatable option."""
    if field.many and isinstance(value, list) and all(isinstance(v, str) for v in value):
        return list(value)
    if not field.many and isinstance(value, str):
        return value
    if field.numeric and isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    expected = {
        (True, False): _("une liste de textes"),
        (False, True): _("un nombre ou un texte"),
        (False, False): _("un texte"),
    }[(field.many, field.numeric)]
    _refuse(path, line, where, _("attendu {expected}").format(expected=expected))
    raise AssertionError  # pragma: no cover - _refuse raises


def find(profiles: ProfileFile, name: str, option: str) -> SavedProfile:
    """The profile of that name, or one line saying which ones exist."""
    found = profiles.profiles.get(check_name(name, option))
    if found is not None:
        return found
    known = ", ".join(profiles.profiles)
    if known:
        text = _("{option} : profil inconnu « {name} » ; profils : {known}")
    else:
        text = _(
            "{option} : profil inconnu « {name} » ; aucun profil enregistré "
            "(relance profile save NOM [options])"
        )
    raise UsageError(text.format(option=option, name=quoted(name), known=quoted(known)))


# --- writing -------------------------------------------------------------------------------


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """One writer at a time: two saves at once must not each drop the other's profile."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not on Windows
        yield
        return
    with open(path.with_name(path.name + ".lock"), "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        yield


def edit(change: Callable[[TOMLDocument, ProfileFile], None], path: Path | None = None) -> Path:
    """Read the file fresh, refuse it if broken, apply `change` to its TOML document
    (comments and layout kept), and replace it atomically."""
    import tomlkit

    path = path or location()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        text = _("{folder}: dossier de configuration impossible à créer ({reason})")
        raise ProfileError(text.format(folder=path.parent, reason=error.strerror)) from None
    with _locked(path):
        current = read(path)
        if path.exists():
            document = tomlkit.parse(_text(path))
        else:
            document = tomlkit.document()
            for line in HEADER:
                document.add(tomlkit.comment(line))
            document.add(tomlkit.nl())
        change(document, current)
        data = tomlkit.dumps(document).encode("utf-8")
        files.write_new(path, data, force=True, option=str(path))
    return path


def replace_fields(table: Any, values: dict[str, Any], notes: dict[str, str]) -> None:
    """Set the profile's fields, in place: comments on other lines stay where they are."""
    for key in [k for k in table if k not in values]:
        del table[key]
    for key, value in values.items():
        table[key] = value
        if key in notes:
            table[key].comment(notes[key])


def environ_name(environ: dict[str, str] | None = None) -> str | None:
    value = (environ if environ is not None else os.environ).get(ENV_VAR, "")
    return value or None


def save(
    name: str, values: dict[str, Any], notes: dict[str, str], path: Path | None = None
) -> Path:
    """Create or redefine one profile; the others, and every comment, stay as they were."""

    def change(document: TOMLDocument, current: ProfileFile) -> None:
        import tomlkit

        tables = document.get("profiles")
        if tables is None:
            tables = tomlkit.table(is_super_table=True)
            document["profiles"] = tables
        if name in tables:
            replace_fields(tables[name], values, notes)
            return
        table = tomlkit.table()
        replace_fields(table, values, notes)
        tables[name] = table

    return edit(change, path)


def delete(name: str, option: str, path: Path | None = None) -> bool:
    """Remove one profile (and the default, when it named it); True when it was the
    default."""
    was_default = []

    def change(document: TOMLDocument, current: ProfileFile) -> None:
        find(current, name, option)
        del document["profiles"][name]
        if current.default == name:
            del document["default"]
            was_default.append(True)

    edit(change, path)
    return bool(was_default)


def set_default(name: str | None, option: str, path: Path | None = None) -> Path:
    """Name the profile applied when none is chosen, or (None) stop applying one."""

    def change(document: TOMLDocument, current: ProfileFile) -> None:
        if name is None:
            if "default" in document:
                del document["default"]
            return
        find(current, name, option)
        document["default"] = name

    return edit(change, path)
