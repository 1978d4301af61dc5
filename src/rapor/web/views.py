"""Project-level views: the login page lists the demo logins when demo data is loaded."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import views as auth_views


class RaporLoginView(auth_views.LoginView):
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        from rapor.demo import DEMO_PASSWORD, demo_logins

        context = super().get_context_data(**kwargs)
        context["demo_logins"] = demo_logins()
        context["demo_password"] = DEMO_PASSWORD
        return context
