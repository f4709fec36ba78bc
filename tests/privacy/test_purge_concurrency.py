from datetime import timedelta

import pytest
from django.utils import timezone

from core.models import Attempt
from privacy import services
from privacy.models import AuditAction, AuditEntry
from tests.test_concurrency import at_once

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_two_purges_at_once_remove_each_row_once_without_errors():
    old = timezone.now() - timedelta(days=31)
    Attempt.objects.bulk_create(
        [Attempt(scope="login-client", key=str(number), created_at=old) for number in range(50)]
    )

    results = at_once(2, lambda index: services.purge())

    assert not [result for result in results if isinstance(result, Exception)], results
    assert sum(result["login_attempts"] for result in results) == 50
    assert Attempt.objects.count() == 0
    assert AuditEntry.objects.filter(action=AuditAction.PURGED).count() == 2
