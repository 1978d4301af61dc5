from django.contrib import admin

from .models import Membership, Organisation


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "region_code", "parent", "is_demo"]
    list_filter = ["kind", "is_demo"]
    search_fields = ["name", "short_name", "region_code"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "role", "position"]
    list_filter = ["role"]
    search_fields = ["user__username", "user__first_name", "organisation__name"]
    autocomplete_fields = ["organisation"]
