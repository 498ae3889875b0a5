from django.urls import path

from zakupki.web.views import home

app_name = "web"

urlpatterns = [
    path("", home.index, name="index"),
    path("home/", home.home, name="home"),
]
