"""Open311 through a client from PyPI: ``georeport`` (a GeoReport v2 wrapper) against a
live server, in XML and JSON.

georeport 0.3.1 reads services, service definitions and requests; it has no call for
discovery or for creating a request, so those two go through ``requests`` and
``xmltodict``, the libraries georeport itself is built on, the same way it uses them."""

from datetime import datetime

import pytest
import requests
import xmltodict
from georeport import GeoReport

from penata.accounts.models import Role
from penata.complaints import services
from penata.complaints.models import Complaint, ComplaintStatus, Privacy
from penata.complaints.services.open311_clients import open311_client_create
from penata.core.workdays import WIT
from penata.organization.tests.factories import AgencyFactory

from .factories import ComplaintCategoryFactory, ComplaintFactory

JURISDICTION = "malut.go.id"

# A live server needs committed data; serialized rollback as every transactional test here
# (a plain flush would re-create the content types the next serialized test loads again).
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def endpoint(live_server, clock, settings, make_user):
    settings.PENATA_OPEN311_JURISDICTION = JURISDICTION
    agency = AgencyFactory(code="PUPR", name="Dinas PUPR")
    road = ComplaintCategoryFactory(code="JALAN", name="Jalan dan jembatan", default_agency=agency)
    ComplaintCategoryFactory(code="AIR", name="Air bersih")
    ComplaintFactory(
        tracking_code="LPR-DSP1-0001",
        category=road,
        status=ComplaintStatus.DISPATCHED,
        agency=agency,
        privacy=Privacy.PUBLIC,
        submitted_at=datetime(2026, 3, 5, 9, 0, tzinfo=WIT),
        description="Jembatan Sofifi retak",
        reporter_name="Siti Rahma",
        reporter_email="siti.rahma@example.test",
    )
    _client, key = open311_client_create(name="Aplikasi uji", actor=None)
    return {
        "root": live_server.url + "/open311/v2",
        "key": key,
        "agency": agency,
        "verifier": make_user(Role.COMPLAINT_VERIFIER, agency, username="verifier"),
    }


def as_list(value):
    # xmltodict gives a dict for a single element and a list for several.
    return value if isinstance(value, list) else [value]


@pytest.mark.parametrize("fmt", ["xml", "json"])
def test_georeport_client_reads_and_files_requests(endpoint, fmt):
    geo = GeoReport(endpoint["root"], jurisdiction=JURISDICTION, api_key=endpoint["key"], output_format=fmt)

    discovery = requests.get(f"{endpoint['root']}/discovery.{fmt}", timeout=10)
    assert discovery.status_code == 200
    if fmt == "xml":
        found = xmltodict.parse(discovery.content)["discovery"]["endpoints"]["endpoint"]
        assert (found["url"], found["formats"]["format"]) == (
            endpoint["root"] + "/",
            ["text/xml", "application/json"],
        )
    else:
        assert discovery.json()["endpoints"][0]["url"] == endpoint["root"] + "/"

    service_list = as_list(geo.get_service_list())
    assert [(s["service_code"], s["type"]) for s in service_list] == [
        ("AIR", "realtime"),
        ("JALAN", "realtime"),
    ]
    assert service_list[1]["metadata"] in (True, "true")

    definition = geo.get_service_definition("JALAN")
    attributes = definition["attributes"] if fmt == "json" else as_list(definition["attributes"]["attribute"])
    assert [(a["code"], str(a["order"])) for a in attributes] == [
        ("kind", "1"),
        ("privacy", "2"),
        ("kecamatan", "3"),
        ("kelurahan", "4"),
        ("service_date", "5"),
    ]

    listed = as_list(geo.get_service_requests(service_code="JALAN", status="open"))
    assert [(r["service_request_id"], r["status"], r["agency_responsible"]) for r in listed] == [
        ("LPR-DSP1-0001", "open", "Dinas PUPR")
    ]
    assert "Siti" not in str(listed)
    assert geo.get_service_request("LPR-DSP1-0001")["description"] == "Jembatan Sofifi retak"
    with pytest.raises(requests.HTTPError) as missing:
        geo.get_service_request("LPR-NONE-0000")
    assert missing.value.response.status_code == 404

    # Filing a request: the form body georeport's siblings send, with the api_key.
    created = requests.post(
        f"{endpoint['root']}/requests.{fmt}",
        data={
            "api_key": endpoint["key"],
            "jurisdiction_id": JURISDICTION,
            "service_code": "JALAN",
            "lat": "0.72",
            "long": "127.57",
            "description": "Jalan longsor di Galala",
            "attribute[kind]": "complaint",
            "attribute[kecamatan]": "Oba Utara",
        },
        timeout=10,
    )
    assert created.status_code == 200
    if fmt == "xml":
        new_id = xmltodict.parse(created.content)["service_requests"]["request"]["service_request_id"]
    else:
        new_id = created.json()[0]["service_request_id"]
    complaint = Complaint.objects.get(tracking_code=new_id)
    assert (complaint.channel, complaint.privacy, complaint.kecamatan) == (
        "open311",
        "anonymous",
        "Oba Utara",
    )

    # Listed once the verifier has dispatched it.
    with pytest.raises(requests.HTTPError):
        geo.get_service_request(new_id)
    services.complaint_dispatch(complaint=complaint, agency=endpoint["agency"], actor=endpoint["verifier"])
    fetched = geo.get_service_request(new_id)
    assert (fetched["service_request_id"], fetched["service_code"], str(fetched["lat"])) == (
        new_id,
        "JALAN",
        "0.72",
    )

    # Another jurisdiction is unknown here.
    other = GeoReport(endpoint["root"], jurisdiction="sf.gov", output_format=fmt)
    with pytest.raises(requests.HTTPError) as wrong:
        other.get_service_list()
    assert wrong.value.response.status_code == 404
