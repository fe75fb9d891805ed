"""Open311 writers and the request list's fast paths (perf): ``Records`` is written byte for
byte like the list of dicts it stands for, the byte-level cleaning of XML and JSON matches
the text-level rules, and UTC text turns into the site's zone as ``isoformat`` would."""

import json
import re
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from penata.complaints.models import Complaint, ComplaintStatus, Privacy
from penata.complaints.open311 import render, resources, views
from penata.complaints.selectors import PUBLISHED_STATUSES
from penata.core.workdays import WIT

from .factories import ComplaintCategoryFactory, ComplaintFactory

XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")

# Any character, lone surrogates, control characters and XML/HTML specials included.
texts = st.text(
    alphabet=st.one_of(
        st.characters(exclude_categories=()),
        st.sampled_from("&<>\"'\\%\x00\x01\x0b\t\n\r\ufffe\uffff\ud800\udfff…"),
    ),
    max_size=12,
)
scalars = st.one_of(
    st.none(),
    texts,
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.booleans(),
)
values = st.one_of(scalars, st.dictionaries(st.sampled_from(["code", "name"]), scalars, max_size=2))
keys = st.lists(
    st.sampled_from(["service_request_id", "status", "description", "lat", "zip%s", "a_b"]),
    min_size=1,
    max_size=6,
    unique=True,
)


@st.composite
def documents(draw):
    fields = draw(keys)
    count = draw(st.integers(min_value=0, max_value=6))
    # Columns that are all None, all strings or mixed all occur.
    columns = []
    for _ in fields:
        kind = draw(st.sampled_from(["none", "text", "any"]))
        strategy = {"none": st.none(), "text": texts, "any": values}[kind]
        columns.append(draw(st.lists(strategy, min_size=count, max_size=count)))
    return fields, columns, count


def reference_xml(root: str, items: list[dict]) -> bytes:
    """The list as the writer wrote it before Records and byte-level cleaning."""

    def element(tag, value):
        if value is None:
            return f"<{tag}/>"
        if isinstance(value, bool):
            return f"<{tag}>{'true' if value else 'false'}</{tag}>"
        if isinstance(value, dict):
            return f"<{tag}>" + "".join(element(key, item) for key, item in value.items()) + f"</{tag}>"
        text = str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        return f"<{tag}>{text}</{tag}>"

    item_tag = render.ITEM_TAGS[root]
    text = f'<?xml version="1.0" encoding="utf-8"?>\n<{root}>'
    text += "".join(element(item_tag, item) for item in items) + f"</{root}>"
    return XML_INVALID.sub("", text).encode("utf-8", "replace")


def reference_json(items: list[dict]) -> bytes:
    text = json.dumps(items, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return text.encode("utf-8", "replace")


@hypothesis_settings(max_examples=300, deadline=None)
@given(document=documents())
def test_records_are_written_like_the_list_of_dicts(document):
    fields, columns, count = document
    records = render.Records(fields, columns, length=count)
    items = list(records)
    assert items == [dict(zip(fields, row, strict=True)) for row in zip(*columns, strict=True)]
    assert render.json_bytes(records) == render.json_bytes(items) == reference_json(items)
    assert (
        render.xml_bytes("service_requests", records)
        == render.xml_bytes("service_requests", items)
        == reference_xml("service_requests", items)
    )


@hypothesis_settings(max_examples=300, deadline=None)
@given(
    data=st.lists(st.dictionaries(st.sampled_from(["code", "description"]), values, max_size=2), max_size=4)
)
def test_byte_level_cleaning_matches_the_text_rules(data):
    assert render.json_bytes(data) == reference_json(data)
    assert render.xml_bytes("errors", data) == reference_xml("errors", data)


def test_records_need_one_column_of_length_values_per_field():
    with pytest.raises(ValueError):
        render.Records(["a", "b"], [[1]], length=1)
    with pytest.raises(ValueError):
        render.Records(["a"], [[1, 2]], length=1)


def test_empty_records():
    records = render.Records(resources.REQUEST_FIELDS, [() for _ in resources.REQUEST_FIELDS], length=0)
    assert render.json_bytes(records) == b"[]"
    assert render.xml_bytes("service_requests", records) == (
        b'<?xml version="1.0" encoding="utf-8"?>\n<service_requests></service_requests>'
    )


ZONES = ["Asia/Jayapura", "Asia/Jakarta", "Asia/Kolkata", "Australia/Adelaide", "America/Sao_Paulo", "UTC"]


@hypothesis_settings(max_examples=500, deadline=None)
@given(
    moment=st.datetimes(
        min_value=datetime(1900, 1, 1), max_value=datetime(2200, 1, 1), timezones=st.just(UTC)
    ),
    zone=st.sampled_from(ZONES),
)
def test_utc_text_to_the_sites_zone_like_isoformat(moment, zone):
    tz = ZoneInfo(zone)
    expected = moment.astimezone(tz).isoformat(timespec="seconds")
    utc_text = moment.replace(tzinfo=None).isoformat(sep=" ", timespec="seconds")  # UTCSeconds
    assert resources._iso_column([utc_text, None], tz) == [expected, None]
    assert resources._db_iso(utc_text, tz) == expected
    # The general path: PostgreSQL's text form of a timestamp and SQLite's stored text.
    fraction = moment.replace(tzinfo=None).isoformat(sep=" ")
    assert resources._db_iso(fraction + "+00", tz) == expected
    assert resources._db_iso(fraction, tz) == expected


def test_local_hour_is_none_where_the_offset_is_not_whole_hours():
    assert resources._local_hour("2026-03-05 00", ZoneInfo("Asia/Jayapura")) == ("2026-03-05T09", "+09:00")
    assert resources._local_hour("2026-03-05 00", ZoneInfo("Asia/Kolkata")) is None
    # Jayapura kept local mean time (+09:22:48) until 1932.
    assert resources._local_hour("1920-01-01 00", ZoneInfo("Asia/Jayapura")) is None


@pytest.mark.django_db
def test_utc_seconds_cuts_the_fraction_on_the_database():
    complaint = ComplaintFactory(submitted_at=datetime(2026, 3, 5, 14, 59, 59, 999999, tzinfo=UTC))
    value = Complaint.objects.filter(pk=complaint.pk).values_list(
        resources.UTCSeconds("submitted_at"), resources.UTCSeconds("closed_at")
    )
    assert list(value) == [("2026-03-05 14:59:59", None)]


def test_published_indexes_cover_exactly_the_published_reports():
    """The partial indexes behind the Open311 list (migration 0006) serve a query only when
    its filter implies theirs: they hold what complaint_list_published selects."""
    published = [index for index in Complaint._meta.indexes if index.condition is not None]
    assert {index.name for index in published} >= {
        "complaint_published_idx",
        "complaint_pub_category_idx",
        "complaint_pub_status_idx",
    }
    for index in published:
        condition = dict(index.condition.children)
        assert set(condition["status__in"]) == set(PUBLISHED_STATUSES)
        assert set(condition["privacy__in"]) == {Privacy.PUBLIC, Privacy.ANONYMOUS}


def test_request_rows_column_by_column():
    rows = [
        (
            "LPR-AAAA-0001",
            "finished",
            "JALAN",
            "Jalan & jembatan",
            "x" * 4001,
            None,
            "",
            "Guraping",
            "",
            0.7,
            127.56,
            "2026-03-05 00:00:00",
            "2026-03-06 00:00:00",
            "2026-03-07 15:00:00",
            None,
        ),
        (
            "LPR-AAAA-0002",
            "answered",
            "AIR",
            "Air",
            "Bocor",
            "Dinas",
            "",
            "",
            "",
            None,
            None,
            "2026-03-05 00:00:00",
            "2026-03-06 00:00:00",
            "2026-03-07 15:00:00",
            "2026-03-08 14:59:59",
        ),
    ]
    items = list(resources.request_rows(rows, {"answered": "Answered."}))
    assert items[0]["status"] == "closed"
    assert items[0]["status_notes"] is None
    assert items[0]["description"] == "x" * 3999 + "…"
    assert items[0]["updated_datetime"] == "2026-03-08T00:00:00+09:00"  # closed_at
    assert items[0]["address"] == "Guraping"
    assert items[0]["expected_datetime"] is None
    assert items[1]["status"] == "open"
    assert items[1]["status_notes"] == "Answered."
    assert items[1]["updated_datetime"] == "2026-03-06T09:00:00+09:00"
    assert items[1]["expected_datetime"] == "2026-03-08T23:59:59+09:00"
    assert items[1]["address"] is None
    assert list(items[1]) == list(resources.REQUEST_FIELDS)
    assert (items[1]["lat"], items[1]["long"], items[1]["media_url"]) == (None, None, None)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "queries", "count"),
    [
        ({"page": "2", "page_size": "2"}, 1, 2),
        ({"page": "3", "page_size": "2"}, 1, 2),
        ({"page": "2", "page_size": "1", "status": "closed"}, 1, 1),
        ({"page": "2", "page_size": "1", "service_code": "JALAN"}, 2, 1),
        ({"page": "9", "page_size": "2"}, 1, 0),
    ],
)
def test_deep_pages_skip_rows_on_the_index_with_the_same_answer(
    client, clock, agency_a, monkeypatch, django_assert_num_queries, params, queries, count
):
    road = ComplaintCategoryFactory(code="JALAN", name="Jalan & jembatan")
    water = ComplaintCategoryFactory(code="AIR", name="Air bersih")
    for day in range(1, 7):
        ComplaintFactory(
            category=road if day % 2 else water,
            status=ComplaintStatus.FINISHED if day % 3 == 0 else ComplaintStatus.DISPATCHED,
            agency=agency_a,
            submitted_at=datetime(2026, 3, day, 9, 0, tzinfo=WIT),
        )
    # Never listed: unverified, confidential.
    ComplaintFactory(category=road, submitted_at=datetime(2026, 3, 5, 10, 0, tzinfo=WIT))
    ComplaintFactory(
        category=road,
        status=ComplaintStatus.DISPATCHED,
        agency=agency_a,
        privacy=Privacy.CONFIDENTIAL,
        submitted_at=datetime(2026, 3, 5, 11, 0, tzinfo=WIT),
    )
    expected = {fmt: client.get(f"/open311/v2/requests.{fmt}", params) for fmt in ("json", "xml")}
    assert len(json.loads(expected["json"].content)) == count

    monkeypatch.setattr(views, "SKIP_ON_INDEX_FROM", 1)
    for fmt in ("json", "xml"):
        with django_assert_num_queries(queries):
            response = client.get(f"/open311/v2/requests.{fmt}", params)
        assert response.status_code == 200
        assert response.content == expected[fmt].content
        assert response.get("Link") == expected[fmt].get("Link")
