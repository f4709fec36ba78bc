from django.urls import path

from issues import views

app_name = "issues"

urlpatterns = [
    path("sakfragor/", views.issue_list, name="list"),
    path("sakfragor/ny/", views.issue_create, name="create"),
    path("sakfragor/<int:pk>/", views.issue_detail, name="detail"),
    path("sakfragor/<int:pk>/andra/", views.issue_edit, name="edit"),
    path("sakfragor/<int:pk>/svara/", views.issue_answer, name="answer"),
    path("sakfragor/<int:pk>/status/", views.issue_change_status, name="status"),
]
