from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("rapporter/", views.latest, name="latest"),
    path("rapporter/<int:year>/", views.report, name="report"),
    path("rapporter/<int:year>/skicka/", views.report_send, name="send"),
    path("rapporter/<int:year>.pdf", views.report_pdf, name="pdf"),
    path("rapporter/<int:year>.csv", views.report_csv, name="csv"),
    path("rapporter/<int:year>.xlsx", views.report_xlsx, name="xlsx"),
]
