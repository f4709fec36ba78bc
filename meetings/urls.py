from django.urls import path

from meetings import views

app_name = "meetings"

urlpatterns = [
    path("moten/<int:pk>/kalender.ics", views.meeting_ics, name="ics"),
    path("omraden/<slug:slug>/moten.ics", views.group_feed_ics, name="group_feed"),
    path("moten/<int:pk>/forslag/nytt/", views.proposal_create, name="propose"),
    path("forslag/<int:pk>/andra/", views.proposal_edit, name="proposal_edit"),
    path("forslag/<int:pk>/dra-tillbaka/", views.proposal_withdraw, name="proposal_withdraw"),
    path("grupper/<slug:slug>/moten/nytt/", views.meeting_create, name="create"),
    path("moten/<int:pk>/andra/", views.meeting_edit, name="edit"),
    path("moten/<int:pk>/hantera/", views.meeting_manage, name="manage"),
    path("moten/<int:pk>/oppna/", views.meeting_open, name="open"),
    path("moten/<int:pk>/forankra/", views.meeting_send_for_review, name="send_for_review"),
    path("moten/<int:pk>/publicera/", views.meeting_publish, name="publish"),
    path("moten/<int:pk>/genomfort/", views.meeting_mark_held, name="mark_held"),
    path("moten/<int:pk>/stall-in/", views.meeting_cancel, name="cancel"),
    path("moten/<int:pk>/tjanstepersoner/", views.meeting_set_officials, name="officials"),
    path("moten/<int:pk>/narvaro/", views.attendance, name="attendance"),
    path("moten/<int:pk>/punkter/ny/", views.agenda_item_add, name="item_add"),
    path("punkter/<int:pk>/andra/", views.agenda_item_edit, name="item_edit"),
    path("punkter/<int:pk>/flytta/", views.agenda_item_move, name="item_move"),
    path("punkter/<int:pk>/ta-bort/", views.agenda_item_remove, name="item_remove"),
    path("forslag/<int:pk>/godta/", views.proposal_accept, name="proposal_accept"),
    path("forslag/<int:pk>/avsla/", views.proposal_decline, name="proposal_decline"),
    path("forslag/<int:pk>/sla-ihop/", views.proposal_merge, name="proposal_merge"),
    path("moten/omgangar/", views.round_list, name="rounds"),
    path("moten/omgang/ny/", views.round_create, name="round_create"),
    path("moten/omgang/<int:pk>/", views.round_detail, name="round"),
    path("arshjul/", views.year_overview, name="year"),
]
