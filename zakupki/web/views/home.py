from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def index(request: HttpRequest) -> HttpResponse:
    return render(request, "web/index.html")


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "web/index.html")
