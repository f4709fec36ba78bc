from django.urls import path

from core import views

app_name = "core"

urlpatterns = [
    path("utkorg/", views.outbox, name="outbox"),
    path("utkorg/skicka-igen/", views.resend_all_failed, name="resend_all_failed"),
    path("utkorg/<int:pk>/skicka-igen/", views.delivery_resend, name="delivery_resend"),
]
