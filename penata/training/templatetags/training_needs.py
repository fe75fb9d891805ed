"""Template tags of training needs: ``{% employee_training_needs employee as needs %}``
for the block that lists an employee's own needs (``training/needs/_my_needs.html``)."""

from django import template

from ..selectors_needs import employee_needs

register = template.Library()


@register.simple_tag
def employee_training_needs(employee, year=None):
    """The employee's open and planned gap needs of the year (the current one by default),
    each with the programs that close it; two queries."""
    if employee is None:
        return []
    return employee_needs(employee=employee, year=year)
