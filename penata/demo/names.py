"""People of the demo province: names with academic degrees, home regencies, birth
places, phone numbers and e-mail addresses. Deterministic given the random generators.
"""

import random
import re
import unicodedata

from faker import Faker

from .catalogue import FIELDS

# The ten regencies and cities of Maluku Utara, weighted by how many provincial staff
# live there (most in Ternate and in Tidore Kepulauan, where Sofifi lies).
REGENCIES = (
    ("Kota Ternate", 30),
    ("Kota Tidore Kepulauan", 22),
    ("Halmahera Barat", 8),
    ("Halmahera Tengah", 5),
    ("Halmahera Utara", 9),
    ("Halmahera Selatan", 9),
    ("Halmahera Timur", 5),
    ("Kepulauan Sula", 5),
    ("Pulau Morotai", 4),
    ("Pulau Taliabu", 3),
)
REGENCY_NAMES = tuple(name for name, _weight in REGENCIES)
REGENCY_WEIGHTS = tuple(weight for _name, weight in REGENCIES)

# Towns people are born in: mostly in the province, some from elsewhere in Indonesia.
BIRTH_PLACES_BY_REGENCY = {
    "Kota Ternate": ("Ternate",),
    "Kota Tidore Kepulauan": ("Tidore", "Sofifi", "Soasio"),
    "Halmahera Barat": ("Jailolo", "Sahu"),
    "Halmahera Tengah": ("Weda", "Patani"),
    "Halmahera Utara": ("Tobelo", "Galela", "Kao"),
    "Halmahera Selatan": ("Labuha", "Bacan", "Saketa"),
    "Halmahera Timur": ("Maba", "Buli", "Subaim"),
    "Kepulauan Sula": ("Sanana",),
    "Pulau Morotai": ("Daruba",),
    "Pulau Taliabu": ("Bobong",),
}
OTHER_BIRTH_PLACES = (
    "Ambon",
    "Manado",
    "Makassar",
    "Bitung",
    "Kendari",
    "Gorontalo",
    "Surabaya",
    "Yogyakarta",
    "Jakarta",
    "Palu",
    "Sorong",
)

# Family names common in Ternate, Tidore and Halmahera, mixed with Faker's id_ID names.
LOCAL_FAMILY_NAMES = (
    "Sangadji",
    "Umasangadji",
    "Marsaoly",
    "Tomagola",
    "Kharie",
    "Kasuba",
    "Djafar",
    "Hamisi",
    "Abdullah",
    "Ibrahim",
    "Hasan",
    "Umar",
    "Salim",
    "Ishak",
    "Husen",
    "Mahmud",
    "Taher",
    "Syah",
    "Latif",
    "Kadir",
    "Buamona",
    "Duwila",
    "Mustafa",
    "Soleman",
    "Fabanyo",
    "Hi. Ahmad",
)

MOBILE_PREFIXES = ("0811", "0812", "0813", "0821", "0822", "0823", "0852", "0853", "0857", "0877", "0895")


def new_faker(seed: int) -> Faker:
    faker = Faker("id_ID")
    faker.seed_instance(seed)
    return faker


def person_name(faker: Faker, rng: random.Random, sex: str) -> str:
    """A bare Indonesian name: one to three words, sometimes a Maluku Utara family name."""
    if sex == "M":
        first, last = faker.first_name_male(), faker.last_name_male()
    else:
        first, last = faker.first_name_female(), faker.last_name_female()
    roll = rng.random()
    if roll < 0.35:
        return f"{first} {rng.choice(LOCAL_FAMILY_NAMES)}"
    if roll < 0.45:
        return first if " " in first else f"{first} {last}"
    return f"{first} {last}"


def name_with_degrees(name: str, *, level: str, field: str) -> str:
    """``Ahmad Hidayat`` with an S1 in Teknik Informatika → ``Ahmad Hidayat, S.Kom.``."""
    degree = FIELDS.get(field)
    if degree is None or level in ("sd", "smp", "sma"):
        return name
    if level in ("d1", "d2", "d3"):
        return f"{name}, {degree.diploma}" if degree.diploma else name
    prefix = ""
    suffixes: list[str] = []
    if degree.prefix:
        prefix = f"{degree.bachelor} "
    else:
        suffixes.append(degree.bachelor)
    if level in ("s2", "s3"):
        suffixes.append(degree.master)
    if level == "s3":
        prefix = "Dr. " + ("" if not degree.prefix else prefix)
    text = f"{prefix}{name}"
    return f"{text}, {', '.join(suffixes)}" if suffixes else text


def birth_place(rng: random.Random, home_regency: str) -> str:
    roll = rng.random()
    if roll < 0.7:
        return rng.choice(BIRTH_PLACES_BY_REGENCY[home_regency])
    if roll < 0.85:
        return rng.choice(BIRTH_PLACES_BY_REGENCY[rng.choice(REGENCY_NAMES)])
    return rng.choice(OTHER_BIRTH_PLACES)


def phone_number(rng: random.Random) -> str:
    return f"{rng.choice(MOBILE_PREFIXES)}{rng.randrange(10**7, 10**8)}"


def email_address(name: str, number: int) -> str:
    """A mailbox on a reserved domain: the demo must never write to real people."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    words = re.sub(r"[^a-z ]", "", ascii_name.lower()).split()
    local = ".".join(words[:2]) or "pegawai"
    return f"{local}{number}@malutprov.example"
