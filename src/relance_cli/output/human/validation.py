"""`relance validate`: each file checked, its problems, then the count."""

from __future__ import annotations

from relance_cli.i18n import ngettext
from relance_cli.output import terminal
from relance_cli.output.results import ValidationResult


def print_validation(result: ValidationResult) -> None:
    report = result.report
    lines = []
    for checked in report.files:
        lines += [f"✗ {line}" for line in checked.problems]
        if not checked.problems:
            text = ngettext(
                "✓ {file} : {count} dispositif, valide",
                "✓ {file} : {count} dispositifs, valides",
                checked.schemes,
            )
            lines.append(text.format(file=checked.label, count=checked.schemes))
    lines += [f"✗ {line}" for line in report.cross_file]
    lines.append(report.summary())
    terminal.write_text("\n".join(lines) + "\n")
