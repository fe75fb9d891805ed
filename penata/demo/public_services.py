"""Public services of the demo province with their service standards (Permen PANRB
15/2014): every delivery and internal component filled in, in Indonesian.

Each entry names its agency by code and its unit by name; the loader finds the unit in
the agency's tree.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class ServiceSpec:
    code: str
    agency: str
    unit: str
    name: str
    description: str
    requirements: str
    procedure: str
    completion_days: int
    fee: int
    product: str
    legal_basis: str
    yearly_users: int
    staff_count: int
    facilities: str = ""
    staff_competence: str = ""


ADMINDUK_LAW = (
    "1. Undang-Undang Nomor 24 Tahun 2013 tentang Perubahan atas Undang-Undang Nomor 23 Tahun 2006 "
    "tentang Administrasi Kependudukan;\n"
    "2. Peraturan Presiden Nomor 96 Tahun 2018 tentang Persyaratan dan Tata Cara Pendaftaran Penduduk "
    "dan Pencatatan Sipil;\n"
    "3. Peraturan Menteri Dalam Negeri Nomor 108 Tahun 2019 tentang Peraturan Pelaksanaan Peraturan "
    "Presiden Nomor 96 Tahun 2018."
)
ADMINDUK_PROCEDURE = (
    "1. Pemohon mengambil nomor antrean atau mendaftar daring;\n"
    "2. Petugas loket memeriksa kelengkapan berkas;\n"
    "3. Operator memverifikasi dan memvalidasi data pada SIAK Terpusat;\n"
    "4. Kepala Dinas menandatangani dokumen secara elektronik (TTE);\n"
    "5. Dokumen dicetak atau dikirim dalam bentuk PDF ke surel pemohon."
)
HEALTH_LAW = (
    "1. Undang-Undang Nomor 17 Tahun 2023 tentang Kesehatan;\n"
    "2. Peraturan Presiden Nomor 82 Tahun 2018 tentang Jaminan Kesehatan;\n"
    "3. Peraturan Gubernur Maluku Utara tentang Tarif Layanan Badan Layanan Umum Daerah RSUD."
)
EDUCATION_LAW = (
    "1. Undang-Undang Nomor 20 Tahun 2003 tentang Sistem Pendidikan Nasional;\n"
    "2. Peraturan Menteri Pendidikan, Kebudayaan, Riset, dan Teknologi tentang Ijazah dan "
    "Sertifikat Hasil Ujian."
)

SERVICES: tuple[ServiceSpec, ...] = (
    ServiceSpec(
        code="DUKCAPIL-KTPEL",
        agency="DISDUKCAPIL",
        unit="Bidang Pelayanan Pendaftaran Penduduk",
        name="Penerbitan KTP Elektronik",
        description=(
            "Perekaman dan pencetakan KTP-el baru, penggantian karena rusak atau hilang, dan perubahan data."
        ),
        requirements=(
            "1. Telah berusia 17 tahun, sudah kawin atau pernah kawin;\n"
            "2. Fotokopi Kartu Keluarga;\n"
            "3. KTP-el lama yang rusak, atau surat keterangan kehilangan dari kepolisian."
        ),
        procedure=ADMINDUK_PROCEDURE,
        completion_days=1,
        fee=0,
        product="Kartu Tanda Penduduk Elektronik (KTP-el).",
        legal_basis=ADMINDUK_LAW,
        yearly_users=18400,
        staff_count=9,
        facilities=(
            "Ruang tunggu ber-AC, mesin antrean, alat perekaman biometrik, printer kartu, ruang laktasi."
        ),
        staff_competence="Operator SIAK bersertifikat pelatihan Ditjen Dukcapil; memahami pelayanan prima.",
    ),
    ServiceSpec(
        code="DUKCAPIL-KK",
        agency="DISDUKCAPIL",
        unit="Bidang Pelayanan Pendaftaran Penduduk",
        name="Penerbitan Kartu Keluarga",
        description=(
            "Penerbitan KK baru, perubahan susunan anggota keluarga, dan penggantian KK rusak atau hilang."
        ),
        requirements=(
            "1. Buku nikah/kutipan akta perkawinan bagi keluarga baru;\n"
            "2. Surat keterangan pindah bagi penduduk pindahan;\n"
            "3. KK lama bagi perubahan data."
        ),
        procedure=ADMINDUK_PROCEDURE,
        completion_days=1,
        fee=0,
        product="Kartu Keluarga (dicetak pada kertas HVS A4 80 gram atau PDF bertanda tangan elektronik).",
        legal_basis=ADMINDUK_LAW,
        yearly_users=14200,
        staff_count=6,
    ),
    ServiceSpec(
        code="DUKCAPIL-AKTA-LAHIR",
        agency="DISDUKCAPIL",
        unit="Bidang Pelayanan Pencatatan Sipil",
        name="Penerbitan Akta Kelahiran",
        description="Pencatatan kelahiran dan penerbitan kutipan akta kelahiran bagi penduduk.",
        requirements=(
            "1. Surat keterangan lahir dari rumah sakit, puskesmas, atau bidan;\n"
            "2. Kartu Keluarga dan KTP-el orang tua;\n"
            "3. Buku nikah/kutipan akta perkawinan, atau Surat Pernyataan Tanggung Jawab Mutlak (SPTJM)."
        ),
        procedure=ADMINDUK_PROCEDURE,
        completion_days=1,
        fee=0,
        product="Kutipan Akta Kelahiran dan Kartu Keluarga yang diperbarui.",
        legal_basis=ADMINDUK_LAW,
        yearly_users=9600,
        staff_count=5,
    ),
    ServiceSpec(
        code="DUKCAPIL-AKTA-MATI",
        agency="DISDUKCAPIL",
        unit="Bidang Pelayanan Pencatatan Sipil",
        name="Penerbitan Akta Kematian",
        description="Pencatatan kematian penduduk dan penerbitan kutipan akta kematian.",
        requirements=(
            "1. Surat keterangan kematian dari rumah sakit atau kepala desa/lurah;\n"
            "2. Kartu Keluarga dan KTP-el almarhum/almarhumah;\n"
            "3. KTP-el pelapor."
        ),
        procedure=ADMINDUK_PROCEDURE,
        completion_days=1,
        fee=0,
        product="Kutipan Akta Kematian dan Kartu Keluarga yang diperbarui.",
        legal_basis=ADMINDUK_LAW,
        yearly_users=2150,
        staff_count=3,
    ),
    ServiceSpec(
        code="DUKCAPIL-PINDAH",
        agency="DISDUKCAPIL",
        unit="Bidang Pelayanan Pendaftaran Penduduk",
        name="Pelayanan Pindah Datang Penduduk",
        description=(
            "Penerbitan Surat Keterangan Pindah Warga Negara Indonesia (SKPWNI) dan pendaftaran kedatangan."
        ),
        requirements="1. Kartu Keluarga;\n2. KTP-el;\n3. Alamat tujuan pindah yang lengkap.",
        procedure=ADMINDUK_PROCEDURE,
        completion_days=1,
        fee=0,
        product="Surat Keterangan Pindah WNI, Kartu Keluarga dan KTP-el dengan alamat baru.",
        legal_basis=ADMINDUK_LAW,
        yearly_users=4800,
        staff_count=4,
    ),
    *(
        ServiceSpec(
            code=f"{prefix}-RAWAT-JALAN",
            agency=agency,
            unit="Instalasi Rawat Jalan",
            name="Pelayanan Rawat Jalan",
            description="Pemeriksaan dan pengobatan di poliklinik umum, gigi, dan spesialis.",
            requirements=(
                "1. KTP-el atau Kartu Identitas Anak;\n"
                "2. Kartu JKN-KIS dan surat rujukan dari FKTP bagi peserta JKN;\n"
                "3. Kartu berobat bagi pasien lama."
            ),
            procedure=(
                "1. Pendaftaran di loket atau aplikasi Mobile JKN;\n"
                "2. Pemeriksaan tanda vital oleh perawat;\n"
                "3. Pemeriksaan oleh dokter di poliklinik;\n"
                "4. Pemeriksaan penunjang bila diperlukan;\n"
                "5. Pengambilan obat di instalasi farmasi."
            ),
            completion_days=1,
            fee=50000,
            product="Diagnosis, resep, tindakan medis, dan surat kontrol atau rujukan.",
            legal_basis=HEALTH_LAW,
            yearly_users=users,
            staff_count=staff,
            facilities="Poliklinik umum, gigi dan spesialis, ruang tunggu, apotek, loket BPJS Kesehatan.",
            staff_competence="Dokter dan perawat ber-STR dan SIP aktif; pelatihan komunikasi efektif pasien.",
        )
        for prefix, agency, users, staff in (
            ("RSUDCB", "RSUD-CB", 62400, 48),
            ("RSUDSOFIFI", "RSUD-SOFIFI", 21300, 22),
        )
    ),
    *(
        ServiceSpec(
            code=f"{prefix}-IGD",
            agency=agency,
            unit="Instalasi Gawat Darurat",
            name="Pelayanan Instalasi Gawat Darurat (IGD)",
            description="Penanganan pasien gawat darurat 24 jam tanpa surat rujukan.",
            requirements=(
                "Tidak ada persyaratan untuk mendapat pertolongan pertama; identitas dan kartu JKN "
                "dilengkapi keluarga paling lambat 3 x 24 jam."
            ),
            procedure=(
                "1. Triase oleh dokter atau perawat jaga;\n"
                "2. Stabilisasi dan tindakan kegawatdaruratan;\n"
                "3. Keputusan rawat inap, rujuk, atau pulang."
            ),
            completion_days=1,
            fee=75000,
            product="Pertolongan gawat darurat, surat keterangan medis, dan rujukan.",
            legal_basis=HEALTH_LAW,
            yearly_users=users,
            staff_count=staff,
            facilities="Ruang triase, ruang resusitasi, ambulans, defibrilator, ventilator transport.",
            staff_competence="Dokter bersertifikat ATLS/ACLS; perawat bersertifikat BTCLS.",
        )
        for prefix, agency, users, staff in (
            ("RSUDCB", "RSUD-CB", 14600, 26),
            ("RSUDSOFIFI", "RSUD-SOFIFI", 6200, 14),
        )
    ),
    *(
        ServiceSpec(
            code=f"{prefix}-RAWAT-INAP",
            agency=agency,
            unit="Instalasi Rawat Inap",
            name="Pelayanan Rawat Inap",
            description="Perawatan pasien di bangsal kelas I, II, III dan ruang isolasi.",
            requirements=(
                "1. Surat pengantar rawat inap dari dokter poliklinik atau IGD;\n"
                "2. KTP-el dan Kartu Keluarga;\n"
                "3. Kartu JKN-KIS bagi peserta JKN."
            ),
            procedure=(
                "1. Pendaftaran rawat inap dan penjelasan hak dan kewajiban pasien;\n"
                "2. Penempatan di bangsal sesuai kelas;\n"
                "3. Visite dokter penanggung jawab setiap hari;\n"
                "4. Perencanaan pulang dan edukasi pasien."
            ),
            completion_days=5,
            fee=150000,
            product="Perawatan dan pengobatan, resume medis, dan surat keterangan rawat inap.",
            legal_basis=HEALTH_LAW,
            yearly_users=users,
            staff_count=staff,
            facilities=facilities,
            staff_competence="Perawat ber-STR; dokter spesialis penanggung jawab pelayanan.",
        )
        for prefix, agency, users, staff, facilities in (
            ("RSUDCB", "RSUD-CB", 9800, 96, "210 tempat tidur, ICU, NICU, ruang isolasi, kamar operasi."),
            ("RSUDSOFIFI", "RSUD-SOFIFI", 3400, 41, "96 tempat tidur, HCU, ruang isolasi."),
        )
    ),
    ServiceSpec(
        code="RSUDCB-HEMODIALISIS",
        agency="RSUD-CB",
        unit="Instalasi Rawat Jalan",
        name="Pelayanan Hemodialisis",
        description="Cuci darah terjadwal bagi pasien gagal ginjal kronik.",
        requirements=(
            "1. Surat rujukan dokter spesialis penyakit dalam;\n"
            "2. Kartu JKN-KIS;\n"
            "3. Hasil laboratorium terbaru."
        ),
        procedure=(
            "1. Penjadwalan;\n"
            "2. Pemeriksaan pra-hemodialisis;\n"
            "3. Tindakan hemodialisis 4–5 jam;\n"
            "4. Evaluasi pasca tindakan."
        ),
        completion_days=1,
        fee=900000,
        product="Tindakan hemodialisis dan catatan perkembangan pasien.",
        legal_basis=HEALTH_LAW,
        yearly_users=5200,
        staff_count=12,
    ),
    ServiceSpec(
        code="DINKES-LABKESDA",
        agency="DINKES",
        unit="UPTD Laboratorium Kesehatan Daerah",
        name="Pemeriksaan Laboratorium Kesehatan Masyarakat",
        description="Pemeriksaan sampel air minum, makanan, dan spesimen klinis rujukan.",
        requirements=(
            "1. Surat permohonan pemeriksaan;\n2. Sampel sesuai ketentuan pengambilan dan pengiriman."
        ),
        procedure=(
            "1. Penerimaan dan registrasi sampel;\n"
            "2. Pemeriksaan;\n"
            "3. Validasi hasil;\n"
            "4. Penyerahan laporan hasil uji."
        ),
        completion_days=5,
        fee=85000,
        product="Laporan hasil uji laboratorium.",
        legal_basis=(
            "1. Undang-Undang Nomor 17 Tahun 2023 tentang Kesehatan;\n"
            "2. Peraturan Daerah Provinsi Maluku Utara tentang Pajak Daerah dan Retribusi Daerah."
        ),
        yearly_users=3100,
        staff_count=10,
    ),
    ServiceSpec(
        code="DINKES-IZIN-RS",
        agency="DINKES",
        unit="Bidang Pelayanan Kesehatan",
        name="Rekomendasi Perizinan Rumah Sakit Kelas B",
        description="Verifikasi teknis dan rekomendasi perizinan berusaha rumah sakit kewenangan provinsi.",
        requirements=(
            "1. Permohonan melalui sistem OSS;\n2. Dokumen profil rumah sakit;\n"
            "3. Daftar sumber daya manusia, sarana, prasarana dan peralatan."
        ),
        procedure=(
            "1. Verifikasi dokumen;\n"
            "2. Visitasi lapangan;\n"
            "3. Penyusunan berita acara;\n"
            "4. Penerbitan rekomendasi."
        ),
        completion_days=14,
        fee=0,
        product="Rekomendasi teknis perizinan rumah sakit.",
        legal_basis=(
            "1. Peraturan Pemerintah Nomor 5 Tahun 2021 tentang Penyelenggaraan Perizinan Berusaha "
            "Berbasis Risiko;\n2. Peraturan Menteri Kesehatan Nomor 3 Tahun 2020 tentang Klasifikasi dan "
            "Perizinan Rumah Sakit."
        ),
        yearly_users=12,
        staff_count=4,
    ),
    ServiceSpec(
        code="DPMPTSP-OSS",
        agency="DPMPTSP",
        unit="Bidang Pelayanan Perizinan dan Nonperizinan",
        name="Perizinan Berusaha Berbasis Risiko Kewenangan Provinsi",
        description="Pendampingan dan penerbitan perizinan berusaha melalui sistem OSS RBA.",
        requirements=(
            "1. Nomor Induk Berusaha (NIB);\n2. Akta pendirian badan usaha dan pengesahannya;\n"
            "3. Dokumen persyaratan sektor sesuai tingkat risiko."
        ),
        procedure=(
            "1. Pelaku usaha mengajukan permohonan di OSS;\n2. Verifikasi persyaratan oleh DPMPTSP;\n"
            "3. Verifikasi teknis oleh dinas terkait;\n4. Penerbitan izin melalui OSS."
        ),
        completion_days=5,
        fee=0,
        product="Perizinan berusaha (izin atau sertifikat standar) yang terbit di OSS.",
        legal_basis=(
            "1. Undang-Undang Nomor 6 Tahun 2023 tentang Penetapan Perpu Cipta Kerja menjadi Undang-Undang;\n"
            "2. Peraturan Pemerintah Nomor 5 Tahun 2021 tentang Penyelenggaraan Perizinan Berusaha "
            "Berbasis Risiko."
        ),
        yearly_users=1850,
        staff_count=8,
    ),
    ServiceSpec(
        code="DPMPTSP-KONSULTASI",
        agency="DPMPTSP",
        unit="Bidang Pengaduan, Kebijakan dan Pelaporan Layanan",
        name="Konsultasi dan Pendampingan Perizinan",
        description="Konsultasi tatap muka dan daring tentang persyaratan dan alur perizinan.",
        requirements="Identitas pemohon (KTP-el) dan uraian rencana usaha.",
        procedure=(
            "1. Registrasi di meja informasi;\n2. Konsultasi dengan petugas;\n3. Pencatatan hasil konsultasi."
        ),
        completion_days=1,
        fee=0,
        product="Penjelasan persyaratan dan daftar periksa perizinan.",
        legal_basis=(
            "Peraturan Presiden Nomor 97 Tahun 2014 tentang Penyelenggaraan Pelayanan Terpadu Satu Pintu."
        ),
        yearly_users=2600,
        staff_count=4,
    ),
    ServiceSpec(
        code="DISHUB-TRAYEK-AKDP",
        agency="DISHUB",
        unit="Bidang Lalu Lintas dan Angkutan Jalan",
        name="Izin Trayek Angkutan Antarkota dalam Provinsi (AKDP)",
        description="Penerbitan dan perpanjangan izin penyelenggaraan angkutan orang dalam trayek AKDP.",
        requirements=(
            "1. NIB dan izin usaha angkutan;\n2. STNK dan buku uji berkala kendaraan;\n"
            "3. Surat pernyataan kesanggupan memenuhi standar pelayanan minimal angkutan."
        ),
        procedure=(
            "1. Permohonan;\n"
            "2. Pemeriksaan berkas;\n"
            "3. Pemeriksaan fisik kendaraan;\n"
            "4. Penerbitan kartu pengawasan."
        ),
        completion_days=7,
        fee=0,
        product="Izin trayek dan kartu pengawasan kendaraan.",
        legal_basis=(
            "1. Undang-Undang Nomor 22 Tahun 2009 tentang Lalu Lintas dan Angkutan Jalan;\n"
            "2. Peraturan Menteri Perhubungan Nomor PM 15 Tahun 2019 tentang Penyelenggaraan Angkutan Orang "
            "dengan Kendaraan Bermotor Umum dalam Trayek."
        ),
        yearly_users=240,
        staff_count=3,
    ),
    ServiceSpec(
        code="DISHUB-PAS-KAPAL",
        agency="DISHUB",
        unit="Bidang Pelayaran",
        name="Penerbitan Pas Kecil Kapal",
        description="Pas kecil bagi kapal berukuran kurang dari 7 GT yang berlayar di perairan provinsi.",
        requirements="1. Bukti kepemilikan kapal;\n2. Surat ukur kapal;\n3. KTP-el pemilik.",
        procedure="1. Permohonan;\n2. Pengukuran dan pemeriksaan fisik kapal;\n3. Penerbitan pas kecil.",
        completion_days=3,
        fee=0,
        product="Pas Kecil kapal.",
        legal_basis=(
            "1. Undang-Undang Nomor 17 Tahun 2008 tentang Pelayaran;\n"
            "2. Peraturan Menteri Perhubungan Nomor 39 Tahun 2017 tentang Pendaftaran dan Kebangsaan Kapal."
        ),
        yearly_users=680,
        staff_count=3,
    ),
    ServiceSpec(
        code="DIKBUD-LEGALISIR",
        agency="DIKBUD",
        unit="Bidang Pembinaan Sekolah Menengah Atas",
        name="Legalisir Ijazah SMA/SMK/SLB",
        description="Pengesahan fotokopi ijazah dan surat keterangan pengganti ijazah jenjang menengah.",
        requirements="1. Ijazah asli;\n2. Fotokopi ijazah paling banyak 10 lembar;\n3. KTP-el pemohon.",
        procedure="1. Penyerahan berkas di loket;\n2. Pencocokan dengan ijazah asli;\n3. Pengesahan dan cap.",
        completion_days=1,
        fee=0,
        product="Fotokopi ijazah yang dilegalisir.",
        legal_basis=EDUCATION_LAW,
        yearly_users=7400,
        staff_count=3,
    ),
    ServiceSpec(
        code="DIKBUD-MUTASI-SISWA",
        agency="DIKBUD",
        unit="Bidang Pembinaan Sekolah Menengah Atas",
        name="Rekomendasi Mutasi Siswa",
        description=(
            "Rekomendasi pindah sekolah antarkabupaten/kota dan antarprovinsi bagi siswa SMA/SMK/SLB."
        ),
        requirements=(
            "1. Surat permohonan orang tua;\n2. Surat keterangan pindah dari sekolah asal;\n"
            "3. Surat keterangan dapat diterima dari sekolah tujuan;\n4. Rapor asli."
        ),
        procedure=(
            "1. Pemeriksaan berkas;\n2. Verifikasi data pada Dapodik;\n3. Penerbitan surat rekomendasi."
        ),
        completion_days=3,
        fee=0,
        product="Surat rekomendasi mutasi siswa.",
        legal_basis=EDUCATION_LAW,
        yearly_users=1150,
        staff_count=2,
    ),
    ServiceSpec(
        code="DIKBUD-SKPI",
        agency="DIKBUD",
        unit="Bidang Pembinaan Sekolah Menengah Kejuruan",
        name="Surat Keterangan Pengganti Ijazah",
        description=(
            "Penerbitan surat keterangan yang berpenghargaan sama dengan ijazah yang hilang atau rusak."
        ),
        requirements=(
            "1. Surat keterangan hilang dari kepolisian;\n2. Fotokopi ijazah bila ada;\n"
            "3. Surat pernyataan dua orang saksi teman seangkatan."
        ),
        procedure="1. Permohonan;\n2. Verifikasi arsip sekolah;\n3. Penerbitan surat keterangan.",
        completion_days=5,
        fee=0,
        product="Surat Keterangan Pengganti Ijazah.",
        legal_basis=EDUCATION_LAW,
        yearly_users=320,
        staff_count=2,
    ),
    ServiceSpec(
        code="DINSOS-PANTI-LANSIA",
        agency="DINSOS",
        unit="UPTD Panti Sosial Tresna Werdha",
        name="Rehabilitasi Sosial Lanjut Usia dalam Panti",
        description="Pengasuhan, perawatan, dan rehabilitasi sosial lanjut usia terlantar.",
        requirements=(
            "1. Surat rekomendasi dinas sosial kabupaten/kota;\n2. KTP-el dan KK;\n3. Surat keterangan sehat."
        ),
        procedure=(
            "1. Asesmen oleh pekerja sosial;\n2. Penerimaan;\n3. Rencana intervensi;\n4. Pembinaan lanjut."
        ),
        completion_days=7,
        fee=0,
        product="Layanan pengasuhan dan rehabilitasi sosial dalam panti.",
        legal_basis=(
            "1. Undang-Undang Nomor 13 Tahun 1998 tentang Kesejahteraan Lanjut Usia;\n"
            "2. Peraturan Menteri Sosial Nomor 5 Tahun 2018 tentang Standar Nasional Rehabilitasi Sosial."
        ),
        yearly_users=85,
        staff_count=9,
    ),
    ServiceSpec(
        code="DINSOS-ADOPSI",
        agency="DINSOS",
        unit="Bidang Rehabilitasi Sosial",
        name="Rekomendasi Pengangkatan Anak",
        description="Pertimbangan Tim PIPA dan rekomendasi pengangkatan anak antarwarga negara Indonesia.",
        requirements=(
            "1. Surat permohonan calon orang tua angkat;\n2. Surat keterangan sehat dan catatan kepolisian;\n"
            "3. Akta kelahiran calon anak angkat;\n4. Laporan sosial pekerja sosial."
        ),
        procedure="1. Permohonan;\n2. Kunjungan rumah;\n3. Sidang Tim PIPA;\n4. Penerbitan rekomendasi.",
        completion_days=20,
        fee=0,
        product="Surat rekomendasi pengangkatan anak.",
        legal_basis="Peraturan Menteri Sosial Nomor 110/HUK/2009 tentang Persyaratan Pengangkatan Anak.",
        yearly_users=18,
        staff_count=3,
    ),
    ServiceSpec(
        code="BAPENDA-PKB",
        agency="BAPENDA",
        unit="UPTD Samsat Kota Ternate",
        name="Pembayaran Pajak Kendaraan Bermotor Tahunan (Samsat)",
        description=(
            "Pembayaran PKB dan SWDKLLJ serta pengesahan STNK tahunan di kantor Samsat dan Samsat keliling."
        ),
        requirements="1. STNK asli;\n2. KTP-el pemilik sesuai STNK;\n3. Bukti pembayaran tahun sebelumnya.",
        procedure=(
            "1. Pendaftaran di loket;\n"
            "2. Penetapan pajak;\n"
            "3. Pembayaran di kasir atau kanal daring;\n"
            "4. Pengesahan STNK."
        ),
        completion_days=1,
        fee=0,
        product="STNK yang disahkan dan Surat Ketetapan Pajak Daerah (SKPD).",
        legal_basis=(
            "1. Undang-Undang Nomor 1 Tahun 2022 tentang Hubungan Keuangan antara Pemerintah Pusat dan "
            "Pemerintahan Daerah;\n2. Peraturan Daerah Provinsi Maluku Utara tentang Pajak Daerah dan "
            "Retribusi Daerah."
        ),
        yearly_users=96500,
        staff_count=14,
        facilities="Loket Samsat, Samsat keliling, gerai Samsat di pusat perbelanjaan, pembayaran QRIS.",
    ),
    ServiceSpec(
        code="BAPENDA-BBNKB",
        agency="BAPENDA",
        unit="UPTD Samsat Kota Ternate",
        name="Balik Nama Kendaraan Bermotor (BBNKB)",
        description="Pembayaran Bea Balik Nama Kendaraan Bermotor atas penyerahan kendaraan.",
        requirements=(
            "1. BPKB dan STNK asli;\n"
            "2. Kuitansi jual beli;\n"
            "3. KTP-el pemilik baru;\n"
            "4. Hasil cek fisik kendaraan."
        ),
        procedure=(
            "1. Cek fisik;\n2. Pendaftaran;\n3. Penetapan BBNKB;\n4. Pembayaran;\n5. Penerbitan STNK baru."
        ),
        completion_days=3,
        fee=0,
        product="STNK atas nama pemilik baru dan SKPD.",
        legal_basis="Peraturan Daerah Provinsi Maluku Utara tentang Pajak Daerah dan Retribusi Daerah.",
        yearly_users=12800,
        staff_count=6,
    ),
    ServiceSpec(
        code="NAKER-PP",
        agency="NAKERTRANS",
        unit="Bidang Hubungan Industrial dan Jaminan Sosial Tenaga Kerja",
        name="Pengesahan Peraturan Perusahaan",
        description=(
            "Pengesahan peraturan perusahaan bagi perusahaan yang wilayah kerjanya lebih dari satu "
            "kabupaten/kota."
        ),
        requirements=(
            "1. Permohonan pengesahan;\n"
            "2. Naskah peraturan perusahaan;\n"
            "3. Bukti telah dimintakan saran wakil pekerja."
        ),
        procedure=(
            "1. Pemeriksaan naskah;\n2. Perbaikan bila diperlukan;\n3. Penerbitan surat keputusan pengesahan."
        ),
        completion_days=7,
        fee=0,
        product="Surat Keputusan Pengesahan Peraturan Perusahaan.",
        legal_basis=(
            "1. Undang-Undang Nomor 13 Tahun 2003 tentang Ketenagakerjaan;\n"
            "2. Peraturan Menteri Ketenagakerjaan Nomor 28 Tahun 2014."
        ),
        yearly_users=95,
        staff_count=3,
    ),
    ServiceSpec(
        code="NAKER-BLK",
        agency="NAKERTRANS",
        unit="UPTD Balai Latihan Kerja",
        name="Pelatihan Berbasis Kompetensi",
        description="Pelatihan kerja kejuruan otomotif, las, listrik, dan teknologi informasi.",
        requirements="1. Berusia 17 tahun atau lebih;\n2. KTP-el;\n3. Ijazah terakhir;\n4. Lulus seleksi.",
        procedure="1. Pendaftaran;\n2. Seleksi;\n3. Pelatihan 240–320 jam pelajaran;\n4. Uji kompetensi.",
        completion_days=40,
        fee=0,
        product="Sertifikat pelatihan dan sertifikat kompetensi BNSP.",
        legal_basis="Peraturan Pemerintah Nomor 31 Tahun 2006 tentang Sistem Pelatihan Kerja Nasional.",
        yearly_users=640,
        staff_count=8,
    ),
    ServiceSpec(
        code="DLH-UKL-UPL",
        agency="DLH",
        unit="Bidang Tata Lingkungan",
        name="Persetujuan Lingkungan (UKL-UPL) Kewenangan Provinsi",
        description=(
            "Pemeriksaan formulir UKL-UPL dan penerbitan Persetujuan Pernyataan Kesanggupan "
            "Pengelolaan Lingkungan Hidup."
        ),
        requirements=(
            "1. Formulir UKL-UPL;\n2. Persetujuan kesesuaian kegiatan pemanfaatan ruang;\n3. Peta lokasi."
        ),
        procedure=(
            "1. Pemeriksaan administrasi;\n2. Pemeriksaan substansi;\n3. Penerbitan PKPLH melalui Amdalnet."
        ),
        completion_days=10,
        fee=0,
        product="Persetujuan Pernyataan Kesanggupan Pengelolaan Lingkungan Hidup (PKPLH).",
        legal_basis=(
            "Peraturan Pemerintah Nomor 22 Tahun 2021 tentang Penyelenggaraan Perlindungan dan "
            "Pengelolaan Lingkungan Hidup."
        ),
        yearly_users=140,
        staff_count=4,
    ),
    ServiceSpec(
        code="PERPUS-PINJAM",
        agency="DISPERPUSIP",
        unit="Bidang Layanan Perpustakaan",
        name="Keanggotaan dan Peminjaman Koleksi Perpustakaan",
        description="Pendaftaran anggota, peminjaman dan pengembalian buku, serta layanan referensi.",
        requirements="1. KTP-el atau kartu pelajar;\n2. Pas foto berwarna.",
        procedure="1. Pendaftaran anggota;\n2. Penelusuran katalog;\n3. Peminjaman di meja sirkulasi.",
        completion_days=1,
        fee=0,
        product="Kartu anggota dan layanan peminjaman koleksi.",
        legal_basis="Undang-Undang Nomor 43 Tahun 2007 tentang Perpustakaan.",
        yearly_users=21000,
        staff_count=7,
    ),
    ServiceSpec(
        code="KOMINFO-PPID",
        agency="DISKOMINFO",
        unit="Bidang Informasi dan Komunikasi Publik",
        name="Layanan Permohonan Informasi Publik",
        description="Pelayanan permohonan informasi publik oleh PPID Utama Pemerintah Provinsi.",
        requirements=(
            "1. Formulir permohonan informasi;\n"
            "2. Identitas pemohon (KTP-el atau akta pendirian badan hukum)."
        ),
        procedure=(
            "1. Permohonan tertulis atau daring;\n2. Registrasi;\n3. Koordinasi dengan PPID pelaksana;\n"
            "4. Pemberitahuan tertulis dan penyerahan informasi."
        ),
        completion_days=10,
        fee=0,
        product="Informasi publik yang diminta atau surat pemberitahuan penolakan beralasan.",
        legal_basis="Undang-Undang Nomor 14 Tahun 2008 tentang Keterbukaan Informasi Publik.",
        yearly_users=210,
        staff_count=3,
    ),
    ServiceSpec(
        code="DKP-SIPI",
        agency="DKP",
        unit="Bidang Perikanan Tangkap",
        name="Surat Izin Penangkapan Ikan (SIPI) Kapal 5–30 GT",
        description="Penerbitan SIPI bagi kapal penangkap ikan berukuran 5 sampai 30 GT.",
        requirements="1. NIB;\n2. Grosse akta dan surat ukur kapal;\n3. Hasil pemeriksaan fisik kapal.",
        procedure="1. Permohonan daring;\n2. Cek fisik kapal;\n3. Verifikasi;\n4. Penerbitan SIPI.",
        completion_days=7,
        fee=0,
        product="Surat Izin Penangkapan Ikan (SIPI).",
        legal_basis=(
            "Undang-Undang Nomor 45 Tahun 2009 tentang Perubahan atas Undang-Undang Nomor 31 Tahun "
            "2004 tentang Perikanan."
        ),
        yearly_users=420,
        staff_count=4,
    ),
    ServiceSpec(
        code="DESDM-AIR-TANAH",
        agency="DESDM",
        unit="Bidang Geologi dan Air Tanah",
        name="Persetujuan Penggunaan Air Tanah",
        description="Rekomendasi teknis dan persetujuan pengusahaan air tanah.",
        requirements="1. Permohonan;\n2. Peta lokasi titik sumur;\n3. Hasil uji pemompaan.",
        procedure="1. Pemeriksaan berkas;\n2. Peninjauan lapangan;\n3. Penerbitan persetujuan.",
        completion_days=14,
        fee=0,
        product="Persetujuan Penggunaan Air Tanah.",
        legal_basis="Undang-Undang Nomor 17 Tahun 2019 tentang Sumber Daya Air.",
        yearly_users=60,
        staff_count=3,
    ),
    ServiceSpec(
        code="DP3A-PPA",
        agency="DP3A",
        unit="UPTD Perlindungan Perempuan dan Anak",
        name="Pendampingan Korban Kekerasan terhadap Perempuan dan Anak",
        description="Pengaduan, penjangkauan, pendampingan hukum dan psikologis, serta rumah aman.",
        requirements=(
            "Tidak ada persyaratan; pengaduan dapat disampaikan langsung, lewat telepon, atau daring."
        ),
        procedure=(
            "1. Penerimaan pengaduan;\n"
            "2. Asesmen;\n"
            "3. Penjangkauan;\n"
            "4. Pendampingan;\n"
            "5. Terminasi dan pemantauan."
        ),
        completion_days=1,
        fee=0,
        product="Layanan pendampingan dan rujukan.",
        legal_basis="Undang-Undang Nomor 12 Tahun 2022 tentang Tindak Pidana Kekerasan Seksual.",
        yearly_users=160,
        staff_count=5,
    ),
)


def complaint_handling(agency_name: str) -> str:
    return (
        f"Pengaduan, saran dan masukan disampaikan melalui SP4N-LAPOR! (lapor.go.id), aplikasi Penata, "
        f"kotak saran, atau langsung ke meja pengaduan {agency_name}; ditanggapi paling lama 5 hari kerja."
    )


def internal_supervision(unit_name: str) -> str:
    return (
        f"Pengawasan melekat oleh Kepala {unit_name} dan pimpinan perangkat daerah; "
        "pengawasan fungsional oleh Inspektorat Daerah Provinsi Maluku Utara."
    )


SERVICE_GUARANTEE = (
    "Maklumat pelayanan ditandatangani pimpinan perangkat daerah dan dipajang di ruang pelayanan; "
    "layanan yang melewati waktu penyelesaian ditindaklanjuti langsung oleh pimpinan."
)
SECURITY_GUARANTEE = (
    "Data pribadi pemohon dilindungi sesuai Undang-Undang Nomor 27 Tahun 2022 tentang Pelindungan Data "
    "Pribadi; ruang pelayanan dilengkapi APAR, CCTV, dan jalur evakuasi."
)
PERFORMANCE_EVALUATION = (
    "Survei kepuasan masyarakat setiap semester (Permen PANRB 14/2017) dan evaluasi kinerja petugas setiap "
    "bulan oleh atasan langsung."
)
DEFAULT_FACILITIES = (
    "Ruang tunggu, loket pelayanan, toilet, ruang laktasi, dan akses bagi penyandang disabilitas."
)
DEFAULT_COMPETENCE = "Petugas memahami standar pelayanan dan telah mengikuti pelatihan pelayanan prima."
