"""The system's reasons, in the user's words: an `OSError`'s errno as French text (English
comes from the message catalog), and file names as a terminal may show them.

Python's own `strerror` is the C library's English ("No space left on device"), which
would sit in the middle of a French message."""

from __future__ import annotations

import errno
import os

from relance_cli.i18n import N_, _
from relance_cli.text import quoted

REASONS = {
    errno.ENOSPC: N_("plus de place sur le disque"),
    errno.EDQUOT: N_("quota de disque dépassé"),
    errno.EFBIG: N_("fichier trop gros pour ce système ou pour la limite ulimit -f"),
    errno.EACCES: N_("droits insuffisants"),
    errno.EPERM: N_("opération non permise"),
    errno.ENOENT: N_("fichier ou dossier introuvable"),
    errno.ENOTDIR: N_("un élément du chemin n'est pas un dossier"),
    errno.EISDIR: N_("c'est un dossier"),
    errno.EROFS: N_("système de fichiers en lecture seule"),
    errno.ENAMETOOLONG: N_("nom de fichier trop long"),
    errno.ELOOP: N_("trop de liens symboliques"),
    errno.EIO: N_("erreur d'entrée-sortie du disque"),
    errno.EXDEV: N_("pas sur le même système de fichiers"),
    errno.EBUSY: N_("ressource occupée"),
    errno.EMFILE: N_("trop de fichiers ouverts"),
    errno.ENFILE: N_("trop de fichiers ouverts"),
    errno.EEXIST: N_("existe déjà"),
    errno.ECONNREFUSED: N_("connexion refusée"),
    errno.ECONNRESET: N_("connexion interrompue par le serveur"),
    errno.ETIMEDOUT: N_("délai dépassé"),
    errno.EHOSTUNREACH: N_("hôte injoignable"),
    errno.ENETUNREACH: N_("réseau injoignable"),
    errno.EADDRNOTAVAIL: N_("adresse indisponible"),
}


def reason(error: OSError) -> str:
    """The French reason for `error`, or its errno's symbol when none is written here
    (never the C library's English sentence)."""
    known = REASONS.get(error.errno) if error.errno is not None else None
    if known is not None:
        return _(known)
    name = errno.errorcode.get(error.errno or 0)
    return _("erreur système {name}").format(name=name or error.errno or type(error).__name__)


def shown(path: object) -> str:
    """A file name as it may be printed: bytes that are not UTF-8 (a name from another
    system) as \\xff escapes, control characters escaped, never raw."""
    text = os.fspath(path) if isinstance(path, os.PathLike) else path
    if isinstance(text, bytes):
        text = os.fsdecode(text)
    return quoted(str(text))
