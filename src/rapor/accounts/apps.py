from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "rapor.accounts"
    label = "accounts"
    verbose_name = "Akun"

    def ready(self) -> None:
        from . import middleware  # noqa: F401 - connects the sign-in receiver
