from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from core.mail import queue_mail


def about(invitation) -> str:
    """What an invitation's mails are filed under in the outbox (core.mail)."""
    return f"groups.invitation:{invitation.pk}"


def send_invitation(*, invitation, token: str) -> None:
    # The link holds the token, of which only a hash is kept: the outbox forgets the mail's
    # text once it is delivered (a failed one is sent again with a new link, from Inbjudningar).
    queue_mail(
        to=[invitation.email],
        template="invitation",
        sensitive=True,
        about=about(invitation),
        context={
            "invitation": invitation,
            "group": invitation.group,
            "accept_url": settings.SITE_URL + reverse("groups:invitation_accept", kwargs={"token": token}),
            "expires_on": timezone.localtime(invitation.expires_at).date(),
        },
    )
