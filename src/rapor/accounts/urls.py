from django.urls import path

from .views import account, login, password

app_name = "accounts"

urlpatterns = [
    path("masuk/kode/", login.login_code, name="login_code"),
    path("akun/", account.account, name="account"),
    path("akun/kata-sandi/", password.PasswordChangeView.as_view(), name="password_change"),
    path("akun/dua-langkah/", account.two_factor, name="two_factor"),
    path("akun/dua-langkah/matikan/", account.two_factor_disable, name="two_factor_disable"),
    path("akun/lupa-kata-sandi/", password.PasswordResetView.as_view(), name="password_reset"),
    path(
        "akun/lupa-kata-sandi/terkirim/",
        password.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "akun/atur-ulang/<uidb64>/<token>/",
        password.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
]
