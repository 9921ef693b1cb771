from django.urls import path

from gongkai.core.views import auth, home

app_name = "manage"
urlpatterns = [
    path("", home.dashboard, name="home"),
    path("login/", auth.LoginView.as_view(), name="login"),
    path("logout/", auth.logout_view, name="logout"),
]
