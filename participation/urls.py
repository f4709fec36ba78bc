from django.urls import path

from participation import views

app_name = "participation"

urlpatterns = [
    # Residents, no account
    path("omraden/<slug:slug>/forslagslada/", views.suggestion_box, name="suggestion_box"),
    path("omraden/<slug:slug>/forslagslada/tack/", views.suggestion_thanks, name="suggestion_thanks"),
    path(
        "omraden/<slug:slug>/forslagslada/affisch.pdf",
        views.suggestion_box_poster,
        name="suggestion_box_poster",
    ),
    path("enkat/<int:pk>/affisch.pdf", views.survey_poster, name="survey_poster"),
    path("enkat/<int:pk>/", views.survey_answer, name="survey_answer"),
    path("enkat/<int:pk>/tack/", views.survey_thanks, name="survey_thanks"),
    path("enkat/<int:pk>/klass/", views.class_answer, name="class_answer"),
    path("enkat/<int:pk>/resultat/", views.public_results, name="public_results"),
    # The coordinator's moderation
    path("forslagslador/", views.moderation_overview, name="moderation_overview"),
    path("forslagslador/<slug:slug>/", views.moderation_queue, name="moderation_queue"),
    path("forslagslador/forslag/<int:pk>/publicera/", views.suggestion_publish, name="suggestion_publish"),
    path("forslagslador/forslag/<int:pk>/publicera-inte/", views.suggestion_hide, name="suggestion_hide"),
    path(
        "forslagslador/forslag/<int:pk>/dagordning/", views.suggestion_to_agenda, name="suggestion_to_agenda"
    ),
    path("forslagslador/forslag/<int:pk>/sakfraga/", views.suggestion_to_issue, name="suggestion_to_issue"),
    # Representatives and the coordinator
    path("forslagslador/<slug:slug>/registrera/", views.suggestion_register, name="suggestion_register"),
    path("forslagslador/<slug:slug>/publicerade/", views.member_suggestions, name="member_suggestions"),
    path("forslagslador/forslag/<int:pk>/stod/", views.suggestion_support, name="suggestion_support"),
    # Surveys, the coordinator
    path("enkater/", views.survey_list, name="survey_list"),
    path("enkater/ny/", views.survey_edit, name="survey_create"),
    path("enkater/<int:pk>/", views.survey_manage, name="survey_manage"),
    path("enkater/<int:pk>/andra/", views.survey_edit, name="survey_edit"),
    path("enkater/<int:pk>/fragor/", views.question_add, name="question_add"),
    path("enkater/fragor/<int:pk>/flytta/", views.question_move, name="question_move"),
    path("enkater/fragor/<int:pk>/ta-bort/", views.question_remove, name="question_remove"),
    path("enkater/<int:pk>/klasskoder/", views.class_codes_create, name="class_codes_create"),
    path("enkater/<int:pk>/resultat/", views.survey_results, name="survey_results"),
    path("enkater/<int:pk>/resultat.csv", views.survey_results_csv, name="survey_results_csv"),
]
