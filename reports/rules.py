"""Who may read the yearly report: the municipality's people (the coordinator and the
officials) and the elected representatives it is written for. Representatives may not: the
report compares groups."""

import rules

from accounts.rules import is_coordinator
from groups.rules import is_elected_representative
from officials.rules import is_staff_member

rules.add_perm("reports.view_report", is_staff_member | is_elected_representative)
# Sending it to the committees (with the case number): the coordinator.
rules.add_perm("reports.send_report", is_coordinator)
