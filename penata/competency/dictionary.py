"""Competency dictionary of Permen PANRB 38/2017: managerial (M.01–M.08) and sociocultural (SK.01).

Seed data: definitions and level titles follow the regulation; some behaviour indicators
are paraphrased. BKD checks them against the regulation's appendix (Lampiran) and edits
them in the admin; reloading the dictionary overwrites such edits.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Level:
    level: int
    title: str
    indicators: tuple[str, ...]


@dataclass(frozen=True)
class CompetencyEntry:
    code: str
    name: str
    kind: str  # "managerial" | "sociocultural"
    description: str
    levels: tuple[Level, ...]


DICTIONARY: tuple[CompetencyEntry, ...] = (
    CompetencyEntry(
        code="M.01",
        name="Integritas",
        kind="managerial",
        description=(
            "Konsisten berperilaku selaras dengan nilai, norma dan/atau etika organisasi, dan jujur dalam "
            "hubungan dengan manajemen, rekan kerja, bawahan langsung, dan pemangku kepentingan, "
            "menciptakan budaya etika tinggi, bertanggungjawab atas tindakan atau keputusan beserta risiko "
            "yang menyertainya."
        ),
        levels=(
            Level(
                1,
                "Mampu bertindak sesuai nilai, norma, etika organisasi dalam kapasitas pribadi",
                (
                    "Bertingkah laku sesuai dengan perkataan; berkata sesuai dengan fakta.",
                    (
                        "Melaksanakan peraturan, kode etik organisasi dalam lingkungan kerja sehari-hari, "
                        "pada tataran individu/pribadi."
                    ),
                    "Tidak menjanjikan/memberikan sesuatu yang bertentangan dengan aturan organisasi.",
                ),
            ),
            Level(
                2,
                (
                    "Mampu mengingatkan, mengajak rekan kerja untuk bertindak sesuai nilai, norma, dan "
                    "etika organisasi"
                ),
                (
                    (
                        "Mengingatkan rekan kerja untuk bertindak sesuai dengan nilai, norma, dan etika "
                        "organisasi."
                    ),
                    "Mengajak orang lain untuk bertindak sesuai etika dan kode etik.",
                    "Memberikan informasi yang dapat dipercaya sesuai dengan etika organisasi.",
                ),
            ),
            Level(
                3,
                (
                    "Mampu memastikan, menanamkan keyakinan bersama agar anggota yang dipimpin bertindak "
                    "sesuai nilai, norma, dan etika organisasi, dalam lingkup formal"
                ),
                (
                    (
                        "Memastikan anggota yang dipimpin bertindak sesuai dengan nilai, norma, dan etika "
                        "organisasi."
                    ),
                    (
                        "Mampu untuk memberi apresiasi dan teguran bagi anggota yang dipimpin agar "
                        "bertindak selaras dengan nilai, norma, dan etika organisasi."
                    ),
                    (
                        "Melakukan monitoring dan evaluasi terhadap penerapan sikap integritas di dalam "
                        "unit kerja yang dipimpin."
                    ),
                ),
            ),
            Level(
                4,
                (
                    "Mampu menciptakan situasi kerja yang membuat rekan kerja, kolega, dan anggota yang "
                    "dipimpin bertindak sesuai nilai, norma, dan etika organisasi"
                ),
                (
                    (
                        "Mendukung dan menerapkan prinsip moral dan standar etika yang tinggi, serta berani "
                        "menanggung konsekuensinya."
                    ),
                    (
                        "Berani melakukan koreksi atau mengambil tindakan atas penyimpangan kode "
                        "etik/nilai-nilai yang dilakukan oleh orang lain, pada tataran lingkup kerja "
                        "setingkat instansi meskipun ada kemungkinan risiko."
                    ),
                ),
            ),
            Level(
                5,
                "Mampu menjadi role model dalam penerapan standar keadilan dan etika di tingkat nasional",
                (
                    "Menjadi role model/keteladanan sikap integritas di tingkat nasional.",
                    (
                        "Membuat konsep kebijakan dan strategi penerapan sikap integritas dalam pelaksanaan "
                        "tugas dan norma-norma yang sejalan dengan nilai strategis organisasi."
                    ),
                    (
                        "Mengambil tindakan untuk melindungi kebijakan/pendirian yang berdasarkan nilai, "
                        "norma, dan etika organisasi meskipun dalam situasi sulit."
                    ),
                ),
            ),
        ),
    ),
    CompetencyEntry(
        code="M.02",
        name="Kerjasama",
        kind="managerial",
        description=(
            "Kemampuan menjalin, membina, mempertahankan hubungan kerja yang efektif, memiliki komitmen "
            "saling membantu dalam penyelesaian tugas, dan mengoptimalkan segala sumberdaya untuk mencapai "
            "tujuan strategis organisasi."
        ),
        levels=(
            Level(
                1,
                "Berpartisipasi dalam kelompok kerja",
                (
                    (
                        "Berpartisipasi sebagai anggota kelompok yang baik, melakukan tugas/bagiannya, dan "
                        "mendukung keputusan kelompok."
                    ),
                    (
                        "Mendengarkan dan menghargai masukan dari orang lain dan memberikan usulan-usulan "
                        "bagi kepentingan kelompok."
                    ),
                    "Berbagi informasi yang relevan atau bermanfaat pada anggota kelompok.",
                ),
            ),
            Level(
                2,
                "Menumbuhkan tim kerja yang partisipatif dan efektif",
                (
                    "Membantu orang lain dalam menyelesaikan tugas-tugas mereka untuk mendukung sasaran tim.",
                    "Berbagi pengalaman, pengetahuan dan sumber daya untuk menyelesaikan tugas-tugas tim.",
                    "Mendorong partisipasi anggota tim dan menunjukkan komitmen terhadap keputusan tim.",
                ),
            ),
            Level(
                3,
                "Efektif membangun tim kerja untuk peningkatan kinerja organisasi",
                (
                    (
                        "Melihat kekuatan/kelemahan anggota tim, membentuk tim yang tepat, mengantisipasi "
                        "kemungkinan hambatan, dan mencari solusi yang optimal."
                    ),
                    (
                        "Mengupayakan dan mengutamakan pengambilan keputusan berdasarkan usulan-usulan "
                        "anggota tim/kelompok, bernegosiasi secara efektif untuk upaya penyelesaian "
                        "pekerjaan yang menjadi target kinerja kelompok dan/atau unit kerja."
                    ),
                    (
                        "Membangun aliansi dengan para pemangku kepentingan dalam rangka mendukung "
                        "penyelesaian target kerja kelompok."
                    ),
                ),
            ),
            Level(
                4,
                "Membangun komitmen tim, sinergi",
                (
                    "Membangun sinergi antar unit kerja di lingkup instansi yang dipimpin.",
                    (
                        "Memfasilitasi kepentingan yang berbeda dari unit kerja lain sehingga tercipta "
                        "sinergi dalam rangka pencapaian target kerja organisasi."
                    ),
                    (
                        "Mengembangkan sistem yang menghargai kerja sama antar unit, memberikan "
                        "dukungan/semangat untuk memastikan tercapainya sinergi dalam rangka pencapaian "
                        "target kerja organisasi."
                    ),
                ),
            ),
            Level(
                5,
                "Menciptakan situasi kerja sama secara konsisten, baik di dalam maupun di luar instansi",
                (
                    (
                        "Menciptakan hubungan kerja yang konstruktif dengan menerapkan "
                        "norma/etos/nilai-nilai kerja yang baik di dalam dan di luar organisasi."
                    ),
                    (
                        "Meningkatkan kualitas sinergi dan kerja sama dengan instansi lain serta para "
                        "pemangku kepentingan."
                    ),
                    (
                        "Membangun konsensus untuk menggabungkan sumberdaya dari berbagai pemangku "
                        "kepentingan untuk tujuan bangsa dan negara."
                    ),
                ),
            ),
        ),
    ),
    CompetencyEntry(
        code="M.03",
        name="Komunikasi",
        kind="managerial",
        description=(
            "Kemampuan untuk menerangkan pandangan dan gagasan secara jelas, sistematis disertai "
            "argumentasi yang logis dengan cara-cara yang sesuai baik secara lisan maupun tertulis; "
            "memastikan pemahaman; mendengarkan secara aktif dan efektif; mempersuasi, meyakinkan dan "
            "membujuk orang lain dalam rangka mencapai tujuan organisasi."
        ),
        levels=(
            Level(
                1,
                "Menyampaikan informasi dengan jelas, lengkap, pemahaman yang sama",
                (
                    (
                        "Menyampaikan informasi (data), pikiran atau pendapat dengan jelas, singkat dan "
                        "tepat dengan menggunakan cara/media yang sesuai dan mudah dipahami."
                    ),
                    (
                        "Memberikan tanggapan yang sesuai dan memastikan pemahaman yang sama atas informasi "
                        "yang disampaikan."
                    ),
                ),
            ),
            Level(
                2,
                (
                    "Aktif menjalankan komunikasi secara formal dan informal; bersedia mendengarkan orang "
                    "lain, menginterpretasikan pesan dengan respon yang sesuai, mampu menyusun materi "
                    "presentasi, pidato, naskah, laporan, dll"
                ),
                (
                    "Menggunakan gaya komunikasi informal untuk meningkatkan hubungan profesional.",
                    (
                        "Mendengarkan pihak lain secara aktif; menangkap dan menginterpretasikan "
                        "pesan-pesan dari orang lain, serta memberikan respon yang sesuai."
                    ),
                    "Membuat materi presentasi, pidato, draft naskah, laporan dll sesuai arahan pimpinan.",
                ),
            ),
            Level(
                3,
                (
                    "Berkomunikasi secara asertif, terampil berkomunikasi lisan/tertulis untuk menyampaikan "
                    "informasi yang sensitif/rumit/kompleks"
                ),
                (
                    (
                        "Menyampaikan suatu informasi yang sensitif/rumit dengan cara penyampaian dan "
                        "kalimat yang baik, sehingga mudah dipahami oleh penerima pesan."
                    ),
                    "Menyampaikan pendapat dan gagasan secara asertif disertai argumentasi yang logis.",
                    (
                        "Menyusun naskah, laporan, atau presentasi yang bersifat kompleks secara jelas dan "
                        "sistematis."
                    ),
                ),
            ),
            Level(
                4,
                (
                    "Mampu mengemukakan pemikiran multidimensi secara lisan dan tertulis untuk mendorong "
                    "kesepakatan dengan tujuan meningkatkan kinerja secara keseluruhan"
                ),
                (
                    (
                        "Mengintegrasikan informasi-informasi penting hasil diskusi dengan pihak lain untuk "
                        "mendapatkan pemahaman yang sama."
                    ),
                    (
                        "Berbagi informasi dengan pemangku kepentingan untuk tujuan meningkatkan kinerja "
                        "secara keseluruhan."
                    ),
                    "Menuangkan pemikiran/konsep yang multidimensi dalam bentuk tulisan formal.",
                ),
            ),
            Level(
                5,
                (
                    "Menggagas sistem komunikasi yang terbuka secara strategis untuk mencari solusi dengan "
                    "tujuan meningkatkan kinerja"
                ),
                (
                    (
                        "Menggagas sistem komunikasi dengan melibatkan pemangku kepentingan sehingga dapat "
                        "menemukan solusi atas permasalahan untuk meningkatkan kinerja organisasi."
                    ),
                    (
                        "Membangun komunikasi dua arah yang terbuka dan memanfaatkan berbagai media "
                        "komunikasi secara strategis."
                    ),
                    (
                        "Menyampaikan gagasan dan kebijakan strategis secara persuasif untuk memperoleh "
                        "dukungan pemangku kepentingan."
                    ),
                ),
            ),
        ),
    ),
    CompetencyEntry(
        code="M.04",
        name="Orientasi pada Hasil",
        kind="managerial",
        description=(
            "Kemampuan mempertahankan komitmen pribadi yang tinggi untuk menyelesaikan tugas, dapat "
            "diandalkan, bertanggung jawab, mampu secara sistimatis mengidentifikasi risiko dan peluang "
            "dengan memperhatikan keterhubungan antara perencanaan dan hasil, untuk keberhasilan "
            "organisasi."
        ),
        levels=(
            Level(
                1,
                "Bertanggung jawab untuk memenuhi standar kerja",
                (
                    "Menyelesaikan tugas dengan tuntas; dapat diandalkan.",
                    (
                        "Bekerja dengan teliti dan hati-hati guna meminimalkan kesalahan dengan mengacu "
                        "pada standar kualitas (SOP)."
                    ),
                    (
                        "Bersedia menerima masukan, mengikuti contoh cara bekerja yang lebih efektif, "
                        "efisien di lingkungan kerjanya."
                    ),
                ),
            ),
            Level(
                2,
                (
                    "Berupaya meningkatkan hasil kerja pribadi yang lebih tinggi dari standar yang "
                    "ditetapkan, mencari, mencoba metode alternatif untuk peningkatan kinerja"
                ),
                (
                    (
                        "Menetapkan dan berupaya mencapai standar kerja pribadi yang lebih tinggi dari "
                        "standar kerja yang ditetapkan organisasi."
                    ),
                    "Mencari, mencoba metode kerja alternatif untuk meningkatkan hasil kerjanya.",
                    (
                        "Memberi contoh kepada orang-orang di unit kerjanya untuk mencoba menerapkan metode "
                        "kerja yang lebih efektif yang sudah dilakukannya."
                    ),
                ),
            ),
            Level(
                3,
                (
                    "Menetapkan target kerja yang menantang bagi unit kerja, memberi apresiasi dan teguran "
                    "untuk mendorong kinerja"
                ),
                (
                    (
                        "Menetapkan target kinerja unit yang lebih tinggi dari target yang ditetapkan "
                        "organisasi."
                    ),
                    "Memberikan apresiasi dan teguran untuk mendorong pencapaian hasil unit kerjanya.",
                    (
                        "Mengembangkan metode kerja yang lebih efektif dan efisien untuk mencapai target "
                        "kerja unitnya."
                    ),
                ),
            ),
            Level(
                4,
                "Mendorong unit kerja mencapai target yang ditetapkan atau melebihi hasil kerja sebelumnya",
                (
                    (
                        "Mendorong unit kerja di tingkat instansi untuk mencapai kinerja yang melebihi "
                        "target yang ditetapkan."
                    ),
                    (
                        "Memantau dan mengevaluasi hasil kerja unitnya agar selaras dengan sasaran "
                        "strategis instansi."
                    ),
                    (
                        "Mendorong pemanfaatan sumber daya bersama antar unit kerja dalam rangka "
                        "meningkatkan efektifitas dan efisiensi pencapaian target organisasi."
                    ),
                ),
            ),
            Level(
                5,
                "Meningkatkan mutu pencapaian kerja organisasi",
                (
                    (
                        "Memastikan kualitas sesuai standar dan keberlanjutan hasil kerja organisasi yang "
                        "memberi kontribusi pada pencapaian target prioritas nasional."
                    ),
                    (
                        "Menetapkan kebijakan dan strategi untuk meningkatkan mutu dan kinerja organisasi "
                        "secara berkelanjutan."
                    ),
                ),
            ),
        ),
    ),
    CompetencyEntry(
        code="M.05",
        name="Pelayanan Publik",
        kind="managerial",
        description=(
            "Kemampuan dalam melaksanakan tugas-tugas pemerintahan, pembangunan dan kegiatan pemenuhan "
            "kebutuhan pelayanan publik secara profesional, transparan, mengikuti standar pelayanan yang "
            "objektif, netral, tidak memihak, tidak diskriminatif, serta tidak terpengaruh kepentingan "
            "pribadi/kelompok/golongan/partai politik."
        ),
        levels=(
            Level(
                1,
                "Menjalankan pelayanan sesuai SOP",
                (
                    (
                        "Mengerjakan tugas-tugas dengan mengikuti standar pelayanan yang objektif, netral, "
                        "tidak memihak, tidak diskriminatif, transparan, serta tidak terpengaruh "
                        "kepentingan pribadi/kelompok/partai politik."
                    ),
                    "Melayani kebutuhan, permintaan dan keluhan pemangku kepentingan.",
                    "Menyelesaikan masalah dengan tepat tanpa bersikap memihak.",
                ),
            ),
            Level(
                2,
                (
                    "Mampu mensupervisi/mengawasi/menyelia dan menjelaskan proses pelaksanaan tugas-tugas "
                    "pemerintahan/pelayanan publik secara transparan"
                ),
                (
                    (
                        "Menunjukkan sikap yakin dalam mengerjakan tugas-tugas pemerintahan/pelayanan "
                        "publik, mampu menyelia dan menjelaskan secara objektif bila ada yang "
                        "mempertanyakan kebijakan yang diambil."
                    ),
                    (
                        "Secara aktif mencari informasi untuk mengenali kebutuhan pemangku kepentingan agar "
                        "dapat menjalankan pelaksanaan tugas pemerintahan, pembangunan dan pelayanan publik "
                        "secara cepat dan tanggap."
                    ),
                    (
                        "Mampu mengenali dan memanfaatkan kebiasaan, tatacara, situasi tertentu sehingga "
                        "apa yang disampaikan menjadi perhatian pemangku kepentingan dalam hal penyelesaian "
                        "tugas-tugas pemerintahan, pembangunan dan pelayanan publik."
                    ),
                ),
            ),
            Level(
                3,
                (
                    "Mampu memanfaatkan kekuatan kelompok serta memperbaiki standar pelayanan publik di "
                    "lingkup unit kerja"
                ),
                (
                    (
                        "Memahami, mendeskripsikan pengaruh dan hubungan/kekuatan kelompok yang sedang "
                        "berjalan di organisasi (aliansi atau persaingan), dan dampaknya terhadap unit "
                        "kerja untuk menjalankan tugas pemerintahan secara profesional dan netral, tidak "
                        "memihak."
                    ),
                    (
                        "Menggunakan keterampilan dan pemahaman lintas organisasi untuk secara efektif "
                        "memfasilitasi kebutuhan kelompok yang lebih besar dengan cara-cara yang mengikuti "
                        "standar objektif, transparan, profesional, sehingga tidak merugikan para pihak di "
                        "lingkup pelayanan publik unit kerjanya."
                    ),
                    (
                        "Mengimplementasikan cara-cara yang efektif untuk memantau dan mengevaluasi masalah "
                        "yang dihadapi pemangku kepentingan/masyarakat serta mengantisipasi kebutuhan "
                        "mereka saat menjalankan tugas pelayanan publik di unit kerjanya."
                    ),
                ),
            ),
            Level(
                4,
                (
                    "Mampu memonitor, mengevaluasi, memperhitungkan dan mengantisipasi dampak dari isu-isu "
                    "jangka panjang, kesempatan, atau kekuatan politik dalam hal pelayanan kebutuhan "
                    "pemangku kepentingan yang transparan, objektif, dan profesional"
                ),
                (
                    (
                        "Memahami dan memberi perhatian kepada isu-isu jangka panjang, kesempatan atau "
                        "kekuatan politik yang mempengaruhi organisasi dalam hubungannya dengan dunia luar, "
                        "memperhitungkan dan mengantisipasi dampak terhadap pelaksanaan tugas-tugas "
                        "pemerintahan, pembangunan dan pelayanan publik secara objektif, transparan, dan "
                        "profesional dalam lingkup organisasi."
                    ),
                    (
                        "Menjaga agar kebijakan pelayanan publik yang diselenggarakan oleh instansinya "
                        "telah selaras dengan standar pelayanan yang objektif, netral, tidak memihak, tidak "
                        "diskriminatif, transparan, serta tidak terpengaruh kepentingan "
                        "pribadi/kelompok/partai politik."
                    ),
                    (
                        "Menerapkan strategi jangka panjang yang berfokus pada pemenuhan kebutuhan pemangku "
                        "kepentingan dalam menyusun kebijakan dengan mengikuti standar objektif, netral, "
                        "tidak memihak, tidak diskriminatif, transparan, serta tidak terpengaruh "
                        "kepentingan pribadi/kelompok/partai politik."
                    ),
                ),
            ),
            Level(
                5,
                (
                    "Mampu menciptakan kebijakan-kebijakan pelayanan publik yang menjamin terselenggaranya "
                    "pelayanan publik yang objektif, netral, tidak memihak, tidak diskriminatif, "
                    "transparan, serta tidak terpengaruh kepentingan pribadi/kelompok/partai politik"
                ),
                (
                    (
                        "Menciptakan kebijakan-kebijakan pelayanan publik yang menjamin terselenggaranya "
                        "pelayanan publik yang objektif, netral, tidak memihak, tidak diskriminatif, "
                        "transparan, serta tidak terpengaruh kepentingan pribadi/kelompok/partai politik."
                    ),
                    (
                        "Menginternalisasikan nilai dan semangat pelayanan publik yang mengikuti standar "
                        "objektif, netral, tidak memihak, tidak diskriminatif, transparan, serta tidak "
                        "terpengaruh kepentingan pribadi/kelompok/partai politik kepada setiap individu di "
                        "lingkungan instansi yang dipimpinnya."
                    ),
                ),
            ),
        ),
    ),
    CompetencyEntry(
        code="M.06",
        name="Pengembangan Diri dan Orang Lain",
        kind="managerial",
        description=(
            "Kemampuan untuk meningkatkan pengetahuan dan menyempurnakan keterampilan diri; menginspirasi "
            "orang lain untuk mengembangkan dan menyempurnakan pengetahuan dan keterampilan yang relevan "
            "dengan pekerjaan dan pengembangan karir jangka panjang, mendorong kemauan belajar sepanjang "
            "hidup, memberikan saran/bantuan, umpan balik, bimbingan untuk membantu orang lain untuk "
            "mengembangkan potensi dirinya."
        ),
        levels=(
            Level(
                1,
                "Pengembangan diri",
                (
                    (
                        "Mengidentifikasi kebutuhan pengembangan diri dan menyeleksi sumber serta "
                        "metodologi pembelajaran yang diperlukan."
                    ),
                    (
                        "Menunjukkan usaha mandiri untuk mempelajari keterampilan atau kemampuan baru dari "
                        "berbagai media pembelajaran."
                    ),
                    (
                        "Berupaya meningkatkan diri dengan belajar dari orang-orang lain yang berwawasan "
                        "luas di dalam organisasi."
                    ),
                ),
            ),
            Level(
                2,
                (
                    "Meningkatkan kemampuan bawahan dengan memberikan contoh dan penjelasan cara "
                    "melaksanakan suatu pekerjaan"
                ),
                (
                    (
                        "Meningkatkan kemampuan bawahan dengan memberikan contoh, instruksi, penjelasan dan "
                        "petunjuk praktis yang jelas kepada bawahan dalam menyelesaikan suatu pekerjaan."
                    ),
                    "Membantu bawahan untuk mempelajari proses, program atau sistem baru.",
                    (
                        "Menggunakan metode lain untuk meyakinkan bahwa orang lain telah memahami "
                        "penjelasan atau pengarahan."
                    ),
                ),
            ),
            Level(
                3,
                "Memberikan umpan balik, membimbing",
                (
                    (
                        "Memberikan tugas-tugas yang menantang pada bawahan sebagai media belajar untuk "
                        "mengembangkan kemampuannya."
                    ),
                    (
                        "Mengamati bawahan dalam mengerjakan tugasnya dan memberikan umpan balik yang "
                        "objektif dan jujur; melakukan diskusi dengan bawahan untuk memberikan bimbingan "
                        "dan umpan balik yang berguna bagi bawahan."
                    ),
                    (
                        "Mendorong kepercayaan diri bawahan; memberikan kepercayaan penuh pada bawahan "
                        "untuk mengerjakan tugas dengan caranya sendiri; memberi kesempatan dan membantu "
                        "bawahan menemukan peluang untuk berkembang."
                    ),
                ),
            ),
            Level(
                4,
                "Menyusun program pengembangan jangka panjang dalam rangka mendorong manajemen pembelajaran",
                (
                    (
                        "Menyusun program pengembangan jangka panjang bersama-sama dengan bawahan, termasuk "
                        "didalamnya penetapan tujuan, bimbingan, penugasan dan pengalaman lainnya, serta "
                        "mengalokasikan waktu untuk mengikuti pelatihan/pendidikan/pengembangan kompetensi "
                        "dan karir."
                    ),
                    (
                        "Melaksanakan manajemen pembelajaran termasuk evaluasi dan umpan balik pada tataran "
                        "organisasi."
                    ),
                    (
                        "Mengembangkan orang-orang disekitarnya secara konsisten, melakukan kaderisasi "
                        "untuk posisi-posisi di unit kerjanya."
                    ),
                ),
            ),
            Level(
                5,
                (
                    "Menciptakan situasi yang mendorong organisasi untuk mengembangkan kemampuan belajar "
                    "secara berkelanjutan dalam rangka mendukung pencapaian hasil"
                ),
                (
                    (
                        "Menciptakan situasi yang mendorong individu, kelompok, unit kerja untuk "
                        "mengembangkan kemampuan belajar secara berkelanjutan di tingkat instansi."
                    ),
                    (
                        "Merekomendasikan/memberikan penghargaan bagi upaya pengembangan yang berhasil, "
                        "memastikan dukungan bagi orang lain untuk mengembangkan kemampuan dan potensinya."
                    ),
                    (
                        "Menyusun kebijakan pengembangan kompetensi dan karir pegawai di tingkat instansi "
                        "untuk mendukung pencapaian hasil organisasi."
                    ),
                ),
            ),
        ),
    ),
    CompetencyEntry(
        code="M.07",
        name="Mengelola Perubahan",
        kind="managerial",
        description=(
            "Kemampuan dalam menyesuaikan diri dengan situasi yang baru atau berubah dan tidak bergantung "
            "secara berlebihan pada metode dan proses lama, mengambil tindakan untuk mendukung dan "
            "melaksanakan insiatif perubahan, memimpin usaha perubahan, mengambil tanggung jawab pribadi "
            "untuk memastikan perubahan berhasil diimplementasikan secara efektif."
        ),
        levels=(
            Level(
                1,
                "Mengikuti perubahan dengan arahan",
                (
                    (
                        "Sadar mengenai perubahan yang terjadi di organisasi dan berusaha menyesuaikan diri "
                        "dengan perubahan tersebut."
                    ),
                    "Mengikuti perubahan secara terbuka sesuai petunjuk/pedoman.",
                    (
                        "Menyesuaikan cara kerja lama dengan menerapkan metode/proses baru dengan bimbingan "
                        "orang lain."
                    ),
                ),
            ),
            Level(
                2,
                "Proaktif beradaptasi mengikuti perubahan",
                (
                    (
                        "Menyesuaikan cara kerja lama dengan menerapkan metode/proses baru selaras dengan "
                        "ketentuan yang berlaku tanpa arahan orang lain."
                    ),
                    "Mengembangkan kemampuan diri untuk menghadapi perubahan.",
                    "Cepat dan tanggap dalam menerima perubahan.",
                ),
            ),
            Level(
                3,
                "Membantu orang lain mengikuti perubahan, mengantisipasi perubahan secara tepat",
                (
                    "Membantu orang lain dalam melakukan perubahan.",
                    "Menyesuaikan prioritas kerja secara berulang-ulang jika diperlukan.",
                    (
                        "Mengantisipasi perubahan yang dibutuhkan oleh unit kerjanya secara tepat; "
                        "memberikan solusi efektif terhadap masalah yang ditimbulkan oleh adanya perubahan."
                    ),
                ),
            ),
            Level(
                4,
                "Memimpin perubahan pada unit kerja",
                (
                    (
                        "Mengarahkan unit kerja untuk lebih siap dalam menghadapi perubahan termasuk "
                        "memitigasi risiko yang mungkin terjadi."
                    ),
                    (
                        "Memastikan perubahan sudah diterapkan secara aktif di lingkup unit kerjanya secara "
                        "berkala."
                    ),
                    "Memimpin dan memastikan penerapan program-program perubahan selaras antar unit kerja.",
                ),
            ),
            Level(
                5,
                "Memimpin, menggerakkan dan mengevaluasi perubahan di tingkat instansi",
                (
                    (
                        "Membuat kebijakan-kebijakan yang mendorong perubahan yang berdampak pada "
                        "keberhasilan organisasi secara keseluruhan."
                    ),
                    (
                        "Menggalang komitmen pemangku kepentingan untuk mendukung dan melaksanakan "
                        "inisiatif perubahan."
                    ),
                    "Mengevaluasi dan memastikan keberhasilan penerapan perubahan di seluruh instansi.",
                ),
            ),
        ),
    ),
    CompetencyEntry(
        code="M.08",
        name="Pengambilan Keputusan",
        kind="managerial",
        description=(
            "Kemampuan membuat keputusan yang baik secara tepat waktu dan dengan keyakinan diri setelah "
            "mempertimbangkan prinsip kehati-hatian, dirumuskan secara sistematis dan seksama berdasarkan "
            "berbagai informasi, alternatif pemecahan masalah dan konsekuensinya, serta bertanggung jawab "
            "atas keputusan yang diambil."
        ),
        levels=(
            Level(
                1,
                "Mengumpulkan informasi untuk bertindak sesuai kewenangan",
                (
                    "Mengumpulkan dan mempertimbangkan informasi yang dibutuhkan dalam mencari solusi.",
                    "Mengenali situasi/pilihan yang tepat untuk bertindak sesuai kewenangan.",
                    (
                        "Mempertimbangkan kemungkinan solusi yang dapat diterapkan dalam pekerjaan rutin "
                        "berdasarkan kebijakan dan prosedur yang telah ditentukan."
                    ),
                ),
            ),
            Level(
                2,
                "Menganalisis masalah secara mendalam",
                (
                    (
                        "Melakukan analisis secara mendalam terhadap informasi yang tersedia dalam upaya "
                        "mencari solusi."
                    ),
                    "Mempertimbangkan berbagai alternatif yang ada sebelum membuat kesimpulan.",
                    (
                        "Membuat keputusan operasional berdasarkan kesimpulan dari berbagai sumber "
                        "informasi sesuai dengan pedoman yang ada."
                    ),
                ),
            ),
            Level(
                3,
                "Membandingkan berbagai alternatif, menyeimbangkan risiko keberhasilan dalam implementasi",
                (
                    "Membandingkan berbagai alternatif tindakan dan implikasinya.",
                    (
                        "Memilih alternatif solusi yang terbaik, membuat keputusan operasional mengacu pada "
                        "alternatif solusi terbaik yang didasarkan pada analisis data yang sistematis, "
                        "seksama, mengikuti prinsip kehati-hatian."
                    ),
                    "Menyeimbangkan antara kemungkinan risiko dan keberhasilan dalam implementasinya.",
                ),
            ),
            Level(
                4,
                (
                    "Menyelesaikan masalah yang mengandung risiko tinggi, mengantisipasi dampak keputusan, "
                    "membuat tindakan pengamanan; mitigasi risiko"
                ),
                (
                    (
                        "Menyusun dan/atau memutuskan konsep penyelesaian masalah yang melibatkan "
                        "beberapa/seluruh fungsi dalam organisasi."
                    ),
                    (
                        "Menghasilkan solusi dari berbagai masalah yang kompleks, terkait dengan bidang "
                        "kerjanya yang berdampak pada pihak lain."
                    ),
                    (
                        "Membuat keputusan dan mengantisipasi dampak keputusannya serta menyiapkan tindakan "
                        "penanganannya (mitigasi risiko)."
                    ),
                ),
            ),
            Level(
                5,
                (
                    "Menghasilkan solusi dan mengambil keputusan untuk mengatasi permasalahan jangka "
                    "panjang/strategis, berdampak nasional"
                ),
                (
                    "Menghasilkan solusi yang dapat mengatasi permasalahan jangka panjang.",
                    "Menghasilkan solusi strategis yang berdampak pada tataran instansi/nasional.",
                    (
                        "Membuat keputusan atau kebijakan yang berdampak nasional dengan memitigasi risiko "
                        "yang mungkin timbul."
                    ),
                ),
            ),
        ),
    ),
    CompetencyEntry(
        code="SK.01",
        name="Perekat Bangsa",
        kind="sociocultural",
        description=(
            "Kemampuan dalam mempromosikan sikap toleransi, keterbukaan, peka terhadap perbedaan "
            "individu/kelompok masyarakat; mampu menjadi perpanjangan tangan pemerintah dalam mempersatukan "
            "masyarakat dan membangun hubungan sosial psikologis dengan masyarakat di tengah kemajemukan "
            "Indonesia sehingga menciptakan kelekatan yang kuat antara ASN dan para pemangku kepentingan "
            "serta diantara para pemangku kepentingan itu sendiri; menjaga, mengembangkan, dan mewujudkan "
            "rasa persatuan dan kesatuan dalam kehidupan bermasyarakat, berbangsa dan bernegara Indonesia."
        ),
        levels=(
            Level(
                1,
                "Peka memahami dan menerima kemajemukan",
                (
                    "Mampu memahami, menerima, peka terhadap perbedaan individu/kelompok masyarakat.",
                    "Terbuka, ingin belajar tentang perbedaan/kemajemukan masyarakat.",
                    "Mampu bekerja bersama dengan individu yang berbeda latar belakang dengannya.",
                ),
            ),
            Level(
                2,
                "Aktif mengembangkan sikap saling menghargai, menekankan persamaan dan persatuan",
                (
                    (
                        "Menampilkan sikap dan perilaku yang peduli akan nilai-nilai keberagaman dan "
                        "menghargai perbedaan."
                    ),
                    (
                        "Membangun hubungan baik antar individu dalam organisasi, mitra kerja, pemangku "
                        "kepentingan."
                    ),
                    (
                        "Bersikap tenang, mampu mengendalikan emosi, kemarahan dan frustasi dalam "
                        "menghadapi pertentangan yang ditimbulkan oleh perbedaan latar belakang, "
                        "agama/kepercayaan, suku, jender, sosial ekonomi, preferensi politik di lingkungan "
                        "unit kerjanya."
                    ),
                ),
            ),
            Level(
                3,
                "Mempromosikan, mengembangkan sikap toleransi dan persatuan",
                (
                    (
                        "Mempromosikan sikap menghargai perbedaan di antara orang-orang yang mendorong "
                        "toleransi dan keterbukaan."
                    ),
                    (
                        "Melakukan pemetaan sosial di masyarakat sehingga dapat memberikan respon yang "
                        "sesuai dengan budaya yang berlaku; mengidentifikasi potensi kesalahpahaman yang "
                        "diakibatkan adanya keragaman budaya yang ada."
                    ),
                    (
                        "Menjadi mediator untuk menyelesaikan konflik atau mengurangi dampak negatif dari "
                        "konflik atau potensi konflik."
                    ),
                ),
            ),
            Level(
                4,
                (
                    "Mendayagunakan perbedaan secara konstruktif dan kreatif untuk meningkatkan efektivitas "
                    "organisasi"
                ),
                (
                    (
                        "Menginisiasi dan merepresentasikan pemerintah di lingkungan kerja dan masyarakat "
                        "untuk senantiasa menjaga persatuan dan kesatuan dalam keberagaman dan menerima "
                        "segala bentuk perbedaan dalam kehidupan bermasyarakat."
                    ),
                    (
                        "Mampu mendayagunakan perbedaan latar belakang, agama/kepercayaan, suku, jender, "
                        "sosial ekonomi, preferensi politik untuk mencapai kelancaran pencapaian tujuan "
                        "organisasi."
                    ),
                    (
                        "Mampu membuat program yang mengakomodasi perbedaan latar belakang, "
                        "agama/kepercayaan, suku, jender, sosial ekonomi, preferensi politik."
                    ),
                ),
            ),
            Level(
                5,
                "Wakil pemerintah untuk membangun hubungan sosial psikologis",
                (
                    (
                        "Menjadi wakil pemerintah yang mampu membangun hubungan sosial psikologis dengan "
                        "masyarakat sehingga menciptakan kelekatan yang kuat antara ASN dan para pemangku "
                        "kepentingan serta diantara para pemangku kepentingan itu sendiri."
                    ),
                    (
                        "Mampu mengkomunikasikan dampak risiko yang teridentifikasi dan merekomendasikan "
                        "tindakan korektif berdasarkan pertimbangan perbedaan latar belakang, "
                        "agama/kepercayaan, suku, jender, sosial ekonomi, preferensi politik untuk "
                        "membangun hubungan jangka panjang."
                    ),
                    (
                        "Mampu membuat kebijakan yang mengakomodasi perbedaan latar belakang, "
                        "agama/kepercayaan, suku, jender, sosial ekonomi, preferensi politik yang berdampak "
                        "positif secara nasional."
                    ),
                ),
            ),
        ),
    ),
)
