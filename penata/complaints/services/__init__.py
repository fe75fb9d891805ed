"""Writing reports: intake and every step of the SP4N-LAPOR! lifecycle (DOMAIN §6).

Each transition locks the report (``select_for_update``), checks ``TRANSITIONS`` and the
actor's right to act, stores the new status and the deadline of the step that starts,
records an event in the same transaction and, when the status changed and the reporter
left an email address, queues a notice after commit.

Deadline rule (Perpres 76/2013, counted by ``penata.core.calendar.deadline_at``: the day
a step starts never counts; due at the end of the n-th working day after it, WIT):
verification 3 working days from submission (from the supplement when the reporter was
asked for more), follow-up 5 from dispatch (restarted by a referral or a reopening),
reporter's response 10 from the answer. Asking the reporter for more stops the clock.
"""

from penata.core.uploads import CheckedFile, stored_files_removed_on_error

from .attachments import attachments_check, attachments_store
from .categories import complaint_categories_load
from .common import DEFAULT_PROVINCE_BOUNDS, LATE_FILING_DAYS, province_bounds
from .following import (
    FOLLOWERS_MAX,
    complaint_follow,
    complaint_follow_request,
    complaint_unfollow,
    follow_token_make,
    follow_token_read,
)
from .intake import complaint_secret_matches, complaint_submit
from .officers import (
    BULK_MAX_REPORTS,
    ReporterIdentity,
    complaint_identity_view,
    complaint_note_add,
    complaints_bulk_answer,
    complaints_bulk_archive,
    complaints_bulk_assign,
    complaints_bulk_dispatch,
    response_template_create,
    response_template_update,
)
from .overdue import OverdueResult, complaints_mark_overdue
from .rating import complaint_rate
from .transitions import (
    complaint_accept,
    complaint_answer,
    complaint_archive,
    complaint_assign,
    complaint_close_response_window,
    complaint_decline_not_authority,
    complaint_dispatch,
    complaint_privacy_tighten,
    complaint_refer,
    complaint_reopen,
    complaint_request_info,
    complaint_supplement,
)

__all__ = [
    "BULK_MAX_REPORTS",
    "DEFAULT_PROVINCE_BOUNDS",
    "FOLLOWERS_MAX",
    "LATE_FILING_DAYS",
    "CheckedFile",
    "OverdueResult",
    "ReporterIdentity",
    "attachments_check",
    "attachments_store",
    "complaint_accept",
    "complaint_answer",
    "complaint_archive",
    "complaint_assign",
    "complaint_categories_load",
    "complaint_close_response_window",
    "complaint_decline_not_authority",
    "complaint_dispatch",
    "complaint_follow",
    "complaint_follow_request",
    "complaint_identity_view",
    "complaint_note_add",
    "complaint_privacy_tighten",
    "complaint_rate",
    "complaint_refer",
    "complaint_reopen",
    "complaint_request_info",
    "complaint_secret_matches",
    "complaint_submit",
    "complaint_supplement",
    "complaint_unfollow",
    "complaints_bulk_answer",
    "complaints_bulk_archive",
    "complaints_bulk_assign",
    "complaints_bulk_dispatch",
    "complaints_mark_overdue",
    "follow_token_make",
    "follow_token_read",
    "province_bounds",
    "response_template_create",
    "response_template_update",
    "stored_files_removed_on_error",
]
