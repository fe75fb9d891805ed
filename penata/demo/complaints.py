"""The demo province's public reports (SP4N-LAPOR!): a plan as plain data, then written
through the complaint services.

About one report per ten employees (``report_count``: at least 20, at most 2,000, so a
large bench province still loads in reasonable time), filed over the half year before the
reference date (31 Dec 2025) and taken through the real lifecycle: ``complaint_submit``
and then the transition services, with the demo ``verifier``, the demo ``officer`` and
``opd_admin`` for Disdukcapil, and one demo complaint officer per other agency that
receives reports (``petugas.<agency>``). Every event, deadline and tracking code is the
services' own.

The plan (``complaint_plan``) is drawn from the seed with its own random stream, so the
people and competency data of an older demo are unchanged, and a database loaded before
reports existed gets them on the next run. Descriptions come from the routing
classifier's ``training_reports``; every category occurs once there are 20 reports or more.

While the reports are written (``demo_clock``):

- the clock (``django.utils.timezone.now``, which the services' ``common.now`` and the
  ``created_at`` columns read) is set to each step's time in 2025;
- tracking codes are drawn from the seed (valid check characters; a collision is drawn
  again as the service does);
- every report filed without an account gets the same published secret,
  ``DEMO_REPORT_SECRET``, hashed once (hashing is deliberately slow, and the demo password
  is public anyway): it opens any demo report's status page;
- no notice is emailed to the (fictitious) reporters.

Mix: mostly complaints; privacy 70% public, 20% anonymous, 10% confidential; two thirds
with a place (kecamatan and kelurahan), most of those with a map pin near a town; status
paths (``PATHS``) across the lifecycle, about a third of the open ones overdue at the
reference date; the demo ``citizen`` account files a few reports of its own (one waiting
for their answer, one that was answered and needs their response, one finished, one in
progress).
"""

import math
import random
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from penata.accounts.models import Role, User
from penata.accounts.services import user_create
from penata.complaints.models import Complaint, ComplaintCategory
from penata.complaints.routing.training_data import training_reports
from penata.complaints.services import common as complaint_common
from penata.complaints.services import (
    complaint_accept,
    complaint_answer,
    complaint_archive,
    complaint_assign,
    complaint_categories_load,
    complaint_close_response_window,
    complaint_decline_not_authority,
    complaint_dispatch,
    complaint_refer,
    complaint_reopen,
    complaint_request_info,
    complaint_submit,
    complaint_supplement,
)
from penata.complaints.services import intake as complaint_intake
from penata.complaints.services.common import CATEGORIES_CSV, VERIFIER_ROLES
from penata.complaints.tracking import ALPHABET, RANDOM_LENGTH, check_character, format_code
from penata.core.workdays import WIT
from penata.organization.models import Agency

from .names import email_address, new_faker, person_name, phone_number

REPORTS_PER_EMPLOYEE = 0.1
MIN_REPORTS = 20
MAX_REPORTS = 2000
# Shown once to a real reporter; the same published value for every demo report.
DEMO_REPORT_SECRET = "PENATADEMPENATADEM25"  # noqa: S105 - published demo value
# The end of the demo's last working day; nothing happens after it.
REFERENCE_MOMENT = datetime(2025, 12, 31, 16, 0, tzinfo=WIT)
EARLIEST = REFERENCE_MOMENT - timedelta(days=200)
OVERDUE_SHARE = 0.3

# Status path → the actions after the submission. The status at the reference date:
# submitted, needs_info, supplemented (submitted again), dispatched, assigned, referred
# and reopened (dispatched), answered; the rest are closed.
PATHS: dict[str, tuple[str, ...]] = {
    "submitted": (),
    "needs_info": ("request_info",),
    "supplemented": ("request_info", "supplement"),
    "dispatched": ("dispatch",),
    "assigned": ("dispatch", "assign"),
    "referred": ("dispatch_elsewhere", "refer", "assign"),
    "answered": ("dispatch", "assign", "answer"),
    "accepted": ("dispatch", "assign", "answer", "accept"),
    "window_closed": ("dispatch", "assign", "answer", "close_window"),
    "reopened": ("dispatch", "assign", "answer", "reopen"),
    "reopened_finished": ("dispatch", "assign", "answer", "reopen", "answer", "close_window"),
    "not_authority": ("decline",),
    "archived": ("archive",),
    "archived_no_reply": ("request_info", "archive"),
}
PATH_WEIGHTS = {
    "submitted": 8,
    "needs_info": 5,
    "supplemented": 3,
    "dispatched": 7,
    "assigned": 10,
    "referred": 5,
    "answered": 10,
    "accepted": 20,
    "window_closed": 12,
    "reopened": 3,
    "reopened_finished": 2,
    "not_authority": 6,
    "archived": 5,
    "archived_no_reply": 4,
}
OPEN_PATHS = frozenset(
    {"submitted", "needs_info", "supplemented", "dispatched", "assigned", "referred", "answered", "reopened"}
)
# The paths of the demo citizen's own reports, in order, and the privacy of each.
CITIZEN_PATHS = (
    ("needs_info", "public"),
    ("answered", "public"),
    ("accepted", "public"),
    ("assigned", "confidential"),
)
KIND_WEIGHTS = {"complaint": 80, "aspiration": 12, "information_request": 8}
PRIVACY_WEIGHTS = {"public": 70, "anonymous": 20, "confidential": 10}
# Hours between a step and the one before it (low, high).
DELAYS = {
    "request_info": (4, 60),
    "supplement": (24, 120),
    "dispatch": (3, 60),
    "dispatch_elsewhere": (3, 60),
    "refer": (24, 96),
    "assign": (1, 40),
    "answer": (24, 160),
    "accept": (24, 200),
    # After the 10-working-day response window, which ends within 18 calendar days.
    "close_window": (20 * 24, 26 * 24),
    "reopen": (24, 150),
    "decline": (4, 60),
    "archive": (24, 96),
}
NO_REPLY_ARCHIVE_HOURS = (20 * 24, 35 * 24)

# Towns with a map pin (latitude, longitude) and their kecamatan and kelurahan/desa.
PLACES = (
    ("Sofifi", 0.74, 127.57, "Oba Utara", ("Guraping", "Galala", "Gosale", "Balbar", "Sofifi")),
    ("Ternate", 0.79, 127.38, "Ternate Tengah", ("Gamalama", "Kalumpang", "Makassar Timur", "Stadion")),
    (
        "Ternate",
        0.77,
        127.37,
        "Ternate Selatan",
        ("Bastiong Karance", "Kalumata", "Kayu Merah", "Mangga Dua"),
    ),
    ("Ternate", 0.81, 127.38, "Ternate Utara", ("Dufa-Dufa", "Akehuda", "Sangaji", "Soa")),
    ("Tobelo", 1.73, 128.01, "Tobelo", ("Gura", "Gamsungi", "Wari", "Rawajaya")),
    ("Labuha", -0.63, 127.48, "Bacan", ("Labuha", "Amasing Kota", "Tomori", "Hamasing")),
    ("Sanana", -2.06, 125.97, "Sanana", ("Fogi", "Fagudu", "Mangon", "Waihama")),
    ("Weda", 0.35, 127.87, "Weda", ("Fidi Jaya", "Nusliko", "Were", "Sagea")),
)
PLACE_SHARE = 2 / 3
PIN_SHARE = 0.8  # of the reports with a place
JITTER = 0.02  # degrees, about 2 km

QUESTIONS = (
    "Mohon sebutkan lokasi yang lebih tepat (nama jalan atau patokan terdekat).",
    "Kapan kejadian ini terjadi? Mohon sebutkan tanggal dan jam kira-kira.",
    "Mohon lampirkan nomor antrean, nomor registrasi, atau bukti pembayaran jika ada.",
    "Di kantor atau fasilitas mana tepatnya Anda dilayani? Mohon sebutkan nama unitnya.",
)
SUPPLEMENTS = (
    "Lokasinya di depan masjid, sekitar 200 meter dari pasar. Kejadiannya sejak awal bulan ini.",
    "Kejadiannya hari Senin sekitar jam 10 pagi. Nomor antrean saya A-027.",
    "Saya dilayani di loket 2. Bukti pembayaran sudah saya simpan dan bisa saya tunjukkan.",
    "Tempatnya di ujung jalan dekat sekolah dasar, warga sekitar bisa menunjukkan lokasinya.",
)
DECLINE_REASONS = (
    "Jalan yang dilaporkan adalah jalan kabupaten; laporan diteruskan ke pemerintah kabupaten.",
    "Masalah ini merupakan sengketa perdata antarwarga dan bukan kewenangan pemerintah provinsi.",
    "Layanan yang dilaporkan dikelola oleh instansi vertikal; pelapor diarahkan ke kantor terkait.",
)
ARCHIVE_REASONS = (
    "Laporan ganda: isi dan lokasinya sama dengan laporan yang sudah ditindaklanjuti.",
    "Isi laporan tidak memuat keluhan yang dapat ditindaklanjuti.",
)
NO_REPLY_REASON = "Pelapor tidak melengkapi informasi yang diminta; laporan diarsipkan."
REFER_REASON = "Bukan tugas dan fungsi kami; laporan ini ditangani oleh {agency}."
REOPEN_REASONS = (
    "Sampai sekarang belum ada perubahan di lapangan seperti yang disebutkan dalam jawaban.",
    "Jawaban belum menjelaskan kapan masalah ini akan diselesaikan.",
    "Petugas belum datang ke lokasi, padahal sudah dijanjikan minggu lalu.",
)
# The agency's follow-up, by category; an opening and a closing go around it.
FOLLOW_UPS = {
    "JALAN": "Tim UPTD jalan dan jembatan telah meninjau lokasi dan penambalan dijadwalkan pekan depan.",
    "AIR": "Petugas telah memeriksa jaringan air bersih; pipa yang bocor sudah diganti.",
    "ADMINDUK": "Dokumen kependudukan Anda sudah selesai dicetak dan dapat diambil di loket pelayanan.",
    "KESEHATAN": "Kepala puskesmas telah ditegur dan jadwal layanan kini diumumkan di papan informasi.",
    "RUMAHSAKIT": "Manajemen rumah sakit telah menambah petugas pendaftaran pada jam sibuk.",
    "PENDIDIKAN": "Cabang dinas telah memanggil kepala sekolah dan pungutan tersebut dihentikan.",
    "SOSIAL": "Data Anda telah diverifikasi dan diusulkan dalam pemutakhiran DTKS bulan ini.",
    "TRANSPORTASI": "Jadwal speedboat telah dipasang di pelabuhan dan operator diberi teguran tertulis.",
    "LINGKUNGAN": "Tim pengawas telah mengambil sampel di lokasi; hasil uji laboratorium akan diumumkan.",
    "BENCANA": "Bantuan logistik telah disalurkan dan tim kaji cepat sudah turun ke lokasi.",
    "PERIZINAN": "Berkas izin Anda telah diproses dan dapat diunduh melalui OSS.",
    "KETERTIBAN": "Satpol PP telah melakukan penertiban dan akan berpatroli rutin di lokasi tersebut.",
    "DIGITAL": "Gangguan aplikasi layanan sudah diperbaiki dan dapat digunakan kembali.",
    "ASN": "Pegawai yang bersangkutan telah diperiksa atasannya dan dijatuhi sanksi disiplin.",
    "PUNGLI": "Laporan Anda sedang diaudit oleh tim Inspektorat; identitas pelapor dirahasiakan.",
    "KETENAGAKERJAAN": "Pengawas ketenagakerjaan telah memanggil perusahaan untuk klarifikasi upah.",
    "PERIKANAN": "Kuota BBM nelayan di lokasi tersebut telah ditambah mulai bulan ini.",
    "PERTANIAN": "Distribusi pupuk bersubsidi untuk kelompok tani Anda dijadwalkan pekan ini.",
    "PEREMPUANANAK": "Pendamping dari UPTD PPA telah menghubungi korban dan memberikan pendampingan.",
    "LAINNYA": "Laporan Anda telah kami teruskan kepada unit yang menangani dan sedang diproses.",
}
ANSWER_OPENINGS = (
    "Terima kasih atas laporan Anda.",
    "Terima kasih telah menyampaikan laporan melalui kanal pengaduan Pemerintah Provinsi Maluku Utara.",
    "Laporan Anda telah kami terima dan tindak lanjuti.",
)
ANSWER_CLOSINGS = (
    "Apabila masih ada kendala, silakan sampaikan kembali melalui laporan ini.",
    "Kami mohon maaf atas ketidaknyamanan yang terjadi.",
    "Salam, {agency}.",
)
SECOND_ANSWER = "Menindaklanjuti keberatan Anda, petugas kami telah turun kembali ke lokasi. {follow_up}"


@dataclass(frozen=True)
class ReportPlan:
    tracking_code: str
    path: str
    kind: str
    category: str
    description: str
    agency: str
    first_agency: str  # where the verifier sends it first (another one on the "referred" path)
    privacy: str
    citizen: bool
    reporter_name: str
    reporter_email: str
    reporter_phone: str
    latitude: float | None
    longitude: float | None
    kecamatan: str
    kelurahan: str
    service_date: date | None
    times: tuple[datetime, ...]  # the submission, then one per action of the path
    texts: tuple[str, ...]  # one per action of the path ("" when it takes none)


def report_count(employees: int) -> int:
    return max(MIN_REPORTS, min(MAX_REPORTS, round(employees * REPORTS_PER_EMPLOYEE)))


def _counts(total: int, weights: dict[str, int], *, at_least_one: bool = False) -> dict[str, int]:
    """Split ``total`` by ``weights`` (largest remainder); with ``at_least_one`` every key gets
    one first when there are enough."""
    counts = dict.fromkeys(weights, 0)
    rest = total
    if at_least_one and total >= len(weights):
        counts = dict.fromkeys(weights, 1)
        rest = total - len(weights)
    whole = sum(weights.values())
    shares = {key: rest * weight / whole for key, weight in weights.items()}
    for key, share in shares.items():
        counts[key] += math.floor(share)
    left = total - sum(counts.values())
    for key in sorted(shares, key=lambda k: (-(shares[k] - math.floor(shares[k])), list(weights).index(k)))[
        :left
    ]:
        counts[key] += 1
    return counts


def _shuffled(counts: dict[str, int], rng: random.Random) -> list[str]:
    items = [key for key, count in counts.items() for _ in range(count)]
    rng.shuffle(items)
    return items


def _code(rng: random.Random) -> str:
    payload = "".join(rng.choice(ALPHABET) for _ in range(RANDOM_LENGTH))
    return format_code(payload + check_character(payload))


def _answer(category: str, agency_name: str, rng: random.Random) -> str:
    closing = rng.choice(ANSWER_CLOSINGS).format(agency=agency_name)
    return f"{rng.choice(ANSWER_OPENINGS)} {FOLLOW_UPS.get(category, FOLLOW_UPS['LAINNYA'])} {closing}"


def _timeline(path: str, rng: random.Random, *, fresh: bool = False) -> tuple[datetime, ...]:
    """The times of the submission and of each action; ``fresh``: an open report is never overdue."""
    actions = PATHS[path]
    hours = []
    for index, action in enumerate(actions):
        low, high = DELAYS[action]
        if action == "archive" and index and actions[index - 1] == "request_info":
            low, high = NO_REPLY_ARCHIVE_HOURS
        hours.append(rng.uniform(low, high))
    span = timedelta(hours=sum(hours))
    if path in OPEN_PATHS:
        overdue = rng.random() < OVERDUE_SHARE and not fresh
        age = timedelta(days=rng.uniform(10, 45)) if overdue else timedelta(hours=rng.uniform(2, 30))
    else:
        age = timedelta(days=rng.uniform(1, 150))
    start = max(EARLIEST, REFERENCE_MOMENT - span - age)
    # Whole minutes, so the stored times read naturally.
    times = [start.replace(second=0, microsecond=0)]
    for value in hours:
        times.append(times[-1] + timedelta(minutes=round(value * 60)))
    return tuple(times)


def complaint_plan(
    *, employees: int, seed: int, agency_names: dict[str, str] | None = None
) -> list[ReportPlan]:
    """The demo reports as plain data; the same for the same size and seed."""
    names = agency_names or {}
    total = report_count(employees)
    rng = random.Random(f"{seed}:complaints")
    faker = new_faker(seed + 3)
    per_category = math.ceil(total / 20) + 1
    texts: dict[str, list[tuple[str, str]]] = {}
    for description, category, agency in training_reports(per_category, seed):
        texts.setdefault(category, []).append((description, agency))
    categories = list(texts)
    order = categories[:]
    rng.shuffle(order)
    paths = _shuffled(_counts(total, PATH_WEIGHTS, at_least_one=True), rng)
    kinds = _shuffled(_counts(total, KIND_WEIGHTS), rng)
    privacies = _shuffled(_counts(total, PRIVACY_WEIGHTS), rng)
    citizen_at: dict[int, str] = {}
    for wanted, privacy in CITIZEN_PATHS:
        index = next((i for i, p in enumerate(paths) if p == wanted and i not in citizen_at), None)
        if index is not None:
            citizen_at[index] = privacy
    defaults = sorted({agency for items in texts.values() for _d, agency in items})
    codes: set[str] = set()
    plans = []
    for index in range(total):
        category = order[index % len(order)]
        description, agency = texts[category][index // len(order)]
        path = paths[index]
        citizen = index in citizen_at
        privacy = citizen_at[index] if citizen else privacies[index]
        first_agency = agency
        if path == "referred":
            first_agency = rng.choice([code for code in defaults if code != agency])
        name = email = phone = ""
        # The demo citizen files with their account; the name is used only without one.
        if privacy != "anonymous":
            name = person_name(faker, rng, rng.choice("MF"))
            phone = phone_number(rng)
            if rng.random() < 0.4:
                email = email_address(name, rng.randrange(1, 100)).replace(
                    "@malutprov.example", "@warga.example"
                )
        latitude = longitude = None
        kecamatan = kelurahan = ""
        if rng.random() < PLACE_SHARE:
            _town, lat, lon, kecamatan, villages = rng.choice(PLACES)
            kelurahan = rng.choice(villages)
            if rng.random() < PIN_SHARE:
                latitude = round(lat + rng.uniform(-JITTER, JITTER), 6)
                longitude = round(lon + rng.uniform(-JITTER, JITTER), 6)
        times = _timeline(path, rng, fresh=citizen)
        service_date = None
        if rng.random() < 0.6:
            days = rng.randint(35, 60) if rng.random() < 0.1 else rng.randint(0, 25)
            service_date = times[0].date() - timedelta(days=days)
        action_texts = []
        answers = 0
        for action in PATHS[path]:
            text = ""
            if action == "request_info":
                text = rng.choice(QUESTIONS)
            elif action == "supplement":
                text = rng.choice(SUPPLEMENTS)
            elif action == "refer":
                text = REFER_REASON.format(agency=names.get(agency, agency))
            elif action == "answer":
                follow_up = FOLLOW_UPS.get(category, FOLLOW_UPS["LAINNYA"])
                text = (
                    SECOND_ANSWER.format(follow_up=follow_up)
                    if answers
                    else _answer(category, names.get(agency, agency), rng)
                )
                answers += 1
            elif action == "reopen":
                text = rng.choice(REOPEN_REASONS)
            elif action == "decline":
                text = rng.choice(DECLINE_REASONS)
            elif action == "archive":
                text = NO_REPLY_REASON if path == "archived_no_reply" else rng.choice(ARCHIVE_REASONS)
            action_texts.append(text)
        code = _code(rng)
        while code in codes:
            code = _code(rng)
        codes.add(code)
        plans.append(
            ReportPlan(
                tracking_code=code,
                path=path,
                kind=kinds[index],
                category=category,
                description=description,
                agency=agency,
                first_agency=first_agency,
                privacy=privacy,
                citizen=citizen,
                reporter_name=name,
                reporter_email=email,
                reporter_phone=phone,
                latitude=latitude,
                longitude=longitude,
                kecamatan=kecamatan,
                kelurahan=kelurahan,
                service_date=service_date,
                times=times,
                texts=tuple(action_texts),
            )
        )
    return plans


# --- writing ----------------------------------------------------------------------------


class _Clock:
    def __init__(self, current: datetime):
        self.current = current

    def __call__(self) -> datetime:
        return self.current


@contextmanager
def _attribute(obj, name: str, value) -> Iterator[None]:
    previous = getattr(obj, name)
    setattr(obj, name, value)
    try:
        yield
    finally:
        setattr(obj, name, previous)


@contextmanager
def demo_clock(start: datetime, *, seed: int) -> Iterator[tuple[_Clock, list[str]]]:
    """Set the services' world for the demo reports (see the module docstring). Yields the
    clock (set ``.current``) and the queue of tracking codes the next submissions take."""
    clock = _Clock(start)
    codes: list[str] = []
    spare = random.Random(f"{seed}:complaint-codes")

    def next_code() -> str:
        return codes.pop(0) if codes else _code(spare)

    with ExitStack() as stack:
        stack.enter_context(_attribute(timezone, "now", clock))
        stack.enter_context(_attribute(complaint_common, "now", clock))
        stack.enter_context(_attribute(complaint_common, "notify_reporter", lambda complaint, **kwargs: None))
        stack.enter_context(_attribute(complaint_intake, "tracking_code_generate", next_code))
        stack.enter_context(
            _attribute(complaint_intake, "get_random_string", lambda *a, **k: DEMO_REPORT_SECRET)
        )
        yield clock, codes


def categories_ensure() -> int:
    """Load the complaint categories unless all of them exist (an edited name is kept)."""
    with open(CATEGORIES_CSV, encoding="utf-8") as handle:
        wanted = len(handle.read().strip().splitlines()) - 1
    if ComplaintCategory.objects.count() >= wanted:
        return 0
    before = ComplaintCategory.objects.count()
    complaint_categories_load()
    return ComplaintCategory.objects.count() - before


def _demo_user(username: str, roles, agency_code: str | None = None) -> User | None:
    user = (
        User.objects.select_related("agency").filter(username=username, is_demo=True, is_active=True).first()
    )
    if user is None or user.role not in roles:
        return None
    if agency_code is not None and (user.agency is None or user.agency.code != agency_code):
        return None
    return user


class _Staff:
    """The accounts acting on the demo reports; officers are created on first use."""

    def __init__(self, agencies: dict[str, Agency], created: dict[str, int], seed: int):
        self.agencies = agencies
        self.created = created
        self.faker = new_faker(seed + 4)
        self.rng = random.Random(f"{seed}:complaint-staff")
        self._hash = None
        self.verifier = _demo_user("verifier", VERIFIER_ROLES) or self._create(
            "petugas.verifikasi", Role.COMPLAINT_VERIFIER, "BIRO-ORG"
        )
        self.officers: dict[str, User] = {}
        officer = _demo_user("officer", {Role.COMPLAINT_OFFICER}, "DISDUKCAPIL")
        if officer is not None:
            self.officers["DISDUKCAPIL"] = officer
        self.admins = {}
        admin = _demo_user("opd_admin", {Role.AGENCY_ADMIN}, "DISDUKCAPIL")
        if admin is not None:
            self.admins["DISDUKCAPIL"] = admin

    def _create(self, username: str, role: str, agency_code: str) -> User:
        existing = User.objects.filter(username=username).first()
        if existing is not None:
            return existing
        if self._hash is None:
            self._hash = User.objects.filter(is_demo=True).exclude(password="").values_list(
                "password", flat=True
            ).first() or make_password(None)
        name = person_name(self.faker, self.rng, self.rng.choice("MF"))
        user = user_create(
            username=username,
            role=role,
            full_name=name,
            agency=self.agencies[agency_code],
            email=f"{username}@penata.example",
            password_hash=self._hash,
            is_demo=True,
        )
        self.created["complaint_staff"] = self.created.get("complaint_staff", 0) + 1
        return user

    def officer(self, agency_code: str) -> User:
        if agency_code not in self.officers:
            username = "petugas." + agency_code.lower()
            self.officers[agency_code] = self._create(username, Role.COMPLAINT_OFFICER, agency_code)
        return self.officers[agency_code]

    def assigner(self, agency_code: str) -> User:
        return self.admins.get(agency_code) or self.officer(agency_code)


def complaints_write(
    *, employees: int, seed: int, agencies: dict[str, Agency], created: dict[str, int], say
) -> None:
    """Categories, then the planned reports that do not exist yet (matched on tracking code)."""
    added = categories_ensure()
    if added:
        created["complaint_categories"] = added
    categories = {c.code: c for c in ComplaintCategory.objects.all()}
    say("complaint plan")
    names = {code: agency.name for code, agency in agencies.items()}
    plans = complaint_plan(employees=employees, seed=seed, agency_names=names)
    existing = set(
        Complaint.objects.filter(tracking_code__in=[p.tracking_code for p in plans]).values_list(
            "tracking_code", flat=True
        )
    )
    plans = [p for p in plans if p.tracking_code not in existing and p.category in categories]
    if plans:
        say("complaints")
        citizen = _demo_user("citizen", {Role.CITIZEN})
        with demo_clock(min(p.times[0] for p in plans) - timedelta(days=1), seed=seed) as (clock, codes):
            staff = _Staff(agencies, created, seed)
            for plan in plans:
                _report_write(plan, clock, codes, staff, categories, agencies, citizen)
            created["complaints"] = created.get("complaints", 0) + len(plans)
    routing_demo_write(seed=seed, created=created, say=say)


def _agency(code: str, category: ComplaintCategory, agencies: dict[str, Agency]) -> Agency:
    agency = agencies.get(code) or category.default_agency or agencies["SETDA"]
    return agency


def _report_write(plan: ReportPlan, clock: _Clock, codes: list[str], staff, categories, agencies, citizen):
    category = categories[plan.category]
    reporter = citizen if plan.citizen else None
    clock.current = plan.times[0]
    codes[:] = [plan.tracking_code]
    complaint, _secret = complaint_submit(
        actor=reporter,
        kind=plan.kind,
        category=category,
        description=plan.description,
        privacy=plan.privacy,
        latitude=plan.latitude,
        longitude=plan.longitude,
        kecamatan=plan.kecamatan,
        kelurahan=plan.kelurahan,
        service_date=plan.service_date,
        reporter_name="" if reporter else plan.reporter_name,
        reporter_email="" if reporter else plan.reporter_email,
        reporter_phone="" if reporter else plan.reporter_phone,
    )
    final = _agency(plan.agency, category, agencies)
    first = _agency(plan.first_agency, category, agencies)
    if first.pk == final.pk and plan.path == "referred":  # pragma: no cover - unknown agency codes
        first = agencies["SETDA"] if final.code != "SETDA" else agencies["BIRO-ORG"]
    as_reporter = {"actor": reporter} if reporter else {"secret": DEMO_REPORT_SECRET}
    for action, moment, text in zip(PATHS[plan.path], plan.times[1:], plan.texts, strict=True):
        clock.current = moment
        code = complaint.agency.code if complaint.agency_id else final.code
        if action == "request_info":
            complaint = complaint_request_info(complaint=complaint, actor=staff.verifier, question=text)
        elif action == "supplement":
            complaint = complaint_supplement(complaint=complaint, information=text, **as_reporter)
        elif action == "dispatch":
            complaint = complaint_dispatch(complaint=complaint, agency=final, actor=staff.verifier)
        elif action == "dispatch_elsewhere":
            complaint = complaint_dispatch(complaint=complaint, agency=first, actor=staff.verifier)
        elif action == "refer":
            complaint = complaint_refer(
                complaint=complaint, agency=final, actor=staff.officer(code), reason=text
            )
        elif action == "assign":
            complaint = complaint_assign(
                complaint=complaint, officer=staff.officer(code), actor=staff.assigner(code)
            )
        elif action == "answer":
            complaint = complaint_answer(complaint=complaint, answer=text, actor=staff.officer(code))
        elif action == "accept":
            complaint = complaint_accept(complaint=complaint, **as_reporter)
        elif action == "close_window":
            complaint = complaint_close_response_window(complaint=complaint)
        elif action == "reopen":
            complaint = complaint_reopen(complaint=complaint, reason=text, **as_reporter)
        elif action == "decline":
            complaint = complaint_decline_not_authority(
                complaint=complaint, actor=staff.verifier, reason=text
            )
        elif action == "archive":
            complaint = complaint_archive(complaint=complaint, actor=staff.verifier, reason=text)
        else:  # pragma: no cover
            raise ValueError(action)
    return complaint


# --- routing model ----------------------------------------------------------------------

# 600 training reports plus the dispatched demo reports: 86% top-1 and 99% top-3 on the
# held-out fifth at the default size, for about 7 s of evaluating and training on a busy
# 2-core machine (20 per category: 79% and 92% for 4 s).
ROUTING_REPORTS_PER_CATEGORY = 30


def routing_demo_write(*, seed: int, created: dict[str, int], say) -> None:
    """The demo's Indonesian training reports (``TrainingReport``, source demo) and one
    routing model trained on them and the dispatched demo reports, through the routing
    services. Drawn with another seed than the reports' descriptions, so the training
    reports are not copies of the demo reports. Skipped when already there."""
    from penata.complaints.models import (
        RoutingModelStatus,
        RoutingModelVersion,
        TrainingReport,
        TrainingSource,
    )
    from penata.complaints.services.routing import routing_model_train, training_reports_create

    if not TrainingReport.objects.filter(source=TrainingSource.DEMO).exists():
        say("routing training reports")
        categories = {c.code: c for c in ComplaintCategory.objects.all()}
        agencies = dict(Agency.objects.values_list("code", "pk"))
        reports = [
            TrainingReport(description=text, category=categories[code], agency_id=agencies.get(agency))
            for text, code, agency in training_reports(ROUTING_REPORTS_PER_CATEGORY, seed + 1)
            if code in categories
        ]
        added = training_reports_create(reports=reports, source=TrainingSource.DEMO)
        created["routing_training_reports"] = added
    if not RoutingModelVersion.objects.filter(status=RoutingModelStatus.READY).exists():
        say("routing model")
        version = routing_model_train()
        if version.status == RoutingModelStatus.READY:
            created["routing_models"] = created.get("routing_models", 0) + 1
