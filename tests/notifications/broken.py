"""An e-mail backend whose server is down (a real failure path of the sending task)."""

from django.core.mail.backends.base import BaseEmailBackend


class Backend(BaseEmailBackend):
    def send_messages(self, email_messages):  # type: ignore[no-untyped-def]
        raise OSError("connection refused")
