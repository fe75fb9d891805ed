"""Normalisation of Indonesian complaint text before it reaches the routing classifier.

Pure Python, no Django. ``normalise`` lowercases the text, removes what identifies a
person or only adds noise (web addresses, e-mail addresses, phone numbers, runs of 8 or
more digits such as a NIK, NIP, KK or account number), writes informal spellings and
abbreviations common in citizens' reports in one standard form ("gak", "nggak", "tdk"
→ "tidak"; "yg" → "yang"; "e-KTP", "KTP-el" → "ktp"; "pungutan liar" → "pungli"), turns
informal reduplication ("anak2") into the two words, squeezes stretched letters
("tolongggg" → "tolong"), removes punctuation and collapses whitespace. A small curated
stopword list can be dropped on request.

There is no stemming: no well-maintained Indonesian stemmer is in the project's lock
file, and the classifier's character n-grams (3–5 characters within word boundaries)
already match words that share a root across affixes ("pelayanan", "dilayani",
"layanan"), which is what a stemmer would buy.
"""

import re
import unicodedata

# Bump when the output of ``normalise`` changes: a saved model records the version of the
# normalisation it was trained with.
NORMALISATION_VERSION = 1

_URL = re.compile(r"(?:https?://|www\.)\S+|\b[\w.-]+\.(?:go\.id|co\.id|com|id|net|org)(?:/\S*)?\b")
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
# Indonesian mobile numbers (+62 812-3456-7890, 0812 3456 7890, 62812...) and landlines
# with an area code ((0921) 312345, 0921-3121234).
_PHONE = re.compile(
    r"(?<!\w)(?:\+?62|0)[\s.-]?8\d{1,3}(?:[\s.-]?\d{2,4}){2,4}(?!\w)"
    r"|(?<!\w)\(?0\d{2,3}\)?[\s.-]?\d{5,8}(?!\w)"
)
# NIK and KK (16 digits), NIP (18), account and card numbers: any run of 8+ digits,
# possibly written in groups (a NIP as "19800101 200501 1 001").
_LONG_NUMBER = re.compile(r"(?<!\w)\d{4,}(?:[\s.-]\d{4,})+(?:[\s.-]\d{1,3}(?!\d))*(?!\w)|\d{8,}")
_EKTP = re.compile(r"\b(?:e[\s-]?ktp|ktp[\s-]?el(?:ektronik)?|kartu tanda penduduk(?: elektronik)?)\b")
_REDUPLICATION = re.compile(r"\b([a-z]{2,})2\b")
_STRETCHED = re.compile(r"([a-z])\1{2,}")
_NOT_WORD = re.compile(r"[^a-z0-9]+")

# Phrases written in one standard form before tokenising (order matters: longer first).
_PHRASES: tuple[tuple[re.Pattern, str], ...] = tuple(
    (re.compile(rf"\b{pattern}\b"), replacement)
    for pattern, replacement in (
        (r"pungutan[\s-]+liar", "pungli"),
        (r"kartu[\s-]+keluarga", "kk"),
        (r"pemerintah[\s-]+daerah", "pemda"),
        (r"pemerintah[\s-]+provinsi", "pemprov"),
        (r"pemerintah[\s-]+kabupaten", "pemkab"),
        (r"pemerintah[\s-]+kota", "pemkot"),
        (r"sp[ie]+a?d[\s-]?bo+a?t", "speedboat"),
        (r"lampu[\s-]+merah", "lampu lalu lintas"),
        (r"ber[\s-]?lobang", "berlubang"),
    )
)

# One token → its standard form (may be several words).
ABBREVIATIONS: dict[str, str] = {
    # negation
    "gak": "tidak",
    "ga": "tidak",
    "gk": "tidak",
    "g": "tidak",
    "nggak": "tidak",
    "ngga": "tidak",
    "ngak": "tidak",
    "enggak": "tidak",
    "engga": "tidak",
    "kagak": "tidak",
    "tdk": "tidak",
    "tak": "tidak",
    "ndak": "tidak",
    "nda": "tidak",
    # function words
    "yg": "yang",
    "dgn": "dengan",
    "dg": "dengan",
    "sdh": "sudah",
    "udh": "sudah",
    "udah": "sudah",
    "sudh": "sudah",
    "blm": "belum",
    "belom": "belum",
    "blum": "belum",
    "krn": "karena",
    "karna": "karena",
    "utk": "untuk",
    "untk": "untuk",
    "tuk": "untuk",
    "sy": "saya",
    "sya": "saya",
    "aq": "aku",
    "kmi": "kami",
    "tp": "tapi",
    "tpi": "tapi",
    "jg": "juga",
    "lg": "lagi",
    "sm": "sama",
    "pd": "pada",
    "dlm": "dalam",
    "spt": "seperti",
    "msh": "masih",
    "masi": "masih",
    "bs": "bisa",
    "bsa": "bisa",
    "tlg": "tolong",
    "mhn": "mohon",
    "sampe": "sampai",
    "smpe": "sampai",
    "gmn": "bagaimana",
    "gimana": "bagaimana",
    "knp": "kenapa",
    "kpd": "kepada",
    "dpt": "dapat",
    "kalo": "kalau",
    "klo": "kalau",
    "kl": "kalau",
    "aja": "saja",
    "sj": "saja",
    "tsb": "tersebut",
    "trs": "terus",
    "trus": "terus",
    "skrg": "sekarang",
    "skg": "sekarang",
    "kmrn": "kemarin",
    "bnyk": "banyak",
    "byk": "banyak",
    "sblm": "sebelum",
    "stlh": "setelah",
    "lbh": "lebih",
    "jd": "jadi",
    "jdi": "jadi",
    "pdhl": "padahal",
    "sgt": "sangat",
    "bgt": "banget",
    "bener": "benar",
    "emang": "memang",
    "gitu": "begitu",
    # time
    "thn": "tahun",
    "bln": "bulan",
    "hr": "hari",
    "mgg": "minggu",
    "mg": "minggu",
    "jt": "juta",
    "rb": "ribu",
    # people and government
    "bpk": "bapak",
    "pak": "bapak",
    "bu": "ibu",
    "org": "orang",
    "ortu": "orang tua",
    "pemda": "pemda",
    "pemkab": "pemkab",
    "pemprov": "pemprov",
    "pns": "asn",
    "kadis": "kepala dinas",
    "kec": "kecamatan",
    "kel": "kelurahan",
    "kab": "kabupaten",
    "prov": "provinsi",
    "malut": "maluku utara",
    # places and services
    "jln": "jalan",
    "jl": "jalan",
    "jembtn": "jembatan",
    "puskes": "puskesmas",
    "pkm": "puskesmas",
    "rs": "rumah sakit",
    "capil": "dukcapil",
    "disdukcapil": "dukcapil",
    "akte": "akta",
    "ijin": "izin",
    "apotik": "apotek",
    "antri": "antre",
    "ngantri": "antre",
    "antrian": "antrean",
    "praktek": "praktik",
    "telp": "telepon",
    "tlp": "telepon",
    "hp": "telepon",
    "wa": "whatsapp",
    "no": "nomor",
    "nmr": "nomor",
    "speed": "speedboat",
    "spidbot": "speedboat",
    "spit": "speedboat",
    "ktp": "ktp",
}

# A small curated list: function words only. "tidak", "belum", "sudah", "masih", "ada"
# stay, since "obat tidak ada" and "ktp belum jadi" are what a report is about.
_STOPWORD_TEXT = """
    yang dan di ke dari ini itu untuk dengan pada dalam oleh atau juga karena agar supaya
    saya kami kita mereka dia ia anda aku kamu kalian beliau nya
    akan telah sedang lagi saja pun lah kah sih dong deh ya yah kok tah
    sebagai tersebut para bagi kepada terhadap tentang hingga sampai sejak
    bapak ibu mohon tolong terima kasih hormat salam
    adalah ialah yaitu yakni bahwa apakah bagaimana kenapa mengapa
    maka lalu kemudian terus namun tetapi tapi padahal sehingga
    sangat banget sekali lebih paling amat
"""
STOPWORDS: frozenset[str] = frozenset(_STOPWORD_TEXT.split())


def normalise(text: str, *, remove_stopwords: bool = False) -> str:
    """The text in one standard lowercase form: words of ``[a-z0-9]`` separated by one space."""
    text = unicodedata.normalize("NFKC", text or "").casefold()
    text = _URL.sub(" ", _EMAIL.sub(" ", text))
    text = _LONG_NUMBER.sub(" ", _PHONE.sub(" ", text))
    text = _EKTP.sub("ktp", text)
    for pattern, replacement in _PHRASES:
        text = pattern.sub(replacement, text)
    text = _REDUPLICATION.sub(r"\1 \1", text)
    text = _STRETCHED.sub(r"\1", text)
    words = []
    for token in _NOT_WORD.split(text):
        if not token:
            continue
        words.extend(ABBREVIATIONS.get(token, token).split())
    if remove_stopwords:
        words = [word for word in words if word not in STOPWORDS]
    return " ".join(words)
