"""Technical competencies of the demo province's citizen-facing agencies (Permen PANRB
38/2017: each agency defines the technical competencies of its field).

Plain data: a name, what the competency covers and two typical tasks, from which the
five level titles and their behaviour indicators are written, and the position families
or unit-name words the competency fits (to pick a position's technical competencies).
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class TechnicalSpec:
    name: str
    scope: str  # what the competency covers, as a noun phrase ("pelayanan ...")
    tasks: tuple[str, str]  # two typical tasks, for the level indicators
    # Position families, or words of unit names, that the competency fits first.
    fits: tuple[str, ...] = ()


def _spec(name: str, scope: str, task: str, other: str, *fits: str) -> TechnicalSpec:
    return TechnicalSpec(name, scope, (task, other), fits)


_HOSPITAL = (
    _spec(
        "Pelayanan Pasien",
        "pelayanan pasien yang berorientasi pada keselamatan pasien",
        "identifikasi pasien dan komunikasi efektif dengan pasien dan keluarganya",
        "penerapan enam sasaran keselamatan pasien",
        "perawat", "bidan", "dokter", "dokter_gigi", "fisioterapis", "nutrisionis", "Rawat", "Keperawatan",
    ),
    _spec(
        "Kegawatdaruratan Medis",
        "penanganan kegawatdaruratan medis",
        "triase dan bantuan hidup dasar",
        "stabilisasi dan rujukan pasien gawat darurat",
        "Gawat Darurat", "Bedah", "Pelayanan Medik", "dokter",
    ),
    _spec(
        "Pencegahan dan Pengendalian Infeksi",
        "pencegahan dan pengendalian infeksi di rumah sakit",
        "kebersihan tangan dan penggunaan alat pelindung diri",
        "sterilisasi alat dan pengelolaan limbah medis",
        "plk", "apoteker", "ttk", "radiografer", "Laboratorium", "Farmasi", "Penunjang", "Gizi",
    ),
    _spec(
        "Rekam Medis Elektronik",
        "pengelolaan rekam medis elektronik",
        "pengisian rekam medis elektronik yang lengkap dan tepat waktu",
        "pengodean diagnosis untuk klaim JKN",
        "perekam_medis", "pranata_komputer", "Rekam Medik", "Tata Usaha",
    ),
)  # fmt: skip

TECHNICAL: dict[str, tuple[TechnicalSpec, ...]] = {
    "DISDUKCAPIL": (
        _spec(
            "Pelayanan Administrasi Kependudukan Digital",
            "pelayanan administrasi kependudukan digital",
            "aktivasi dan pendampingan penggunaan Identitas Kependudukan Digital (IKD)",
            "layanan dokumen kependudukan daring melalui SIAK Terpusat",
            "adminduk", "pranata_komputer", "pengolah_data", "operator", "penata_layanan",
            "pengelola_layanan", "Informasi", "Inovasi", "Terpadu",
        ),
        _spec(
            "Perekaman dan Verifikasi Data KTP-el",
            "perekaman dan verifikasi data KTP-el",
            "perekaman biometrik sidik jari, iris mata dan foto wajah",
            "verifikasi dan validasi data penduduk sebelum pencetakan KTP-el",
            "adminduk", "Identitas", "Pendaftaran", "Terpadu",
        ),
        _spec(
            "Pencatatan Peristiwa Penting dan Penerbitan Akta",
            "pencatatan sipil atas kelahiran, kematian, perkawinan dan perceraian",
            "penerbitan akta kelahiran dan akta kematian",
            "pencatatan perkawinan dan perceraian penduduk nonmuslim",
            "penata_kependudukan", "Pencatatan Sipil", "Kelahiran", "Perkawinan",
        ),
        _spec(
            "Pengelolaan dan Pemanfaatan Data Kependudukan",
            "pengelolaan basis data dan pemanfaatan data kependudukan",
            "konsolidasi dan pemutakhiran basis data kependudukan",
            "pemberian hak akses data kependudukan kepada lembaga pengguna",
            "analis_kebijakan", "statistisi", "Pemanfaatan", "Pengelolaan Informasi",
        ),
    ),
    "DINKES": (
        _spec(
            "Promosi Kesehatan",
            "promosi kesehatan dan pemberdayaan masyarakat",
            "penyuluhan perilaku hidup bersih dan sehat",
            "penggerakan posyandu dan upaya kesehatan bersumber daya masyarakat",
            "promkes", "nutrisionis", "Kesehatan Masyarakat",
        ),
        _spec(
            "Surveilans dan Pengendalian Penyakit",
            "surveilans epidemiologi dan pengendalian penyakit",
            "penyelidikan epidemiologi kejadian luar biasa",
            "pemantauan cakupan imunisasi dan penyakit menular",
            "epidemiolog", "sanitarian", "Pencegahan", "Pengendalian", "Laboratorium",
        ),
        _spec(
            "Pembinaan Pelayanan Kesehatan Primer dan Rujukan",
            "pembinaan pelayanan kesehatan primer dan rujukan",
            "pembinaan mutu pelayanan puskesmas",
            "penataan sistem rujukan antarfasilitas kesehatan",
            "dokter", "perawat", "bidan", "apoteker", "Pelayanan Kesehatan", "Sumber Daya",
        ),
    ),
    "RSUD-SOFIFI": _HOSPITAL,
    "RSUD-CB": _HOSPITAL,
    "DIKBUD": (
        _spec(
            "Pembelajaran Berdiferensiasi",
            "pembelajaran berdiferensiasi",
            "asesmen diagnostik kebutuhan belajar peserta didik",
            "penyusunan modul ajar sesuai Kurikulum Merdeka",
            "guru",
        ),
        _spec(
            "Asesmen Pembelajaran dan Pemanfaatan Rapor Pendidikan",
            "asesmen pembelajaran dan perencanaan berbasis data Rapor Pendidikan",
            "penyusunan asesmen formatif dan sumatif",
            "perencanaan perbaikan mutu berbasis Rapor Pendidikan",
            "guru", "pengawas_sekolah", "Pembinaan",
        ),
        _spec(
            "Pengelolaan Satuan Pendidikan",
            "pengelolaan administrasi dan sumber daya satuan pendidikan",
            "pemutakhiran Dapodik dan administrasi sekolah",
            "pengelolaan dana BOSP secara transparan",
            "pengadministrasi", "pengelola_layanan", "pengawas_sekolah", "Cabang Dinas", "Tata Usaha",
        ),
        _spec(
            "Pelindungan dan Pengembangan Kebudayaan",
            "pelindungan dan pengembangan kebudayaan daerah",
            "pendataan objek pemajuan kebudayaan dan cagar budaya",
            "fasilitasi komunitas adat dan pelaku budaya",
            "pamong_budaya", "Kebudayaan",
        ),
    ),
    "DPMPTSP": (
        _spec(
            "Pelayanan Perizinan Berusaha Terintegrasi (OSS)",
            "pelayanan perizinan berusaha berbasis risiko melalui OSS",
            "verifikasi persyaratan perizinan berusaha di sistem OSS RBA",
            "pendampingan pelaku usaha dalam penerbitan NIB dan izin",
            "penata_layanan", "pengelola_layanan", "operator", "Pelayanan", "Perizinan",
        ),
        _spec(
            "Promosi dan Fasilitasi Penanaman Modal",
            "promosi dan fasilitasi penanaman modal",
            "penyusunan profil peluang investasi daerah",
            "fasilitasi penyelesaian hambatan investasi",
            "analis_investasi", "Promosi", "Perencanaan",
        ),
        _spec(
            "Pengawasan Pelaksanaan Perizinan dan Penanaman Modal",
            "pengawasan pelaksanaan perizinan dan penanaman modal",
            "pemeriksaan Laporan Kegiatan Penanaman Modal (LKPM)",
            "penanganan pengaduan layanan perizinan",
            "Pengendalian", "Pengaduan", "Data",
        ),
    ),
    "BAPENDA": (
        _spec(
            "Pelayanan Pajak Daerah",
            "pelayanan pajak daerah",
            "penetapan dan pemungutan Pajak Kendaraan Bermotor di Samsat",
            "pelayanan Bea Balik Nama Kendaraan Bermotor",
            "penata_layanan", "pengelola_layanan", "operator", "Samsat", "Pajak",
        ),
        _spec(
            "Pendataan dan Penilaian Objek Pajak Daerah",
            "pendataan dan penilaian objek pajak daerah",
            "pendataan objek dan subjek pajak daerah",
            "penilaian dasar pengenaan pajak daerah",
            "penilai_pajak", "Penetapan", "Pendataan",
        ),
        _spec(
            "Pengelolaan Pendapatan Daerah Berbasis Elektronik",
            "pengelolaan pendapatan daerah berbasis elektronik",
            "pembayaran pajak nontunai melalui e-Samsat",
            "rekonsiliasi penerimaan harian dengan kas daerah",
            "pengolah_data", "pranata_komputer", "Retribusi", "Pengendalian",
        ),
    ),
    "DISHUB": (
        _spec(
            "Pengujian Berkala Kendaraan Bermotor",
            "pengujian berkala kendaraan bermotor",
            "pemeriksaan teknis dan laik jalan kendaraan",
            "penerbitan bukti lulus uji elektronik (BLUe)",
            "penguji_kendaraan", "Darat", "Pengujian",
        ),
        _spec(
            "Pelayanan Angkutan Umum dan Penyeberangan",
            "pelayanan angkutan umum dan penyeberangan antarpulau",
            "pengaturan jadwal dan pengawasan angkutan penyeberangan",
            "penanganan keluhan pengguna angkutan umum",
            "Laut", "Udara", "Angkutan", "operator",
        ),
        _spec(
            "Keselamatan Pelayaran Rakyat",
            "keselamatan pelayaran rakyat",
            "pemeriksaan kelaiklautan kapal rakyat",
            "sosialisasi keselamatan pelayaran kepada nakhoda dan penumpang",
            "pengawas_pelayaran", "Laut", "Keselamatan",
        ),
    ),
    "DINSOS": (
        _spec(
            "Rehabilitasi dan Pendampingan Sosial",
            "rehabilitasi dan pendampingan sosial",
            "asesmen kebutuhan penerima manfaat",
            "pendampingan penyandang disabilitas dan lanjut usia",
            "pekerja_sosial", "Rehabilitasi",
        ),
        _spec(
            "Pengelolaan Data Terpadu Kesejahteraan Sosial",
            "pengelolaan data terpadu kesejahteraan sosial",
            "verifikasi dan validasi data penerima bantuan sosial",
            "pemutakhiran data melalui SIKS-NG",
            "pengolah_data", "Pemberdayaan", "Perlindungan",
        ),
        _spec(
            "Perlindungan dan Jaminan Sosial",
            "perlindungan dan jaminan sosial",
            "penyaluran bantuan sosial tepat sasaran",
            "penanganan korban bencana sosial",
            "penyuluh_sosial", "Perlindungan", "Jaminan",
        ),
    ),
    "PUPR": (
        _spec(
            "Penyelenggaraan Jalan dan Jembatan",
            "penyelenggaraan jalan dan jembatan provinsi",
            "survei kondisi jalan dan jembatan",
            "pengawasan pekerjaan pemeliharaan jalan",
            "teknik_jalan", "Bina Marga",
        ),
        _spec(
            "Pengelolaan Sumber Daya Air",
            "pengelolaan sumber daya air",
            "operasi dan pemeliharaan jaringan irigasi",
            "pengendalian banjir dan pengamanan pantai",
            "teknik_pengairan", "Sumber Daya Air",
        ),
        _spec(
            "Pengawasan Mutu Konstruksi",
            "pengawasan mutu konstruksi",
            "pemeriksaan mutu bahan dan hasil pekerjaan",
            "penerapan sistem manajemen keselamatan konstruksi",
            "Bina Konstruksi", "Cipta Karya", "penata_bangunan",
        ),
        _spec(
            "Penataan Ruang",
            "penataan ruang wilayah provinsi",
            "penyusunan dan peninjauan rencana tata ruang",
            "penerbitan rekomendasi kesesuaian kegiatan pemanfaatan ruang",
            "penata_ruang", "Tata Ruang",
        ),
    ),
    "PERKIM": (
        _spec(
            "Penanganan Permukiman Kumuh",
            "penanganan permukiman kumuh",
            "pendataan kawasan permukiman kumuh",
            "perencanaan peningkatan kualitas permukiman",
            "Kawasan Permukiman", "Prasarana",
        ),
        _spec(
            "Penyediaan Rumah Layak Huni",
            "penyediaan rumah layak huni",
            "verifikasi calon penerima bantuan rumah swadaya",
            "pendampingan pembangunan rumah korban bencana",
            "Perumahan",
        ),
        _spec(
            "Pembinaan Bangunan Gedung",
            "pembinaan penyelenggaraan bangunan gedung",
            "pemeriksaan kelaikan fungsi bangunan gedung",
            "pendampingan penerbitan persetujuan bangunan gedung",
            "penata_bangunan", "Bangunan",
        ),
    ),
    "SATPOLPP": (
        _spec(
            "Penegakan Peraturan Daerah",
            "penegakan peraturan daerah dan peraturan kepala daerah",
            "penyelidikan dan penindakan nonyustisial atas pelanggaran perda",
            "penyusunan berita acara penegakan perda",
            "pol_pp", "Penegakan",
        ),
        _spec(
            "Ketenteraman dan Ketertiban Umum",
            "penyelenggaraan ketenteraman dan ketertiban umum",
            "patroli dan pengamanan kegiatan masyarakat",
            "penanganan unjuk rasa dan keramaian secara humanis",
            "pol_pp", "Ketertiban",
        ),
        _spec(
            "Perlindungan Masyarakat",
            "perlindungan masyarakat",
            "pembinaan satuan perlindungan masyarakat (Satlinmas)",
            "dukungan penanganan bencana dan pengamanan pemilu",
            "Perlindungan Masyarakat",
        ),
    ),
    "NAKERTRANS": (
        _spec(
            "Pengawasan Ketenagakerjaan",
            "pengawasan norma ketenagakerjaan",
            "pemeriksaan norma kerja dan keselamatan kerja di perusahaan",
            "penerbitan nota pemeriksaan dan pembinaan perusahaan",
            "pengawas_naker", "Pengawasan",
        ),
        _spec(
            "Hubungan Industrial dan Mediasi",
            "hubungan industrial dan mediasi perselisihan",
            "mediasi perselisihan hubungan industrial",
            "pembinaan peraturan perusahaan dan perjanjian kerja bersama",
            "mediator", "Hubungan Industrial",
        ),
        _spec(
            "Pelatihan dan Penempatan Tenaga Kerja",
            "pelatihan kerja berbasis kompetensi dan penempatan tenaga kerja",
            "penyelenggaraan pelatihan berbasis kompetensi",
            "pelayanan antarkerja dan informasi pasar kerja",
            "instruktur", "Pelatihan", "Penempatan",
        ),
    ),
    "DP3A": (
        _spec(
            "Pelayanan Perlindungan Perempuan dan Anak",
            "pelayanan perlindungan perempuan dan anak korban kekerasan",
            "penerimaan pengaduan dan asesmen korban kekerasan",
            "pendampingan dan rujukan korban ke layanan kesehatan dan hukum",
            "pekerja_sosial", "Perlindungan", "UPTD",
        ),
        _spec(
            "Pengarusutamaan Gender",
            "pengarusutamaan gender dalam pembangunan daerah",
            "analisis gender dan penyusunan anggaran responsif gender",
            "pendampingan perangkat daerah dalam perencanaan responsif gender",
            "analis_pemberdayaan", "Kualitas Hidup",
        ),
        _spec(
            "Pemenuhan Hak Anak",
            "pemenuhan hak anak",
            "fasilitasi kabupaten/kota layak anak",
            "penguatan forum anak dan lembaga penyedia layanan anak",
            "Anak",
        ),
    ),
    "DLH": (
        _spec(
            "Pengawasan Lingkungan Hidup",
            "pengawasan ketaatan lingkungan hidup",
            "pengawasan izin lingkungan dan persetujuan lingkungan",
            "penanganan pengaduan pencemaran lingkungan",
            "pengawas_lh", "Penataan",
        ),
        _spec(
            "Pengendalian Pencemaran Lingkungan",
            "pengendalian pencemaran dan kerusakan lingkungan",
            "pemantauan kualitas air, udara dan tanah",
            "penilaian dokumen AMDAL dan UKL-UPL",
            "pengendali_dampak", "Pengendalian", "Laboratorium",
        ),
        _spec(
            "Pengelolaan Sampah dan Limbah B3",
            "pengelolaan sampah dan limbah bahan berbahaya dan beracun",
            "pembinaan bank sampah dan pengurangan sampah",
            "pengawasan penyimpanan dan pengangkutan limbah B3",
            "Sampah",
        ),
    ),
    "DPMD": (
        _spec(
            "Pendampingan Pemerintahan Desa",
            "pendampingan penyelenggaraan pemerintahan desa",
            "fasilitasi penyusunan peraturan desa",
            "pembinaan administrasi pemerintahan desa",
            "Pemerintahan Desa",
        ),
        _spec(
            "Pemberdayaan Masyarakat Desa",
            "pemberdayaan masyarakat desa",
            "penguatan lembaga kemasyarakatan dan BUMDes",
            "fasilitasi musyawarah perencanaan pembangunan desa",
            "penggerak_swadaya", "Pemberdayaan",
        ),
        _spec(
            "Pengelolaan Keuangan Desa",
            "pembinaan pengelolaan keuangan desa",
            "pendampingan penggunaan Siskeudes",
            "pemantauan penyaluran dan penggunaan dana desa",
            "Keuangan", "Pemerintahan Desa",
        ),
    ),
    "DISKOMINFO": (
        _spec(
            "Pengelolaan Layanan SPBE",
            "penyelenggaraan Sistem Pemerintahan Berbasis Elektronik",
            "pengelolaan aplikasi dan pusat data pemerintah daerah",
            "pendampingan perangkat daerah dalam integrasi layanan digital",
            "pranata_komputer", "manggala_informatika", "Aplikasi", "Informatika",
        ),
        _spec(
            "Keamanan Informasi dan Persandian",
            "keamanan informasi dan persandian",
            "penerapan sertifikat elektronik dan tanda tangan elektronik",
            "penanganan insiden keamanan siber",
            "sandiman", "Persandian",
        ),
        _spec(
            "Komunikasi Publik dan Layanan Informasi",
            "komunikasi publik dan layanan informasi publik",
            "pengelolaan kanal media sosial dan siaran pers pemerintah daerah",
            "pelayanan permohonan informasi publik (PPID)",
            "pranata_humas", "Komunikasi", "Informasi Publik",
        ),
    ),
    "DISKOPUKM": (
        _spec(
            "Pengawasan dan Pembinaan Koperasi",
            "pengawasan dan pembinaan kelembagaan koperasi",
            "pemeriksaan kesehatan usaha simpan pinjam koperasi",
            "pendampingan rapat anggota tahunan koperasi",
            "pengawas_koperasi", "Koperasi",
        ),
        _spec(
            "Pendampingan Usaha Mikro",
            "pendampingan dan pengembangan usaha mikro",
            "fasilitasi legalitas dan sertifikasi produk usaha mikro",
            "pendampingan akses pembiayaan dan pemasaran digital",
            "Usaha Mikro", "Pemberdayaan",
        ),
    ),
    "DISPORA": (
        _spec(
            "Pembinaan Olahraga Prestasi",
            "pembinaan olahraga prestasi",
            "pemantauan dan pembinaan atlet daerah",
            "penyelenggaraan kejuaraan olahraga tingkat provinsi",
            "pelatih_olahraga", "Olahraga",
        ),
        _spec(
            "Pelayanan Kepemudaan",
            "pelayanan dan pengembangan kepemudaan",
            "pelatihan kewirausahaan dan kepemimpinan pemuda",
            "fasilitasi organisasi kepemudaan",
            "Pemuda",
        ),
    ),
    "DISPERPUSIP": (
        _spec(
            "Pelayanan Perpustakaan dan Literasi",
            "pelayanan perpustakaan dan penguatan literasi masyarakat",
            "layanan sirkulasi, referensi dan perpustakaan digital",
            "pembinaan perpustakaan desa dan sekolah",
            "pustakawan", "Perpustakaan",
        ),
        _spec(
            "Pengelolaan Arsip Dinamis dan Statis",
            "pengelolaan arsip dinamis dan statis",
            "penataan dan alih media arsip",
            "pelayanan akses arsip statis kepada masyarakat",
            "arsiparis", "Kearsipan",
        ),
    ),
    "DKP": (
        _spec(
            "Penyuluhan Perikanan",
            "penyuluhan perikanan",
            "pendampingan kelompok pembudidaya dan nelayan",
            "penyuluhan cara penanganan ikan yang baik",
            "penyuluh_perikanan", "Budidaya", "Tangkap",
        ),
        _spec(
            "Pengawasan Sumber Daya Kelautan dan Perikanan",
            "pengawasan sumber daya kelautan dan perikanan",
            "pengawasan penangkapan ikan dan alat tangkap",
            "penanganan pelanggaran di wilayah pesisir",
            "pengawas_perikanan", "Pengawasan",
        ),
        _spec(
            "Pengelolaan Ruang Laut dan Konservasi",
            "pengelolaan ruang laut dan kawasan konservasi perairan",
            "pemantauan ekosistem terumbu karang dan mangrove",
            "penerbitan rekomendasi pemanfaatan ruang laut",
            "pengelola_ekosistem_laut", "Ruang Laut",
        ),
    ),
    "DISPAR": (
        _spec(
            "Pengembangan Destinasi Pariwisata",
            "pengembangan destinasi pariwisata",
            "pendampingan desa wisata dan kelompok sadar wisata",
            "penerapan standar kebersihan, kesehatan, keselamatan dan kelestarian lingkungan",
            "adyatama_kepariwisataan", "Destinasi",
        ),
        _spec(
            "Pemasaran Pariwisata dan Ekonomi Kreatif",
            "pemasaran pariwisata dan pengembangan ekonomi kreatif",
            "penyelenggaraan festival dan promosi pariwisata",
            "pendampingan pelaku ekonomi kreatif",
            "Pemasaran", "Ekonomi Kreatif",
        ),
    ),
    "DISTAN": (
        _spec(
            "Penyuluhan Pertanian",
            "penyuluhan pertanian",
            "pendampingan kelompok tani dalam budidaya tanaman pangan dan perkebunan",
            "penyusunan rencana definitif kebutuhan kelompok (RDKK)",
            "penyuluh_pertanian", "Penyuluhan", "Perkebunan",
        ),
        _spec(
            "Pengawasan dan Sertifikasi Benih",
            "pengawasan dan sertifikasi benih tanaman",
            "pemeriksaan lapangan dan pengujian mutu benih",
            "pengawasan peredaran benih",
            "pengawas_benih", "Benih",
        ),
        _spec(
            "Kesehatan Hewan dan Kesehatan Masyarakat Veteriner",
            "kesehatan hewan dan kesehatan masyarakat veteriner",
            "pelayanan kesehatan hewan dan vaksinasi rabies",
            "pengawasan produk pangan asal hewan",
            "medik_veteriner", "paramedik_veteriner", "Peternakan", "Hewan",
        ),
    ),
    "DISHUT": (
        _spec(
            "Perlindungan dan Pengamanan Hutan",
            "perlindungan dan pengamanan hutan",
            "patroli pengamanan kawasan hutan",
            "pencegahan dan pengendalian kebakaran hutan",
            "polisi_kehutanan", "Perlindungan",
        ),
        _spec(
            "Penyuluhan dan Perhutanan Sosial",
            "penyuluhan kehutanan dan perhutanan sosial",
            "pendampingan kelompok perhutanan sosial",
            "fasilitasi usaha hasil hutan bukan kayu",
            "penyuluh_kehutanan", "Penyuluhan", "Pemberdayaan",
        ),
        _spec(
            "Pengelolaan Kesatuan Pengelolaan Hutan",
            "pengelolaan hutan di tingkat tapak (KPH)",
            "inventarisasi dan pemetaan potensi hutan",
            "rehabilitasi hutan dan lahan",
            "pengendali_ekosistem_hutan", "KPH",
        ),
    ),
    "DESDM": (
        _spec(
            "Pengawasan Pertambangan",
            "pengawasan usaha pertambangan",
            "pemeriksaan keselamatan pertambangan dan reklamasi pascatambang",
            "evaluasi laporan kegiatan pemegang izin usaha pertambangan",
            "inspektur_tambang", "Mineral", "Pertambangan",
        ),
        _spec(
            "Pengelolaan Geologi dan Air Tanah",
            "pengelolaan geologi dan air tanah",
            "penyelidikan potensi air tanah",
            "rekomendasi teknis izin pengusahaan air tanah",
            "penyelidik_bumi", "Geologi",
        ),
        _spec(
            "Pelayanan Energi dan Ketenagalistrikan",
            "pelayanan energi baru terbarukan dan ketenagalistrikan",
            "perencanaan listrik desa dan pembangkit tenaga surya",
            "pengawasan instalasi ketenagalistrikan",
            "Energi",
        ),
    ),
    "DISPERINDAG": (
        _spec(
            "Pengawasan Perdagangan dan Perlindungan Konsumen",
            "pengawasan perdagangan dan perlindungan konsumen",
            "pengawasan barang beredar dan harga bahan pokok",
            "penanganan pengaduan konsumen",
            "pengawas_perdagangan", "Perdagangan",
        ),
        _spec(
            "Metrologi Legal dan Pengujian Mutu Barang",
            "metrologi legal dan pengujian mutu barang",
            "tera dan tera ulang alat ukur, takar dan timbang",
            "pengujian mutu barang dan standardisasi",
            "penguji_mutu", "Metrologi",
        ),
        _spec(
            "Pembinaan Industri Kecil dan Menengah",
            "pembinaan industri kecil dan menengah",
            "fasilitasi sertifikasi halal dan SNI produk industri kecil",
            "pendampingan pengembangan sentra industri",
            "Perindustrian",
        ),
    ),
    "DKPANGAN": (
        _spec(
            "Analisis Ketahanan Pangan",
            "analisis ketahanan dan kerawanan pangan",
            "penyusunan peta ketahanan dan kerentanan pangan",
            "pemantauan neraca dan cadangan pangan daerah",
            "analis_ketahanan_pangan", "Ketersediaan",
        ),
        _spec(
            "Pengawasan Keamanan Pangan Segar",
            "pengawasan keamanan pangan segar",
            "pengambilan sampel dan uji cepat pangan segar",
            "pendaftaran dan sertifikasi pangan segar asal tumbuhan",
            "pengawas_mutu_pangan", "Keamanan",
        ),
    ),
}  # fmt: skip


def generic_specs(agency_name: str) -> tuple[TechnicalSpec, ...]:
    """For a citizen-facing agency added to the CSV without specs of its own."""
    field = agency_name.removeprefix("Dinas ").removeprefix("Badan ")
    return (
        _spec(
            f"Pelayanan Publik Bidang {field}",
            f"pelayanan publik bidang {field.lower()}",
            "penerapan standar pelayanan dan maklumat pelayanan",
            "penanganan pengaduan dan masukan masyarakat",
        ),
        _spec(
            f"Pembinaan Teknis Bidang {field}",
            f"pembinaan teknis bidang {field.lower()}",
            "pembinaan teknis kepada kabupaten/kota",
            "pemantauan dan evaluasi program bidang",
        ),
    )


def technical_levels(spec: TechnicalSpec) -> list[dict]:
    """Five levels (Permen PANRB 38/2017: 1 by procedure for oneself ... 5 strategic),
    each with a title and one or two behaviour indicators."""
    scope = spec.scope
    task, other = spec.tasks
    return [
        {
            "level": 1,
            "title": f"Memahami dan menjalankan {scope} sesuai prosedur dengan bimbingan",
            "indicators": [f"Menjelaskan ketentuan dan langkah {task} sesuai SOP."],
        },
        {
            "level": 2,
            "title": f"Melaksanakan {scope} secara mandiri dan membantu rekan kerja",
            "indicators": [
                f"Melaksanakan {task} secara mandiri, tepat waktu dan tanpa kesalahan berarti.",
                f"Membantu rekan kerja yang menemui kendala dalam {other}.",
            ],
        },
        {
            "level": 3,
            "title": f"Mengelola {scope} di unit kerja dan menyelesaikan permasalahannya",
            "indicators": [
                f"Membagi tugas dan memantau mutu {task} di unit kerja.",
                "Menyelesaikan kasus yang tidak tercakup dalam SOP dan melaporkannya.",
            ],
        },
        {
            "level": 4,
            "title": f"Mengembangkan {scope} serta membina pegawai lain",
            "indicators": [
                f"Menyusun atau memperbaiki SOP dan standar pelayanan {scope}.",
                f"Membimbing dan menilai kemampuan pegawai dalam {other}.",
            ],
        },
        {
            "level": 5,
            "title": f"Merumuskan kebijakan dan strategi {scope} tingkat provinsi",
            "indicators": [
                "Merumuskan kebijakan berdasarkan evaluasi kinerja layanan dan masukan masyarakat.",
                f"Membangun kerja sama lintas instansi untuk {other}.",
            ],
        },
    ]
