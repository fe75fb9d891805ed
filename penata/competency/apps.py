from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompetencyConfig(AppConfig):
    name = "penata.competency"
    label = "competency"
    verbose_name = _("Competencies")

    def ready(self) -> None:
        # Competency depends on workforce, so it hands its Excel kinds to workforce's import
        # and export machinery instead of workforce importing them.
        from .io import register

        register()
