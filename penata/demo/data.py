"""Organization templates of the demo province, agency by agency.

Each agency lists its bidang/bagian (with seksi where the agency kept them after the
2021 simplification of the bureaucracy), the functional and pelaksana posts of each, and
its technical implementation units (UPTD). A post is written compactly:

- ``(family, level, workload)``: a functional position, ``family`` a key of
  ``catalogue.FAMILIES`` and ``level`` a jenjang (``ahli_muda``, ``terampil``, ...);
- ``(family, level, workload, specialty, fields)``: the same with a specialty
  (``Dokter Spesialis Penyakit Dalam Ahli Muda``) and the fields it recruits from;
- ``(pelaksana_key, workload)``: a pelaksana position, the key in ``catalogue.PELAKSANA``.

``workload`` is the staff the workload analysis finds for the post (person-years of
1,250 effective hours); the generator varies it per position.
"""

from dataclasses import dataclass, field

Post = tuple


@dataclass(frozen=True)
class Division:
    """A bidang, bagian or UPTD with its posts and sub-units (seksi/subbagian)."""

    name: str
    posts: tuple[Post, ...] = ()
    sections: tuple[str, ...] = ()
    # UPTD class A has an administrator head and a Subbagian Tata Usaha; class B a
    # pengawas head only.
    uptd_class: str = ""
    regency: str = ""


@dataclass(frozen=True)
class AgencyTemplate:
    divisions: tuple[Division, ...] = ()
    uptds: tuple[Division, ...] = ()
    secretariat_posts: tuple[Post, ...] = ()
    head_title: str = ""
    head_class: str = "jpt_pratama"
    # Agencies without a Sekretariat: bureaus and the Regional Secretariat itself.
    has_secretariat: bool = True
    # RSUD and Inspektorat name their secretariat differently.
    secretariat_name: str = "Sekretariat"
    secretariat_head: str = "Sekretaris"
    division_head: str = "Kepala"
    extra_units: tuple[Division, ...] = field(default_factory=tuple)


STAFF = (("penelaah", 1), ("pengadministrasi", 1))
DATA_STAFF = (("penelaah", 1), ("pengolah_data", 1), ("pengadministrasi", 1))


def div(name: str, *posts: Post, sections: tuple[str, ...] = (), staff=STAFF) -> Division:
    return Division(name=name, posts=tuple(posts) + tuple(staff), sections=sections)


def uptd(name: str, uptd_class: str, *posts: Post, regency: str = "") -> Division:
    return Division(
        name=name,
        posts=(*posts, ("pengadministrasi", 1)),
        uptd_class=uptd_class,
        regency=regency,
    )


def bagian(name: str, *posts: Post) -> Division:
    return Division(name=name, posts=(*posts, ("penelaah", 1)))


def biro(*divisions: Division) -> AgencyTemplate:
    return AgencyTemplate(divisions=divisions, has_secretariat=False, division_head="Kepala")


def instalasi(name: str, *posts: Post) -> Division:
    return Division(name=name, posts=posts)


SAMSAT_REGENCIES = (
    ("Kota Ternate", "Ternate"),
    ("Kota Tidore Kepulauan", "Sofifi"),
    ("Halmahera Utara", "Tobelo"),
    ("Halmahera Selatan", "Labuha"),
    ("Halmahera Barat", "Jailolo"),
    ("Halmahera Timur", "Maba"),
    ("Halmahera Tengah", "Weda"),
    ("Kepulauan Sula", "Sanana"),
    ("Pulau Morotai", "Daruba"),
    ("Pulau Taliabu", "Bobong"),
)

KPH_REGENCIES = (
    "Halmahera Utara",
    "Halmahera Barat",
    "Halmahera Tengah",
    "Halmahera Timur",
    "Halmahera Selatan",
    "Kepulauan Sula",
    "Pulau Morotai",
    "Pulau Taliabu",
)


def rsud(scale: int) -> AgencyTemplate:
    """A provincial hospital; ``scale`` 2 for the larger (class B) one."""

    def n(value: float) -> float:
        return value * scale / 2

    return AgencyTemplate(
        head_title="Direktur",
        secretariat_name="Bagian Tata Usaha",
        secretariat_head="Kepala Bagian Tata Usaha",
        secretariat_posts=(("administrator_kesehatan", "ahli_muda", 1), ("perencana", "ahli_pertama", 1)),
        divisions=(
            div("Bidang Pelayanan Medik", ("dokter", "ahli_madya", 1), sections=("Seksi Pelayanan Medik",)),
            div("Bidang Keperawatan", ("perawat", "ahli_muda", 1), sections=("Seksi Asuhan Keperawatan",)),
            div("Bidang Penunjang", ("apoteker", "ahli_muda", 1), sections=("Seksi Penunjang Medik",)),
        ),
        extra_units=(
            instalasi(
                "Instalasi Gawat Darurat",
                ("dokter", "ahli_pertama", n(4)),
                ("perawat", "terampil", n(8)),
                ("perawat", "ahli_pertama", n(4)),
                ("perawat", "mahir", n(2)),
            ),
            instalasi(
                "Instalasi Rawat Jalan",
                ("dokter", "ahli_muda", n(2), "Spesialis Penyakit Dalam", ("Ilmu Penyakit Dalam",)),
                ("dokter", "ahli_muda", n(2), "Spesialis Anak", ("Ilmu Kesehatan Anak",)),
                (
                    "dokter",
                    "ahli_muda",
                    n(2),
                    "Spesialis Obstetri dan Ginekologi",
                    ("Obstetri dan Ginekologi",),
                ),
                ("dokter_gigi", "ahli_pertama", n(2)),
                ("perawat", "terampil", n(6)),
                ("fisioterapis", "terampil", n(2)),
            ),
            instalasi(
                "Instalasi Rawat Inap",
                ("dokter", "ahli_pertama", n(4)),
                ("perawat", "terampil", n(16)),
                ("perawat", "mahir", n(4)),
                ("perawat", "ahli_pertama", n(10)),
                ("perawat", "ahli_muda", n(2)),
                ("bidan", "terampil", n(6)),
                ("bidan", "ahli_pertama", n(2)),
            ),
            instalasi(
                "Instalasi Bedah Sentral",
                ("dokter", "ahli_muda", n(2), "Spesialis Bedah", ("Ilmu Bedah",)),
                ("dokter", "ahli_muda", n(2), "Spesialis Anestesiologi", ("Anestesiologi",)),
                ("perawat", "terampil", n(6)),
            ),
            instalasi("Instalasi Laboratorium", ("plk", "terampil", n(5)), ("plk", "ahli_pertama", n(1))),
            instalasi(
                "Instalasi Radiologi",
                ("dokter", "ahli_muda", n(1), "Spesialis Radiologi", ("Radiologi",)),
                ("radiografer", "terampil", n(4)),
            ),
            instalasi("Instalasi Farmasi", ("apoteker", "ahli_pertama", n(3)), ("ttk", "terampil", n(5))),
            instalasi("Instalasi Gizi", ("nutrisionis", "terampil", n(4)), ("operator", n(2))),
            instalasi(
                "Instalasi Rekam Medik",
                ("perekam_medis", "terampil", n(5)),
                ("pranata_komputer", "terampil", n(1)),
            ),
        ),
    )


TEMPLATES: dict[str, AgencyTemplate] = {
    "SETDA": AgencyTemplate(
        head_title="Sekretaris Daerah",
        head_class="jpt_madya",
        has_secretariat=False,
        extra_units=(
            Division("Asisten Pemerintahan dan Kesejahteraan Rakyat"),
            Division("Asisten Perekonomian dan Pembangunan"),
            Division("Asisten Administrasi Umum"),
            Division("Staf Ahli Gubernur"),
        ),
    ),
    "BIRO-PEM": biro(
        bagian("Bagian Administrasi Pemerintahan", ("analis_kebijakan", "ahli_muda", 1)),
        bagian("Bagian Otonomi Daerah", ("analis_kebijakan", "ahli_pertama", 2)),
        bagian("Bagian Kerja Sama", ("analis_kebijakan", "ahli_pertama", 1)),
    ),
    "BIRO-HUKUM": biro(
        bagian(
            "Bagian Peraturan Perundang-undangan",
            ("perancang_uu", "ahli_pertama", 3),
            ("perancang_uu", "ahli_muda", 1),
        ),
        bagian("Bagian Bantuan Hukum", ("analis_hukum", "ahli_pertama", 2)),
        bagian(
            "Bagian Dokumentasi dan Informasi Hukum",
            ("analis_hukum", "ahli_pertama", 1),
            ("arsiparis", "terampil", 1),
        ),
    ),
    "BIRO-KESRA": biro(
        bagian("Bagian Bina Mental dan Spiritual", ("analis_kebijakan", "ahli_pertama", 1)),
        bagian("Bagian Kesejahteraan Sosial", ("analis_kebijakan", "ahli_pertama", 1)),
        bagian("Bagian Pendidikan dan Kesehatan", ("analis_kebijakan", "ahli_muda", 1)),
    ),
    "BIRO-ORG": biro(
        bagian(
            "Bagian Kelembagaan dan Analisis Jabatan",
            ("analis_sdma", "ahli_pertama", 2),
            ("analis_kebijakan", "ahli_muda", 1),
        ),
        bagian(
            "Bagian Reformasi Birokrasi dan Akuntabilitas Kinerja", ("analis_kebijakan", "ahli_pertama", 2)
        ),
        bagian("Bagian Tata Laksana dan Pelayanan Publik", ("analis_kebijakan", "ahli_pertama", 2)),
    ),
    "BIRO-UMUM": biro(
        bagian("Bagian Tata Usaha Pimpinan", ("arsiparis", "terampil", 2), ("pengadministrasi", 2)),
        bagian("Bagian Rumah Tangga", ("pengelola_umum", 2), ("pengemudi", 4)),
        bagian("Bagian Perlengkapan", ("pengelola_umum", 1), ("operator", 2)),
    ),
    "BIRO-ADPIM": biro(
        bagian("Bagian Protokol", ("pranata_humas", "terampil", 2), ("operator", 1)),
        bagian("Bagian Komunikasi Pimpinan", ("pranata_humas", "ahli_pertama", 2)),
        bagian("Bagian Materi dan Komunikasi Pimpinan", ("analis_kebijakan", "ahli_pertama", 1)),
    ),
    "BIRO-PBJ": biro(
        bagian(
            "Bagian Pengelolaan Pengadaan Barang/Jasa",
            ("pengelola_pbj", "ahli_pertama", 3),
            ("pengelola_pbj", "ahli_muda", 1),
        ),
        bagian(
            "Bagian Pengelolaan Layanan Pengadaan Secara Elektronik", ("pranata_komputer", "ahli_pertama", 1)
        ),
        bagian("Bagian Pembinaan dan Advokasi Pengadaan Barang/Jasa", ("pengelola_pbj", "ahli_pertama", 1)),
    ),
    "SETWAN": AgencyTemplate(
        head_title="Sekretaris DPRD",
        has_secretariat=False,
        divisions=(
            bagian(
                "Bagian Umum dan Keuangan", ("bendahara", 2), ("pengemudi", 3), ("arsiparis", "terampil", 1)
            ),
            bagian(
                "Bagian Persidangan dan Perundang-undangan",
                ("perancang_uu", "ahli_pertama", 2),
                ("analis_kebijakan", "ahli_pertama", 1),
            ),
            bagian(
                "Bagian Fasilitasi Penganggaran dan Pengawasan",
                ("analis_kebijakan", "ahli_muda", 1),
                ("pranata_humas", "ahli_pertama", 1),
            ),
        ),
    ),
    "INSPEKTORAT": AgencyTemplate(
        head_title="Inspektur",
        division_head="",
        divisions=tuple(
            div(
                f"Inspektur Pembantu Wilayah {number}",
                ("auditor", "ahli_pertama", 3),
                ("auditor", "ahli_muda", 2),
                ("auditor", "ahli_madya", 1),
                ("p2upd", "ahli_pertama", 2),
                staff=(("pengadministrasi", 1),),
            )
            for number in ("I", "II", "III", "IV")
        ),
    ),
    "BAPPEDA": AgencyTemplate(
        divisions=(
            div(
                "Bidang Perencanaan, Pengendalian dan Evaluasi Pembangunan Daerah",
                ("perencana", "ahli_muda", 2),
                ("statistisi", "ahli_pertama", 1),
            ),
            div(
                "Bidang Pemerintahan dan Pembangunan Manusia",
                ("perencana", "ahli_pertama", 2),
                ("perencana", "ahli_madya", 1),
            ),
            div(
                "Bidang Perekonomian dan Sumber Daya Alam",
                ("perencana", "ahli_pertama", 2),
                ("perencana", "ahli_muda", 1),
            ),
            div(
                "Bidang Infrastruktur dan Kewilayahan",
                ("perencana", "ahli_pertama", 2),
                ("penata_ruang", "ahli_pertama", 1),
            ),
        ),
    ),
    "BPKAD": AgencyTemplate(
        divisions=(
            div(
                "Bidang Anggaran",
                ("pengelola_keuangan_daerah", "ahli_pertama", 3),
                ("pengelola_keuangan_daerah", "ahli_muda", 1),
            ),
            div("Bidang Perbendaharaan", ("pengelola_keuangan_daerah", "ahli_pertama", 2), ("bendahara", 2)),
            div(
                "Bidang Akuntansi dan Pelaporan",
                ("analis_keuangan", "ahli_pertama", 3),
                ("analis_keuangan", "ahli_muda", 1),
            ),
            div("Bidang Pengelolaan Barang Milik Daerah", ("pengelola_umum", 2), ("penata_layanan", 1)),
        ),
    ),
    "BAPENDA": AgencyTemplate(
        divisions=(
            div(
                "Bidang Pajak Daerah",
                ("penilai_pajak", "ahli_pertama", 2),
                sections=("Seksi Pajak Kendaraan Bermotor",),
            ),
            div("Bidang Retribusi dan Pendapatan Lain-lain", ("analis_keuangan", "ahli_pertama", 1)),
            div(
                "Bidang Pengendalian dan Evaluasi Pendapatan",
                ("pranata_komputer", "ahli_pertama", 1),
                ("analis_keuangan", "ahli_muda", 1),
            ),
        ),
        uptds=tuple(
            uptd(
                f"UPTD Samsat {regency}",
                "B",
                ("pengelola_layanan", 2 if place in ("Ternate", "Sofifi", "Tobelo") else 1),
                ("bendahara", 1),
                regency=regency,
            )
            for regency, place in SAMSAT_REGENCIES[:8]
        ),
    ),
    "BKD": AgencyTemplate(
        divisions=(
            div(
                "Bidang Pengadaan, Pemberhentian dan Informasi Kepegawaian",
                ("analis_sdma", "ahli_pertama", 3),
                ("pranata_komputer", "ahli_pertama", 2),
                staff=DATA_STAFF,
            ),
            div(
                "Bidang Mutasi dan Promosi",
                ("analis_sdma", "ahli_pertama", 2),
                ("analis_sdma", "ahli_muda", 2),
                ("asesor_sdma", "ahli_pertama", 1),
            ),
            div(
                "Bidang Penilaian Kinerja Aparatur dan Penghargaan",
                ("analis_sdma", "ahli_pertama", 2),
                ("analis_sdma", "ahli_madya", 1),
            ),
        ),
    ),
    "BPSDM": AgencyTemplate(
        divisions=(
            div(
                "Bidang Pengembangan Kompetensi Manajerial dan Fungsional",
                ("widyaiswara", "ahli_muda", 3),
                ("widyaiswara", "ahli_madya", 2),
                ("widyaiswara", "ahli_utama", 1),
            ),
            div(
                "Bidang Pengembangan Kompetensi Teknis",
                ("widyaiswara", "ahli_pertama", 2),
                ("analis_sdma", "ahli_pertama", 2),
            ),
            div(
                "Bidang Sertifikasi Kompetensi dan Pengelolaan Kelembagaan",
                ("analis_sdma", "ahli_muda", 1),
                ("pranata_komputer", "ahli_pertama", 1),
            ),
        ),
    ),
    "BPBD": AgencyTemplate(
        head_title="Kepala Pelaksana",
        divisions=(
            div("Bidang Pencegahan dan Kesiapsiagaan", ("analis_bencana", "ahli_pertama", 2)),
            div("Bidang Kedaruratan dan Logistik", ("analis_bencana", "ahli_pertama", 1), ("operator", 3)),
            div(
                "Bidang Rehabilitasi dan Rekonstruksi",
                ("teknik_jalan", "ahli_pertama", 1),
                ("analis_bencana", "ahli_muda", 1),
            ),
        ),
    ),
    "KESBANGPOL": AgencyTemplate(
        divisions=(
            div(
                "Bidang Ideologi, Wawasan Kebangsaan dan Karakter Bangsa",
                ("analis_kebijakan", "ahli_pertama", 1),
            ),
            div(
                "Bidang Politik Dalam Negeri dan Organisasi Kemasyarakatan",
                ("analis_kebijakan", "ahli_pertama", 2),
            ),
            div(
                "Bidang Ketahanan Ekonomi, Sosial, Budaya, Agama dan Kewaspadaan Nasional",
                ("analis_kebijakan", "ahli_muda", 1),
            ),
        ),
    ),
    "DIKBUD": AgencyTemplate(
        divisions=(
            div(
                "Bidang Pembinaan Sekolah Menengah Atas",
                ("pengawas_sekolah", "ahli_muda", 2),
                ("analis_kebijakan", "ahli_pertama", 1),
            ),
            div(
                "Bidang Pembinaan Sekolah Menengah Kejuruan",
                ("pengawas_sekolah", "ahli_muda", 1),
                ("analis_kebijakan", "ahli_pertama", 1),
            ),
            div("Bidang Pembinaan Pendidikan Khusus", ("pengawas_sekolah", "ahli_pertama", 1)),
            div(
                "Bidang Guru dan Tenaga Kependidikan",
                ("analis_sdma", "ahli_pertama", 2),
                ("pranata_komputer", "terampil", 1),
                staff=DATA_STAFF,
            ),
            div("Bidang Kebudayaan", ("pamong_budaya", "ahli_pertama", 2), ("pamong_budaya", "ahli_muda", 1)),
        ),
        uptds=tuple(
            uptd(
                f"Cabang Dinas Pendidikan Wilayah {regency}",
                "A",
                ("pengawas_sekolah", "ahli_madya", 1),
                regency=regency,
            )
            for regency, _place in SAMSAT_REGENCIES
        ),
    ),
    "DINKES": AgencyTemplate(
        divisions=(
            div(
                "Bidang Kesehatan Masyarakat",
                ("promkes", "ahli_pertama", 2),
                ("nutrisionis", "ahli_pertama", 1),
                ("sanitarian", "terampil", 1),
                sections=("Seksi Kesehatan Keluarga dan Gizi", "Seksi Kesehatan Lingkungan"),
            ),
            div(
                "Bidang Pencegahan dan Pengendalian Penyakit",
                ("epidemiolog", "ahli_pertama", 2),
                ("epidemiolog", "ahli_muda", 1),
                sections=("Seksi Surveilans dan Imunisasi",),
            ),
            div(
                "Bidang Pelayanan Kesehatan",
                ("dokter", "ahli_muda", 1),
                ("administrator_kesehatan", "ahli_pertama", 2),
            ),
            div(
                "Bidang Sumber Daya Kesehatan",
                ("apoteker", "ahli_pertama", 1),
                ("administrator_kesehatan", "ahli_muda", 1),
            ),
        ),
        uptds=(
            uptd(
                "UPTD Laboratorium Kesehatan Daerah",
                "A",
                ("plk", "terampil", 4),
                ("plk", "ahli_pertama", 2),
                ("dokter", "ahli_pertama", 1),
                regency="Kota Ternate",
            ),
            uptd(
                "UPTD Instalasi Farmasi Provinsi",
                "B",
                ("apoteker", "ahli_pertama", 1),
                ("ttk", "terampil", 2),
                regency="Kota Tidore Kepulauan",
            ),
        ),
    ),
    "PUPR": AgencyTemplate(
        divisions=(
            div(
                "Bidang Bina Marga",
                ("teknik_jalan", "ahli_pertama", 3),
                ("teknik_jalan", "ahli_muda", 1),
                sections=("Seksi Pembangunan Jalan dan Jembatan",),
            ),
            div(
                "Bidang Sumber Daya Air",
                ("teknik_pengairan", "ahli_pertama", 2),
                ("teknik_pengairan", "ahli_muda", 1),
            ),
            div("Bidang Cipta Karya", ("penata_bangunan", "ahli_pertama", 2)),
            div(
                "Bidang Penataan Ruang", ("penata_ruang", "ahli_pertama", 2), ("penata_ruang", "ahli_muda", 1)
            ),
            div("Bidang Bina Konstruksi", ("teknik_jalan", "ahli_pertama", 1)),
        ),
        uptds=(
            uptd(
                "UPTD Pengelolaan Jalan dan Jembatan Wilayah I",
                "B",
                ("teknik_jalan", "terampil", 2),
                regency="Halmahera Utara",
            ),
            uptd(
                "UPTD Pengelolaan Jalan dan Jembatan Wilayah II",
                "B",
                ("teknik_jalan", "terampil", 2),
                regency="Halmahera Selatan",
            ),
            uptd(
                "UPTD Laboratorium Bahan Konstruksi",
                "B",
                ("teknik_jalan", "terampil", 2),
                regency="Kota Tidore Kepulauan",
            ),
        ),
    ),
    "PERKIM": AgencyTemplate(
        divisions=(
            div("Bidang Perumahan", ("penata_bangunan", "ahli_pertama", 2)),
            div(
                "Bidang Kawasan Permukiman",
                ("penata_bangunan", "ahli_pertama", 1),
                ("penata_ruang", "ahli_pertama", 1),
            ),
            div("Bidang Prasarana, Sarana dan Utilitas Umum", ("teknik_jalan", "ahli_pertama", 1)),
        ),
    ),
    "SATPOLPP": AgencyTemplate(
        divisions=(
            div(
                "Bidang Penegakan Peraturan Daerah",
                ("pol_pp", "terampil", 6),
                ("pol_pp", "ahli_pertama", 2),
                sections=("Seksi Penyelidikan dan Penyidikan",),
            ),
            div(
                "Bidang Ketertiban Umum dan Ketenteraman Masyarakat",
                ("pol_pp", "terampil", 10),
                ("pol_pp", "mahir", 4),
                ("pol_pp", "penyelia", 2),
            ),
            div("Bidang Perlindungan Masyarakat", ("pol_pp", "terampil", 4), ("operator", 2)),
            div("Bidang Sumber Daya Aparatur", ("pol_pp", "ahli_muda", 1)),
        ),
    ),
    "DINSOS": AgencyTemplate(
        divisions=(
            div(
                "Bidang Perlindungan dan Jaminan Sosial",
                ("pekerja_sosial", "ahli_pertama", 2),
                ("penyuluh_sosial", "ahli_pertama", 1),
            ),
            div(
                "Bidang Rehabilitasi Sosial",
                ("pekerja_sosial", "ahli_pertama", 2),
                ("pekerja_sosial", "ahli_muda", 1),
            ),
            div(
                "Bidang Pemberdayaan Sosial dan Penanganan Fakir Miskin",
                ("penyuluh_sosial", "ahli_pertama", 2),
                staff=DATA_STAFF,
            ),
        ),
        uptds=(
            uptd(
                "UPTD Panti Sosial Tresna Werdha",
                "B",
                ("pekerja_sosial", "terampil", 3),
                ("nutrisionis", "terampil", 1),
                regency="Kota Ternate",
            ),
            uptd(
                "UPTD Panti Sosial Bina Remaja",
                "B",
                ("pekerja_sosial", "terampil", 2),
                regency="Kota Tidore Kepulauan",
            ),
        ),
    ),
    "NAKERTRANS": AgencyTemplate(
        divisions=(
            div("Bidang Pelatihan dan Penempatan Tenaga Kerja", ("instruktur", "ahli_pertama", 1)),
            div(
                "Bidang Hubungan Industrial dan Jaminan Sosial Tenaga Kerja",
                ("mediator", "ahli_pertama", 2),
                ("mediator", "ahli_muda", 1),
            ),
            div(
                "Bidang Pengawasan Ketenagakerjaan",
                ("pengawas_naker", "ahli_pertama", 3),
                ("pengawas_naker", "ahli_muda", 1),
            ),
            div("Bidang Transmigrasi", ("analis_kebijakan", "ahli_pertama", 1)),
        ),
        uptds=(
            uptd(
                "UPTD Balai Latihan Kerja",
                "A",
                ("instruktur", "terampil", 3),
                ("instruktur", "ahli_pertama", 2),
                regency="Kota Ternate",
            ),
        ),
    ),
    "DP3A": AgencyTemplate(
        divisions=(
            div("Bidang Kualitas Hidup Perempuan", ("analis_pemberdayaan", "ahli_pertama", 1)),
            div("Bidang Perlindungan Hak Perempuan", ("analis_pemberdayaan", "ahli_pertama", 1)),
            div(
                "Bidang Pemenuhan Hak Anak dan Perlindungan Khusus Anak",
                ("analis_pemberdayaan", "ahli_pertama", 2),
            ),
        ),
        uptds=(
            uptd(
                "UPTD Perlindungan Perempuan dan Anak",
                "B",
                ("pekerja_sosial", "ahli_pertama", 2),
                regency="Kota Ternate",
            ),
        ),
    ),
    "DLH": AgencyTemplate(
        divisions=(
            div(
                "Bidang Tata Lingkungan",
                ("pengendali_dampak", "ahli_pertama", 2),
                ("pengendali_dampak", "ahli_muda", 1),
            ),
            div("Bidang Pengelolaan Sampah dan Limbah B3", ("pengendali_dampak", "ahli_pertama", 1)),
            div(
                "Bidang Pengendalian Pencemaran dan Kerusakan Lingkungan", ("pengawas_lh", "ahli_pertama", 2)
            ),
            div(
                "Bidang Penataan dan Peningkatan Kapasitas Lingkungan Hidup", ("pengawas_lh", "ahli_muda", 1)
            ),
        ),
        uptds=(
            uptd(
                "UPTD Laboratorium Lingkungan",
                "B",
                ("pengendali_dampak", "terampil", 2),
                regency="Kota Tidore Kepulauan",
            ),
        ),
    ),
    "DISDUKCAPIL": AgencyTemplate(
        divisions=(
            div(
                "Bidang Pelayanan Pendaftaran Penduduk",
                ("adminduk", "ahli_pertama", 2),
                ("penata_kependudukan", "ahli_pertama", 1),
                ("penata_layanan", 1),
                sections=("Seksi Identitas Penduduk", "Seksi Pindah Datang Penduduk"),
            ),
            div(
                "Bidang Pelayanan Pencatatan Sipil",
                ("penata_kependudukan", "ahli_pertama", 2),
                ("penata_kependudukan", "ahli_muda", 1),
                sections=("Seksi Kelahiran dan Kematian", "Seksi Perkawinan dan Perceraian"),
            ),
            div(
                "Bidang Pengelolaan Informasi Administrasi Kependudukan",
                ("adminduk", "ahli_pertama", 2),
                ("adminduk", "ahli_muda", 1),
                ("adminduk", "terampil", 2),
                ("pranata_komputer", "ahli_pertama", 1),
                staff=DATA_STAFF,
            ),
            div(
                "Bidang Pemanfaatan Data dan Inovasi Pelayanan",
                ("analis_kebijakan", "ahli_pertama", 1),
                ("adminduk", "ahli_pertama", 1),
            ),
        ),
        uptds=(
            uptd(
                "UPTD Pelayanan Administrasi Kependudukan Terpadu",
                "B",
                ("adminduk", "terampil", 2),
                ("pengelola_layanan", 2),
                ("operator", 2),
                regency="Kota Tidore Kepulauan",
            ),
        ),
    ),
    "DPMD": AgencyTemplate(
        divisions=(
            div("Bidang Pemerintahan Desa", ("penggerak_swadaya", "ahli_pertama", 1)),
            div("Bidang Pemberdayaan Masyarakat Desa", ("penggerak_swadaya", "ahli_pertama", 2)),
            div(
                "Bidang Pengembangan Ekonomi dan Pemanfaatan Teknologi Tepat Guna",
                ("penggerak_swadaya", "ahli_muda", 1),
            ),
        ),
    ),
    "DISHUB": AgencyTemplate(
        divisions=(
            div(
                "Bidang Lalu Lintas dan Angkutan Jalan",
                ("penguji_kendaraan", "terampil", 2),
                sections=("Seksi Angkutan Jalan",),
            ),
            div(
                "Bidang Pelayaran",
                ("pengawas_pelayaran", "ahli_pertama", 2),
                ("pengawas_pelayaran", "terampil", 2),
                sections=("Seksi Lalu Lintas dan Angkutan Laut",),
            ),
            div("Bidang Perhubungan Udara", ("analis_kebijakan", "ahli_pertama", 1)),
        ),
        uptds=(
            uptd(
                "UPTD Pengujian Kendaraan Bermotor",
                "B",
                ("penguji_kendaraan", "terampil", 3),
                ("penguji_kendaraan", "mahir", 1),
                regency="Kota Ternate",
            ),
            uptd(
                "UPTD Pelabuhan Sofifi",
                "B",
                ("pengawas_pelayaran", "terampil", 2),
                ("operator", 2),
                regency="Kota Tidore Kepulauan",
            ),
        ),
    ),
    "DISKOMINFO": AgencyTemplate(
        divisions=(
            div(
                "Bidang Informasi dan Komunikasi Publik",
                ("pranata_humas", "ahli_pertama", 2),
                ("pranata_humas", "terampil", 1),
            ),
            div(
                "Bidang Aplikasi Informatika",
                ("pranata_komputer", "ahli_pertama", 3),
                ("pranata_komputer", "ahli_muda", 1),
                ("manggala_informatika", "ahli_pertama", 1),
            ),
            div(
                "Bidang Infrastruktur Teknologi Informasi dan Komunikasi",
                ("pranata_komputer", "terampil", 2),
                ("pranata_komputer", "ahli_pertama", 1),
            ),
            div(
                "Bidang Persandian dan Statistik",
                ("sandiman", "ahli_pertama", 2),
                ("statistisi", "ahli_pertama", 1),
            ),
        ),
    ),
    "DISKOPUKM": AgencyTemplate(
        divisions=(
            div("Bidang Kelembagaan dan Pengawasan Koperasi", ("pengawas_koperasi", "ahli_pertama", 2)),
            div("Bidang Pemberdayaan Usaha Mikro", ("analis_kebijakan", "ahli_pertama", 1)),
        ),
        uptds=(
            uptd(
                "UPTD Pusat Layanan Usaha Terpadu Koperasi dan UMKM",
                "B",
                ("penata_layanan", 1),
                regency="Kota Ternate",
            ),
        ),
    ),
    "DPMPTSP": AgencyTemplate(
        divisions=(
            div("Bidang Perencanaan dan Promosi Penanaman Modal", ("analis_investasi", "ahli_pertama", 2)),
            div(
                "Bidang Pelayanan Perizinan dan Nonperizinan",
                ("penata_layanan", 3),
                ("pengelola_layanan", 2),
                sections=("Seksi Perizinan Berusaha",),
            ),
            div(
                "Bidang Pengendalian Pelaksanaan Penanaman Modal",
                ("analis_investasi", "ahli_pertama", 1),
                ("analis_investasi", "ahli_muda", 1),
            ),
            div(
                "Bidang Pengaduan, Kebijakan dan Pelaporan Layanan",
                ("analis_kebijakan", "ahli_pertama", 1),
                ("pranata_komputer", "ahli_pertama", 1),
            ),
        ),
    ),
    "DISPORA": AgencyTemplate(
        divisions=(
            div("Bidang Pemberdayaan dan Pengembangan Pemuda", ("analis_kebijakan", "ahli_pertama", 1)),
            div(
                "Bidang Pembudayaan dan Peningkatan Prestasi Olahraga",
                ("pelatih_olahraga", "ahli_pertama", 2),
            ),
            div("Bidang Sarana dan Prasarana Kepemudaan dan Olahraga", ("pengelola_umum", 1)),
        ),
    ),
    "DISPERPUSIP": AgencyTemplate(
        divisions=(
            div("Bidang Pengembangan Perpustakaan", ("pustakawan", "ahli_pertama", 2)),
            div("Bidang Layanan Perpustakaan", ("pustakawan", "terampil", 3), ("pustakawan", "ahli_muda", 1)),
            div("Bidang Kearsipan", ("arsiparis", "ahli_pertama", 2), ("arsiparis", "terampil", 2)),
        ),
    ),
    "DKP": AgencyTemplate(
        divisions=(
            div(
                "Bidang Perikanan Tangkap",
                ("penyuluh_perikanan", "ahli_pertama", 2),
                sections=("Seksi Kapal Perikanan dan Alat Penangkapan Ikan",),
            ),
            div("Bidang Perikanan Budidaya", ("penyuluh_perikanan", "terampil", 2)),
            div("Bidang Pengelolaan Ruang Laut", ("pengelola_ekosistem_laut", "ahli_pertama", 2)),
            div(
                "Bidang Pengawasan Sumber Daya Kelautan dan Perikanan",
                ("pengawas_perikanan", "ahli_pertama", 2),
                ("pengawas_perikanan", "terampil", 2),
            ),
        ),
        uptds=(
            uptd(
                "UPTD Pelabuhan Perikanan Bastiong",
                "B",
                ("pengawas_perikanan", "terampil", 2),
                regency="Kota Ternate",
            ),
            uptd(
                "UPTD Pelabuhan Perikanan Tobelo",
                "B",
                ("pengawas_perikanan", "terampil", 1),
                regency="Halmahera Utara",
            ),
        ),
    ),
    "DISPAR": AgencyTemplate(
        divisions=(
            div("Bidang Destinasi Pariwisata", ("adyatama_kepariwisataan", "ahli_pertama", 2)),
            div("Bidang Pemasaran Pariwisata", ("adyatama_kepariwisataan", "ahli_pertama", 1)),
            div("Bidang Ekonomi Kreatif", ("adyatama_kepariwisataan", "ahli_muda", 1)),
        ),
    ),
    "DISTAN": AgencyTemplate(
        divisions=(
            div(
                "Bidang Tanaman Pangan dan Hortikultura",
                ("penyuluh_pertanian", "ahli_pertama", 2),
                ("pengawas_benih", "ahli_pertama", 1),
            ),
            div("Bidang Perkebunan", ("penyuluh_pertanian", "ahli_pertama", 2)),
            div(
                "Bidang Peternakan dan Kesehatan Hewan",
                ("medik_veteriner", "ahli_pertama", 2),
                ("paramedik_veteriner", "terampil", 2),
            ),
            div("Bidang Prasarana, Sarana dan Penyuluhan", ("penyuluh_pertanian", "ahli_muda", 1)),
        ),
        uptds=(
            uptd("UPTD Balai Benih Induk", "B", ("pengawas_benih", "terampil", 2), regency="Halmahera Barat"),
            uptd(
                "UPTD Balai Proteksi Tanaman",
                "B",
                ("penyuluh_pertanian", "terampil", 2),
                regency="Kota Tidore Kepulauan",
            ),
        ),
    ),
    "DISHUT": AgencyTemplate(
        divisions=(
            div(
                "Bidang Perencanaan dan Pemanfaatan Hutan", ("pengendali_ekosistem_hutan", "ahli_pertama", 2)
            ),
            div(
                "Bidang Perlindungan Hutan dan Konservasi Sumber Daya Alam",
                ("polisi_kehutanan", "terampil", 2),
                ("polisi_kehutanan", "ahli_pertama", 1),
            ),
            div(
                "Bidang Rehabilitasi Hutan dan Pemberdayaan Masyarakat",
                ("penyuluh_kehutanan", "ahli_pertama", 2),
            ),
        ),
        uptds=tuple(
            uptd(
                f"UPTD Kesatuan Pengelolaan Hutan {regency}",
                "B",
                ("polisi_kehutanan", "terampil", 2),
                ("penyuluh_kehutanan", "terampil", 1),
                regency=regency,
            )
            for regency in KPH_REGENCIES
        ),
    ),
    "DESDM": AgencyTemplate(
        divisions=(
            div(
                "Bidang Mineral dan Batubara",
                ("inspektur_tambang", "ahli_pertama", 2),
                ("inspektur_tambang", "ahli_muda", 1),
            ),
            div("Bidang Energi dan Ketenagalistrikan", ("analis_kebijakan", "ahli_pertama", 1)),
            div("Bidang Geologi dan Air Tanah", ("penyelidik_bumi", "ahli_pertama", 2)),
        ),
    ),
    "DISPERINDAG": AgencyTemplate(
        divisions=(
            div("Bidang Perindustrian", ("analis_kebijakan", "ahli_pertama", 1)),
            div("Bidang Perdagangan Dalam Negeri", ("pengawas_perdagangan", "ahli_pertama", 2)),
            div("Bidang Perdagangan Luar Negeri", ("analis_kebijakan", "ahli_pertama", 1)),
            div(
                "Bidang Perlindungan Konsumen dan Standardisasi",
                ("pengawas_perdagangan", "ahli_muda", 1),
                ("penguji_mutu", "ahli_pertama", 1),
            ),
        ),
        uptds=(
            uptd(
                "UPTD Balai Pengujian dan Sertifikasi Mutu Barang",
                "B",
                ("penguji_mutu", "terampil", 2),
                regency="Kota Ternate",
            ),
        ),
    ),
    "DKPANGAN": AgencyTemplate(
        divisions=(
            div("Bidang Ketersediaan dan Distribusi Pangan", ("analis_ketahanan_pangan", "ahli_pertama", 2)),
            div(
                "Bidang Konsumsi dan Keamanan Pangan",
                ("pengawas_mutu_pangan", "ahli_pertama", 2),
                ("analis_ketahanan_pangan", "ahli_muda", 1),
            ),
        ),
    ),
    "RSUD-SOFIFI": rsud(2),
    "RSUD-CB": rsud(3),
}

# Leadership of the Regional Secretariat: the assistants and the governor's advisers.
SETDA_POSTS = {
    "Asisten Pemerintahan dan Kesejahteraan Rakyat": ("Asisten Pemerintahan dan Kesejahteraan Rakyat",),
    "Asisten Perekonomian dan Pembangunan": ("Asisten Perekonomian dan Pembangunan",),
    "Asisten Administrasi Umum": ("Asisten Administrasi Umum",),
    "Staf Ahli Gubernur": (
        "Staf Ahli Gubernur Bidang Hukum, Politik dan Pemerintahan",
        "Staf Ahli Gubernur Bidang Ekonomi, Keuangan dan Pembangunan",
        "Staf Ahli Gubernur Bidang Kemasyarakatan dan Sumber Daya Manusia",
    ),
}

# Where an agency's office is (home regency of most of its staff); Sofifi otherwise.
AGENCY_REGENCY = {"RSUD-CB": "Kota Ternate", "SETWAN": "Kota Ternate"}
DEFAULT_REGENCY = "Kota Tidore Kepulauan"

# Kinds of public schools under the education office; the demo grows by adding schools.
SCHOOL_KINDS = (
    ("SMA Negeri", "SMAN"),
    ("SMA Negeri", "SMAN"),
    ("SMK Negeri", "SMKN"),
    ("SLB Negeri", "SLBN"),
)
