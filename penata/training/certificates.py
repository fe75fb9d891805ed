"""The certificate as a PDF (WeasyPrint): A4 landscape, in Indonesian, with a QR code of
its public verification address.

Everything the page needs is inline (fonts are the system's, the QR code a data URI), and
the fetcher refuses any other address, so rendering never touches the network.
"""

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from penata.workforce.models import EmploymentType
from penata.workforce.nip import format_nip

from .models import Certificate

CERTIFICATE_LANGUAGE = "id"  # an official document of the province: always Indonesian


def certificate_verify_url(certificate: Certificate) -> str:
    path = reverse("training-verify:certificate-verify", kwargs={"code": certificate.code})
    return settings.PENATA_SITE_URL.rstrip("/") + path


def certificate_qr_data_uri(url: str) -> str:
    # Level M survives a smudge or a fold; SVG stays sharp at any print size.
    return segno.make(url, error="m").svg_data_uri(scale=4, border=2, dark="#0a3742")


def certificate_nip_display(certificate: Certificate) -> str:
    employee = certificate.enrolment.employee
    if employee.employment_type == EmploymentType.PNS:
        return format_nip(certificate.employee_nip)
    return certificate.employee_nip


def _url_fetcher():
    # Only inline data: an http(s) or file address in the template would be refused, not fetched.
    from weasyprint.urls import URLFetcher

    return URLFetcher(allowed_protocols={"data"})


def certificate_html(certificate: Certificate) -> str:
    url = certificate_verify_url(certificate)
    with translation.override(CERTIFICATE_LANGUAGE):
        return render_to_string(
            "training/after/certificate_pdf.html",
            {
                "certificate": certificate,
                "nip": certificate_nip_display(certificate),
                "verify_url": url,
                "qr": certificate_qr_data_uri(url),
                "issued_on": timezone.localtime(certificate.issued_at).date(),
                "issue_place": settings.PENATA_CERTIFICATE_PLACE,
                "province": settings.PENATA_PROVINCE_NAME,
            },
        )


def certificate_pdf(certificate: Certificate) -> bytes:
    from weasyprint import HTML

    return HTML(string=certificate_html(certificate), url_fetcher=_url_fetcher()).write_pdf()
