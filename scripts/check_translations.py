#!/usr/bin/env python3
"""Check that a gettext catalogue is complete and that its compiled .mo matches the .po.

Usage: python scripts/check_translations.py [path/to/django.po]
(default: penata/locale/id/LC_MESSAGES/django.po). Exits 1 and lists each problem.
Standard library only, so it runs before anything is installed.
"""

import ast
import gettext
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PO = ROOT / "penata" / "locale" / "id" / "LC_MESSAGES" / "django.po"
CONTEXT_SEPARATOR = "\x04"


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    line: int = 0

    @property
    def key(self) -> str:
        return f"{self.msgctxt}{CONTEXT_SEPARATOR}{self.msgid}" if self.msgctxt is not None else self.msgid

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags

    @property
    def untranslated(self) -> bool:
        return not self.msgstr or any(value == "" for value in self.msgstr.values())


def _unquote(text: str, path: Path, number: int) -> str:
    text = text.strip()
    if len(text) < 2 or not (text.startswith('"') and text.endswith('"')):
        raise ValueError(f"{path}:{number}: expected a quoted string, got {text!r}")
    # PO strings use C escapes, which a Python string literal reads the same way.
    return ast.literal_eval(text)


def parse_po(path: Path) -> list[Entry]:
    """Active entries of a .po file, header included (obsolete ``#~`` entries are left out)."""
    entries: list[Entry] = []
    entry = Entry()
    target: tuple[str, int] | None = None

    def finish() -> None:
        nonlocal entry, target
        if entry.line:
            entries.append(entry)
        entry, target = Entry(), None

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line:
            finish()
        elif line.startswith("#~"):
            continue
        elif line.startswith("#"):
            if entry.line:
                finish()
            if line.startswith("#,"):
                entry.flags.update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith('"'):
            if target is None:
                raise ValueError(f"{path}:{number}: a continued string with nothing to continue")
            name, index = target
            if name == "msgstr":
                entry.msgstr[index] += _unquote(line, path, number)
            else:
                setattr(entry, name, getattr(entry, name) + _unquote(line, path, number))
        else:
            keyword, _, rest = line.partition(" ")
            value = _unquote(rest, path, number)
            if keyword in {"msgctxt", "msgid"} and entry.msgstr:
                finish()  # the next entry starts without a blank line between
            if keyword in {"msgctxt", "msgid", "msgid_plural"}:
                setattr(entry, keyword, value)
                target = (keyword, 0)
            elif keyword == "msgstr" or (keyword.startswith("msgstr[") and keyword.endswith("]")):
                index = 0 if keyword == "msgstr" else int(keyword[7:-1])
                entry.msgstr[index] = value
                target = ("msgstr", index)
            else:
                raise ValueError(f"{path}:{number}: unknown keyword {keyword!r}")
            entry.line = entry.line or number
    finish()
    return entries


def catalogue_problems(entries: list[Entry]) -> list[str]:
    """Untranslated or fuzzy messages (the header excluded)."""
    problems = []
    for entry in entries:
        if entry.msgid == "" and entry.msgctxt is None:
            continue
        if entry.fuzzy:
            problems.append(f"line {entry.line}: fuzzy: {entry.msgid!r}")
        elif entry.untranslated:
            problems.append(f"line {entry.line}: untranslated: {entry.msgid!r}")
    return problems


def expected_mo_catalogue(entries: list[Entry]) -> dict:
    """What ``gettext.GNUTranslations`` should read from a .mo compiled from these entries.

    msgfmt leaves out fuzzy and untranslated messages; plural forms are keyed (msgid, n).
    """
    catalogue: dict = {}
    for entry in entries:
        if entry.fuzzy or entry.untranslated:
            continue
        if entry.msgid_plural is not None:
            for index, value in entry.msgstr.items():
                catalogue[(entry.key, index)] = value
        else:
            catalogue[entry.key] = entry.msgstr[0]
    return catalogue


def mo_catalogue(path: Path) -> dict:
    with path.open("rb") as handle:
        return dict(gettext.GNUTranslations(handle)._catalog)


def mo_problems(entries: list[Entry], mo_path: Path) -> list[str]:
    """Differences between the compiled .mo and what the .po says (the header aside)."""
    if not mo_path.exists():
        return [f"{mo_path} is missing: run `make messages`"]
    expected = expected_mo_catalogue(entries)
    compiled = mo_catalogue(mo_path)
    expected.pop("", None)
    compiled.pop("", None)
    problems = [f"not in the .mo: {key!r}" for key in expected.keys() - compiled.keys()]
    problems += [f"in the .mo but not the .po: {key!r}" for key in compiled.keys() - expected.keys()]
    problems += [
        f"differs in the .mo: {key!r}"
        for key in expected.keys() & compiled.keys()
        if expected[key] != compiled[key]
    ]
    return sorted(problems)


def main(argv: list[str]) -> int:
    po_path = Path(argv[1]) if len(argv) > 1 else DEFAULT_PO
    if not po_path.exists():
        print(f"{po_path} is missing: run `make messages`")
        return 1
    entries = parse_po(po_path)
    problems = catalogue_problems(entries) + mo_problems(entries, po_path.with_suffix(".mo"))
    for problem in problems:
        print(problem)
    print(f"{po_path}: {len(entries) - 1} messages, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
