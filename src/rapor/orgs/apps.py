from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgsConfig(AppConfig):
    name = "rapor.orgs"
    label = "orgs"
    verbose_name = _("Organisasi & Pengguna")
