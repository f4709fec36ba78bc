"""The demo data of issue 10: timelines in every state, one update waiting for approval, one
issue overdue, confirmed subscriptions; and running seed_demo again adds nothing."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings

from alerts.models import Subscription
from issues.models import Issue, IssueUpdate
from issues.selectors import issues_for_listing


@pytest.mark.django_db
def test_seed_demo_makes_timelines_and_subscriptions_once():
    with override_settings(DEBUG=True, PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        call_command("seed_demo", stdout=StringIO())
        counts = (IssueUpdate.objects.count(), Subscription.objects.count())
        call_command("seed_demo", stdout=StringIO())

    assert (IssueUpdate.objects.count(), Subscription.objects.count()) == counts
    assert set(IssueUpdate.objects.values_list("state", flat=True)) == set(IssueUpdate.State)
    assert IssueUpdate.objects.awaiting_approval().count() >= 1
    assert issues_for_listing().filter(is_overdue=True).exists()
    assert Issue.objects.filter(public_since__isnull=False).exists()
    assert Subscription.objects.filter(confirmed_at__isnull=False).count() == 3
