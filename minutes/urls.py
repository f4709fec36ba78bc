from django.urls import path

from minutes import views

app_name = "minutes"

urlpatterns = [
    path("moten/<int:pk>/minnesanteckningar/", views.minutes_public, name="public"),
    path("moten/<int:pk>/minnesanteckningar.pdf", views.minutes_pdf, name="pdf"),
    path(
        "moten/<int:pk>/minnesanteckningar/v<int:number>.pdf", views.minutes_pdf_version, name="pdf_version"
    ),
    path("moten/<int:pk>/minnesanteckningar/skillnad/", views.minutes_diff, name="diff"),
    path("moten/<int:pk>/minnesanteckningar/paborja/", views.minutes_start, name="start"),
    path("moten/<int:pk>/minnesanteckningar/skriv/", views.minutes_edit, name="edit"),
    path(
        "moten/<int:pk>/minnesanteckningar/granskning/", views.minutes_send_for_review, name="send_for_review"
    ),
    path("moten/<int:pk>/minnesanteckningar/publicera/", views.minutes_release, name="release"),
    path("moten/<int:pk>/minnesanteckningar/rattelse/", views.minutes_correction, name="correction"),
    path("moten/<int:pk>/historik/", views.meeting_history, name="history"),
    path("minnesanteckningar/granska/<int:pk>/", views.minutes_review, name="review"),
    path("minnesanteckningar/justera/<int:pk>/", views.sign_off, name="sign_off"),
]
