import csv
from collections import Counter
from pathlib import Path

import joblib
import pytest

from penata.complaints.routing.classifier import (
    CATEGORIES_CSV,
    FORMAT_NAME,
    ModelFormatError,
    RoutingModel,
    Suggestion,
    default_agencies,
)
from penata.complaints.routing.training_data import CATEGORIES, training_reports

AGENCIES_CSV = Path(__file__).resolve().parents[2] / "organization" / "data" / "agencies.csv"

TINY = [
    ("KTP-el saya belum jadi, blanko habis", "ADMINDUK"),
    ("Kartu keluarga salah nama, minta diperbaiki di Dukcapil", "ADMINDUK"),
    ("akta kelahiran anak belum terbit di disdukcapil", "ADMINDUK"),
    ("perekaman KTP tidak bisa, alat rusak", "ADMINDUK"),
    ("speedboat Ternate Sofifi terlambat berangkat", "TRANSPORTASI"),
    ("kapal feri batal berangkat dari pelabuhan Bastiong", "TRANSPORTASI"),
    ("tarif speedboat naik tanpa pengumuman", "TRANSPORTASI"),
    ("lampu lalu lintas di simpang mati", "TRANSPORTASI"),
    ("jalan berlubang di trans Halmahera", "JALAN"),
    ("jembatan putus, warga tidak bisa menyeberang", "JALAN"),
    ("aspal jalan provinsi rusak parah dan berlubang", "JALAN"),
    ("drainase jalan tersumbat dan jalan tergenang", "JALAN"),
    ("puskesmas tutup pada jam pelayanan", "KESEHATAN"),
    ("obat habis di puskesmas, disuruh beli di apotek", "KESEHATAN"),
    ("tidak ada dokter di puskesmas, hanya perawat", "KESEHATAN"),
    ("imunisasi anak di posyandu tidak jalan", "KESEHATAN"),
]


@pytest.fixture(scope="module")
def tiny_model():
    texts, categories = zip(*TINY, strict=True)
    return RoutingModel.train(texts, categories)


@pytest.fixture(scope="module")
def demo_reports():
    return training_reports(n_per_category=40, seed=7)


@pytest.fixture(scope="module")
def demo_model(demo_reports):
    texts, categories, agencies = zip(*demo_reports, strict=True)
    return RoutingModel.train(texts, categories, agencies)


@pytest.mark.parametrize(
    ("text", "category", "agency"),
    [
        ("KTP saya belum jadi sudah 3 bulan", "ADMINDUK", "DISDUKCAPIL"),
        ("speedboat Sofifi Ternate telat lagi", "TRANSPORTASI", "DISHUB"),
        ("jalan di trans Halmahera banyak lubang", "JALAN", "PUPR"),
        ("obat di puskesmas habis", "KESEHATAN", "DINKES"),
    ],
)
def test_tiny_model_routes_clear_sentences(tiny_model, text, category, agency):
    best = tiny_model.predict(text)[0]
    assert (best.category, best.agency) == (category, agency)


def test_top_three_contract(tiny_model):
    suggestions = tiny_model.predict("jembatan rusak dan speedboat terlambat")
    assert len(suggestions) == 3
    assert all(isinstance(s, Suggestion) for s in suggestions)
    confidences = [s.confidence for s in suggestions]
    assert confidences == sorted(confidences, reverse=True)
    assert all(0 <= c <= 1 for c in confidences)
    assert sum(confidences) <= 1 + 1e-9
    assert {s.category for s in suggestions} <= {"ADMINDUK", "TRANSPORTASI", "JALAN", "KESEHATAN"}
    assert len({s.category for s in suggestions}) == 3


def test_top_is_capped_by_the_number_of_classes(tiny_model):
    assert tiny_model.classes == ("ADMINDUK", "JALAN", "KESEHATAN", "TRANSPORTASI")
    assert len(tiny_model.predict("ktp", top=10)) == 4
    assert len(tiny_model.predict("ktp", top=1)) == 1
    with pytest.raises(ValueError, match="top must be at least 1"):
        tiny_model.predict("ktp", top=0)


def test_metadata_header(tiny_model):
    assert tiny_model.metadata["format"] == FORMAT_NAME
    assert tiny_model.metadata["n_samples"] == 16
    assert tiny_model.metadata["classes"] == ["ADMINDUK", "JALAN", "KESEHATAN", "TRANSPORTASI"]
    assert tiny_model.metadata["agencies"] == {
        "ADMINDUK": "DISDUKCAPIL",
        "JALAN": "PUPR",
        "KESEHATAN": "DINKES",
        "TRANSPORTASI": "DISHUB",
    }


def test_agency_is_the_most_frequent_of_the_category_training_rows():
    texts = [text for text, _ in TINY]
    categories = [category for _, category in TINY]
    agencies = ["BIRO-PEM" if category == "JALAN" else None for category in categories]
    agencies[8] = "PUPR"  # 3 of the 4 road reports went to BIRO-PEM
    model = RoutingModel.train(texts, categories, agencies)
    assert model.predict("jalan berlubang")[0].agency == "BIRO-PEM"
    assert model.predict("KTP belum jadi")[0].agency == "DISDUKCAPIL"  # no agency given: the default


def test_agency_model_separates_hospitals(demo_model):
    text = "antrean rawat jalan di RSUD Chasan Boesoirie Ternate lama sekali"
    assert [(s.category, s.agency) for s in demo_model.predict(text, top=1)] == [("RUMAHSAKIT", "RSUD-CB")]
    text = "dokter spesialis di RSUD Sofifi tidak datang"
    assert [(s.category, s.agency) for s in demo_model.predict(text, top=1)] == [
        ("RUMAHSAKIT", "RSUD-SOFIFI")
    ]
    assert demo_model.metadata["agency_models"] == ["RUMAHSAKIT"]


def test_training_is_deterministic(tiny_model):
    texts, categories = zip(*TINY, strict=True)
    again = RoutingModel.train(texts, categories)
    sentence = "puskesmas tutup dan jalan rusak"
    assert again.predict(sentence) == tiny_model.predict(sentence)


def test_save_and_load_give_identical_predictions(demo_model, tmp_path):
    path = tmp_path / "routing.joblib"
    demo_model.save(path)
    loaded = RoutingModel.load(path)
    sentences = ["KTP belum jadi", "banjir di Tobelo", "pegawai minta uang", "sampah menumpuk di pasar"]
    assert loaded.predict_many(sentences) == demo_model.predict_many(sentences)
    assert loaded.metadata == demo_model.metadata
    assert loaded.classes == demo_model.classes


def test_load_refuses_a_corrupt_file(tmp_path):
    path = tmp_path / "corrupt.joblib"
    path.write_bytes(b"this is not a model at all")
    with pytest.raises(ModelFormatError, match="is not a routing model file"):
        RoutingModel.load(path)


def test_load_refuses_a_foreign_joblib_file(tmp_path):
    path = tmp_path / "foreign.joblib"
    joblib.dump({"weights": [1, 2, 3]}, path)
    with pytest.raises(ModelFormatError, match="is not a routing model file"):
        RoutingModel.load(path)


def test_load_refuses_another_major_format_and_another_sklearn(tiny_model, tmp_path):
    path = tmp_path / "model.joblib"
    tiny_model.save(path)
    payload = joblib.load(path)

    payload["format_version"] = "2.0"
    joblib.dump(payload, path)
    with pytest.raises(
        ModelFormatError, match=r"format 2\.0; this code reads format 1\.x: retrain the model"
    ):
        RoutingModel.load(path)

    payload["format_version"] = "1.7"  # a minor version of the same format is fine
    joblib.dump(payload, path)
    assert RoutingModel.load(path).classes == tiny_model.classes

    payload["metadata"] = {**payload["metadata"], "sklearn_version": "0.24.2"}
    joblib.dump(payload, path)
    with pytest.raises(ModelFormatError, match=r"scikit-learn 0\.24\.2; .*retrain the model"):
        RoutingModel.load(path)


def test_train_refuses_bad_input():
    with pytest.raises(ValueError, match="same length"):
        RoutingModel.train(["a", "b"], ["JALAN"])
    with pytest.raises(ValueError, match="at least 2 categories"):
        RoutingModel.train(["jalan rusak", "jalan berlubang"], ["JALAN", "JALAN"])


def test_evaluate_returns_accuracies(demo_reports):
    texts, categories, agencies = zip(*demo_reports, strict=True)
    result = RoutingModel.evaluate(texts, categories, agencies=agencies, test_size=0.2, seed=3)
    assert (result.n_train, result.n_test) == (640, 160)
    assert 0 <= result.top1 <= result.top3 <= 1
    assert 0 <= result.agency_top1 <= 1
    assert result.top1 > 0.5  # 20 classes: far above chance even on this small set


def test_evaluate_keeps_single_report_categories_in_training():
    texts = [text for text, _ in TINY] + ["banjir besar di Tobelo"]
    categories = [category for _, category in TINY] + ["BENCANA"]
    result = RoutingModel.evaluate(texts, categories, test_size=0.25, seed=1)
    assert (result.n_train, result.n_test) == (13, 4)
    assert result.agency_top1 is None


def test_training_reports_are_deterministic_and_cover_every_category():
    first = training_reports(n_per_category=20, seed=11)
    assert first == training_reports(n_per_category=20, seed=11)
    assert first != training_reports(n_per_category=20, seed=12)
    with CATEGORIES_CSV.open(encoding="utf-8") as handle:
        codes = [row["code"] for row in csv.DictReader(handle)]
    assert len(codes) == 20
    assert Counter(category for _, category, _ in first) == dict.fromkeys(codes, 20)
    with AGENCIES_CSV.open(encoding="utf-8") as handle:
        agency_codes = {row["code"] for row in csv.DictReader(handle)}
    assert {agency for _, _, agency in first} <= agency_codes
    assert set(default_agencies().values()) <= agency_codes
    assert all(description.strip() for description, _, _ in first)


def test_training_reports_are_varied():
    reports = training_reports(n_per_category=150, seed=2026)
    distinct = Counter(category for _, category in {(text, category) for text, category, _ in reports})
    assert min(distinct.values()) >= 140
    for code, spec in CATEGORIES.items():  # problem × (detail or none) before places are filled in
        assert len(spec["problems"]) * (len(spec["details"]) + 1) >= 60, code
