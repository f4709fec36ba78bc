from django.urls import path

from groups import views

app_name = "groups"

urlpatterns = [
    path("grupper/", views.overview, name="overview"),
    path("grupper/<slug:slug>/", views.group_detail, name="detail"),
    path("grupper/<slug:slug>/medlemmar/ny/", views.membership_add, name="membership_add"),
    path("grupper/<slug:slug>/kontaktperson/", views.main_contact_hand_over, name="main_contact"),
    path("grupper/<slug:slug>/bjud-in/", views.invitation_create, name="invite"),
    path("medlemskap/<int:pk>/avsluta/", views.membership_end, name="membership_end"),
    path("inbjudningar/", views.invitation_list, name="invitations"),
    path("inbjudningar/<int:pk>/skicka-igen/", views.invitation_resend, name="invitation_resend"),
    path("inbjudningar/<int:pk>/aterkalla/", views.invitation_revoke, name="invitation_revoke"),
    path("inbjudan/<str:token>/", views.invitation_accept, name="invitation_accept"),
    path("organisationer/", views.organisation_list, name="organisations"),
    path("organisationer/ny/", views.organisation_edit, name="organisation_create"),
    path("organisationer/<int:pk>/andra/", views.organisation_edit, name="organisation_edit"),
    path("organisationer/<int:pk>/bekrafta/", views.organisation_confirm, name="organisation_confirm"),
]
