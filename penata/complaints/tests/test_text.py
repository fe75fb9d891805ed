import pytest

from penata.complaints.routing.text import STOPWORDS, normalise


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("KTP-el sy BLM jadi udh 3 bln!!!", "ktp saya belum jadi sudah 3 bulan"),
        ("e-KTP, ektp, E KTP dan KTP el", "ktp ktp ktp dan ktp"),
        ("Gak ada, nggak ada, ga ada, tdk ada", "tidak ada tidak ada tidak ada tidak ada"),
        ("yg dgn krn utk bpk org", "yang dengan karena untuk bapak orang"),
        ("Jln rusak di Jl. Trans Halmahera", "jalan rusak di jalan trans halmahera"),
        ("puskes tutup, pkm juga", "puskesmas tutup puskesmas juga"),
        ("Ada pungutan liar di Pemerintah Daerah", "ada pungli di pemda"),
        ("anak2 tdk bisa sekolah", "anak anak tidak bisa sekolah"),
        ("tolonggggg pak, jalannya berlobang", "tolong bapak jalannya berlubang"),
        ("speed boat Ternate–Sofifi, spidbot telat", "speedboat ternate sofifi speedboat telat"),
        ("  Banyak    spasi\n\tdan baris  ", "banyak spasi dan baris"),
        ("", ""),
    ],
)
def test_normalise_spelling_and_punctuation(raw, expected):
    assert normalise(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("hubungi 0812-3456-7890 segera", "hubungi segera"),
        ("wa +62 813 1111 2222 ya", "whatsapp ya"),
        ("kantor (0921) 312345 tutup", "kantor tutup"),
        ("NIK 8271012345670001 tidak terdaftar", "nik tidak terdaftar"),
        ("NIP 19800101 200501 1 001 salah", "nip salah"),
        ("lihat https://malutprov.go.id/layanan?id=3 dan www.contoh.com", "lihat dan"),
        ("kirim ke budi.santoso@gmail.com", "kirim ke"),
        ("biaya Rp 1.500.000 untuk 5 km", "biaya rp 1 500 000 untuk 5 km"),
    ],
)
def test_normalise_strips_personal_numbers_and_addresses(raw, expected):
    assert normalise(raw) == expected


def test_stopwords_are_removed_on_request_but_negations_stay():
    raw = "Saya mohon KTP saya yang belum jadi dan obat tidak ada di puskesmas"
    assert normalise(raw, remove_stopwords=True) == "ktp belum jadi obat tidak ada puskesmas"
    assert {"tidak", "belum", "sudah", "ada"}.isdisjoint(STOPWORDS)
