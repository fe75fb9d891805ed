"""NIP rules (DOMAIN §1) as a table; pure module, no database."""

from datetime import date

import pytest

from penata.workforce.nip import NipError, format_nip, normalize_nip, parse_nip

TODAY = date(2026, 11, 27)


@pytest.mark.parametrize(
    ("nip", "birth", "year", "month", "sex", "sequence"),
    [
        ("196608011988031001", date(1966, 8, 1), 1988, 3, "M", 1),
        ("19660801 198803 1 001", date(1966, 8, 1), 1988, 3, "M", 1),
        ("199202292015022999", date(1992, 2, 29), 2015, 2, "F", 999),  # leap day
        ("200001012018011007", date(2000, 1, 1), 2018, 1, "M", 7),  # appointed the year they turn 18
        ("198512312026112045", date(1985, 12, 31), 2026, 11, "F", 45),  # appointed this month
    ],
)
def test_valid_nips(nip, birth, year, month, sex, sequence):
    parts = parse_nip(nip, today=TODAY)
    assert (parts.birth_date, parts.appointment_year, parts.appointment_month, parts.sex, parts.sequence) == (
        birth,
        year,
        month,
        sex,
        sequence,
    )


@pytest.mark.parametrize(
    ("nip", "code"),
    [
        ("19660801198803100", "format"),  # 17 digits
        ("1966080119880310011", "format"),  # 19 digits
        ("19660801198803100A", "format"),  # a letter
        ("", "format"),
        ("196613011988031001", "birth_date"),  # month 13
        ("199002292015022001", "birth_date"),  # 29 February of a common year
        ("196608321988031001", "birth_date"),  # day 32
        ("203001012050011001", "birth_date"),  # born in the future
        ("196608011988131001", "appointment"),  # appointment month 13
        ("196608011988001001", "appointment"),  # appointment month 00
        ("196608011983031001", "appointment"),  # appointed at 16
        ("198512312026122045", "appointment"),  # appointment next month
        ("199001012030011001", "appointment"),  # appointment in a future year
        ("196608011988033001", "sex"),  # sex digit 3
        ("196608011988030001", "sex"),  # sex digit 0
        ("196608011988031000", "sequence"),  # sequence 000
    ],
)
def test_invalid_nips(nip, code):
    with pytest.raises(NipError) as excinfo:
        parse_nip(nip, today=TODAY)
    assert excinfo.value.code == code


def test_normalize_and_format():
    assert normalize_nip(" 19660801 198803 1 001 ") == "196608011988031001"
    assert normalize_nip("19660801.198803.1.001") == "196608011988031001"
    assert format_nip("196608011988031001") == "19660801 198803 1 001"
    assert format_nip("123") == "123"
