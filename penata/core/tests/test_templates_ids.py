"""No template prints a row id or a year as a localized number.

With the Indonesian locale and ``USE_THOUSAND_SEPARATOR``, ``{{ obj.pk }}`` renders 1234
as "1.234": a form value or link built from it names nothing once ids pass 999 (which
PostgreSQL's sequences reach in production, and in any long test run). Ids go through
``|stringformat:"d"`` or ``|unlocalize``.
"""

import re
from pathlib import Path

import penata

BARE_NUMBER = re.compile(r"\{\{\s*[\w.]*(?:\.pk|\.id|_id|\.year)\s*\}\}")


def test_ids_and_years_are_never_printed_as_localized_numbers():
    root = Path(penata.__file__).parent
    offenders = [
        f"{path.relative_to(root)}:{number}: {match.group(0)}"
        for path in sorted(root.rglob("*.html"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        for match in BARE_NUMBER.finditer(line)
    ]
    assert offenders == []
