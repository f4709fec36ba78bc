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
def is_referred_to_their_committee(user, issue) -> bool:
    """An elected representative sitting on the committee responsible for the issue."""
    representative = elected_representative_of(user)
    return issue is not None and representative is not None and representative.sits_on(issue.committee_id)


# The register of every group's issues: the municipality's people.
rules.add_perm("issues.view_issue_list", is_staff_member)
# One issue's page (object: the issue): the municipality's people, the group's members and the
# elected representatives of the committee responsible.
rules.add_perm(
    "issues.view_issue_page", is_staff_member | is_member_of_the_issues_group | is_referred_to_their_committee
)
# Creating issues, editing them and changing their status: the coordinator.
rules.add_perm("issues.manage_issues", is_coordinator)
# Answering an issue (object: the issue): the coordinator, or an official of the department
# responsible. Whether the issue still takes an answer (it is not closed) is the issue's own
# question (Issue.accepts_answers), which issue_answer asks with this one.
may_answer = is_coordinator | is_official_of_the_responsible_department
rules.add_perm("issues.answer_issue", may_answer)
