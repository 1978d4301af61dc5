"""Django's admin for what an operator changes: users, organisations and memberships. Every text
field is checked for control and direction characters, as on the screens."""

from typing import Any

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.db import models

from rapor.web.texts import SafeText

from .models import Membership, Organisation


class SafeTextAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Every CharField and TextField of the form refuses control and direction characters."""

    def formfield_for_dbfield(self, db_field: Any, request: Any, **kwargs: Any) -> Any:
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None and isinstance(db_field, models.CharField | models.TextField):
            field.validators.append(SafeText(multiline=isinstance(db_field, models.TextField)))
        return field


@admin.register(Organisation)
class OrganisationAdmin(SafeTextAdmin):
    list_display = ["name", "kind", "region_code", "parent", "is_demo"]
    list_filter = ["kind", "is_demo"]
    search_fields = ["name", "short_name", "region_code"]


@admin.register(Membership)
class MembershipAdmin(SafeTextAdmin):
    list_display = ["user", "organisation", "role", "position"]
    list_filter = ["role"]
    search_fields = ["user__username", "user__first_name", "organisation__name"]
    autocomplete_fields = ["organisation"]


User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class RaporUserAdmin(SafeTextAdmin, UserAdmin):  # type: ignore[misc]
    pass
