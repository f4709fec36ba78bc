from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from ludgrupper import views

urlpatterns = [
    path("", include("pages.urls")),
    path("", include("groups.urls")),
    path("", include("meetings.urls")),
    path("", include("issues.urls")),
    path("", include("minutes.urls")),
    path("", include("privacy.urls")),
    path("", include("alerts.urls")),
    path("", include("reports.urls")),
    path("", include("finance.urls")),
    path("", include("participation.urls")),
    path("konto/", include("accounts.urls")),
    path("", include("core.urls")),
    path("i18n/setlang/", set_language, name="set_language"),
    path("brand.css", views.brand_css, name="brand_css"),
    path("admin/", admin.site.urls),
]

handler400 = "ludgrupper.views.bad_request"
handler403 = "ludgrupper.views.permission_denied"
handler404 = "ludgrupper.views.page_not_found"
handler500 = "ludgrupper.views.server_error"
