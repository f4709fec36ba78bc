from django.urls import path

from issues import views

app_name = "issues"

urlpatterns = [
    path("sakfragor/", views.issue_list, name="list"),
    path("sakfragor/ny/", views.issue_create, name="create"),
    path("sakfragor/export.<str:file_format>", views.issue_export, name="export"),
    path("sakfragor/<int:pk>/", views.issue_detail, name="detail"),
    path("sakfragor/<int:pk>/andra/", views.issue_edit, name="edit"),
    path("sakfragor/<int:pk>/uppdatera/", views.issue_add_update, name="add_update"),
    path("sakfragor/att-godkanna/", views.approval_queue, name="approval_queue"),
    path("sakfragor/uppdateringar/<int:pk>/godkann/", views.update_approve, name="approve_update"),
    path("sakfragor/uppdateringar/<int:pk>/returnera/", views.update_return, name="return_update"),
    path("omraden/<slug:slug>/sakfragor/", views.public_list, name="public_list"),
    path("sakfragor/<int:pk>/status/", views.issue_change_status, name="status"),
]
