"""Routing of citizens' reports: suggests a category and an agency from the description.

Pure Python and scikit-learn (no Django): ``text`` normalises Indonesian text,
``classifier`` trains, saves, loads and evaluates the model, ``training_data`` writes the
demo's Indonesian training reports.
"""

from .classifier import Evaluation, ModelFormatError, RoutingModel, Suggestion, default_agencies
from .text import normalise

__all__ = ["Evaluation", "ModelFormatError", "RoutingModel", "Suggestion", "default_agencies", "normalise"]
