from django.contrib import admin
from django.urls import include, path

from zakupki.api.root import api

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("", include("zakupki.web.urls")),
]
