from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from ludgrupper.mail import send_templated_mail


def send_invitation(*, invitation, token: str) -> None:
    send_templated_mail(
        to=[invitation.email],
        template="invitation",
        context={
            "invitation": invitation,
            "group": invitation.group,
            "accept_url": settings.SITE_URL + reverse("groups:invitation_accept", kwargs={"token": token}),
            "expires_on": timezone.localtime(invitation.expires_at).date(),
        },
    )
