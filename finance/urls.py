from django.urls import path

from finance import views

app_name = "finance"

urlpatterns = [
    path("sakfragor/<int:pk>/budget/", views.referral_set, name="referral_set"),
    path("sakfragor/<int:pk>/budget/utfall/", views.referral_decide, name="referral_decide"),
    path("budget/", views.referral_export, name="export"),
    path("budget/<int:year>.csv", views.referral_csv, name="csv"),
    path("budget/<int:year>.xlsx", views.referral_xlsx, name="xlsx"),
    path("bygdefonder/", views.fund_list, name="funds"),
    path("bygdefonder/<int:pk>/ansok/", views.fund_apply, name="apply"),
    path("bygdefonder/ansokningar/<int:pk>/", views.application_detail, name="application"),
    path("bygdefonder/bilagor/<int:pk>.pdf", views.attachment, name="attachment"),
]
