from django.urls import path

from privacy import views

app_name = "privacy"

urlpatterns = [
    path("konto/mina-uppgifter/", views.my_data, name="my_data"),
    path("konto/mina-uppgifter/mina-uppgifter.zip", views.my_data_download, name="my_data_download"),
    path("konto/lamna-grupp/<int:pk>/", views.leave_group, name="leave_group"),
    path("konto/avsluta/", views.close_own_account, name="close_own_account"),
    path("konto/avsluta/<int:pk>/", views.close_account_of, name="close_account_of"),
    path("granskningslogg/", views.audit_log, name="audit_log"),
    path("moten/<int:pk>/allmanna-handlingar/", views.public_records, name="public_records"),
    path("integritet/", views.privacy_notice, name="privacy_notice"),
    path("tillganglighet/", views.accessibility, name="accessibility"),
]
