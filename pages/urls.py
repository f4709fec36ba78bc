from django.urls import path

from pages import feeds, views

app_name = "pages"

urlpatterns = [
    path("", views.home, name="home"),
    path("konto/start/", views.start, name="start"),
    path("omraden/<slug:slug>/", views.area, name="area"),
    path("flode.atom", feeds.MunicipalityFeed(), name="feed"),
    path("omraden/<slug:slug>/flode.atom", feeds.AreaFeed(), name="area_feed"),
    path("mina-grupper/", views.my_groups, name="my_groups"),
    path("mina-moten/", views.my_meetings, name="my_meetings"),
    path("fortroendevald/", views.elected_representative, name="elected_representative"),
    path("moten/<int:pk>/", views.meeting, name="meeting"),
    path("moten/<int:pk>/svar/", views.rsvp, name="rsvp"),
    path("forankring/<int:pk>/", views.agenda_review, name="agenda_review"),
]
