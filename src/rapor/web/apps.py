from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "rapor.web"
    label = "web"
    verbose_name = "Rapor"
