"""Writes of the training app, one module per part of the workflow:
``programs`` (programs, sessions and their schedule), ``enrolment`` (requests,
approvals, seats, waiting list, attendance, completion), ``ledger`` (JP ledger and
external training), ``needs`` (training needs analysis) and ``after`` (ratings,
post-training assessment, certificates)."""
