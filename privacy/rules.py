"""Who may do what with personal data, the audit log and public records."""

import rules

from accounts.rules import is_coordinator


@rules.predicate
def is_logged_in(user) -> bool:
    return user.is_authenticated


@rules.predicate
def is_own_current_membership(user, membership) -> bool:
    return membership is not None and membership.is_current and membership.person_id == user.pk


# Everyone downloads their own data and closes their own account.
rules.add_perm("privacy.download_own_data", is_logged_in)
rules.add_perm("privacy.close_own_account", is_logged_in)
# A representative leaves a group themselves (object: their current membership).
rules.add_perm("privacy.leave_group", is_own_current_membership)
# The coordinator closes someone's account on request, reads the audit log and exports a
# meeting's public records for the registrar.
rules.add_perm("privacy.close_account_of", is_coordinator)
rules.add_perm("privacy.view_audit_log", is_coordinator)
rules.add_perm("privacy.export_public_records", is_coordinator)
