from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "rapor.surveys"
    label = "surveys"
    verbose_name = _("Survei Kepuasan Masyarakat")

    def ready(self) -> None:
        # The RB link: the scoring path asks registered providers for values fed from elsewhere.
        from rapor.assessments.domain.scoring import VALUE_PROVIDERS

        from . import signals  # noqa: F401  (freezes linked values when a cycle is submitted)
        from .domain.links import linked_values_for_cycles

        if linked_values_for_cycles not in VALUE_PROVIDERS:
            VALUE_PROVIDERS.append(linked_values_for_cycles)
