"""Reference ranks (DOMAIN §1): PNS golongan/ruang with pangkat, PPPK grades I–XVII."""

PNS_RANKS = [
    ("I/a", "Juru Muda"),
    ("I/b", "Juru Muda Tingkat I"),
    ("I/c", "Juru"),
    ("I/d", "Juru Tingkat I"),
    ("II/a", "Pengatur Muda"),
    ("II/b", "Pengatur Muda Tingkat I"),
    ("II/c", "Pengatur"),
    ("II/d", "Pengatur Tingkat I"),
    ("III/a", "Penata Muda"),
    ("III/b", "Penata Muda Tingkat I"),
    ("III/c", "Penata"),
    ("III/d", "Penata Tingkat I"),
    ("IV/a", "Pembina"),
    ("IV/b", "Pembina Tingkat I"),
    ("IV/c", "Pembina Utama Muda"),
    ("IV/d", "Pembina Utama Madya"),
    ("IV/e", "Pembina Utama"),
]

PPPK_GRADES = [
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX",
    "X", "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII",
]  # fmt: skip


def rank_rows():
    """(code, title, employment_type, order) for every rank, PPPK codes prefixed."""
    rows = [(code, title, "pns", i + 1) for i, (code, title) in enumerate(PNS_RANKS)]
    rows += [(f"PPPK-{g}", f"PPPK {g}", "pppk", i + 1) for i, g in enumerate(PPPK_GRADES)]
    return rows
