"""`relance import aides-territoires`: what was read, written and set aside."""

from __future__ import annotations

from relance_cli import l10n
from relance_cli.i18n import _, ngettext
from relance_cli.output import terminal
from relance_cli.output.results import ImportSummary


def print_import(result: ImportSummary) -> None:
    report = result.report
    text = _("{read} aide(s) lue(s), {written} écrite(s) dans {file}, {skipped} écartée(s).")
    values = {"read": report.read, "written": len(report.written), "skipped": len(report.skipped)}
    lines = [text.format(file=result.target, **values)]
    if report.duplicates:
        text = ngettext(
            "  {count} doublon : la version la plus récente est gardée",
            "  {count} doublons : la version la plus récente est gardée",
            report.duplicates,
        )
        lines.append(text.format(count=l10n.integer(report.duplicates)))
    for scheme_id, reason in report.skipped:
        lines.append(_("  écartée {id} : {reason}").format(id=scheme_id, reason=reason))
    for scheme_id, message in report.notes:
        lines.append(_("  note {id} : {message}").format(id=scheme_id, message=message))
    if report.unknown_audiences:
        counted = ", ".join(
            f"{label} ({count})" for label, count in report.unknown_audiences.most_common()
        )
        text = _("  publics non reconnus (gardés ; un refus devient « à vérifier ») : {labels}")
        lines.append(text.format(labels=counted))
    terminal.write_text("\n".join(lines) + "\n")
