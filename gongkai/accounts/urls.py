from django.urls import path

from gongkai.accounts.views import auth, home, security, tokens

app_name = "manage"
urlpatterns = [
    path("", home.dashboard, name="home"),
    path("login/", auth.LoginView.as_view(), name="login"),
    path("logout/", auth.logout_view, name="logout"),
    path("two-factor/", security.two_factor, name="two_factor"),
    path("password/", security.PasswordChangeView.as_view(), name="password"),
    path("tokens/", tokens.token_list, name="tokens"),
    path("tokens/<int:pk>/revoke/", tokens.token_revoke, name="token_revoke"),
]
