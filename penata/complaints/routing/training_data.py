"""Deterministic demo training reports for the routing classifier, in Indonesian.

``training_reports(n_per_category, seed)`` returns ``(description, category_code,
agency_code)`` tuples for every category of ``data/complaint_categories.csv``. Each report
is an opening, one of the category's problems (with places of Maluku Utara, services,
durations and amounts filled in), sometimes a detail, sometimes a sentence from a
neighbouring category (real reports mix topics: a landslide on a road, an official asking
for money while issuing a permit), and a closing; about 40% are rewritten in informal
style ("tdk", "udh", "yg", no capitals, "!!!"). Every category has at least 14 problems ×
(8 details + none) = 126 problem–detail combinations before the places are filled in.

Agency: the category's default agency, except hospital reports naming RSUD Chasan
Boesoirie (RSUD-CB) and a share of "other" reports about a service with an obvious owner
(Samsat → BAPENDA, the regional library → DISPERPUSIP, ...).

The same ``seed`` always gives the same list. This is demo data written from the
categories' descriptions, not real reports: it is cleaner and more separable than what
citizens write, so accuracy measured on it overstates accuracy in production.
"""

import random

from .classifier import default_agencies

TOWNS = (
    "Sofifi",
    "Ternate",
    "Tidore",
    "Jailolo",
    "Tobelo",
    "Weda",
    "Labuha",
    "Sanana",
    "Maba",
    "Daruba",
    "Bobong",
    "Sidangoli",
    "Galela",
    "Kao",
    "Malifut",
    "Buli",
    "Patani",
    "Payahe",
)
REGENCIES = (
    "Halmahera Barat",
    "Halmahera Utara",
    "Halmahera Tengah",
    "Halmahera Selatan",
    "Halmahera Timur",
    "Kepulauan Sula",
    "Pulau Morotai",
    "Pulau Taliabu",
    "Kota Ternate",
    "Kota Tidore Kepulauan",
)
VILLAGES = (
    "Kelurahan Bastiong, Ternate",
    "Kelurahan Kalumpang, Ternate",
    "Kelurahan Gamalama, Ternate",
    "Kelurahan Dufa-Dufa, Ternate",
    "Kelurahan Akehuda, Ternate",
    "Kelurahan Kayu Merah, Ternate",
    "Kelurahan Sasa, Ternate",
    "Kelurahan Soasio, Tidore",
    "Kelurahan Rum, Tidore",
    "Desa Guraping, Oba Utara",
    "Desa Galala, Oba Utara",
    "Desa Gosale, Sofifi",
    "Desa Balbar, Sofifi",
    "Desa Gura, Tobelo",
    "Desa Lelilef, Weda Tengah",
    "Desa Payahe, Oba",
    "Desa Akelamo, Sahu",
    "Desa Babang, Bacan Timur",
    "Desa Fatcei, Sanana",
    "Desa Subaim, Wasile",
    "Desa Soasangaji, Kao",
    "Desa Sidangoli, Jailolo Selatan",
)
ROADS = (
    "jalan trans Halmahera ruas Sofifi–Weda",
    "ruas jalan Sofifi–Payahe",
    "jalan provinsi Tobelo–Galela",
    "ruas Jailolo–Sidangoli",
    "jalan lingkar Ternate di Kelurahan Sasa",
    "jalan Kao–Malifut",
    "ruas Maba–Buli",
    "jalan lingkar Pulau Tidore",
    "ruas Weda–Patani",
    "jalan poros Labuha–Babang",
    "jalan provinsi di Sanana",
    "jalan trans Halmahera dekat Subaim",
)
ROUTES = (
    "Ternate–Sofifi",
    "Sofifi–Ternate",
    "Bastiong–Sidangoli",
    "Ternate–Jailolo",
    "Bastiong–Rum",
    "Daruba–Tobelo",
    "Ternate–Sanana",
    "Labuha–Ternate",
    "Ternate–Maba",
)
PORTS = (
    "Pelabuhan Ahmad Yani Ternate",
    "pelabuhan speedboat Kota Baru Ternate",
    "Pelabuhan Bastiong",
    "pelabuhan Sofifi",
    "Pelabuhan Rum Tidore",
    "Pelabuhan Sidangoli",
    "pelabuhan Daruba",
    "Pelabuhan Babang",
)
DURATIONS = (
    "sudah 3 bulan",
    "sejak bulan lalu",
    "hampir 2 minggu",
    "sudah setahun lebih",
    "sejak awal tahun",
    "sudah 5 hari",
    "berbulan-bulan",
    "sudah 2 bulan",
    "sejak 4 bulan lalu",
    "sudah seminggu",
)
AMOUNTS = (
    "Rp 50.000",
    "Rp 100 ribu",
    "Rp 150.000",
    "Rp 250.000",
    "Rp 500 ribu",
    "Rp 1,5 juta",
    "dua ratus ribu",
)
SCHOOLS = ("SMA Negeri {n} {town}", "SMK Negeri {n} {town}", "SLB Negeri {town}", "SMA Negeri {n} {regency}")
PUSKESMAS = (
    "Puskesmas {town}",
    "Puskesmas Kalumpang",
    "Puskesmas Siko",
    "Puskesmas Gambesi",
    "puskesmas di {village}",
)
HOSPITALS = (
    ("RSUD Sofifi", "RSUD-SOFIFI"),
    ("RSUD Sofifi", "RSUD-SOFIFI"),
    ("rumah sakit daerah di Sofifi", "RSUD-SOFIFI"),
    ("RSUD Chasan Boesoirie", "RSUD-CB"),
    ("RSUD Dr. H. Chasan Boesoirie Ternate", "RSUD-CB"),
)

OPENINGS = (
    ("formal", "Dengan hormat, saya ingin melaporkan bahwa"),
    ("formal", "Saya warga {village} ingin menyampaikan pengaduan:"),
    ("formal", "Mohon perhatian Bapak/Ibu,"),
    ("formal", "Kami masyarakat {town} mengadukan hal berikut."),
    ("formal", "Yth. Pemerintah Provinsi Maluku Utara,"),
    ("formal", ""),
    ("formal", ""),
    ("informal", "tolong pak"),
    ("informal", "min tolong dibantu"),
    ("informal", "lapor!"),
    ("informal", "pak gubernur tolong dilihat"),
    ("informal", "assalamualaikum, mau lapor"),
    ("informal", ""),
)
CLOSINGS = (
    ("formal", "Mohon segera ditindaklanjuti. Terima kasih."),
    ("formal", "Atas perhatiannya kami ucapkan terima kasih."),
    ("formal", "Kami berharap pemerintah provinsi segera turun tangan."),
    ("formal", "Mohon kejelasan dari instansi terkait."),
    ("formal", ""),
    ("informal", "tolong cepat ditangani!!"),
    ("informal", "kami tunggu tindakan nyata, jangan cuma janji"),
    ("informal", "mohon dibantu ya pak"),
    ("informal", "sudah lapor berkali-kali tapi tidak ada tanggapan"),
    ("informal", ""),
)

# Category → problems (a template, or (template, agency) when it names another agency)
# and details. Slots: {town} {regency} {village} {road} {route} {port} {duration}
# {amount} {n} {school} {puskesmas} {hospital}.
CATEGORIES: dict[str, dict[str, tuple]] = {
    "JALAN": {
        "problems": (
            "jalan berlubang di {road}, {duration} tidak diperbaiki",
            "{road} rusak parah dan banyak lubang besar",
            "aspal di {road} mengelupas dan berlubang setelah hujan",
            "jembatan di dekat {village} putus sehingga warga tidak bisa menyeberang",
            "jembatan kayu di {road} sudah lapuk dan berbahaya dilewati",
            "drainase di pinggir {road} tersumbat sehingga air menggenangi badan jalan",
            "jalan provinsi menuju {town} belum diaspal, berdebu saat kemarau dan becek saat hujan",
            "proyek perbaikan {road} berhenti di tengah jalan {duration}",
            "bahu jalan di {road} amblas dan hampir memakan badan jalan",
            "jalan tanjakan di {road} licin dan berlubang, sudah ada kecelakaan",
            "pengerjaan jalan di {village} asal-asalan, baru sebulan sudah rusak lagi",
            "gorong-gorong di {road} ambruk",
            "tidak ada rambu dan pembatas di tikungan tajam {road}",
            "material longsoran menutup sebagian {road} {duration} dan belum dibersihkan",
            "jalan penghubung antar desa di {regency} rusak, truk tambang sering lewat",
        ),
        "details": (
            "Sudah ada pengendara motor yang jatuh di sana.",
            "Anak sekolah harus berjalan kaki memutar.",
            "Mobil ambulans pun kesulitan lewat.",
            "Lubangnya sedalam lutut orang dewasa.",
            "Warga sudah menimbun sendiri dengan batu tapi tidak bertahan.",
            "Di malam hari sangat gelap dan lubang tidak terlihat.",
            "Hasil bumi warga susah dibawa ke pasar.",
            "Kami minta Dinas PUPR segera turun ke lokasi.",
        ),
    },
    "AIR": {
        "problems": (
            "air bersih di {village} tidak mengalir {duration}",
            "air PDAM keruh dan berbau di {town}",
            "sumur bor bantuan pemerintah di {village} rusak dan tidak pernah diperbaiki",
            "warga {village} terpaksa membeli air galon karena tidak ada air bersih",
            "pipa air bersih bocor di depan rumah warga di {town} dan airnya terbuang",
            "MCK umum di {village} rusak dan tidak bisa dipakai",
            "bantuan rumah tidak layak huni di {village} belum diterima padahal sudah didata",
            "sanitasi di pemukiman padat {town} buruk, saluran pembuangan meluap ke rumah",
            "jaringan air bersih program pemerintah di {village} mangkrak",
            "air hanya mengalir tengah malam dan sangat kecil di {town}",
            "bak penampungan air di {village} retak dan kosong",
            "bantuan bedah rumah di {regency} dikerjakan tidak sesuai, atap sudah bocor",
            "tidak ada jamban sehat di {village}, warga masih buang air di pantai",
            "air sumur warga {village} asin sejak ada reklamasi",
        ),
        "details": (
            "Kami harus mengangkat air dari sungai.",
            "Anak-anak mulai sakit perut karena air kotor.",
            "Sudah dilaporkan ke kepala desa tapi belum ada jalan keluar.",
            "Harga air tangki sangat mahal bagi kami.",
            "Sekitar {n}0 kepala keluarga terdampak.",
            "Mohon dinas perumahan dan permukiman memeriksa.",
            "Tagihan tetap datang walaupun air tidak mengalir.",
            "Ibu-ibu harus antre air sejak subuh.",
        ),
    },
    "ADMINDUK": {
        "problems": (
            "KTP-el saya belum jadi {duration}",
            "blanko KTP-el di Disdukcapil {regency} habis, kami disuruh pakai surat keterangan",
            "Kartu Keluarga saya salah nama dan tanggal lahir, minta diperbaiki sudah berkali-kali",
            "akta kelahiran anak saya belum terbit {duration}",
            "pengurusan akta kematian orang tua saya di {town} berbelit-belit",
            "surat pindah datang dari {town} ke {regency} belum selesai {duration}",
            "NIK saya tidak terdaftar sehingga tidak bisa daftar BPJS",
            "perekaman KTP-el di kantor kecamatan {town} tidak bisa karena alat rusak",
            "data di KK tidak sama dengan KTP sehingga urusan di bank ditolak",
            "petugas Dukcapil di {town} tidak ada di tempat saat jam pelayanan",
            "cetak ulang KTP yang hilang disuruh menunggu blanko",
            "NIK anak saya ganda dengan orang lain",
            "antrean di kantor Dukcapil {regency} sangat panjang dan tidak ada nomor antrean",
            "pelayanan jemput bola perekaman KTP-el tidak sampai ke desa {village}",
            "nama ibu kandung di akta kelahiran salah ketik",
        ),
        "details": (
            "Saya sudah bolak-balik ke kantor Disdukcapil.",
            "KTP itu saya perlukan untuk melamar kerja.",
            "Kami dari desa jauh, ongkos ke kota mahal.",
            "Jawaban petugas selalu sama: blanko kosong.",
            "Anak saya mau daftar sekolah dan butuh akta.",
            "Sudah foto dan rekam sidik jari tapi belum dicetak.",
            "Semua berkas sudah lengkap sesuai syarat.",
            "Surat keterangan pengganti KTP tidak diterima di bank.",
        ),
    },
    "KESEHATAN": {
        "problems": (
            "{puskesmas} tutup pada jam pelayanan",
            "obat di {puskesmas} habis, pasien disuruh beli sendiri di apotek",
            "tidak ada dokter di {puskesmas} {duration}, hanya perawat",
            "imunisasi anak di posyandu {village} tidak jalan {duration}",
            "bidan desa di {village} jarang ada di tempat",
            "pasien BPJS di {puskesmas} dimintai biaya tambahan",
            "ambulans puskesmas di {town} tidak bisa dipakai untuk merujuk pasien",
            "pembagian makanan tambahan untuk balita gizi buruk di {village} tidak sampai",
            "petugas {puskesmas} kasar kepada pasien lansia",
            "pustu di {village} rusak dan tidak ada tenaga kesehatan",
            "vaksin untuk bayi kosong di {puskesmas}",
            "kasus demam berdarah di {village} meningkat tapi tidak ada fogging",
            "kartu BPJS PBI saya tidak aktif saat berobat di puskesmas",
            "listrik di {puskesmas} sering padam sehingga pelayanan berhenti",
        ),
        "details": (
            "Ibu hamil harus ke kota untuk periksa.",
            "Anak saya demam tinggi tapi tidak dilayani.",
            "Kami sudah menunggu dari pagi sampai siang.",
            "Obat yang diberikan hanya paracetamol.",
            "Mohon Dinas Kesehatan mengirim tenaga kesehatan.",
            "Jarak ke rumah sakit terdekat berjam-jam dengan perahu.",
            "Banyak balita di desa kami kurus dan kurang gizi.",
            "Ruang tunggu sempit dan panas.",
        ),
    },
    "RUMAHSAKIT": {
        "problems": (
            "antrean rawat jalan di {hospital} sangat lama, dari pagi baru dilayani sore",
            "dokter spesialis di {hospital} tidak datang sesuai jadwal poli",
            "obat di apotek {hospital} kosong, pasien BPJS disuruh beli di luar",
            "keluarga pasien rawat inap di {hospital} disuruh membeli sendiri obat dan infus",
            "perawat di ruang rawat inap {hospital} tidak ramah dan lambat",
            "pasien IGD di {hospital} dibiarkan lama tanpa penanganan",
            "kamar mandi ruang rawat inap {hospital} kotor dan airnya mati",
            "hasil laboratorium di {hospital} lama keluarnya",
            "rujukan dari puskesmas ditolak {hospital} dengan alasan kamar penuh",
            "biaya di kasir {hospital} tidak jelas rinciannya",
            "alat rontgen di {hospital} rusak {duration}",
            "jam besuk di {hospital} tidak tertib dan pasien tidak bisa istirahat",
            "pasien cuci darah di {hospital} harus menunggu jadwal terlalu lama",
            "layanan pendaftaran online {hospital} tidak berfungsi, tetap harus antre",
        ),
        "details": (
            "Ayah saya sudah tua dan tidak kuat menunggu.",
            "Kami datang dari {town} naik speedboat.",
            "Nomor antrean dibagikan tidak berurutan.",
            "Dokter hanya datang sebentar lalu pergi.",
            "Pasien BPJS dibedakan dengan pasien umum.",
            "Kami mohon direktur rumah sakit memperhatikan.",
            "Ruang tunggu poli penuh dan tidak ada kursi.",
            "Kami sudah menyampaikan ke bagian pengaduan rumah sakit.",
        ),
    },
    "PENDIDIKAN": {
        "problems": (
            "guru di {school} sering tidak masuk mengajar",
            "PPDB online {school} bermasalah, anak saya tidak diterima padahal dekat rumah",
            "dana BOS di {school} tidak jelas penggunaannya",
            "bangunan kelas {school} rusak, atap bocor dan plafon jatuh",
            "sekolah memungut biaya seragam dan buku di {school}",
            "beasiswa untuk siswa miskin di {school} tidak pernah cair",
            "kekurangan guru mata pelajaran di {school}",
            "siswa SLB di {town} tidak punya guru pendamping",
            "ijazah anak saya ditahan {school} karena belum lunas uang komite",
            "meja dan kursi di {school} tidak cukup, siswa duduk di lantai",
            "jalur zonasi PPDB di {regency} tidak transparan",
            "tunjangan guru honorer di {school} belum dibayar {duration}",
            "laboratorium komputer {school} tidak bisa dipakai untuk ujian",
            "toilet sekolah di {school} rusak dan tidak ada air",
        ),
        "details": (
            "Anak-anak hanya belajar setengah hari.",
            "Kepala sekolah tidak menanggapi keluhan orang tua murid.",
            "Kami orang tua siswa keberatan dengan pungutan itu.",
            "Mohon Dinas Pendidikan dan Kebudayaan turun memeriksa.",
            "Ujian sekolah sebentar lagi.",
            "Siswa harus menumpang belajar di gedung lain.",
            "Guru honorer mengajar dengan gaji sangat kecil.",
            "Nilai rapor anak saya juga belum diberikan.",
        ),
    },
    "SOSIAL": {
        "problems": (
            "bansos untuk keluarga kami di {village} tidak pernah diterima padahal terdaftar",
            "bantuan PKH saya berhenti {duration} tanpa penjelasan",
            "data DTKS di {village} tidak sesuai, orang mampu dapat bantuan sedangkan yang miskin tidak",
            "lansia terlantar di {town} hidup sendiri tanpa bantuan",
            "penyandang disabilitas di {village} tidak mendapat kursi roda yang dijanjikan",
            "pembagian bantuan sembako di {village} tidak merata",
            "nama saya dicoret dari penerima BLT tanpa alasan",
            "anak yatim di {town} tidak mendapat bantuan sosial",
            "pendamping PKH di {village} meminta potongan dari bantuan",
            "pengemis dan anak jalanan di {town} tidak ditangani dinas sosial",
            "usulan masuk DTKS dari desa {village} tidak diproses {duration}",
            "kartu bantuan sosial saya terblokir dan tidak bisa dicairkan",
            "bantuan untuk korban kebakaran rumah di {village} belum diberikan",
            "orang dengan gangguan jiwa di {village} dipasung dan butuh penanganan",
        ),
        "details": (
            "Kami keluarga tidak mampu dengan {n} anak.",
            "Suami saya sudah meninggal dan saya tidak bekerja.",
            "Kepala desa bilang datanya dari pusat.",
            "Mohon Dinas Sosial memverifikasi ulang data penerima.",
            "Ada penerima yang punya mobil dan rumah bagus.",
            "Kami sudah mengurus surat keterangan tidak mampu.",
            "Nenek itu tinggal di gubuk di pinggir kampung.",
            "Pencairan di bank juga dipersulit.",
        ),
    },
    "TRANSPORTASI": {
        "problems": (
            "speedboat {route} terlambat berangkat lebih dari satu jam",
            "speedboat {route} mengangkut penumpang melebihi kapasitas dan tanpa pelampung",
            "tarif speedboat {route} naik sepihak tanpa pengumuman",
            "kapal feri {route} sering batal berangkat tanpa pemberitahuan",
            "di {port} tidak ada ruang tunggu yang layak dan atapnya bocor",
            "calo tiket kapal di {port} memaksa penumpang membeli dengan harga lebih mahal",
            "lampu lalu lintas di simpang {town} mati {duration}",
            "angkot di {town} ngetem sembarangan dan menaikkan tarif",
            "terminal {town} kotor, gelap dan tidak ada petugas",
            "kapal antarpulau ke {town} hanya seminggu sekali dan sering penuh",
            "dermaga di {port} rusak dan berbahaya untuk naik turun penumpang",
            "tidak ada jadwal kapal yang jelas di {port}",
            "motoris speedboat {route} ugal-ugalan saat ombak besar",
            "parkir liar di depan {port} membuat macet",
        ),
        "details": (
            "Penumpang banyak yang ketinggalan urusan kantor di Sofifi.",
            "Tidak ada petugas Dinas Perhubungan di lokasi.",
            "Anak-anak dan ibu hamil berdesakan.",
            "Kami takut terjadi kecelakaan di laut.",
            "Tiket sudah dibeli tapi uang tidak dikembalikan.",
            "Mohon Dishub menertibkan.",
            "Ombak sedang tinggi tapi kapal tetap dipaksa berangkat.",
            "Penumpang menunggu berjam-jam di bawah panas.",
        ),
    },
    "LINGKUNGAN": {
        "problems": (
            "sampah menumpuk di {village} dan tidak diangkut {duration}",
            "limbah tambang nikel di sekitar {town} mencemari sungai dan laut",
            "air sungai di dekat {village} berubah warna merah kecoklatan karena tambang",
            "pembakaran sampah di {town} menimbulkan asap dan bau menyengat",
            "penebangan hutan liar di {regency} membuat sungai keruh",
            "bau busuk dari tempat pembuangan sampah di {town} sampai ke rumah warga",
            "debu dari aktivitas tambang di {village} mengganggu pernapasan warga",
            "sampah plastik di pantai {town} tidak pernah dibersihkan",
            "pabrik di sekitar {village} membuang limbah ke laut",
            "bakau di pesisir {village} ditebang untuk pembangunan tanpa izin lingkungan",
            "tempat sampah sementara di pasar {town} penuh dan meluber ke jalan",
            "truk sampah di {town} tidak datang sesuai jadwal",
            "ikan mati di pesisir {village} diduga karena limbah",
            "suara dan getaran alat berat tambang di {village} siang malam",
        ),
        "details": (
            "Anak-anak mulai batuk dan gatal-gatal.",
            "Nelayan tidak bisa lagi mencari ikan di dekat pantai.",
            "Mohon Dinas Lingkungan Hidup memeriksa izin perusahaan.",
            "Lalat dan tikus banyak sekali.",
            "Air sungai dulu kami pakai untuk mandi dan mencuci.",
            "Warga sudah mengeluh ke perusahaan tapi tidak ditanggapi.",
            "Baunya tercium sampai ke sekolah.",
            "Kami minta ada uji kualitas air.",
        ),
    },
    "BENCANA": {
        "problems": (
            "banjir merendam rumah warga di {village} setelah hujan deras",
            "tanah longsor di {village} menimbun rumah dan kebun warga",
            "abrasi pantai di {village} sudah mengikis rumah warga",
            "korban banjir di {town} belum menerima bantuan darurat",
            "pengungsi gempa di {regency} kekurangan tenda dan air bersih",
            "tanggul penahan ombak di {village} jebol",
            "warga {village} mengungsi karena banjir tetapi posko tidak ada logistik",
            "rumah warga rusak akibat gempa di {regency} belum didata",
            "ancaman longsor susulan di {village} dan warga takut tinggal",
            "erupsi Gunung Gamalama membuat abu menutupi rumah di {village}",
            "banjir bandang di {town} memutus akses desa",
            "bantuan pascabencana untuk perbaikan rumah di {village} tidak cair",
            "tidak ada peringatan dini saat air laut pasang naik ke pemukiman {village}",
            "sungai meluap di {village} setiap hujan dan belum ada penanganan",
        ),
        "details": (
            "Banyak anak kecil dan lansia di pengungsian.",
            "Kami butuh makanan, selimut dan obat-obatan.",
            "Mohon BPBD segera mengirim tim.",
            "Sekitar {n}0 rumah terendam.",
            "Warga tidur di tenda seadanya.",
            "Ini sudah terjadi berkali-kali setiap musim hujan.",
            "Sawah dan kebun warga rusak total.",
            "Pendataan korban belum dilakukan.",
        ),
    },
    "PERIZINAN": {
        "problems": (
            "pengurusan izin usaha di DPMPTSP lambat, {duration} belum selesai",
            "aplikasi OSS tidak bisa dipakai untuk mendaftar NIB",
            "izin mendirikan toko saya di {town} ditolak tanpa alasan jelas",
            "layanan PTSP di {town} meminta berkas yang tidak ada di persyaratan",
            "biaya perizinan yang diminta tidak sesuai aturan",
            "izin usaha perikanan saya tertahan di kantor pelayanan terpadu",
            "petugas PTSP menyarankan pakai jasa perantara agar izin cepat selesai",
            "persetujuan bangunan gedung untuk rumah toko di {town} tidak diproses",
            "izin lingkungan usaha kecil saya di {village} dipersulit",
            "status permohonan izin di OSS tidak berubah {duration}",
            "investor lokal kesulitan mengurus izin di Mal Pelayanan Publik {town}",
            "perpanjangan izin trayek angkutan saya belum terbit",
            "tidak ada informasi standar waktu dan biaya layanan perizinan di kantor PTSP",
            "sertifikat standar usaha saya ditolak di OSS karena data tidak sinkron",
        ),
        "details": (
            "Usaha saya tidak bisa jalan tanpa izin itu.",
            "Semua berkas sudah diunggah lengkap.",
            "Petugas hanya bilang sistem sedang gangguan.",
            "Mohon Dinas Penanaman Modal dan PTSP memberi kepastian.",
            "Saya sudah {n} kali datang ke kantor.",
            "Modal saya tertahan karena izin belum keluar.",
            "Kami pelaku UMKM sangat dirugikan.",
            "Tidak ada nomor pengaduan yang bisa dihubungi.",
        ),
    },
    "KETERTIBAN": {
        "problems": (
            "pedagang kaki lima berjualan di trotoar {town} dan menutup jalan",
            "bangunan liar berdiri di bahu jalan {village}",
            "penjualan miras ilegal di {village} meresahkan warga",
            "orang mabuk membuat keributan setiap malam di {town}",
            "balapan liar di jalan {town} setiap malam minggu",
            "lapak liar di pasar {town} tidak ditertibkan",
            "warung remang-remang di {village} buka sampai pagi",
            "reklame liar dipasang sembarangan di {town}",
            "parkir liar di depan pertokoan {town} membuat macet",
            "pesta dengan musik keras sampai subuh di {village}",
            "bangunan di atas saluran air di {town} tidak dibongkar",
            "anak-anak muda berkumpul dan minum cap tikus di {village}",
            "pedagang liar di pelabuhan {town} mengganggu penumpang",
            "kios di taman kota {town} didirikan tanpa izin",
        ),
        "details": (
            "Warga takut keluar rumah malam hari.",
            "Mohon Satpol PP menertibkan.",
            "Sudah ditegur warga tapi malah mengancam.",
            "Pejalan kaki terpaksa turun ke jalan raya.",
            "Kejadian ini hampir setiap hari.",
            "Ada anak di bawah umur ikut minum.",
            "Petugas datang sebentar lalu mereka kembali lagi.",
            "Kami minta patroli rutin.",
        ),
    },
    "DIGITAL": {
        "problems": (
            "website Pemprov Maluku Utara tidak bisa dibuka {duration}",
            "aplikasi layanan online pemerintah sering error saat login",
            "tidak ada sinyal internet di kantor pelayanan {town} sehingga layanan berhenti",
            "informasi publik tentang anggaran tidak diunggah di website resmi",
            "permohonan informasi publik saya tidak dijawab oleh PPID",
            "jaringan internet di kantor kecamatan {town} mati, pelayanan disuruh kembali besok",
            "aplikasi pengaduan tidak mengirim notifikasi",
            "data di portal satu data provinsi tidak diperbarui",
            "menara BTS di {village} tidak berfungsi, desa tanpa sinyal",
            "akun media sosial resmi pemerintah tidak membalas pertanyaan warga",
            "formulir online pendaftaran layanan tidak bisa mengunggah dokumen",
            "wifi publik di taman kota {town} tidak pernah bisa dipakai",
            "situs layanan pemerintah menampilkan iklan judi online",
            "sistem antrean online kantor layanan di {town} tidak sesuai kenyataan",
        ),
        "details": (
            "Kami harus datang langsung karena layanan online tidak bisa.",
            "Sudah dicoba di beberapa hari yang berbeda.",
            "Mohon Diskominfo memperbaiki sistem.",
            "Tautan di website mengarah ke halaman kosong.",
            "Informasi itu seharusnya terbuka untuk umum.",
            "Anak sekolah di desa juga kesulitan belajar daring.",
            "Tampilan aplikasi tidak bisa dibuka di HP.",
            "Sudah lewat batas waktu jawaban permohonan informasi.",
        ),
    },
    "ASN": {
        "problems": (
            "pegawai di kantor dinas di {town} tidak masuk kerja pada jam kantor",
            "ASN di kantor pelayanan {town} bermain game saat melayani warga",
            "petugas pelayanan bersikap tidak ramah dan membentak warga",
            "oknum pegawai negeri ikut berkampanye untuk calon tertentu",
            "kepala bidang di kantor dinas {town} jarang ada di tempat",
            "pegawai meminta uang rokok setelah melayani berkas saya",
            "ASN di {regency} terlihat di warung kopi pada jam kerja",
            "pegawai honorer dipaksa bekerja di luar tugasnya oleh atasan",
            "kantor pelayanan di {town} buka terlambat dan tutup lebih cepat",
            "pegawai memakai mobil dinas untuk keperluan pribadi di {town}",
            "ASN mengunggah dukungan politik di media sosial",
            "petugas loket meninggalkan loket lama saat antrean panjang",
            "pegawai kantor dinas di Sofifi tinggal di Ternate dan jarang masuk",
            "pejabat di {town} tidak mau menemui warga yang sudah janji",
        ),
        "details": (
            "Kami menunggu berjam-jam tanpa kepastian.",
            "Mohon Badan Kepegawaian Daerah memberi sanksi.",
            "Kejadian ini bukan sekali dua kali.",
            "Saya punya foto kejadiannya.",
            "Padahal mereka digaji dari uang rakyat.",
            "Pelayanan jadi terhambat.",
            "Absensi mereka seharusnya diperiksa.",
            "Ini mencoreng nama baik pemerintah provinsi.",
        ),
    },
    "PUNGLI": {
        "problems": (
            "saya diminta uang {amount} saat mengurus izin di {town}",
            "ada pungutan liar di {port} untuk setiap penumpang",
            "oknum petugas meminta uang pelicin {amount} agar berkas cepat selesai",
            "dana desa di {village} diduga diselewengkan kepala desa",
            "proyek pemerintah di {regency} dikerjakan oleh keluarga pejabat",
            "ada pungli di pos jaga jalan menuju {town}",
            "pengadaan barang di dinas diduga di-mark up",
            "penerimaan tenaga honorer harus bayar {amount}",
            "gratifikasi kepada pejabat untuk memenangkan tender di {regency}",
            "anggaran pembangunan {village} tidak sesuai dengan realisasi di lapangan",
            "sopir truk dipungut {amount} setiap lewat jembatan timbang",
            "oknum meminta setoran dari pedagang pasar {town} tanpa karcis resmi",
            "kwitansi perjalanan dinas fiktif di kantor dinas",
            "kami harus membayar {amount} agar nama masuk daftar penerima bantuan",
        ),
        "details": (
            "Tidak ada tanda terima resmi.",
            "Katanya untuk uang administrasi.",
            "Kalau tidak bayar berkas dibiarkan.",
            "Mohon Inspektorat dan Saber Pungli menyelidiki.",
            "Saya punya rekaman percakapannya.",
            "Sudah jadi rahasia umum di kantor itu.",
            "Nama saya mohon dirahasiakan karena takut.",
            "Uang itu tidak masuk kas daerah.",
        ),
    },
    "KETENAGAKERJAAN": {
        "problems": (
            "upah saya di perusahaan tambang di {regency} di bawah UMP",
            "saya di-PHK sepihak tanpa pesangon oleh perusahaan di {town}",
            "gaji pekerja tambang nikel di Weda terlambat {duration}",
            "perusahaan tidak mendaftarkan pekerja ke BPJS Ketenagakerjaan",
            "pekerja lokal {regency} kalah bersaing dengan tenaga kerja asing",
            "lowongan kerja di kawasan industri hanya untuk orang luar daerah",
            "pelatihan kerja di balai latihan kerja {town} tidak ada lagi",
            "lembur tidak dibayar di perusahaan smelter",
            "warga transmigrasi di {village} belum menerima sertifikat lahan",
            "kecelakaan kerja di tambang tidak ditanggung perusahaan",
            "kontrak kerja diperpanjang terus tanpa diangkat karyawan tetap",
            "agen penyalur kerja meminta biaya {amount} untuk kerja di tambang",
            "lahan usaha warga transmigran di {regency} tumpang tindih dengan izin tambang",
            "pekerja perempuan tidak diberi cuti melahirkan",
        ),
        "details": (
            "Kami sudah mengadu ke serikat pekerja.",
            "Mohon Dinas Tenaga Kerja dan Transmigrasi memanggil perusahaan.",
            "Ada sekitar {n}0 pekerja yang senasib.",
            "Kami bekerja 12 jam sehari.",
            "Keluarga kami di kampung menunggu kiriman.",
            "Perusahaan mengancam memecat yang melapor.",
            "Pengawas ketenagakerjaan tidak pernah datang.",
            "Kontrak kerja tidak pernah diberikan kepada kami.",
        ),
    },
    "PERIKANAN": {
        "problems": (
            "BBM untuk nelayan di {village} langka dan mahal",
            "bantuan kapal dan mesin untuk nelayan {town} tidak tepat sasaran",
            "kapal asing mencuri ikan di perairan {regency}",
            "nelayan {village} belum menerima bantuan alat tangkap",
            "pengeboman ikan di perairan {village} merusak terumbu karang",
            "harga ikan di tempat pelelangan {town} dipermainkan tengkulak",
            "cold storage di pelabuhan perikanan {town} tidak berfungsi",
            "kartu nelayan saya belum jadi sehingga tidak bisa membeli solar subsidi",
            "rumpon nelayan lokal di {regency} dirusak kapal besar",
            "bantuan bibit rumput laut di {village} mati semua",
            "kapal pukat masuk ke zona tangkap nelayan kecil di {regency}",
            "pabrik es untuk nelayan di {town} tidak beroperasi",
            "asuransi nelayan tidak cair setelah kecelakaan di laut",
            "budidaya keramba ikan warga {village} rusak tanpa ganti rugi",
        ),
        "details": (
            "Nelayan kecil tidak bisa melaut.",
            "Mohon Dinas Kelautan dan Perikanan turun tangan.",
            "Bantuan justru diberikan kepada orang yang bukan nelayan.",
            "Hasil tangkapan kami terus menurun.",
            "SPBU nelayan sering tutup.",
            "Kami sudah melaporkan ke pengawas perikanan.",
            "Ikan busuk karena tidak ada es.",
            "Kelompok nelayan kami sudah terdaftar resmi.",
        ),
    },
    "PERTANIAN": {
        "problems": (
            "pupuk bersubsidi di {village} langka saat musim tanam",
            "harga kopra anjlok dan petani {regency} rugi",
            "bantuan bibit pala dan cengkih di {village} tidak sampai ke petani",
            "saluran irigasi sawah di {village} rusak {duration}",
            "penyuluh pertanian tidak pernah datang ke {village}",
            "bibit jagung bantuan di {regency} banyak yang tidak tumbuh",
            "hama babi hutan merusak kebun warga {village}",
            "harga pupuk di kios resmi melebihi harga eceran tertinggi",
            "traktor bantuan kelompok tani di {village} dikuasai satu orang",
            "petani {town} tidak terdaftar dalam kartu tani",
            "harga cabai dan tomat di {town} anjlok saat panen",
            "bantuan alat pengering kopra tidak dibagikan ke kelompok tani",
            "penyakit tanaman pala menyerang kebun di {regency}",
            "bendung irigasi di {regency} jebol sehingga sawah kekeringan",
        ),
        "details": (
            "Kami sudah mendaftar di kelompok tani.",
            "Mohon Dinas Pertanian memeriksa penyalurannya.",
            "Hasil panen tahun ini gagal.",
            "Petani terpaksa membeli pupuk non-subsidi yang mahal.",
            "Tengkulak membeli dengan harga sangat murah.",
            "Kebun adalah satu-satunya sumber penghasilan kami.",
            "Lahan {n} hektare terancam gagal panen.",
            "Bantuan hanya untuk kelompok yang dekat dengan kepala desa.",
        ),
    },
    "PEREMPUANANAK": {
        "problems": (
            "tetangga saya di {village} sering dipukul suaminya",
            "ada anak di {town} yang menjadi korban kekerasan oleh orang tuanya",
            "dugaan kekerasan seksual terhadap anak di {village} belum ditangani",
            "perempuan dari {town} dijanjikan kerja di luar daerah lalu dieksploitasi",
            "anak di bawah umur dinikahkan di {village}",
            "korban KDRT di {town} tidak mendapat pendampingan",
            "anak perempuan di {village} dipekerjakan di warung malam",
            "ibu dan anak diusir suami dari rumah di {town} dan tidak punya tempat tinggal",
            "pelaku pelecehan siswi di {town} masih bebas berkeliaran",
            "laporan KDRT saya tidak ditindaklanjuti",
            "anak-anak di {village} diajak bekerja di tambang",
            "korban perdagangan orang asal {regency} butuh bantuan pulang",
            "rumah aman untuk korban kekerasan perempuan tidak ada di {regency}",
            "anak jalanan di {town} mengalami kekerasan dari orang dewasa",
        ),
        "details": (
            "Korban takut melapor karena diancam.",
            "Mohon Dinas Pemberdayaan Perempuan dan Perlindungan Anak mendampingi.",
            "Anak itu sudah tidak sekolah.",
            "Tetangga sering mendengar teriakan dari rumah itu.",
            "Korban butuh pendampingan psikologis.",
            "Keluarga korban tidak mampu membayar pengacara.",
            "Mohon identitas saya dirahasiakan.",
            "Kejadiannya sudah berulang kali.",
        ),
    },
    "LAINNYA": {
        "problems": (
            "saya ingin bertanya tentang jadwal kunjungan gubernur ke {town}",
            "mohon informasi syarat menjadi mitra pemerintah provinsi",
            "usul agar taman kota di {town} diperbanyak tempat duduk",
            "listrik di {village} sering padam {duration}",
            "saran agar pemerintah membuat acara festival budaya di {town}",
            "kantor gubernur di Sofifi sepi pada jam kerja",
            "kapan pembangunan masjid raya di {town} selesai",
            "mohon dibuatkan papan nama jalan di {village}",
            ("antrean bayar pajak kendaraan di Samsat {town} lama", "BAPENDA"),
            ("pajak kendaraan tidak bisa dibayar online", "BAPENDA"),
            ("perpustakaan daerah di {town} jarang buka dan bukunya sedikit", "DISPERPUSIP"),
            ("fasilitas GOR di {town} rusak dan tidak terawat", "DISPORA"),
            ("objek wisata pantai di {regency} kotor dan tidak ada fasilitas", "DISPAR"),
            ("harga sembako di pasar {town} naik terus", "DISPERINDAG"),
            ("stok minyak tanah di {village} langka", "DISPERINDAG"),
        ),
        "details": (
            "Terima kasih atas perhatiannya.",
            "Ini hanya saran dari kami warga biasa.",
            "Mohon diteruskan ke instansi yang berwenang.",
            "Saya tidak tahu harus melapor ke mana.",
            "Semoga menjadi perhatian pemerintah.",
            "Saya sudah menanyakan ke beberapa kantor.",
            "Informasinya tidak ada di website.",
            "Kami warga {town} sangat berharap.",
        ),
    },
}

# Categories whose reports often mention the other's topic.
NEIGHBOURS = {
    "JALAN": ("BENCANA", "TRANSPORTASI"),
    "AIR": ("LINGKUNGAN", "KESEHATAN"),
    "ADMINDUK": ("SOSIAL", "DIGITAL"),
    "KESEHATAN": ("RUMAHSAKIT", "SOSIAL"),
    "RUMAHSAKIT": ("KESEHATAN",),
    "PENDIDIKAN": ("SOSIAL", "PUNGLI"),
    "SOSIAL": ("ADMINDUK", "PEREMPUANANAK"),
    "TRANSPORTASI": ("PERIKANAN", "JALAN"),
    "LINGKUNGAN": ("KETENAGAKERJAAN", "AIR"),
    "BENCANA": ("JALAN", "SOSIAL"),
    "PERIZINAN": ("PUNGLI", "DIGITAL"),
    "KETERTIBAN": ("LINGKUNGAN", "TRANSPORTASI"),
    "DIGITAL": ("ADMINDUK", "PERIZINAN"),
    "ASN": ("PUNGLI",),
    "PUNGLI": ("ASN", "PERIZINAN"),
    "KETENAGAKERJAAN": ("LINGKUNGAN",),
    "PERIKANAN": ("TRANSPORTASI", "LINGKUNGAN"),
    "PERTANIAN": ("BENCANA", "AIR"),
    "PEREMPUANANAK": ("SOSIAL",),
    "LAINNYA": ("DIGITAL", "ASN", "TRANSPORTASI"),
}
# Problems that honestly belong to more than one category: a report of one of them is
# labelled with one of its categories at random, as two verifiers might disagree.
SHARED = (
    ("pegawai kantor meminta uang {amount} waktu saya mengurus KTP-el", ("ADMINDUK", "ASN", "PUNGLI")),
    (
        "petugas tidak ada di kantor saat jam pelayanan, warga pulang dengan tangan kosong",
        ("ASN", "ADMINDUK"),
    ),
    ("tanah longsor menutup {road} {duration}", ("JALAN", "BENCANA")),
    ("jembatan di {village} hanyut terbawa banjir", ("JALAN", "BENCANA")),
    ("obat habis dan pasien BPJS disuruh beli di apotek luar", ("KESEHATAN", "RUMAHSAKIT")),
    ("dokter tidak ada di tempat, pasien menunggu seharian", ("KESEHATAN", "RUMAHSAKIT")),
    ("perahu nelayan dipakai mengangkut penumpang ke {town} tanpa pelampung", ("TRANSPORTASI", "PERIKANAN")),
    ("air sungai di {village} tercemar dan tidak bisa dipakai lagi", ("AIR", "LINGKUNGAN")),
    ("beasiswa untuk anak keluarga miskin di {town} tidak cair", ("PENDIDIKAN", "SOSIAL")),
    ("aplikasi pendaftaran izin online selalu error", ("PERIZINAN", "DIGITAL")),
    ("biaya izin usaha diminta {amount} tanpa kuitansi", ("PERIZINAN", "PUNGLI")),
    ("pedagang pasar {town} membuang sampah ke selokan", ("KETERTIBAN", "LINGKUNGAN")),
    ("banjir merendam sawah dan kebun warga di {village}", ("BENCANA", "PERTANIAN")),
    (
        "perusahaan tambang di {regency} mencemari kampung dan tidak membayar pekerja lokal",
        ("LINGKUNGAN", "KETENAGAKERJAAN"),
    ),
    ("ibu korban KDRT dan anaknya di {town} tidak mendapat bantuan apa pun", ("SOSIAL", "PEREMPUANANAK")),
    ("BPJS saya ditolak karena NIK tidak terdaftar", ("KESEHATAN", "ADMINDUK")),
    ("listrik di kantor layanan {town} padam dan pelayanan berhenti", ("LAINNYA", "DIGITAL")),
    ("jalan rusak menuju {port} membuat penumpang terlambat", ("JALAN", "TRANSPORTASI")),
    ("guru ASN di {school} jarang masuk mengajar", ("PENDIDIKAN", "ASN")),
    ("bantuan pupuk dijual oleh oknum pegawai dinas", ("PERTANIAN", "PUNGLI")),
    ("solar di {town} langka, nelayan dan sopir antre berjam-jam", ("PERIKANAN", "TRANSPORTASI", "LAINNYA")),
    ("kapan pembangunan kantor di {town} dimulai, mohon informasinya", ("LAINNYA", "DIGITAL")),
    ("tumpukan sampah dan genangan air di {village} jadi sarang nyamuk", ("LINGKUNGAN", "KESEHATAN", "AIR")),
    ("miras dijual dekat sekolah di {town}", ("KETERTIBAN", "PENDIDIKAN")),
)
SHARED_SHARE = 0.12
MIXED_SHARE = 0.2
INFORMAL_SHARE = 0.4

_INFORMAL_WORDS = {
    "tidak": ("gak", "nggak", "tdk", "ga", "tidak"),
    "yang": ("yg",),
    "dengan": ("dgn",),
    "sudah": ("sdh", "udh", "udah"),
    "belum": ("blm", "belom"),
    "karena": ("krn", "karna"),
    "untuk": ("utk",),
    "saya": ("sy", "saya"),
    "bapak": ("bpk", "pak"),
    "orang": ("org",),
    "jalan": ("jln", "jl"),
    "puskesmas": ("puskes", "pkm"),
    "bulan": ("bln",),
    "tahun": ("thn",),
    "sampai": ("sampe",),
    "kalau": ("klo", "kalo"),
    "tolong": ("tlg",),
    "banyak": ("byk",),
    "sekarang": ("skrg",),
}


def _fill(template: str, rng: random.Random, hospital: str) -> str:
    town = rng.choice(TOWNS)
    values = {
        "town": town,
        "regency": rng.choice(REGENCIES),
        "village": rng.choice(VILLAGES),
        "road": rng.choice(ROADS),
        "route": rng.choice(ROUTES),
        "port": rng.choice(PORTS),
        "duration": rng.choice(DURATIONS),
        "amount": rng.choice(AMOUNTS),
        "n": rng.randint(1, 9),
        "hospital": hospital,
    }
    values["school"] = rng.choice(SCHOOLS).format(**values)
    values["puskesmas"] = rng.choice(PUSKESMAS).format(**values)
    return template.format(**values)


def _informal(text: str, rng: random.Random) -> str:
    words = []
    for word in text.split(" "):
        bare = word.lower().strip(".,:;!?")
        if bare in _INFORMAL_WORDS and rng.random() < 0.7:
            tail = word[len(word.rstrip(".,:;!?")) :]
            word = rng.choice(_INFORMAL_WORDS[bare]) + tail
        words.append(word)
    text = " ".join(words)
    if rng.random() < 0.6:
        text = text.lower()
    if rng.random() < 0.5:
        text = text.replace(".", "").replace(",", "")
    if rng.random() < 0.3:
        text = text.rstrip() + rng.choice(("!!!", " !!", "..", " tolong!!"))
    return text


def _sentence(text: str) -> str:
    text = text.strip()
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?:," else text + "."


def _report(category: str, rng: random.Random, defaults: dict[str, str]) -> tuple[str, str, str]:
    spec = CATEGORIES[category]
    shared = [text for text, categories in SHARED if category in categories]
    if shared and rng.random() < SHARED_SHARE:
        problem, agency = rng.choice(shared), defaults[category]
    else:
        problem = rng.choice(spec["problems"])
        problem, agency = problem if isinstance(problem, tuple) else (problem, defaults[category])
    hospital, hospital_agency = rng.choice(HOSPITALS)
    if "{hospital}" in problem:
        agency = hospital_agency
    style = "informal" if rng.random() < INFORMAL_SHARE else "formal"
    opening = rng.choice([text for kind, text in OPENINGS if kind == style])
    closing = rng.choice([text for kind, text in CLOSINGS if kind == style])
    body = _sentence(_fill(problem, rng, hospital))
    if opening and opening[-1] not in ".:!":
        body = body[0].lower() + body[1:]
    parts = [opening, body]
    if rng.random() < 0.6:
        parts.append(_fill(rng.choice(spec["details"]), rng, hospital))
    if rng.random() < MIXED_SHARE:
        other = CATEGORIES[rng.choice(NEIGHBOURS[category])]
        parts.append(_fill(rng.choice(other["details"]), rng, hospital))
        if rng.random() < 0.3:
            mentioned = rng.choice(other["problems"])
            mentioned = mentioned[0] if isinstance(mentioned, tuple) else mentioned
            parts.append("Selain itu " + _sentence(_fill(mentioned, rng, hospital)))
    parts.append(closing)
    if rng.random() < 0.15:  # a short report: the problem alone
        parts = [body]
    text = " ".join(part for part in (_fill(p, rng, hospital) for p in parts) if part)
    if style == "informal":
        text = _informal(text, rng)
    return text, category, agency


def training_reports(n_per_category: int = 100, seed: int = 2026) -> list[tuple[str, str, str]]:
    """``n_per_category`` demo reports for every category: (description, category, agency).

    The list is grouped by category in the order of the categories file; the same seed
    always gives the same list.
    """
    if n_per_category < 0:
        raise ValueError("n_per_category must not be negative")
    defaults = default_agencies()
    missing = sorted(set(defaults) - set(CATEGORIES))
    if missing:
        raise ValueError(f"no demo reports written for categories {', '.join(missing)}")
    rng = random.Random(seed)  # noqa: S311 (demo text, not a secret)
    return [_report(category, rng, defaults) for category in defaults for _ in range(n_per_category)]
