"""Demo subscriptions for seed_demo: a few residents who confirmed they follow areas."""

from alerts import services, tokens
from alerts.models import Subscription
from groups.models import Area

SUBSCRIBERS = [
    ("boende.lagan@example.se", ["lagan"], ["follow_agendas", "follow_minutes", "follow_issues"]),
    ("sommargast@example.se", ["lagan", "bolmens-ostra-strand"], ["follow_issues"]),
    ("foreningen.ryssby@example.se", ["ryssby"], ["follow_agendas", "follow_minutes"]),
]


def seed_subscriptions() -> None:
    for email, slugs, follows in SUBSCRIBERS:
        if Subscription.objects.filter(email=email).exists():
            continue
        subscription = services.subscription_request(
            email=email, areas=Area.objects.filter(slug__in=slugs), follows=follows, client=None
        )
        services.subscription_confirm(token=tokens.confirm_token(subscription))
