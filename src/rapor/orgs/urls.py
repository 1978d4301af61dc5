from django.urls import path

from . import views, views_users

app_name = "orgs"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("izin/", views.permission_matrix, name="permissions"),
    path("pengguna/", views_users.users, name="users"),
    path("pengguna/<int:pk>/", views_users.user_detail, name="user"),
    path("pengguna/<int:pk>/aktif/", views_users.user_active, name="user_active"),
    path("pengguna/<int:pk>/sandi/", views_users.user_password, name="user_password"),
    path(
        "pengguna/<int:pk>/keanggotaan/",
        views_users.user_membership_add,
        name="user_membership_add",
    ),
    path("keanggotaan/<int:pk>/hapus/", views_users.membership_delete, name="membership_delete"),
]
