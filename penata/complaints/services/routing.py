"""The routing model in the application: training from the database, storing versions,
importing historical reports, and the suggestions the verifier sees.

The pure model lives in ``routing/classifier.py``; this module feeds it and keeps its
trained versions (``RoutingModelVersion``)."""

from ..routing.classifier import Suggestion


def route_suggestions(*, description: str, top: int = 3) -> list[Suggestion]:
    """The top suggestions (category code, agency code, confidence) of the newest ready
    model for ``description``; an empty list when no model has been trained yet."""
    raise NotImplementedError
