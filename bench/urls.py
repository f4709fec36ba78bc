from django.urls import include, path

from bench import reference

urlpatterns = [
    path("bench/bare/", reference.bare),
    path("bench/plain/", reference.plain),
    path("", include("ludgrupper.urls")),
]
