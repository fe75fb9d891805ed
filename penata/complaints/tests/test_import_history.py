# ruff: noqa: F811 - fixtures imported from routing_helpers
"""Historical reports from CSV (``training_reports_import``) and the two management
commands: all or nothing, every problem named by row and column."""

import io
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from penata.complaints.models import RoutingModelVersion, TrainingReport, TrainingSource
from penata.complaints.services.routing import TrainingImportIssue, training_reports_import
from penata.core.models import AuditEvent
from penata.organization.tests.factories import AgencyFactory

from .routing_helpers import (
    add_training_reports,
    demo_rows,
    fresh_model_cache,  # noqa: F401 - autouse fixture
    media,  # noqa: F401 - fixture
    routing_categories,  # noqa: F401 - fixture
)

pytestmark = pytest.mark.django_db

GOOD = (
    "description,category,agency\n"
    "Jalan di Desa Gosale berlubang besar,JALAN,PUPR\n"
    '"KTP belum jadi, sudah 3 bulan",adminduk,disdukcapil\n'
    "Obat di puskesmas habis,KESEHATAN,\n"
)


class Upload(io.BytesIO):
    """An uploaded file as the view hands it over: bytes with a name."""

    def __init__(self, content: bytes, name: str = "riwayat.csv"):
        super().__init__(content)
        self.name = name


def imported() -> list[tuple[str, str, str | None, str]]:
    return list(
        TrainingReport.objects.order_by("id").values_list(
            "description", "category__code", "agency__code", "source"
        )
    )


def issues(result) -> list[tuple]:
    return [(i.row, i.column, i.value, i.reason) for i in result.errors]


def test_a_good_file_is_imported_with_one_event(routing_categories, make_user):
    admin = make_user("province_admin", routing_categories["JALAN"].default_agency)
    result = training_reports_import(file=Upload(GOOD.encode()), actor=admin)
    assert (result.ok, result.rows, result.created, result.duplicates, result.errors) == (True, 3, 3, 0, [])
    assert imported() == [
        ("Jalan di Desa Gosale berlubang besar", "JALAN", "PUPR", "import"),
        ("KTP belum jadi, sudah 3 bulan", "ADMINDUK", "DISDUKCAPIL", "import"),
        ("Obat di puskesmas habis", "KESEHATAN", None, "import"),
    ]
    event = AuditEvent.objects.get(action="training_reports.added")
    assert (event.actor, event.to_state, event.note) == (
        admin,
        {"source": "import", "count": 3},
        "riwayat.csv",
    )


def test_semicolons_a_byte_order_mark_windows_text_and_indonesian_column_names(routing_categories):
    content = (
        "\ufeffKategori;Deskripsi;Instansi;Tanggal\r\nJALAN;Jembatan di Weda rusak parah;;2024-05-01\r\n"
    )
    content += "ADMINDUK;Akta kelahiran anak saya salah ketik (café);DISDUKCAPIL;2024-06-02\r\n\r\n"
    result = training_reports_import(file=Upload(content.encode("utf-8")), actor=None)
    assert (result.ok, result.created) == (True, 2)
    windows = "description;category\nPelayanan di kantor camat lambat (café);ADMINDUK\n".encode("cp1252")
    result = training_reports_import(file=Upload(windows), actor=None)
    assert (result.ok, result.created) == (True, 1)
    assert [row[:3] for row in imported()] == [
        ("Jembatan di Weda rusak parah", "JALAN", None),
        ("Akta kelahiran anak saya salah ketik (café)", "ADMINDUK", "DISDUKCAPIL"),
        ("Pelayanan di kantor camat lambat (café)", "ADMINDUK", None),
    ]


def test_bad_rows_are_all_reported_and_nothing_is_written(routing_categories):
    routing_categories["KESEHATAN"].is_active = False
    routing_categories["KESEHATAN"].save()
    content = (
        "description,category,agency\n"
        "Jalan rusak,JALAN,PUPR\n"
        ",JALAN,PUPR\n"
        "Air PDAM mati,AIR,\n"
        "Puskesmas tutup,KESEHATAN,\n"
        "KTP belum jadi,ADMINDUK,DUKCAPIL-X\n"
        "Jalan rusak, berlubang,JALAN,PUPR\n"
        "Tanpa kategori,,\n" + "Sangat panjang " * 400 + ",JALAN,\n"
    )
    result = training_reports_import(file=Upload(content.encode()), actor=None)
    long_value = ("Sangat panjang " * 400).strip()
    assert not result.ok
    assert (result.rows, result.created, result.error_count) == (8, 0, 7)
    assert issues(result) == [
        (3, "description", "", "The description is empty."),
        (4, "category", "AIR", "Unknown category “AIR”."),
        (5, "category", "KESEHATAN", "The category “KESEHATAN” is no longer in use."),
        (6, "agency", "DUKCAPIL-X", "Unknown agency “DUKCAPIL-X”."),
        (
            7,
            "",
            "",
            "This row has more values than the header has columns; put a description that contains the "
            "separator in double quotes.",
        ),
        (8, "category", "", "Give the category code."),
        (9, "description", long_value[:79] + "…", "The description is longer than 5000 characters."),
    ]
    assert TrainingReport.objects.count() == 0
    assert AuditEvent.objects.filter(action="training_reports.added").count() == 0


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", [(None, "", "", "The file is empty.")]),
        (b"  \n\n", [(None, "", "", "The file is empty.")]),
        (b"PK\x03\x04\x00\x00binary", [(None, "", "", "The file is not a CSV text file.")]),
        (b"\x81\x8d\x8f\x90\x9d", [(None, "", "", "The file is not text in UTF-8 or Windows encoding.")]),
        (
            b"text,kategori\nJalan rusak,JALAN\n",
            [(1, "description", "", "The column “description” is missing.")],
        ),
        (
            b"description;deskripsi;category\nJalan rusak;Jalan;JALAN\n",
            [
                (1, "deskripsi", "", "The column “description” appears twice."),
            ],
        ),
        (b"description,category\n", [(None, "", "", "The file has no reports below its header row.")]),
    ],
)
def test_files_that_cannot_be_imported(routing_categories, content, expected):
    result = training_reports_import(file=Upload(content), actor=None)
    assert issues(result) == expected
    assert TrainingReport.objects.count() == 0


def test_size_and_row_caps(routing_categories, settings):
    settings.PENATA_IMPORT_MAX_ROWS = 2
    result = training_reports_import(file=Upload(GOOD.encode()), actor=None)
    assert issues(result) == [(None, "", "", "The file has more than 2 rows; split it into several files.")]
    settings.PENATA_IMPORT_MAX_ROWS = 3
    assert training_reports_import(file=Upload(GOOD.encode()), actor=None).created == 3
    TrainingReport.objects.all().delete()
    settings.PENATA_IMPORT_MAX_BYTES = 1024 * 1024
    big = ("description,category\n" + "Jalan rusak parah sekali,JALAN\n" * 40_000).encode()
    assert issues(training_reports_import(file=Upload(big), actor=None)) == [
        (None, "", "", "The file is larger than 1 MB.")
    ]
    assert TrainingReport.objects.count() == 0


def test_the_same_file_twice_adds_nothing_the_second_time(routing_categories):
    training_reports_import(file=Upload(GOOD.encode()), actor=None)
    again = GOOD + "Jalan rusak di Tobelo,JALAN,PUPR\nJalan rusak di Tobelo,JALAN,PUPR\n"
    result = training_reports_import(file=Upload(again.encode()), actor=None)
    assert (result.ok, result.rows, result.created, result.duplicates) == (True, 5, 1, 4)
    assert TrainingReport.objects.count() == 4
    assert AuditEvent.objects.filter(action="training_reports.added").count() == 2


def test_demo_reports_are_not_duplicates_of_imported_ones(routing_categories):
    add_training_reports(routing_categories, [("Obat di puskesmas habis", "KESEHATAN", None)])
    result = training_reports_import(file=Upload(GOOD.encode()), actor=None)
    assert (result.created, result.duplicates) == (3, 0)
    assert TrainingReport.objects.filter(source=TrainingSource.DEMO).count() == 1


def test_errors_listed_are_capped_but_all_counted(routing_categories):
    content = "description,category\n" + "Jalan rusak,TIDAKADA\n" * 250
    result = training_reports_import(file=Upload(content.encode()), actor=None)
    assert (result.error_count, len(result.errors)) == (250, 200)
    assert result.errors[0] == TrainingImportIssue(
        row=2, column="category", value="TIDAKADA", reason="Unknown category “TIDAKADA”."
    )


# --- management commands ----------------------------------------------------------------


def test_import_command(routing_categories, tmp_path, make_user):
    make_user("province_admin", routing_categories["JALAN"].default_agency, username="bkd")
    path = tmp_path / "riwayat.csv"
    path.write_text(GOOD, encoding="utf-8")
    out = StringIO()
    call_command("complaints_import_history", str(path), "--user", "bkd", stdout=out)
    assert out.getvalue() == "rows=3 created=3 duplicates=0\n"
    assert AuditEvent.objects.get(action="training_reports.added").actor.username == "bkd"


def test_import_command_lists_the_errors(routing_categories, tmp_path):
    path = tmp_path / "salah.csv"
    path.write_text("description,category\nJalan rusak,AIR\n,JALAN\n", encoding="utf-8")
    out = StringIO()
    with pytest.raises(CommandError, match=r"^2 error\(s\); nothing was imported\.$"):
        call_command("complaints_import_history", str(path), stdout=out)
    assert out.getvalue() == (
        "row\tcolumn\tvalue\treason\n"
        "2\tcategory\tAIR\tUnknown category “AIR”.\n"
        "3\tdescription\t\tThe description is empty.\n"
    )
    assert TrainingReport.objects.count() == 0
    with pytest.raises(CommandError, match="No such file"):
        call_command("complaints_import_history", str(tmp_path / "tidak-ada.csv"))


def test_train_command(media, routing_categories):
    with pytest.raises(CommandError, match="needs at least 10 dispatched or imported reports"):
        call_command("complaints_train_routing", stdout=StringIO())
    add_training_reports(routing_categories, demo_rows())
    out = StringIO()
    call_command("complaints_train_routing", stdout=out)
    version = RoutingModelVersion.objects.get()
    assert out.getvalue() == (
        f"version={version.pk} reports=36 categories=3 top1=87.5% top3=100.0% "
        f"file=routing/model-{version.pk}.joblib\n"
    )
    AgencyFactory(code="UNUSED")
    with pytest.raises(CommandError, match="No such user: nobody"):
        call_command("complaints_train_routing", "--user", "nobody")


def test_load_categories_command_is_idempotent(tmp_path):
    from penata.complaints.models import ComplaintCategory
    from penata.complaints.services.common import CATEGORIES_CSV as CATEGORIES_FILE

    call_command("complaints_load_categories", stdout=io.StringIO())
    first = ComplaintCategory.objects.count()
    call_command("complaints_load_categories", stdout=io.StringIO())
    with open(CATEGORIES_FILE, encoding="utf-8") as handle:
        expected = len(handle.read().strip().splitlines()) - 1
    assert ComplaintCategory.objects.count() == first == expected
    broken = tmp_path / "broken.csv"
    broken.write_text("kode;nama\nX;Y\n", encoding="utf-8")
    with pytest.raises(CommandError, match="is not a categories CSV"):
        call_command("complaints_load_categories", str(broken), stdout=io.StringIO())
    with pytest.raises(CommandError, match="No such file"):
        call_command("complaints_load_categories", str(tmp_path / "missing.csv"), stdout=io.StringIO())
    assert ComplaintCategory.objects.count() == expected
