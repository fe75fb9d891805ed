"""Blocks an employee's own pages include: their certificates and the sessions they may rate."""

from django import template

from ..selectors_after import certificates_of, enrolments_awaiting_rating

register = template.Library()

BLOCK_LIMIT = 50


@register.simple_tag
def certificates_for(employee) -> list:
    return list(certificates_of(employee=employee)[:BLOCK_LIMIT])


@register.simple_tag
def ratings_due_for(employee) -> list:
    return list(enrolments_awaiting_rating(employee=employee)[:BLOCK_LIMIT])
