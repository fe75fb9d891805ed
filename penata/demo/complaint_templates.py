"""The demo's response templates (Indonesian answers officers start from): two general
ones for every agency that has demo reports, and one about its own service for the
agencies that receive the most reports.

Written through ``response_template_create`` as the agency's demo complaint officer (or
the demo agency administrator, or the province administrator), so each template has its
creation event. Idempotent: a template is matched on its agency and title, and an agency
without reports gets none.
"""

from collections.abc import Callable

from django.db.models import Q

from penata.accounts.models import Role, User
from penata.complaints.models import Complaint, ResponseTemplate
from penata.complaints.services import response_template_create
from penata.organization.models import Agency

GENERAL_TEMPLATES = (
    (
        "Laporan sedang ditindaklanjuti",
        "Terima kasih atas laporan Anda. Laporan telah kami terima dan sedang ditindaklanjuti oleh "
        "{agency}. Petugas kami akan memeriksa permasalahan yang Anda sampaikan dan hasilnya akan "
        "kami sampaikan melalui laman status laporan ini.",
    ),
    (
        "Permasalahan telah diselesaikan",
        "Terima kasih atas laporan Anda. Permasalahan yang Anda sampaikan telah kami tindak lanjuti "
        "dan dinyatakan selesai oleh {agency}. Apabila masih terdapat kendala, silakan tanggapi "
        "jawaban ini dalam 10 hari kerja agar dapat kami tindak lanjuti kembali.",
    ),
)

# One answer about the agency's own service, for the agencies most reports go to.
SERVICE_TEMPLATES = {
    "DISDUKCAPIL": (
        "Dokumen kependudukan siap diambil",
        "Dokumen kependudukan Anda telah selesai dicetak dan dapat diambil di loket pelayanan "
        "Disdukcapil pada hari kerja (Senin–Jumat, 08.00–15.00 WIT) dengan membawa bukti "
        "pendaftaran dan KTP-el atau KK asli. Pengambilan tidak dipungut biaya.",
    ),
    "PUPR": (
        "Perbaikan jalan dijadwalkan",
        "Tim Dinas PUPR telah meninjau lokasi yang Anda laporkan. Perbaikan jalan tersebut telah "
        "kami masukkan dalam jadwal pemeliharaan rutin dan akan dikerjakan dalam waktu dekat, "
        "menyesuaikan kondisi cuaca dan ketersediaan material.",
    ),
    "DINKES": (
        "Puskesmas telah ditegur dan dibina",
        "Dinas Kesehatan telah meneruskan laporan Anda kepada kepala puskesmas terkait. Petugas yang "
        "bersangkutan telah diberi pembinaan dan jadwal pelayanan kembali sesuai standar pelayanan.",
    ),
    "RSUD-SOFIFI": (
        "Pelayanan rumah sakit dievaluasi",
        "Manajemen RSUD Sofifi telah mengevaluasi pelayanan pada unit yang Anda sebutkan. Kami "
        "mohon maaf atas ketidaknyamanan yang Anda alami dan telah melakukan perbaikan alur "
        "pelayanan serta pembinaan kepada petugas.",
    ),
    "RSUD-CB": (
        "Pelayanan rumah sakit dievaluasi",
        "Manajemen RSUD Dr. H. Chasan Boesoirie telah mengevaluasi pelayanan pada unit yang Anda "
        "sebutkan. Kami mohon maaf atas ketidaknyamanan yang Anda alami dan telah melakukan "
        "perbaikan alur pelayanan serta pembinaan kepada petugas.",
    ),
    "DISHUB": (
        "Jadwal angkutan telah dikoordinasikan",
        "Dinas Perhubungan telah berkoordinasi dengan operator angkutan terkait keterlambatan dan "
        "jadwal yang Anda laporkan. Operator telah diminta menaati jadwal dan menginformasikan "
        "setiap perubahan kepada penumpang.",
    ),
    "DLH": (
        "Pengangkutan sampah dijadwalkan",
        "Dinas Lingkungan Hidup telah menjadwalkan pengangkutan sampah di lokasi yang Anda laporkan "
        "dan akan memantau agar tidak terjadi penumpukan kembali.",
    ),
    "DIKBUD": (
        "Sekolah telah diminta menindaklanjuti",
        "Dinas Pendidikan dan Kebudayaan telah meminta kepala sekolah terkait menindaklanjuti "
        "laporan Anda. Kami akan memantau penyelesaiannya sesuai ketentuan yang berlaku.",
    ),
}


def _author(agency: Agency, fallback: User | None) -> User | None:
    """The agency's demo complaint officer, else its demo administrator, else ``fallback``."""
    staff = User.objects.filter(agency=agency, is_demo=True, is_active=True).order_by("username")
    return (
        staff.filter(role=Role.COMPLAINT_OFFICER).first()
        or staff.filter(role=Role.AGENCY_ADMIN).first()
        or fallback
    )


def response_templates_demo(
    *, created: dict[str, int] | None = None, say: Callable[[str], None] | None = None
) -> int:
    """Create the missing demo templates of every agency that has demo reports; return how many."""
    if say is not None:
        say("response templates")
    agency_ids = set(
        Complaint.objects.filter(agency__isnull=False)
        .order_by()
        .values_list("agency_id", flat=True)
        .distinct()
    )
    if not agency_ids:
        return 0
    fallback = (
        User.objects.filter(is_demo=True, is_active=True)
        .filter(Q(is_superuser=True) | Q(role=Role.PROVINCE_ADMIN))
        .order_by("-is_superuser", "username")
        .first()
    )
    existing = set(
        ResponseTemplate.objects.filter(agency_id__in=agency_ids).values_list("agency_id", "title")
    )
    count = 0
    for agency in Agency.objects.filter(pk__in=agency_ids).order_by("code"):
        wanted = [*GENERAL_TEMPLATES]
        if agency.code in SERVICE_TEMPLATES:
            wanted.append(SERVICE_TEMPLATES[agency.code])
        missing = [(title, body) for title, body in wanted if (agency.pk, title) not in existing]
        if not missing:
            continue
        author = _author(agency, fallback)
        if author is None:
            continue
        for title, body in missing:
            response_template_create(
                agency=agency, title=title, body=body.format(agency=agency.name), actor=author
            )
            count += 1
    if created is not None and count:
        created["response_templates"] = created.get("response_templates", 0) + count
    return count
