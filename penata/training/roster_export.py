"""The session roster as an Excel workbook: participants, status, waiting list and
attendance per day."""

from io import BytesIO

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from openpyxl import Workbook

from penata.core.spreadsheets import append_row

from .models import EnrolmentStatus
from .selectors_enrolment import Roster

ROSTER_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def roster_workbook(roster: Roster) -> bytes:
    """One sheet: a title row, a header row, then one row per enrolment that holds or
    waits for a seat (confirmed, waiting list in order, approved, finished), then the rest."""
    session = roster.session
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Roster"))
    append_row(
        sheet,
        [
            _("Roster of session %(code)s, %(program)s (%(start)s – %(end)s, %(place)s), %(date)s")
            % {
                "code": session.code,
                "program": session.program.title,
                "start": date_format(session.start_date, "j F Y"),
                "end": date_format(session.end_date, "j F Y"),
                "place": session.place,
                "date": date_format(timezone.localdate(), "j F Y"),
            }
        ],
    )
    days = roster.day_dates
    append_row(
        sheet,
        [
            _("No."),
            _("NIP"),
            _("Name"),
            _("Agency"),
            _("Status"),
            _("Place on the waiting list"),
            _("Nominated by the agency"),
            *[date_format(day, "d-m-Y") for day in days],
            _("Days present"),
            _("Attendance (%)"),
        ],
    )
    ordered = [
        *roster.confirmed,
        *roster.waitlisted,
        *roster.approved,
        *roster.pending,
        *roster.finished,
        *roster.others,
    ]
    present_label, absent_label = _("present"), _("absent")
    for number, enrolment in enumerate(ordered, start=1):
        cells = []
        for day in days:
            value = roster.attendance.get((enrolment.pk, day))
            cells.append("" if value is None else present_label if value else absent_label)
        present = roster.present_days(enrolment.pk)
        holds = enrolment.status == EnrolmentStatus.CONFIRMED or enrolment.status in (
            EnrolmentStatus.COMPLETED,
            EnrolmentStatus.INCOMPLETE,
            EnrolmentStatus.NO_SHOW,
        )
        append_row(
            sheet,
            [
                number,
                enrolment.employee.nip,
                enrolment.employee.full_name,
                enrolment.employee.agency.name,
                str(EnrolmentStatus(enrolment.status).label),
                getattr(enrolment, "waitlist_position", None),
                _("yes") if enrolment.nominated else _("no"),
                *cells,
                present if holds else None,
                round(present * 100 / len(days), 1) if holds and days else None,
            ],
        )
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
