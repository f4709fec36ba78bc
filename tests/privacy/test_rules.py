"""Who may do what with personal data, the audit log and public records: every permission of
privacy.rules for every role."""

import pytest

from groups.models import Membership
from tests.conftest import ROLES

pytestmark = pytest.mark.django_db

LOGGED_IN = set(ROLES) - {"anonymous"}
COORDINATORS = {"coordinator", "superuser"}


def _expect(allowed: set[str]) -> list[tuple[str, bool]]:
    return [(role, role in allowed) for role in ROLES]


@pytest.mark.parametrize("permission", ["privacy.download_own_data", "privacy.close_own_account"])
@pytest.mark.parametrize(("role", "expected"), _expect(LOGGED_IN))
def test_everyone_logged_in_has_their_own_data(request, permission, role, expected):
    assert request.getfixturevalue(role).has_perm(permission) is expected


@pytest.mark.parametrize(
    "permission", ["privacy.close_account_of", "privacy.view_audit_log", "privacy.export_public_records"]
)
@pytest.mark.parametrize(("role", "expected"), _expect(COORDINATORS))
def test_the_coordinator_closes_accounts_reads_the_audit_log_and_exports_records(
    request, permission, role, expected
):
    assert request.getfixturevalue(role).has_perm(permission) is expected


@pytest.mark.parametrize(("role", "expected"), _expect({"member"}))
def test_only_the_member_leaves_with_their_own_current_membership(request, lagan, member, role, expected):
    membership = Membership.objects.get(person=member, group=lagan)
    assert request.getfixturevalue(role).has_perm("privacy.leave_group", membership) is expected


def test_a_former_membership_cannot_be_left_again(former_member):
    membership = Membership.objects.get(person=former_member)
    assert not former_member.has_perm("privacy.leave_group", membership)
