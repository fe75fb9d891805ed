"""Reference data of the demo province: ranks and education by position class, fields
of study with their academic degrees, functional-position families and pelaksana titles.

Plain data, no Django models: the structure and people generators read it, and the
tests check the loaded data against it.
"""

from dataclasses import dataclass

# Rank range of a PNS by position class (golongan/ruang). Functional ranges follow the
# jenjang of Permen PANRB 1/2023; managerial ranges the usual eselon equivalents.
PNS_RANKS_BY_CLASS: dict[str, tuple[str, str]] = {
    "jpt_madya": ("IV/c", "IV/e"),
    "jpt_pratama": ("IV/b", "IV/d"),
    "administrator": ("III/d", "IV/c"),
    "pengawas": ("III/b", "IV/a"),
    "ahli_utama": ("IV/d", "IV/e"),
    "ahli_madya": ("IV/a", "IV/c"),
    "ahli_muda": ("III/c", "III/d"),
    "ahli_pertama": ("III/a", "III/b"),
    "penyelia": ("III/c", "III/d"),
    "mahir": ("III/a", "III/b"),
    "terampil": ("II/b", "II/d"),
    "pemula": ("II/a", "II/a"),
}

# Pelaksana ranks depend on the education the position asks for.
PNS_PELAKSANA_RANKS: dict[str, tuple[str, str]] = {
    "sma": ("II/a", "III/b"),
    "d3": ("II/c", "III/c"),
    "s1": ("III/a", "III/d"),
}

# PPPK grade by functional jenjang (Perpres 98/2020); PPPK hold no managerial position.
PPPK_GRADES_BY_CLASS: dict[str, tuple[str, str]] = {
    "ahli_utama": ("PPPK-XIV", "PPPK-XV"),
    "ahli_madya": ("PPPK-XII", "PPPK-XIII"),
    "ahli_muda": ("PPPK-X", "PPPK-XI"),
    "ahli_pertama": ("PPPK-IX", "PPPK-IX"),
    "penyelia": ("PPPK-IX", "PPPK-IX"),
    "mahir": ("PPPK-VIII", "PPPK-VIII"),
    "terampil": ("PPPK-VII", "PPPK-VII"),
    "pemula": ("PPPK-V", "PPPK-V"),
}
PPPK_PELAKSANA_GRADES: dict[str, tuple[str, str]] = {
    "sma": ("PPPK-V", "PPPK-V"),
    "d3": ("PPPK-VII", "PPPK-VII"),
    "s1": ("PPPK-IX", "PPPK-IX"),
}

# Starting rank of a new CPNS by education (the rank of the first history row).
PNS_ENTRY_RANK = {"sma": "II/a", "d3": "II/c", "s1": "III/a", "s2": "III/b", "s3": "III/c"}

MANAGERIAL = ("jpt_utama", "jpt_madya", "jpt_pratama", "administrator", "pengawas")

REQUIRED_EDUCATION_BY_CLASS = {
    "jpt_madya": "s1",
    "jpt_pratama": "s1",
    "administrator": "s1",
    "pengawas": "d3",
    "ahli_utama": "s1",
    "ahli_madya": "s1",
    "ahli_muda": "s1",
    "ahli_pertama": "s1",
    "penyelia": "d3",
    "mahir": "d3",
    "terampil": "d3",
    "pemula": "sma",
}

# Batas usia pensiun (UU 20/2023 and PP 11/2017 as amended): 58, 60 for JPT and Ahli
# Madya, 65 for Ahli Utama; teachers retire at 60.
RETIREMENT_AGE = {"jpt_madya": 60, "jpt_pratama": 60, "ahli_madya": 60, "ahli_utama": 65}
DEFAULT_RETIREMENT_AGE = 58
TEACHER_RETIREMENT_AGE = 60

# Age range (at the reference date) of people who hold a position of the class.
AGE_RANGE_BY_CLASS = {
    "jpt_madya": (50, 58),
    "jpt_pratama": (45, 58),
    "administrator": (40, 56),
    "pengawas": (34, 56),
    "ahli_utama": (52, 62),
    "ahli_madya": (44, 58),
    "ahli_muda": (33, 56),
    "ahli_pertama": (24, 45),
    "penyelia": (40, 56),
    "mahir": (32, 55),
    "terampil": (23, 50),
    "pemula": (20, 35),
    "pelaksana": (21, 56),
}


@dataclass(frozen=True)
class Degree:
    """Academic degrees for a field: Diploma III, first degree, second degree.

    ``prefix`` marks first degrees written before the name (dr., drh.).
    """

    diploma: str
    bachelor: str
    master: str
    prefix: bool = False


FIELDS: dict[str, Degree] = {
    "Administrasi Publik": Degree("A.Md.", "S.AP.", "M.AP."),
    "Ilmu Pemerintahan": Degree("A.Md.", "S.IP.", "M.Si."),
    "Ilmu Politik": Degree("A.Md.", "S.IP.", "M.Si."),
    "Ilmu Hukum": Degree("A.Md.", "S.H.", "M.H."),
    "Manajemen": Degree("A.Md.", "S.E.", "M.M."),
    "Akuntansi": Degree("A.Md.Ak.", "S.Ak.", "M.Ak."),
    "Ekonomi Pembangunan": Degree("A.Md.", "S.E.", "M.E."),
    "Teknik Informatika": Degree("A.Md.Kom.", "S.Kom.", "M.Kom."),
    "Sistem Informasi": Degree("A.Md.Kom.", "S.Kom.", "M.Kom."),
    "Statistika": Degree("A.Md.Stat.", "S.Stat.", "M.Si."),
    "Ilmu Komunikasi": Degree("A.Md.", "S.I.Kom.", "M.I.Kom."),
    "Ilmu Perpustakaan": Degree("A.Md.", "S.I.Pust.", "M.Hum."),
    "Kearsipan": Degree("A.Md.", "S.Hum.", "M.Hum."),
    "Psikologi": Degree("A.Md.", "S.Psi.", "M.Psi."),
    "Sosiologi": Degree("A.Md.", "S.Sos.", "M.Si."),
    "Kesejahteraan Sosial": Degree("A.Md.", "S.Sos.", "M.Kesos."),
    "Kedokteran": Degree("", "dr.", "M.Kes.", prefix=True),
    "Ilmu Penyakit Dalam": Degree("", "dr.", "Sp.PD.", prefix=True),
    "Ilmu Kesehatan Anak": Degree("", "dr.", "Sp.A.", prefix=True),
    "Obstetri dan Ginekologi": Degree("", "dr.", "Sp.OG.", prefix=True),
    "Ilmu Bedah": Degree("", "dr.", "Sp.B.", prefix=True),
    "Anestesiologi": Degree("", "dr.", "Sp.An.", prefix=True),
    "Radiologi": Degree("", "dr.", "Sp.Rad.", prefix=True),
    "Kedokteran Gigi": Degree("", "drg.", "M.Kes.", prefix=True),
    "Keperawatan": Degree("A.Md.Kep.", "S.Kep., Ns.", "M.Kep."),
    "Kebidanan": Degree("A.Md.Keb.", "S.Tr.Keb.", "M.Keb."),
    "Farmasi": Degree("A.Md.Farm.", "S.Farm., Apt.", "M.Farm."),
    "Kesehatan Masyarakat": Degree("A.Md.KL.", "S.KM.", "M.Kes."),
    "Kesehatan Lingkungan": Degree("A.Md.KL.", "S.Tr.KL.", "M.Kes."),
    "Gizi": Degree("A.Md.Gz.", "S.Gz.", "M.Gz."),
    "Teknologi Laboratorium Medis": Degree("A.Md.AK.", "S.Tr.Kes.", "M.Si."),
    "Radiodiagnostik dan Radioterapi": Degree("A.Md.Rad.", "S.Tr.Rad.", "M.Si."),
    "Rekam Medis dan Informasi Kesehatan": Degree("A.Md.RMIK.", "S.Tr.RMIK.", "M.Kes."),
    "Fisioterapi": Degree("A.Md.Ftr.", "S.Ftr.", "M.Fis."),
    "Pendidikan Matematika": Degree("A.Md.", "S.Pd.", "M.Pd."),
    "Pendidikan Bahasa Indonesia": Degree("A.Md.", "S.Pd.", "M.Pd."),
    "Pendidikan Bahasa Inggris": Degree("A.Md.", "S.Pd.", "M.Pd."),
    "Pendidikan Fisika": Degree("A.Md.", "S.Pd.", "M.Pd."),
    "Pendidikan Kimia": Degree("A.Md.", "S.Pd.", "M.Pd."),
    "Pendidikan Biologi": Degree("A.Md.", "S.Pd.", "M.Pd."),
    "Pendidikan Ekonomi": Degree("A.Md.", "S.Pd.", "M.Pd."),
    "Pendidikan Sejarah": Degree("A.Md.", "S.Pd.", "M.Pd."),
    "Pendidikan Geografi": Degree("A.Md.", "S.Pd.", "M.Pd."),
    "Pendidikan Pancasila dan Kewarganegaraan": Degree("A.Md.", "S.Pd.", "M.Pd."),
    "Pendidikan Agama Islam": Degree("A.Md.", "S.Pd.", "M.Pd."),
    "Pendidikan Agama Kristen": Degree("A.Md.", "S.Pd.K.", "M.Pd.K."),
    "Pendidikan Jasmani": Degree("A.Md.", "S.Pd.", "M.Or."),
    "Pendidikan Seni": Degree("A.Md.", "S.Pd.", "M.Pd."),
    "Bimbingan dan Konseling": Degree("A.Md.", "S.Pd.", "M.Pd."),
    "Pendidikan Luar Biasa": Degree("A.Md.", "S.Pd.", "M.Pd."),
    "Pendidikan Teknik Otomotif": Degree("A.Md.T.", "S.Pd.", "M.Pd."),
    "Pendidikan Teknik Informatika": Degree("A.Md.Kom.", "S.Pd.", "M.Pd."),
    "Teknik Sipil": Degree("A.Md.T.", "S.T.", "M.T."),
    "Teknik Elektro": Degree("A.Md.T.", "S.T.", "M.T."),
    "Teknik Mesin": Degree("A.Md.T.", "S.T.", "M.T."),
    "Teknik Lingkungan": Degree("A.Md.T.", "S.T.", "M.T."),
    "Teknik Pertambangan": Degree("A.Md.T.", "S.T.", "M.T."),
    "Teknik Geologi": Degree("A.Md.T.", "S.T.", "M.T."),
    "Arsitektur": Degree("A.Md.T.", "S.Ars.", "M.Ars."),
    "Perencanaan Wilayah dan Kota": Degree("A.Md.T.", "S.PWK.", "M.T."),
    "Agroteknologi": Degree("A.Md.P.", "S.P.", "M.P."),
    "Agribisnis": Degree("A.Md.P.", "S.P.", "M.Si."),
    "Peternakan": Degree("A.Md.Pt.", "S.Pt.", "M.Si."),
    "Kedokteran Hewan": Degree("", "drh.", "M.Si.", prefix=True),
    "Kehutanan": Degree("A.Md.Hut.", "S.Hut.", "M.Hut."),
    "Ilmu Kelautan": Degree("A.Md.Pi.", "S.Kel.", "M.Si."),
    "Pemanfaatan Sumberdaya Perikanan": Degree("A.Md.Pi.", "S.Pi.", "M.Si."),
    "Teknologi Hasil Perikanan": Degree("A.Md.Pi.", "S.Pi.", "M.Si."),
    "Transportasi": Degree("A.Md.Tra.", "S.Tr.Tra.", "M.T."),
    "Nautika": Degree("A.Md.Tra.", "S.Tr.Pel.", "M.Mar."),
    "Pariwisata": Degree("A.Md.Par.", "S.Par.", "M.Par."),
    "Ilmu Keolahragaan": Degree("A.Md.", "S.Or.", "M.Or."),
    "Sejarah": Degree("A.Md.", "S.Hum.", "M.Hum."),
    "Antropologi": Degree("A.Md.", "S.Ant.", "M.Si."),
    "Teknologi Pangan": Degree("A.Md.TP.", "S.TP.", "M.Si."),
}

# Fields a senior-high-school graduate records.
SCHOOL_FIELDS = (
    "IPA",
    "IPS",
    "Akuntansi (SMK)",
    "Teknik Komputer dan Jaringan (SMK)",
    "Administrasi Perkantoran (SMK)",
)

GENERAL_FIELDS = (
    "Administrasi Publik",
    "Ilmu Pemerintahan",
    "Manajemen",
    "Ilmu Hukum",
    "Ekonomi Pembangunan",
    "Sosiologi",
    "Ilmu Politik",
)
FINANCE_FIELDS = ("Akuntansi", "Manajemen", "Ekonomi Pembangunan")
IT_FIELDS = ("Teknik Informatika", "Sistem Informasi")


@dataclass(frozen=True)
class Family:
    """A functional-position family (jabatan fungsional) and the fields it recruits from."""

    name: str
    fields: tuple[str, ...]
    teacher: bool = False
    # Share of holders recruited as PPPK (teachers and health staff mostly).
    pppk_share: float = 0.06


FAMILIES: dict[str, Family] = {
    "analis_kebijakan": Family("Analis Kebijakan", GENERAL_FIELDS),
    "perencana": Family("Perencana", ("Ekonomi Pembangunan", "Perencanaan Wilayah dan Kota", "Statistika")),
    "analis_keuangan": Family("Analis Keuangan Pusat dan Daerah", FINANCE_FIELDS),
    "pranata_komputer": Family("Pranata Komputer", IT_FIELDS),
    "arsiparis": Family("Arsiparis", ("Kearsipan", "Administrasi Publik")),
    "pranata_humas": Family("Pranata Hubungan Masyarakat", ("Ilmu Komunikasi",)),
    "analis_sdma": Family(
        "Analis Sumber Daya Manusia Aparatur", ("Administrasi Publik", "Psikologi", "Manajemen")
    ),
    "asesor_sdma": Family("Asesor Sumber Daya Manusia Aparatur", ("Psikologi",)),
    "widyaiswara": Family("Widyaiswara", ("Administrasi Publik", "Manajemen", "Ilmu Pemerintahan")),
    "auditor": Family("Auditor", ("Akuntansi", "Manajemen", "Ilmu Hukum")),
    "p2upd": Family(
        "Pengawas Penyelenggaraan Urusan Pemerintahan di Daerah",
        ("Ilmu Pemerintahan", "Administrasi Publik", "Ilmu Hukum"),
    ),
    "perancang_uu": Family("Perancang Peraturan Perundang-undangan", ("Ilmu Hukum",)),
    "analis_hukum": Family("Analis Hukum", ("Ilmu Hukum",)),
    "pengelola_pbj": Family("Pengelola Pengadaan Barang/Jasa", ("Manajemen", "Teknik Sipil", "Akuntansi")),
    "statistisi": Family("Statistisi", ("Statistika",)),
    "adminduk": Family(
        "Administrator Database Kependudukan", ("Teknik Informatika", "Sistem Informasi", "Statistika")
    ),
    "penata_kependudukan": Family(
        "Penata Kependudukan dan Keluarga Berencana", ("Sosiologi", "Kesehatan Masyarakat", "Statistika")
    ),
    "dokter": Family("Dokter", ("Kedokteran",), pppk_share=0.15),
    "dokter_gigi": Family("Dokter Gigi", ("Kedokteran Gigi",), pppk_share=0.15),
    "perawat": Family("Perawat", ("Keperawatan",), pppk_share=0.2),
    "bidan": Family("Bidan", ("Kebidanan",), pppk_share=0.2),
    "apoteker": Family("Apoteker", ("Farmasi",), pppk_share=0.15),
    "ttk": Family("Tenaga Teknis Kefarmasian", ("Farmasi",), pppk_share=0.2),
    "plk": Family("Pranata Laboratorium Kesehatan", ("Teknologi Laboratorium Medis",), pppk_share=0.2),
    "radiografer": Family("Radiografer", ("Radiodiagnostik dan Radioterapi",), pppk_share=0.2),
    "nutrisionis": Family("Nutrisionis", ("Gizi",), pppk_share=0.2),
    "perekam_medis": Family(
        "Perekam Medis dan Informasi Kesehatan", ("Rekam Medis dan Informasi Kesehatan",), pppk_share=0.2
    ),
    "fisioterapis": Family("Fisioterapis", ("Fisioterapi",), pppk_share=0.2),
    "epidemiolog": Family("Epidemiolog Kesehatan", ("Kesehatan Masyarakat",), pppk_share=0.1),
    "sanitarian": Family("Tenaga Sanitasi Lingkungan", ("Kesehatan Lingkungan",), pppk_share=0.15),
    "promkes": Family("Penyuluh Kesehatan Masyarakat", ("Kesehatan Masyarakat",), pppk_share=0.1),
    "administrator_kesehatan": Family("Administrator Kesehatan", ("Kesehatan Masyarakat", "Kedokteran")),
    "pekerja_sosial": Family("Pekerja Sosial", ("Kesejahteraan Sosial",)),
    "penyuluh_sosial": Family("Penyuluh Sosial", ("Kesejahteraan Sosial", "Sosiologi")),
    "pengawas_naker": Family(
        "Pengawas Ketenagakerjaan", ("Ilmu Hukum", "Teknik Mesin", "Kesehatan Masyarakat")
    ),
    "mediator": Family("Mediator Hubungan Industrial", ("Ilmu Hukum",)),
    "instruktur": Family("Instruktur", ("Teknik Mesin", "Teknik Elektro", "Teknik Informatika")),
    "pengawas_lh": Family("Pengawas Lingkungan Hidup", ("Teknik Lingkungan", "Kesehatan Lingkungan")),
    "pengendali_dampak": Family("Pengendali Dampak Lingkungan", ("Teknik Lingkungan",)),
    "teknik_jalan": Family("Teknik Jalan dan Jembatan", ("Teknik Sipil",)),
    "teknik_pengairan": Family("Teknik Pengairan", ("Teknik Sipil",)),
    "penata_ruang": Family("Penata Ruang", ("Perencanaan Wilayah dan Kota", "Arsitektur")),
    "penata_bangunan": Family("Teknik Tata Bangunan dan Perumahan", ("Arsitektur", "Teknik Sipil")),
    "pol_pp": Family("Polisi Pamong Praja", ("Ilmu Hukum", "Ilmu Pemerintahan")),
    "analis_bencana": Family(
        "Analis Kebencanaan", ("Teknik Geologi", "Teknik Sipil", "Kesehatan Masyarakat")
    ),
    "penggerak_swadaya": Family("Penggerak Swadaya Masyarakat", ("Sosiologi", "Ilmu Pemerintahan")),
    "penguji_kendaraan": Family("Penguji Kendaraan Bermotor", ("Teknik Mesin", "Transportasi")),
    "pengawas_pelayaran": Family("Pengawas Keselamatan Pelayaran", ("Nautika", "Transportasi")),
    "sandiman": Family("Sandiman", IT_FIELDS),
    "manggala_informatika": Family("Manggala Informatika", IT_FIELDS),
    "pengawas_koperasi": Family("Pengawas Koperasi", ("Manajemen", "Akuntansi")),
    "analis_investasi": Family("Penata Kelola Penanaman Modal", ("Ekonomi Pembangunan", "Manajemen")),
    "pustakawan": Family("Pustakawan", ("Ilmu Perpustakaan",)),
    "pamong_budaya": Family("Pamong Budaya", ("Sejarah", "Antropologi")),
    "pengawas_sekolah": Family("Pengawas Sekolah", ("Pendidikan Matematika", "Pendidikan Bahasa Indonesia")),
    "penyuluh_perikanan": Family("Penyuluh Perikanan", ("Pemanfaatan Sumberdaya Perikanan",)),
    "pengawas_perikanan": Family("Pengawas Perikanan", ("Pemanfaatan Sumberdaya Perikanan", "Ilmu Kelautan")),
    "pengelola_ekosistem_laut": Family("Pengelola Ekosistem Laut dan Pesisir", ("Ilmu Kelautan",)),
    "penyuluh_pertanian": Family("Penyuluh Pertanian", ("Agroteknologi", "Agribisnis")),
    "pengawas_benih": Family("Pengawas Benih Tanaman", ("Agroteknologi",)),
    "medik_veteriner": Family("Medik Veteriner", ("Kedokteran Hewan",)),
    "paramedik_veteriner": Family("Paramedik Veteriner", ("Peternakan",)),
    "polisi_kehutanan": Family("Polisi Kehutanan", ("Kehutanan",)),
    "penyuluh_kehutanan": Family("Penyuluh Kehutanan", ("Kehutanan",)),
    "pengendali_ekosistem_hutan": Family("Pengendali Ekosistem Hutan", ("Kehutanan",)),
    "inspektur_tambang": Family("Inspektur Tambang", ("Teknik Pertambangan", "Teknik Geologi")),
    "penyelidik_bumi": Family("Penyelidik Bumi", ("Teknik Geologi",)),
    "pengawas_perdagangan": Family("Pengawas Perdagangan", ("Manajemen", "Ekonomi Pembangunan")),
    "penguji_mutu": Family("Penguji Mutu Barang", ("Teknologi Pangan", "Teknik Mesin")),
    "analis_ketahanan_pangan": Family("Analis Ketahanan Pangan", ("Agribisnis", "Teknologi Pangan")),
    "pengawas_mutu_pangan": Family("Pengawas Mutu Hasil Pertanian", ("Teknologi Pangan", "Agroteknologi")),
    "adyatama_kepariwisataan": Family("Adyatama Kepariwisataan dan Ekonomi Kreatif", ("Pariwisata",)),
    "pelatih_olahraga": Family("Pelatih Olahraga", ("Ilmu Keolahragaan", "Pendidikan Jasmani")),
    "analis_pemberdayaan": Family(
        "Analis Perlindungan Perempuan dan Anak", ("Psikologi", "Kesejahteraan Sosial")
    ),
    "pengelola_keuangan_daerah": Family("Analis Pengelolaan Keuangan APBD", FINANCE_FIELDS),
    "penilai_pajak": Family("Penilai Pajak Bumi dan Bangunan", ("Akuntansi", "Manajemen")),
    "guru": Family("Guru", (), teacher=True, pppk_share=0.3),
}

# Level titles of the functional jenjang.
LEVEL_TITLES = {
    "ahli_utama": "Ahli Utama",
    "ahli_madya": "Ahli Madya",
    "ahli_muda": "Ahli Muda",
    "ahli_pertama": "Ahli Pertama",
    "penyelia": "Penyelia",
    "mahir": "Mahir",
    "terampil": "Terampil",
    "pemula": "Pemula",
}

# Pelaksana titles of the 2022 nomenclature (Kepmen PANRB 11/2024 and predecessors), with
# the education each asks for and the fields that qualify (empty: any field).
PELAKSANA: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "penelaah": ("Penelaah Teknis Kebijakan", "s1", ()),
    "penata_layanan": ("Penata Layanan Operasional", "s1", ()),
    "pengolah_data": ("Pengolah Data dan Informasi", "d3", ()),
    "pengelola_layanan": ("Pengelola Layanan Operasional", "d3", ()),
    "pengelola_umum": ("Pengelola Umum Operasional", "d3", ()),
    "bendahara": ("Bendahara", "d3", FINANCE_FIELDS),
    "pengadministrasi": ("Pengadministrasi Perkantoran", "sma", ()),
    "operator": ("Operator Layanan Operasional", "sma", ()),
    "pengemudi": ("Operator Layanan Operasional - Pengemudi", "sma", ()),
}

# Subjects with their lesson hours per class per week (Kurikulum Merdeka structure) and
# the field a teacher of the subject studied. Bimbingan dan Konseling has no lessons; its
# workload is one counsellor per 150 students (Permendikbud 111/2014).
TEACHER_SUBJECTS_SMA = (
    ("Matematika", "Pendidikan Matematika", 4),
    ("Bahasa Indonesia", "Pendidikan Bahasa Indonesia", 4),
    ("Bahasa Inggris", "Pendidikan Bahasa Inggris", 3),
    ("Fisika", "Pendidikan Fisika", 3),
    ("Kimia", "Pendidikan Kimia", 3),
    ("Biologi", "Pendidikan Biologi", 3),
    ("Ekonomi", "Pendidikan Ekonomi", 3),
    ("Sejarah", "Pendidikan Sejarah", 2),
    ("Geografi", "Pendidikan Geografi", 2),
    ("Pendidikan Pancasila", "Pendidikan Pancasila dan Kewarganegaraan", 2),
    ("Pendidikan Agama Islam", "Pendidikan Agama Islam", 3),
    ("Pendidikan Agama Kristen", "Pendidikan Agama Kristen", 1),
    ("PJOK", "Pendidikan Jasmani", 3),
    ("Seni Budaya", "Pendidikan Seni", 2),
    ("Bimbingan dan Konseling", "Bimbingan dan Konseling", 0),
)
TEACHER_SUBJECTS_SMK = (
    ("Matematika", "Pendidikan Matematika", 4),
    ("Bahasa Indonesia", "Pendidikan Bahasa Indonesia", 3),
    ("Bahasa Inggris", "Pendidikan Bahasa Inggris", 3),
    ("Pendidikan Pancasila", "Pendidikan Pancasila dan Kewarganegaraan", 2),
    ("Pendidikan Agama Islam", "Pendidikan Agama Islam", 3),
    ("PJOK", "Pendidikan Jasmani", 2),
    ("Teknik Kendaraan Ringan", "Pendidikan Teknik Otomotif", 6),
    ("Teknik Komputer dan Jaringan", "Pendidikan Teknik Informatika", 6),
    ("Akuntansi dan Keuangan Lembaga", "Akuntansi", 6),
    ("Nautika Kapal Penangkap Ikan", "Nautika", 6),
    ("Agribisnis Perikanan", "Pemanfaatan Sumberdaya Perikanan", 6),
    ("Bimbingan dan Konseling", "Bimbingan dan Konseling", 0),
)
TEACHER_SUBJECTS_SLB = (
    ("Pendidikan Khusus", "Pendidikan Luar Biasa", 24),
    ("PJOK", "Pendidikan Jasmani", 2),
    ("Bimbingan dan Konseling", "Bimbingan dan Konseling", 0),
)
# PP 74/2008: a teacher's load is at least 24 lesson hours a week.
TEACHER_HOURS_PER_WEEK = 24
STUDENTS_PER_CLASS = 32
STUDENTS_PER_COUNSELLOR = 150

# Fields employees name in their placement interests.
INTEREST_FIELDS = (
    "Pelayanan publik",
    "Perencanaan dan penganggaran",
    "Transformasi digital",
    "Pengelolaan data",
    "Keuangan daerah",
    "Manajemen kepegawaian",
    "Hukum dan perundang-undangan",
    "Pengawasan internal",
    "Kesehatan masyarakat",
    "Pendidikan",
    "Kelautan dan perikanan",
    "Lingkungan hidup",
    "Kebencanaan",
    "Pariwisata",
)

INTEREST_NOTES = (
    "Bersedia ditempatkan di Sofifi.",
    "Ingin kembali bertugas di daerah asal.",
    "Berminat pada jabatan fungsional sesuai latar belakang pendidikan.",
    "Siap ditempatkan di kabupaten kepulauan.",
    "Ingin mengembangkan kompetensi di bidang digitalisasi layanan.",
    "Mengikuti suami/istri yang bertugas di Ternate.",
)


def functional_title(family: str, level: str, specialty: str = "") -> str:
    name = FAMILIES[family].name
    if specialty:
        name = f"{name} {specialty}"
    return f"{name} {LEVEL_TITLES[level]}"
