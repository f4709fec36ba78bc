"""Who may do what with the issue register: predicates composed into the permissions that the
views, the templates and the services ask."""

import rules

from accounts.rules import is_coordinator
from groups.rules import elected_representative_of, is_current_member
from officials.rules import is_official, is_staff_member


@rules.predicate
def is_member_of_the_issues_group(user, issue) -> bool:
    return issue is not None and is_current_member(user, issue.group)


@rules.predicate
def is_official_of_the_responsible_department(user, issue) -> bool:
    if issue is None or issue.department_id is None or not is_official(user):
        return False
    return user.official.departments.filter(pk=issue.department_id).exists()


@rules.predicate
def is_public_issue(user, issue) -> bool:
    """From released minutes: anyone may read its public page."""
    return issue is not None and issue.is_public


@rules.predicate
def is_referred_to_their_committee(user, issue) -> bool:
    """An elected representative sitting on the committee responsible for the issue."""
    representative = elected_representative_of(user)
    return issue is not None and representative is not None and representative.sits_on(issue.committee_id)


# The register of every group's issues: the municipality's people.
rules.add_perm("issues.view_issue_list", is_staff_member)
# One issue's page (object: the issue): everyone once it is public (what is internal is shown
# to the municipality's people only: issues.see_internal), else the municipality's people, the
# group's members and the elected representatives of the committee responsible.
rules.add_perm(
    "issues.view_issue_page",
    is_public_issue | is_staff_member | is_member_of_the_issues_group | is_referred_to_their_committee,
)
# The internal parts of an issue's page: updates not yet published, who wrote them, history.
rules.add_perm("issues.see_internal", is_staff_member)
# Creating issues, editing them and changing their status: the coordinator.
rules.add_perm("issues.manage_issues", is_coordinator)
# Writing an update (object: the issue): the coordinator, or an official of the department
# responsible. Whether the issue still takes updates (it is not closed) is the issue's own
# question (Issue.accepts_updates), which issue_update_add asks with this one.
may_write_update = is_coordinator | is_official_of_the_responsible_department
rules.add_perm("issues.write_update", may_write_update)
# Approving or returning officials' updates, the approval queue: the coordinator.
may_approve = is_coordinator
rules.add_perm("issues.approve_updates", may_approve)
