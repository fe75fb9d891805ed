"""Helpers every list page shares: pagination and htmx search-as-you-type."""

from django.core.paginator import Page, Paginator
from django.shortcuts import render


def paginate(request, queryset, per_page: int) -> Page:
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


def is_results_request(request) -> bool:
    """An htmx search-as-you-type request, which wants only the results block.

    A boosted link or a history restore (the browser's back button after htmx's cache
    is gone) wants the whole page.
    """
    htmx = getattr(request, "htmx", None)
    return bool(htmx) and not htmx.boosted and not htmx.history_restore_request


def render_list(request, template: str, partial: str, context: dict):
    """Full page, or only the results block for an htmx search-as-you-type request."""
    if is_results_request(request):
        return render(request, partial, context)
    return render(request, template, context)
