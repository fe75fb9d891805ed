"""Plain data of the demo's training: BPSDM's programs and the Indonesian texts of
sessions, requests, ratings and external training claims (see ``training.py``)."""

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class ProgramSpec:
    code: str
    title: str
    form: str
    focus: str
    modality: str
    jp: int
    provider: str
    description: str
    prerequisites: str
    # (competency code, level reached); codes missing from the database are left out.
    targets: tuple[tuple[str, int], ...]
    # One topic per day of a session, in order (repeated when a session has more days).
    topics: tuple[str, ...]
    attendance_min_percent: int = 80
    # Agencies whose staff the program is meant for first (none: anybody).
    audience: tuple[str, ...] = ()
    # Meant for heads of units (administrator, pengawas, JPT).
    managerial: bool = False

    @property
    def is_elearning(self) -> bool:
        return self.form == "e_learning"


BPSDM = "BPSDM Provinsi Maluku Utara"
LAN = "Lembaga Administrasi Negara (LAN)"
PANRB = "Kementerian Pendayagunaan Aparatur Negara dan Reformasi Birokrasi"
SERVICE_AGENCIES = ("DISDUKCAPIL", "DPMPTSP", "RSUD-CB", "RSUD-SOFIFI", "DINKES", "DINSOS")

PROGRAMS: tuple[ProgramSpec, ...] = (
    ProgramSpec(
        code="PELAYANAN-PRIMA",
        title="Pelayanan Publik Prima dan Budaya Melayani",
        form="workshop",
        focus="soft_skills",
        modality="in_person",
        jp=24,
        provider=BPSDM,
        description=(
            "Lokakarya tiga hari tentang standar pelayanan, maklumat pelayanan, etika melayani dan "
            "penanganan keluhan di loket. Setiap peserta pulang dengan rencana perbaikan layanan "
            "unitnya yang disetujui atasan."
        ),
        prerequisites="ASN yang memberi pelayanan langsung kepada masyarakat.",
        targets=(("M.05", 3), ("M.03", 2)),
        topics=(
            "Standar pelayanan dan maklumat pelayanan",
            "Etika melayani dan budaya BerAKHLAK",
            "Simulasi loket dan penanganan keluhan",
        ),
        audience=SERVICE_AGENCIES,
    ),
    ProgramSpec(
        code="BIMTEK-SIAK",
        title="Bimbingan Teknis Pelayanan Administrasi Kependudukan dan SIAK Terpusat",
        form="technical_guidance",
        focus="technical",
        modality="in_person",
        jp=32,
        provider="Direktorat Jenderal Kependudukan dan Pencatatan Sipil, Kementerian Dalam Negeri",
        description=(
            "Bimbingan teknis perekaman dan verifikasi data KTP-el, penerbitan dokumen kependudukan "
            "melalui SIAK Terpusat, dan aktivasi Identitas Kependudukan Digital (IKD), dengan praktik "
            "langsung pada perangkat perekaman."
        ),
        prerequisites=(
            "Petugas pelayanan atau operator SIAK di Dinas Kependudukan dan Pencatatan Sipil; membawa laptop."
        ),
        targets=(("T.DUKCAPIL.01", 3), ("T.DUKCAPIL.02", 3)),
        topics=(
            "Kebijakan administrasi kependudukan terkini",
            "Perekaman biometrik dan verifikasi data KTP-el",
            "Penerbitan dokumen melalui SIAK Terpusat",
            "Aktivasi IKD dan layanan daring",
        ),
        audience=("DISDUKCAPIL",),
    ),
    ProgramSpec(
        code="LITERASI-DIGITAL",
        title="Literasi Digital dan Keamanan Informasi bagi ASN",
        form="e_learning",
        focus="digital_service",
        modality="online",
        jp=10,
        provider="Badan Siber dan Sandi Negara (BSSN)",
        description=(
            "Pembelajaran daring mandiri selama empat pekan dengan satu sesi sinkron setiap pekan: "
            "kebersihan siber, kata sandi dan autentikasi dua langkah, mengenali phishing, serta "
            "pelindungan data pribadi dalam pelayanan."
        ),
        prerequisites="Memiliki akun LMS BPSDM dan koneksi internet yang stabil.",
        targets=(("M.07", 2),),
        topics=(
            "Sesi sinkron 1: Kebersihan siber sehari-hari",
            "Sesi sinkron 2: Mengenali phishing dan rekayasa sosial",
            "Sesi sinkron 3: Pelindungan data pribadi dalam pelayanan",
            "Sesi sinkron 4: Studi kasus dan evaluasi",
        ),
        attendance_min_percent=75,
    ),
    ProgramSpec(
        code="SPBE-LAYANAN",
        title="Penerapan SPBE dan Integrasi Layanan Digital Pemerintah Daerah",
        form="course",
        focus="digital_service",
        modality="blended",
        jp=32,
        provider=PANRB,
        description=(
            "Kursus tentang arsitektur dan indeks SPBE, integrasi layanan melalui portal pelayanan "
            "publik, manajemen data, dan keamanan aplikasi pemerintah daerah. Dua hari tatap muka, "
            "dua hari praktik daring."
        ),
        prerequisites="Pengelola aplikasi atau layanan digital di perangkat daerah.",
        targets=(("M.07", 3), ("M.04", 3)),
        topics=(
            "Arsitektur dan indeks SPBE",
            "Integrasi layanan pada portal pelayanan publik",
            "Manajemen data dan interoperabilitas",
            "Keamanan aplikasi dan rencana aksi SPBE",
        ),
        audience=("DISKOMINFO", "BAPPEDA", "DPMPTSP", "DISDUKCAPIL", "BIRO-ORG"),
    ),
    ProgramSpec(
        code="BERAKHLAK-WK",
        title="Nilai Dasar ASN BerAKHLAK dan Wawasan Kebangsaan",
        form="e_learning",
        focus="soft_skills",
        modality="online",
        jp=20,
        provider=LAN,
        description=(
            "Pembelajaran daring empat pekan tentang nilai dasar ASN BerAKHLAK, etika publik, "
            "antikorupsi dan wawasan kebangsaan, ditutup dengan tugas aktualisasi di unit kerja."
        ),
        prerequisites="Terbuka untuk semua ASN; memiliki akun LMS BPSDM.",
        targets=(("M.01", 3), ("SK.01", 3)),
        topics=(
            "Sesi sinkron 1: Nilai dasar BerAKHLAK",
            "Sesi sinkron 2: Etika publik dan antikorupsi",
            "Sesi sinkron 3: Wawasan kebangsaan dan moderasi",
            "Sesi sinkron 4: Presentasi aktualisasi",
        ),
        attendance_min_percent=75,
    ),
    ProgramSpec(
        code="COACHING-PENGAWAS",
        title="Coaching bagi Pejabat Pengawas: Membimbing dan Mengembangkan Tim",
        form="coaching",
        focus="leadership",
        modality="in_person",
        jp=16,
        provider=LAN,
        description=(
            "Pelatihan keterampilan coaching bagi atasan langsung: percakapan GROW, umpan balik yang "
            "membangun, dan menyusun rencana pengembangan individu bersama staf."
        ),
        prerequisites="Pejabat pengawas atau administrator.",
        targets=(("M.06", 3), ("M.02", 3)),
        topics=("Percakapan coaching dengan model GROW", "Umpan balik dan rencana pengembangan individu"),
        managerial=True,
    ),
    ProgramSpec(
        code="SEMINAR-RB",
        title="Seminar Reformasi Birokrasi Berdampak dan Pelayanan Publik Digital",
        form="seminar",
        focus="digital_service",
        modality="blended",
        jp=8,
        provider=PANRB,
        description=(
            "Seminar sehari bersama narasumber Kementerian PANRB tentang reformasi birokrasi tematik, "
            "percepatan transformasi digital, dan praktik baik pelayanan publik dari daerah lain. "
            "Dapat diikuti di aula atau melalui siaran daring."
        ),
        prerequisites="",
        targets=(("M.07", 2),),
        topics=("Reformasi birokrasi berdampak dan praktik baik pelayanan digital",),
    ),
    ProgramSpec(
        code="KOMPUB-LAPOR",
        title="Komunikasi Publik dan Penanganan Pengaduan Masyarakat (SP4N-LAPOR!)",
        form="workshop",
        focus="soft_skills",
        modality="in_person",
        jp=24,
        provider="BPSDM Provinsi Maluku Utara bersama Ombudsman RI Perwakilan Maluku Utara",
        description=(
            "Lokakarya menulis jawaban pengaduan yang jelas dan santun, memenuhi tenggat SP4N-LAPOR!, "
            "berkomunikasi dengan warga yang kecewa, dan mendokumentasikan tindak lanjut."
        ),
        prerequisites="Petugas pengelola pengaduan atau pelayanan di perangkat daerah.",
        targets=(("M.03", 3), ("M.05", 3)),
        topics=(
            "Alur dan tenggat SP4N-LAPOR!",
            "Menulis jawaban pengaduan yang jelas dan santun",
            "Simulasi menghadapi warga yang kecewa",
        ),
        audience=(*SERVICE_AGENCIES, "PUPR", "DISHUB", "DLH", "SATPOLPP"),
    ),
    ProgramSpec(
        code="ANALISIS-DATA",
        title="Analisis Data dan Visualisasi untuk Perencanaan Layanan",
        form="course",
        focus="digital_service",
        modality="blended",
        jp=24,
        provider="BPSDM Provinsi Maluku Utara dan BPS Provinsi Maluku Utara",
        description=(
            "Mengolah data layanan dengan spreadsheet, membuat dasbor sederhana, dan membaca indikator "
            "untuk perencanaan dan evaluasi program perangkat daerah."
        ),
        prerequisites="Terbiasa menggunakan spreadsheet; membawa laptop.",
        targets=(("M.04", 3), ("M.08", 2)),
        topics=(
            "Membersihkan dan mengolah data layanan",
            "Visualisasi dan dasbor sederhana",
            "Membaca indikator untuk perencanaan",
        ),
        audience=("BAPPEDA", "DISKOMINFO", "BIRO-ORG", "BKD", "DISDUKCAPIL"),
    ),
    ProgramSpec(
        code="BIMTEK-KEUDA",
        title="Bimbingan Teknis Penatausahaan Keuangan dan Barang Milik Daerah",
        form="technical_guidance",
        focus="technical",
        modality="in_person",
        jp=32,
        provider="BPKP Perwakilan Provinsi Maluku Utara",
        description=(
            "Bimbingan teknis penatausahaan keuangan melalui SIPD, pertanggungjawaban belanja, dan "
            "inventarisasi barang milik daerah menjelang pemeriksaan BPK."
        ),
        prerequisites="Bendahara, pengurus barang, atau staf subbagian keuangan dan aset.",
        targets=(("M.01", 3), ("M.04", 2)),
        topics=(
            "Penatausahaan keuangan melalui SIPD",
            "Pertanggungjawaban belanja dan temuan pemeriksaan",
            "Inventarisasi barang milik daerah",
            "Praktik rekonsiliasi aset",
        ),
        audience=("BPKAD", "BAPENDA", "INSPEKTORAT", "BIRO-UMUM"),
    ),
    ProgramSpec(
        code="KEPEMIMPINAN-PELAYANAN",
        title="Kepemimpinan Pelayanan: Pengambilan Keputusan dan Mengelola Perubahan",
        form="course",
        focus="leadership",
        modality="in_person",
        jp=40,
        provider=LAN,
        description=(
            "Kursus lima hari bagi pimpinan unit: mengambil keputusan berbasis data dan risiko, "
            "memimpin perubahan layanan, dan menyusun proyek perubahan sederhana untuk unitnya."
        ),
        prerequisites="Pejabat administrator atau pengawas dengan masa jabatan minimal satu tahun.",
        targets=(("M.08", 4), ("M.07", 3)),
        topics=(
            "Kepemimpinan pelayanan",
            "Pengambilan keputusan berbasis data dan risiko",
            "Mengelola perubahan dan resistensi",
            "Menyusun proyek perubahan",
            "Presentasi proyek perubahan",
        ),
        managerial=True,
    ),
    ProgramSpec(
        code="TNDE-ARSIP",
        title="Tata Naskah Dinas Elektronik dan Pengelolaan Arsip Digital",
        form="technical_guidance",
        focus="digital_service",
        modality="in_person",
        jp=16,
        provider="Arsip Nasional Republik Indonesia (ANRI)",
        description=(
            "Bimbingan teknis membuat, menandatangani secara elektronik, dan mengarsipkan naskah dinas "
            "dengan aplikasi TNDE serta menata arsip digital unit kerja."
        ),
        prerequisites="Pengelola persuratan atau arsiparis perangkat daerah.",
        targets=(("M.04", 2),),
        topics=("Naskah dinas elektronik dan tanda tangan elektronik", "Penataan arsip digital unit kerja"),
        audience=("DISPERPUSIP", "SETDA", "BIRO-UMUM", "BKD", "SETWAN"),
    ),
)

TRAINERS = (
    "Dr. Muhammad Ridha Ajam, M.Si.",
    "Dra. Nurhayati Sangaji, M.Pd.",
    "Irfan Abdurrahman, S.STP., M.Si.",
    "Sitti Marwah Latif, S.Kom., M.T.",
    "Drs. Yusuf Tuasikal, M.M.",
    "Rachmat Djaguna, S.H., M.H.",
    "Dewi Kartika Umagapi, S.Psi., M.Psi.",
    "Ir. Hamzah Bachmid, M.T.",
    "Fitriani Lessy, S.E., Ak., M.Ak.",
    "Arief Talib, S.Kom., M.Kom.",
)

MOTIVATIONS = (
    "Saya bertugas di loket pelayanan dan ingin memperbaiki cara saya melayani warga.",
    "Materi pelatihan ini sesuai dengan tugas saya sehari-hari dan target kinerja tahun ini.",
    "Atasan saya menyarankan pelatihan ini untuk menutup kesenjangan kompetensi saya.",
    "JP saya tahun ini belum mencapai 20; pelatihan ini juga sangat relevan dengan pekerjaan saya.",
    "Unit kami akan menerapkan aplikasi baru dan saya ditunjuk sebagai pengelolanya.",
    "Saya ingin berbagi hasil pelatihan ini kepada rekan-rekan di unit kerja.",
)

# Rating comments: any session, in person, online.
COMMENTS = (
    "Materi sangat relevan dengan pekerjaan sehari-hari.",
    "Narasumber menguasai materi dan memberi banyak contoh kasus nyata.",
    "Waktunya terlalu singkat untuk materi sebanyak ini.",
    "Sesi praktik sangat membantu; mohon porsinya ditambah.",
    "Modul sebaiknya dibagikan sebelum pelatihan dimulai.",
    "Sangat bermanfaat, semoga ada pelatihan lanjutan.",
    "Perlu lebih banyak contoh dari pemerintah daerah lain.",
)
COMMENTS_IN_PERSON = (
    "Ruang kelas panas, pendingin ruangan kurang berfungsi.",
    "Konsumsi dan tempat baik, jadwal tepat waktu.",
)
COMMENTS_ONLINE = (
    "Koneksi internet di daerah saya sering terputus saat sesi sinkron.",
    "Rekaman sesi sinkron sangat membantu bagi yang bertugas di pulau.",
)
ASN_COMMENT = "Contoh kasusnya dekat dengan pekerjaan kami di Disdukcapil; terima kasih."

CANCELLED_NOTE = "Dibatalkan: narasumber BPKP berhalangan. Sesi akan dijadwalkan ulang."
PLANNED_NOTE = "Pendaftaran dibuka setelah daftar peserta dari perangkat daerah diterima."


@dataclass(frozen=True)
class ExternalSpec:
    title: str
    provider: str
    form: str
    jp: Decimal
    days: int  # calendar days from start to end


EXTERNAL_VERIFIED = (
    ExternalSpec("Pelatihan Mandiri Manajemen ASN (MOOC ASN Unggul)", LAN, "e_learning", Decimal("20"), 28),
    ExternalSpec("Kursus Daring Penyusunan Standar Pelayanan", PANRB, "e_learning", Decimal("12"), 14),
    ExternalSpec(
        "Pelatihan Pengadaan Barang/Jasa Tingkat Dasar",
        "Lembaga Kebijakan Pengadaan Barang/Jasa Pemerintah (LKPP)",
        "technical",
        Decimal("32"),
        4,
    ),
    ExternalSpec(
        "Bimbingan Teknis Aplikasi SIPD Penatausahaan",
        "Kementerian Dalam Negeri",
        "technical_guidance",
        Decimal("16"),
        2,
    ),
    ExternalSpec(
        "Webinar Pelindungan Data Pribadi dalam Pelayanan Publik",
        "Kementerian Komunikasi dan Digital",
        "seminar",
        Decimal("4"),
        0,
    ),
    ExternalSpec(
        "E-learning Antikorupsi bagi ASN (ACLC)",
        "Komisi Pemberantasan Korupsi (KPK)",
        "e_learning",
        Decimal("10"),
        21,
    ),
    ExternalSpec(
        "Workshop Penyusunan Laporan Kinerja Instansi Pemerintah", PANRB, "workshop", Decimal("16"), 1
    ),
    ExternalSpec(
        "Seminar Nasional Pelayanan Kesehatan Primer",
        "Universitas Khairun Ternate",
        "seminar",
        Decimal("8"),
        0,
    ),
    ExternalSpec(
        "Pelatihan Dasar Pengelolaan Arsip Dinamis",
        "Arsip Nasional Republik Indonesia (ANRI)",
        "course",
        Decimal("24"),
        3,
    ),
)

# Claims of Disdukcapil staff awaiting opd_admin's verification, and one rejected.
EXTERNAL_SUBMITTED = (
    ExternalSpec(
        "Bimbingan Teknis Aktivasi Identitas Kependudukan Digital (IKD)",
        "Direktorat Jenderal Kependudukan dan Pencatatan Sipil, Kementerian Dalam Negeri",
        "technical_guidance",
        Decimal("16"),
        1,
    ),
    ExternalSpec(
        "Webinar Pemanfaatan Data Kependudukan untuk Perencanaan Daerah",
        "Direktorat Jenderal Kependudukan dan Pencatatan Sipil, Kementerian Dalam Negeri",
        "seminar",
        Decimal("4"),
        0,
    ),
    ExternalSpec("Kursus Daring Pelayanan Prima (MOOC ASN Unggul)", LAN, "e_learning", Decimal("12"), 14),
    ExternalSpec("E-learning Manajemen Risiko Sektor Publik", PANRB, "e_learning", Decimal("8"), 10),
    ExternalSpec(
        "Seminar Literasi Keuangan bagi Aparatur",
        "Otoritas Jasa Keuangan Provinsi Maluku Utara",
        "seminar",
        Decimal("3.5"),
        0,
    ),
)
EXTERNAL_REJECTED = ExternalSpec(
    "Pelatihan Public Speaking untuk Pelayan Publik",
    "Lembaga Kursus Cahaya Ternate",
    "course",
    Decimal("12"),
    2,
)
REJECTION_REASON = (
    "Sertifikat yang dilampirkan tidak mencantumkan jumlah jam pelajaran; mohon unggah surat keterangan "
    "dari penyelenggara yang menyebut JP atau lama pelatihan."
)
VERIFICATION_NOTE = "Sesuai sertifikat dari penyelenggara."

# Unit needs recorded from citizens' complaints and a head of unit's request.
NEED_ADMINDUK_REASON = (
    "Keluhan warga tentang lamanya penerbitan KTP-el, NIK yang tidak terdaftar, dan surat pindah "
    "yang tertunda. Petugas perekaman dan verifikasi perlu dilatih ulang pada SIAK Terpusat."
)
NEED_ADMINDUK_PLANNED = (
    "Sesi {code} (bimbingan teknis SIAK Terpusat) dibuka; pegawai Bidang Pelayanan Pendaftaran "
    "Penduduk diutamakan."
)
NEED_UPTD_REASON = (
    "Kepala UPTD Pelayanan Administrasi Kependudukan Terpadu meminta pelatihan pelayanan prima bagi "
    "petugas loket: waktu tunggu perekaman KTP-el sering melebihi dua jam dan tiga petugas baru belum "
    "pernah mengikuti pelatihan pelayanan."
)
NEED_UPTD_EVIDENCE = (
    "Nota dinas Kepala UPTD PAKT tentang usulan pelatihan petugas loket",
    "Rekap waktu tunggu antrean loket tiga bulan terakhir",
)
NEED_IGD_REASON = (
    "Keluhan keluarga pasien tentang sikap petugas dan kurangnya penjelasan selama menunggu di "
    "Instalasi Gawat Darurat. Perlu pelatihan komunikasi efektif dengan pasien dan keluarganya."
)
