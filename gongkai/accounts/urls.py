from django.urls import path

from gongkai.accounts.views import auth, home, security, securityadmin, setup, tokens

app_name = "manage"
urlpatterns = [
    path("", home.dashboard, name="home"),
    path("login/", auth.LoginView.as_view(), name="login"),
    path("logout/", auth.logout_view, name="logout"),
    path("two-factor/", security.two_factor, name="two_factor"),
    path("password/", security.PasswordChangeView.as_view(), name="password"),
    path("password/setup/", setup.password_setup, name="password_setup"),
    path("members/<int:user_id>/setup-code/", setup.issue_code, name="issue_code"),
    path("tokens/", tokens.token_list, name="tokens"),
    path("tokens/<int:pk>/revoke/", tokens.token_revoke, name="token_revoke"),
    path("security/", securityadmin.overview, name="security_admin"),
    path(
        "security/users/<int:pk>/reset-2fa/",
        securityadmin.reset_two_factor,
        name="security_reset_2fa",
    ),
    path("security/users/<int:pk>/unlock/", securityadmin.unlock, name="security_unlock"),
    path(
        "security/users/<int:pk>/end-sessions/",
        securityadmin.end_sessions,
        name="security_end_sessions",
    ),
]
