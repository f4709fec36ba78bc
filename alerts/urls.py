from django.urls import path

from alerts import views

app_name = "alerts"

urlpatterns = [
    path("omraden/<slug:slug>/bevaka/", views.subscribe, name="subscribe"),
    path("bevaka/bekrafta/<str:token>/", views.confirm, name="confirm"),
    path("bevaka/avsluta/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("konto/aviseringar/", views.member_settings, name="settings"),
]
