"""The Indonesian catalogue is complete and its compiled .mo is up to date."""

import importlib.util
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

PO_PATH = Path(settings.BASE_DIR) / "penata" / "locale" / "id" / "LC_MESSAGES" / "django.po"


def load_checker():
    path = Path(settings.BASE_DIR) / "scripts" / "check_translations.py"
    spec = importlib.util.spec_from_file_location("check_translations", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


checker = load_checker()


def test_id_catalogue_has_every_message_translated():
    assert PO_PATH.exists(), f"{PO_PATH} is missing: run `make messages` and translate it"
    entries = checker.parse_po(PO_PATH)

    assert len(entries) > 1, "the catalogue has no messages"
    assert checker.catalogue_problems(entries) == []


def test_id_compiled_catalogue_matches_the_po():
    assert PO_PATH.exists(), f"{PO_PATH} is missing: run `make messages` and translate it"

    assert checker.mo_problems(checker.parse_po(PO_PATH), PO_PATH.with_suffix(".mo")) == []


SAMPLE = r"""# Header comment
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\n"

#: penata/a.py:1
msgid "Complaint"
msgstr "Pengaduan"

msgctxt "month"
msgid "May"
msgstr "Mei"

msgid ""
"A long message "
"on two lines with \"quotes\"\n"
msgstr ""
"Pesan panjang "
"dengan \"kutip\"\n"

msgid "%(count)s hour"
msgid_plural "%(count)s hours"
msgstr[0] "%(count)s jam"
msgstr[1] "%(count)s jam"
msgid "Next without a blank line"
msgstr "Berikutnya"

#~ msgid "Old"
#~ msgstr ""
"""

PROBLEMS = r"""
#, fuzzy, python-format
msgid "Guess %(name)s"
msgstr "Tebak %(name)s"

msgid "Missing"
msgstr ""

msgid "%(count)s day"
msgid_plural "%(count)s days"
msgstr[0] "%(count)s hari"
msgstr[1] ""
"""


def write_po(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "django.po"
    path.write_text(text, encoding="utf-8")
    return path


def test_parser_reads_contexts_plurals_and_continued_lines(tmp_path):
    entries = checker.parse_po(write_po(tmp_path, SAMPLE))

    assert [(e.msgctxt, e.msgid, e.msgid_plural, e.msgstr) for e in entries[1:]] == [
        (None, "Complaint", None, {0: "Pengaduan"}),
        ("month", "May", None, {0: "Mei"}),
        (None, 'A long message on two lines with "quotes"\n', None, {0: 'Pesan panjang dengan "kutip"\n'}),
        (None, "%(count)s hour", "%(count)s hours", {0: "%(count)s jam", 1: "%(count)s jam"}),
        (None, "Next without a blank line", None, {0: "Berikutnya"}),
    ]
    assert checker.catalogue_problems(entries) == []


def test_checker_reports_fuzzy_and_untranslated_messages(tmp_path):
    entries = checker.parse_po(write_po(tmp_path, SAMPLE + PROBLEMS))

    assert checker.catalogue_problems(entries) == [
        "line 33: fuzzy: 'Guess %(name)s'",
        "line 36: untranslated: 'Missing'",
        "line 39: untranslated: '%(count)s day'",
    ]


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="needs msgfmt (gettext)")
def test_checker_compares_the_mo_with_the_po(tmp_path):
    po_path = write_po(tmp_path, SAMPLE)
    mo_path = po_path.with_suffix(".mo")
    assert checker.mo_problems(checker.parse_po(po_path), mo_path) == [
        f"{mo_path} is missing: run `make messages`"
    ]

    subprocess.run(["msgfmt", "-o", str(mo_path), str(po_path)], check=True)  # noqa: S603, S607
    assert checker.mo_problems(checker.parse_po(po_path), mo_path) == []

    po_path.write_text(SAMPLE.replace('msgstr "Mei"', 'msgstr "Bulan Mei"') + 'msgid "New"\nmsgstr "Baru"\n')
    assert checker.mo_problems(checker.parse_po(po_path), mo_path) == [
        "differs in the .mo: 'month\\x04May'",
        "not in the .mo: 'New'",
    ]
