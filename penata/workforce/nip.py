"""NIP (Nomor Induk Pegawai) of a PNS: 18 digits, per BKN's numbering (DOMAIN §1).

digits 1-8 birth date YYYYMMDD, 9-14 CPNS appointment YYYYMM, 15 sex (1 male,
2 female), 16-18 sequence 001-999. Pure module: no Django models.
"""

import re
from dataclasses import dataclass
from datetime import date

_DIGITS_18 = re.compile(r"^\d{18}$")


class NipError(ValueError):
    """The NIP is malformed; ``code`` names the rule it breaks."""

    def __init__(self, code: str):
        self.code = code
        super().__init__(code)


@dataclass(frozen=True)
class NipParts:
    birth_date: date
    appointment_year: int
    appointment_month: int
    sex: str  # "M" or "F"
    sequence: int


def normalize_nip(raw: str) -> str:
    """Drop the spaces and dots people type between the groups."""
    return re.sub(r"[\s.\-]", "", str(raw or ""))


def parse_nip(raw: str, *, today: date) -> NipParts:
    """Split and check a NIP; ``today`` bounds the appointment month (no future NIPs)."""
    nip = normalize_nip(raw)
    if not _DIGITS_18.match(nip):
        raise NipError("format")
    try:
        birth = date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        raise NipError("birth_date") from None
    year, month = int(nip[8:12]), int(nip[12:14])
    if not 1 <= month <= 12:
        raise NipError("appointment")
    if birth > today:
        raise NipError("birth_date")
    if year < birth.year + 18 or (year, month) > (today.year, today.month):
        raise NipError("appointment")
    if nip[14] not in "12":
        raise NipError("sex")
    sequence = int(nip[15:18])
    if sequence == 0:
        raise NipError("sequence")
    return NipParts(
        birth_date=birth,
        appointment_year=year,
        appointment_month=month,
        sex="M" if nip[14] == "1" else "F",
        sequence=sequence,
    )


def format_nip(nip: str) -> str:
    """``196608011988031001`` → ``19660801 198803 1 001``."""
    nip = normalize_nip(nip)
    if len(nip) != 18:
        return nip
    return f"{nip[0:8]} {nip[8:14]} {nip[14]} {nip[15:18]}"
